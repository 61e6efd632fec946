// The commit message prompt: secret filtering, diff budgeting, subject-style detection.
import * as assert from 'node:assert/strict';
import { budgetDiff, cleanCommitMessage, commitMessagePrompt, detectSubjectStyle, filterSecrets, isSecretPath, splitDiff } from '../../src/prompts/commitMessage';

const fileDiff = (path: string, lines: number, width = 40): string =>
  `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,${lines} +1,${lines} @@\n` +
  Array.from({ length: lines }, (_, i) => `+${`line ${i} of ${path} `.padEnd(width, 'x')}`).join('\n') + '\n';

describe('commit message: secret filtering', () => {
  it('leaves out environment files, keys, certificates and credential stores', () => {
    for (const p of ['.env', 'config/.env.local', '.env.production', 'id_rsa', 'deploy/server.key', 'certs/site.pem', 'a.p12', 'ca.crt', '.npmrc', 'secrets.yaml', 'credentials.json', 'gcp-service-account-prod.json']) {
      assert.equal(isSecretPath(p), true, p);
    }
  });

  it('keeps ordinary files and example copies of env files', () => {
    for (const p of ['src/env.ts', '.env.example', 'README.md', 'keyboard.ts', 'docs/keys.md', 'src/certificate.ts']) assert.equal(isSecretPath(p), false, p);
  });

  it('splits a diff per file and lists the secret ones by name, without their content', () => {
    const diff = fileDiff('src/a.ts', 2) + fileDiff('.env', 1) + fileDiff('b.md', 1);
    const files = splitDiff(diff);
    assert.deepEqual(files.map((f) => f.path), ['src/a.ts', '.env', 'b.md']);
    const { kept, secret } = filterSecrets(files);
    assert.deepEqual(kept.map((f) => f.path), ['src/a.ts', 'b.md']);
    assert.deepEqual(secret, ['.env']);
    const prompt = commitMessagePrompt({ diffText: kept.map((f) => f.diff).join(''), allChanges: false, style: detectSubjectStyle([]), language: 'repository', secretFiles: secret });
    assert.doesNotMatch(prompt[1]!.content as string, /line 0 of \.env/);
    assert.match(prompt[1]!.content as string, /not shown because they may hold secrets: \.env/);
  });
});

describe('commit message: diff budget', () => {
  it('sends a diff that fits whole', () => {
    const files = splitDiff(fileDiff('a.ts', 5) + fileDiff('b.ts', 5));
    const { text, summarised } = budgetDiff(files, 10_000);
    assert.equal(summarised, 0);
    assert.equal(text, files.map((f) => f.diff.trimEnd()).join('\n'));
  });

  it('a large diff stays within the budget, lists every file, keeps small files whole and cuts the big one', () => {
    const files = splitDiff(fileDiff('small.ts', 3) + fileDiff('huge.ts', 5000) + fileDiff('medium.ts', 20));
    const budget = 6000;
    const { text, summarised } = budgetDiff(files, budget);
    assert.ok(text.length <= budget, `${text.length} > ${budget}`);
    for (const f of files) assert.match(text, new RegExp(`- ${f.path.replace('.', '\\.')} \\(\\+\\d+ −0\\)`));
    assert.match(text, /\+5000 −0/);
    assert.ok(text.includes(files[0]!.diff.trimEnd()), 'the small file whole');
    assert.ok(text.includes(files[2]!.diff.trimEnd()), 'the medium file whole');
    assert.match(text, /huge\.ts: the rest of this file's diff is left out/);
    assert.equal(summarised, 1);
    // The cut falls on a line boundary: no half line before the note.
    assert.match(text, /x\n… \(huge\.ts/);
  });

  it('with a tiny budget every file is still named', () => {
    const files = splitDiff(fileDiff('a.ts', 400) + fileDiff('b.ts', 400));
    const { text } = budgetDiff(files, 300);
    assert.ok(text.length <= 300);
    assert.match(text, /a\.ts \(\+400/);
    assert.match(text, /b\.ts \(\+400/);
  });
});

describe('commit message: subject style', () => {
  it('recognises conventional commits in English', () => {
    const style = detectSubjectStyle(['feat(chat): add history search', 'fix: keep the draft', 'docs: readme', 'Merge branch "x"', 'tidy up']);
    assert.deepEqual({ language: style.language, conventional: style.conventional }, { language: 'english', conventional: true });
    assert.ok(!style.examples.some((s) => s.startsWith('Merge')), 'merge commits are not examples');
  });

  it('recognises Chinese subjects without a prefix', () => {
    const style = detectSubjectStyle(['修复状态栏余额显示', '新增提交信息生成', 'Update README', '调整价格表']);
    assert.deepEqual({ language: style.language, conventional: style.conventional }, { language: 'chinese', conventional: false });
  });

  it('an empty history is English and not conventional; the setting can force a language', () => {
    const style = detectSubjectStyle([]);
    assert.deepEqual({ language: style.language, conventional: style.conventional }, { language: 'english', conventional: false });
    const chinese = commitMessagePrompt({ diffText: 'x', allChanges: true, style, language: 'chinese', secretFiles: [] });
    assert.match(chinese[0]!.content as string, /Simplified Chinese/);
    assert.match(chinese[1]!.content as string, /Nothing is staged/);
    const followed = commitMessagePrompt({ diffText: 'x', allChanges: false, style: detectSubjectStyle(['修复', '新增']), language: 'repository', secretFiles: [] });
    assert.match(followed[0]!.content as string, /Simplified Chinese/);
    assert.doesNotMatch(followed[1]!.content as string, /Nothing is staged/);
  });

  it('cleans a reply wrapped in a fence or quotes', () => {
    assert.equal(cleanCommitMessage('```\nfix: a\n\nbody\n```'), 'fix: a\n\nbody');
    assert.equal(cleanCommitMessage('"Add the balance"'), 'Add the balance');
    // Thinking written into the answer never reaches the commit box, in any of its forms.
    assert.equal(cleanCommitMessage('<think>The diff adds a check.</think>\nfix: check the key'), 'fix: check the key');
    assert.equal(cleanCommitMessage('The diff adds a check.</think>fix: check the key'), 'fix: check the key');
    assert.equal(cleanCommitMessage('<think>still thinking'), '');
    assert.equal(cleanCommitMessage('\n\nAdd X\n'), 'Add X');
  });
});
