// When inline completion asks at all, and how its settings are read.
import * as assert from 'node:assert/strict';
import { languageEnabled, skipReason } from '../../src/completions/settingsRules';
import { completionSettingsFrom, DEFAULT_FIM_MODEL } from '../../src/service/completionSettings';

const on = completionSettingsFrom({ enabled: true });
const file = { scheme: 'file', languageId: 'typescript', lineCount: 100, length: 4000 };

describe('completions: settings and when to ask', () => {
  it('defaults: off, the recommended free model, 250 ms, 128 tokens, auto lines', () => {
    assert.deepEqual(completionSettingsFrom({}), { enabled: false, model: DEFAULT_FIM_MODEL, debounceMs: 250, maxTokens: 128, lines: 'auto', languages: {} });
    assert.equal(DEFAULT_FIM_MODEL, 'Qwen/Qwen2.5-Coder-7B-Instruct');
  });

  it('unusable values fall back to their defaults', () => {
    const s = completionSettingsFrom({ enabled: 'yes', model: '  ', debounceMs: -5, maxTokens: 100_000, lines: 'many', languages: { python: 'no', go: false } });
    assert.deepEqual(s, { enabled: false, model: DEFAULT_FIM_MODEL, debounceMs: 250, maxTokens: 128, lines: 'auto', languages: { go: false } });
  });

  it('the per-language switch: a listed language wins over "*", unlisted ones follow "*"', () => {
    const s = completionSettingsFrom({ enabled: true, languages: { '*': false, python: true } });
    assert.equal(languageEnabled(s, 'python'), true);
    assert.equal(languageEnabled(s, 'go'), false);
    assert.equal(languageEnabled(on, 'go'), true);
  });

  it('asks for a file or an untitled document; not when off, snoozed, inline suggestions off, another scheme, a language off or a huge file', () => {
    assert.equal(skipReason(on, file, true, false), undefined);
    assert.equal(skipReason(on, { ...file, scheme: 'untitled' }, true, false), undefined);
    assert.equal(skipReason(completionSettingsFrom({}), file, true, false), 'disabled');
    assert.equal(skipReason(on, file, true, true), 'snoozed');
    assert.equal(skipReason(on, file, false, false), 'editor.inlineSuggest.enabled is off');
    for (const scheme of ['output', 'git', 'vscode-scm', 'siliconflow-proposal', 'diff']) assert.match(skipReason(on, { ...file, scheme }, true, false) ?? '', /not a file/, scheme);
    assert.equal(skipReason(completionSettingsFrom({ enabled: true, languages: { typescript: false } }), file, true, false), 'off for typescript');
    assert.equal(skipReason(on, { ...file, length: 2_000_000 }, true, false), 'file too large');
    assert.equal(skipReason(on, { ...file, lineCount: 60_000 }, true, false), 'file too large');
  });
});
