import assert from 'node:assert/strict';
import { detectUseTabs, fitToRange, indentWidth, type RangeShape } from '../../src/edits/indent';

const spaces = (over: Partial<RangeShape> = {}): RangeShape => ({ linePrefix: '', original: '', useTabs: false, tabSize: 4, eol: '\n', ...over });

describe('fitToRange: proposed code fitted into the selection it replaces', () => {
  it('re-indents code the model dedented to the indentation of the selection, keeping its inner structure', () => {
    // Whole lines selected from column 0: the first line carries the indentation itself.
    const out = fitToRange('if (a) {\n  b();\n}', spaces({ original: '    if (a) {\n      c();\n    }\n' }));
    assert.equal(out, '    if (a) {\n      b();\n    }\n');
  });

  it('indents every line when the selection starts after the indentation of a nested line', () => {
    // Selected from the first non-blank character of "    if (a) {" to the end of "    }".
    const out = fitToRange('if (a) {\n  b();\n}', spaces({ linePrefix: '    ', original: 'if (a) {\n      c();\n    }' }));
    assert.equal(out, 'if (a) {\n      b();\n    }');
  });

  it('leaves code that kept its indentation as it is', () => {
    const code = '    if (a) {\n        b();\n    }';
    assert.equal(fitToRange(code, spaces({ linePrefix: '    ', original: 'x' })), 'if (a) {\n        b();\n    }');
  });

  it('moves code the model indented too far back to the selection column', () => {
    const out = fitToRange('        a();\n        b();', spaces({ linePrefix: '  ', original: 'a();\n  b();' }));
    assert.equal(out, 'a();\n  b();');
  });

  it('writes tabs in a tab-indented document even when the model answered with spaces', () => {
    const out = fitToRange('function f() {\n    return 1;\n}', spaces({ linePrefix: '\t', useTabs: true, original: 'function f() {\n\t\treturn 2;\n\t}' }));
    assert.equal(out, 'function f() {\n\t\treturn 1;\n\t}');
  });

  it('writes spaces in a space-indented document even when the model answered with tabs', () => {
    const out = fitToRange('def f():\n\treturn 1', spaces({ linePrefix: '    ', original: 'def f():\n        return 2' }));
    assert.equal(out, 'def f():\n        return 1');
  });

  it('keeps the text before an inline selection: the first line is not indented', () => {
    const out = fitToRange('  compute(a,\n  b)', spaces({ linePrefix: '    const x = ', original: 'compute(a, b)' }));
    assert.equal(out, 'compute(a,\n  b)');
  });

  it('fits a method selected from its first character when the model kept the indentation it was shown', () => {
    // The model was shown "  mul() {\n    return 1;\n  }" and answered with a comment on top.
    const out = fitToRange('  // doc\n  mul() {\n    return 1;\n  }', spaces({ linePrefix: '  ', original: 'mul() {\n    return 2;\n  }' }));
    assert.equal(out, '// doc\n  mul() {\n    return 1;\n  }');
  });

  it('aligns an inline selection on an indented line by its later lines', () => {
    const shape = spaces({ linePrefix: '    const x = ', original: 'foo(\n      a,\n    )' });
    assert.equal(fitToRange('foo(\n      b,\n    )', shape), 'foo(\n      b,\n    )', 'kept as it was');
    assert.equal(fitToRange('foo(\n  b,\n)', shape), 'foo(\n      b,\n    )', 'dedented by the model');
  });

  it('keeps the final line break of a whole-line selection, and adds none otherwise', () => {
    assert.equal(fitToRange('a();\n', spaces({ original: 'b();\n' })), 'a();\n');
    assert.equal(fitToRange('a();', spaces({ original: 'b();\n' })), 'a();\n');
    assert.equal(fitToRange('a();\n\n', spaces({ original: 'b();' })), 'a();');
  });

  it("uses the document's line endings", () => {
    assert.equal(fitToRange('a();\nb();', spaces({ eol: '\r\n', original: 'x\r\n' })), 'a();\r\nb();\r\n');
    assert.equal(fitToRange('a();\r\nb();', spaces({ original: 'x' })), 'a();\nb();');
  });

  it('takes the indentation from the first non-blank line when the selection starts with a blank line, and keeps that line', () => {
    assert.equal(fitToRange('a();\nb();', spaces({ original: '\n  x();\n  y();' })), '\n  a();\n  b();');
  });

  describe('keeps the whitespace at the edges of the selection exactly (the line structure around the code)', () => {
    // Apply the fitted code to a document the way the editor would, and show the whole result.
    const apply = (doc: string, start: number, end: number, code: string, eol: '\n' | '\r\n' = '\n'): string => {
      const lineStart = Math.max(doc.lastIndexOf('\n', start - 1) + 1, 0);
      const fitted = fitToRange(code, spaces({ linePrefix: doc.slice(lineStart, start), original: doc.slice(start, end), eol }));
      return doc.slice(0, start) + fitted + doc.slice(end);
    };
    const doc = 'function f() {\n  let total = 0;\n  let count = 0;\n  return total;\n}\n';
    const at = (line: number, column: number): number => doc.split('\n').slice(0, line).join('\n').length + (line ? 1 : 0) + column;

    it('a selection from the first non-blank character to inside a later line\'s indentation (Home, Shift+Down twice)', () => {
      assert.equal(
        apply(doc, at(1, 2), at(3, 2), '  let total = 1;\n  let count = 1;'),
        'function f() {\n  let total = 1;\n  let count = 1;\n  return total;\n}\n',
      );
      // The model answered without indentation, or with a trailing newline: the same lines.
      assert.equal(apply(doc, at(1, 2), at(3, 2), 'let total = 1;\nlet count = 1;\n'), 'function f() {\n  let total = 1;\n  let count = 1;\n  return total;\n}\n');
    });

    it('a selection starting inside the indentation', () => {
      assert.equal(apply(doc, at(1, 1), at(2, 16), 'let total = 1;\nlet count = 1;'), 'function f() {\n  let total = 1;\n  let count = 1;\n  return total;\n}\n');
    });

    it('a selection ending right after a line break, or at column 1 of the next line', () => {
      assert.equal(apply(doc, at(1, 0), at(3, 0), 'let total = 1;\nlet count = 1;'), 'function f() {\n  let total = 1;\n  let count = 1;\n  return total;\n}\n');
    });

    it('code inserted at a cursor in front of a line goes on lines of its own, the line keeping its indentation', () => {
      const fitted = fitToRange('a();\nb();', spaces({ linePrefix: '  ', original: '', lineSuffix: 'return total;' }));
      assert.equal('f() {\n  ' + fitted + 'return total;\n}', 'f() {\n  a();\n  b();\n  return total;\n}');
      assert.equal(fitToRange('a();', spaces({ linePrefix: '', original: '', lineSuffix: '' })), 'a();', 'an empty line is filled, not split');
    });

    it('trailing blank lines in the selection stay', () => {
      const gap = 'a();\n\n\nb();\n';
      assert.equal(apply(gap, 0, 6, 'c();\n'), 'c();\n\n\nb();\n');
    });

    it('CRLF documents keep their CRLF edges, and new lines get CRLF', () => {
      const crlf = doc.replace(/\n/g, '\r\n');
      const c = (line: number, column: number): number => crlf.split('\r\n').slice(0, line).join('\r\n').length + (line ? 2 : 0) + column;
      assert.equal(
        apply(crlf, c(1, 2), c(3, 2), 'let total = 1;\nlet count = 1;', '\r\n'),
        'function f() {\r\n  let total = 1;\r\n  let count = 1;\r\n  return total;\r\n}\r\n',
      );
    });
  });

  it('empties whitespace-only lines instead of indenting them', () => {
    assert.equal(fitToRange('a();\n   \nb();', spaces({ linePrefix: '  ', original: 'x' })), 'a();\n\n  b();');
  });

  it('measures tabs to the next tab stop', () => {
    assert.equal(indentWidth('\t', 4), 4);
    assert.equal(indentWidth('  \t', 4), 4);
    assert.equal(indentWidth('\t  ', 2), 4);
  });

  it('detects tabs or spaces from the first indented line', () => {
    assert.equal(detectUseTabs('a\n\tb\n    c'), true);
    assert.equal(detectUseTabs('a\n    b\n\tc'), false);
    assert.equal(detectUseTabs('a\nb'), undefined);
  });
});
