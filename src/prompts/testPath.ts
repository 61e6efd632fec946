// Where a generated test file would go by the language's usual convention. Pure.

/**
 * Suggests a test file path next to `path` (a '/'-separated relative path): `a/b.ts` → `a/b.test.ts`,
 * `a/b.py` → `a/test_b.py`, `a/b.go` → `a/b_test.go`, `A.java` → `ATest.java`. Undefined when
 * the file has no extension (untitled documents) or is already a test file.
 */
export function suggestTestPath(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const file = path.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const stem = file.slice(0, dot);
  const ext = file.slice(dot + 1).toLowerCase();
  if (/(^test_|[._-]test$|[._-]spec$|_test$|Tests?$)/.test(stem)) return undefined;
  switch (ext) {
    case 'py':
      return `${dir}test_${stem}.py`;
    case 'go':
      return `${dir}${stem}_test.go`;
    case 'java':
    case 'kt':
    case 'cs':
    case 'swift':
    case 'scala':
      return `${dir}${stem}Test.${file.slice(dot + 1)}`;
    case 'rb':
      return `${dir}${stem}_spec.rb`;
    case 'rs':
    case 'c':
    case 'cpp':
    case 'cc':
    case 'h':
    case 'hpp':
      return `${dir}${stem}_test.${file.slice(dot + 1)}`;
    default:
      return `${dir}${stem}.test.${file.slice(dot + 1)}`;
  }
}
