// Post-processing of FIM answers: hand-picked cases for each rule, then the corpus of real code
// spans (axios, a pinned dev dependency) with the noise real models add.
import * as assert from 'node:assert/strict';
import { cleanCompletion, completionMode, type CleanContext } from '../../src/completions/postprocess';
import { withFimNoise } from '../mock-server';
import { corpusSpans, NOISE_SETS } from '../fim-corpus';

/** `text` with `|` at the cursor. */
function at(text: string, multiline?: boolean, useTabs = false): CleanContext {
  const i = text.indexOf('|');
  const prefix = text.slice(0, i);
  const suffix = text.slice(i + 1);
  const linePrefix = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const lineSuffix = suffix.split('\n')[0]!;
  return { prefix, suffix, multiline: multiline ?? completionMode(linePrefix, lineSuffix) === 'multi', useTabs, tabSize: 4 };
}

describe('completions: post-processing', () => {
  it('removes the rest of the line the model repeated (auto-closed brackets)', () => {
    assert.equal(cleanCompletion('a, b);', at('const x = add(|);\n')), 'a, b');
  });

  it('removes a repeated rest of the line that has no brackets (auto-closed quote)', () => {
    assert.equal(cleanCompletion('hello world";', at('const s = "|";\n')), 'hello world');
  });

  it('keeps a closing bracket that is the answer\'s own', () => {
    assert.equal(cleanCompletion('g(x)', at('const y = f(|)\n')), 'g(x)');
  });

  it('removes whole lines that repeat what follows the cursor', () => {
    const ctx = at('function f() {|\n}\n\nconst z = 1;\n');
    assert.equal(cleanCompletion('\n    return 1;\n}', ctx), '\n    return 1;');
  });

  it('keeps a repeated `}` that closes a block the answer opened', () => {
    const ctx = at('function f() {|\n}\n');
    assert.equal(cleanCompletion('\n    if (a) {\n        go();\n    }', ctx), '\n    if (a) {\n        go();\n    }');
  });

  it('removes a closing bracket the suffix already has', () => {
    const ctx = at('function f() {\n    return g(1|\n}\n');
    assert.equal(cleanCompletion(');}', ctx), ');');
  });

  it('single-line mode stops at the line end; an answer starting with a line break is dropped', () => {
    assert.equal(cleanCompletion('foo();\nbar();', at('x.|\n', false)), 'foo();');
    assert.equal(cleanCompletion('\nbar();', at('x.|\n', false)), undefined);
  });

  it('drops stray blank lines and trailing whitespace', () => {
    assert.equal(cleanCompletion('value;\n\n\n', at('return |\n')), 'value;');
  });

  it('an answer that ends with a line break before code on the cursor\'s line keeps the cursor\'s indentation', () => {
    const ctx = at('{\n    |return x;\n}\n', true);
    assert.equal(cleanCompletion('const y = 1;\n\n', ctx), 'const y = 1;\n    ');
  });

  it('rewrites indentation in the document\'s style and drops repeated indentation', () => {
    const ctx = at('{\n\t|\n}\n', true, true);
    assert.equal(cleanCompletion('if (a) {\n        go();\n    }', ctx), 'if (a) {\n\t\tgo();\n\t}');
    const spaces = at('{\n    |\n}\n', true);
    assert.equal(cleanCompletion('    go();', spaces), 'go();');
  });

  it('drops whitespace-only answers and repeats of the line above or below', () => {
    assert.equal(cleanCompletion('   \n\n', at('x = |\n')), undefined);
    assert.equal(cleanCompletion('console.log(total);', at('    console.log(total);\n    |\n')), undefined);
    assert.equal(cleanCompletion('console.log(total);', at('    |\n    console.log(total);\n')), undefined);
  });

  it('multi-line only on an empty line or after a block opener with only closers after the cursor', () => {
    assert.equal(completionMode('    ', ''), 'multi');
    assert.equal(completionMode('function f() {', ''), 'multi');
    assert.equal(completionMode('if x:', ''), 'multi');
    assert.equal(completionMode('foo(', ')'), 'multi');
    assert.equal(completionMode('const x = fo', ''), 'single');
    assert.equal(completionMode('foo(', 'a, b)'), 'single');
    assert.equal(completionMode('    ', '', 'singleLine'), 'single');
    assert.equal(completionMode('const x', '', 'multiLine'), 'multi');
  });

  describe('on a corpus of real code spans (axios)', () => {
    const spans = corpusSpans(undefined, 6);

    it('has enough spans of each kind', () => {
      for (const kind of ['line-rest', 'auto-closed', 'block'] as const) assert.ok(spans.filter((s) => s.kind === kind).length >= 40, kind);
    });

    it('recovers the right middle from noisy answers in at least 95 % of cases', () => {
      let total = 0;
      let recovered = 0;
      for (const s of spans) {
        const ctx: CleanContext = { prefix: s.prefix, suffix: s.suffix, multiline: s.multiline, useTabs: false, tabSize: 2 };
        for (const noise of NOISE_SETS) {
          const noisy = withFimNoise(s.middle, s.suffix, noise);
          if (noisy === s.middle) continue;
          total++;
          if (cleanCompletion(noisy, ctx) === s.middle) recovered++;
        }
      }
      assert.ok(total > 500, `${total} noisy answers`);
      assert.ok(recovered / total >= 0.95, `${recovered}/${total} recovered`);
    });

    it('makes at most 1 % of correct answers wrong', () => {
      const wrong = spans.filter((s) => cleanCompletion(s.middle, { prefix: s.prefix, suffix: s.suffix, multiline: s.multiline, useTabs: false, tabSize: 2 }) !== s.middle);
      assert.ok(wrong.length / spans.length <= 0.01, `${wrong.length}/${spans.length}: ${wrong.slice(0, 3).map((s) => JSON.stringify(s.middle)).join(', ')}`);
    });
  });
});
