// "siliconflow.baseUrl" in settings.json and the Settings UI: any https URL (a gateway, the mock,
// SiliconFlow's api-st address) is valid, http only for this machine; the known SiliconFlow URLs
// are suggestions with descriptions, not an enum that marks every other URL as an error. The
// schema's pattern must agree with the rule the extension applies (service/validate.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validateSettings } from '../../src/service/validate';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const schema = manifest.contributes.configuration.properties['siliconflow.baseUrl'];
// VS Code compiles setting patterns with the 'u' flag.
const pattern = new RegExp(schema.pattern as string, 'u');
const schemaAccepts = (url: string): boolean => pattern.test(url) && (schema.type === 'string');
const runtimeAccepts = (url: string): boolean => !validateSettings({ model: 'm', baseUrl: url }).problems.some((p) => p.setting === 'siliconflow.baseUrl' && p.severity !== 'notice');

const VALID = [
  'https://api.siliconflow.cn/v1',
  'https://api.siliconflow.com/v1',
  'https://api-st.siliconflow.cn/v1',
  'https://gateway.example.com/siliconflow/v1',
  'https://llm.internal:8443/v1',
  'http://127.0.0.1:4000/v1',
  'http://localhost:8080/v1',
  'http://[::1]:4000/v1',
  'http://mock.localhost:4000/v1',
];
const INVALID = [
  'http://api.siliconflow.cn/v1',
  'http://localhost.example.com/v1',
  'http://192.168.1.5:8000/v1',
  'ftp://api.siliconflow.cn/v1',
  'https://user:secret@api.siliconflow.cn/v1',
  'api.siliconflow.cn/v1',
  'not a url',
];

describe('siliconflow.baseUrl in the settings schema', () => {
  it('is a string, not an enum: a custom URL is not an error and the Settings UI shows it as written', () => {
    assert.equal(schema.type, 'string');
    assert.equal(schema.enum, undefined);
  });

  it('accepts any https URL and http only for loopback, exactly as the extension does', () => {
    for (const url of VALID) {
      assert.equal(schemaAccepts(url), true, `schema refuses ${url}`);
      assert.equal(runtimeAccepts(url), true, `extension refuses ${url}`);
    }
    for (const url of INVALID) {
      assert.equal(schemaAccepts(url), false, `schema accepts ${url}`);
      assert.equal(runtimeAccepts(url), false, `extension accepts ${url}`);
    }
  });

  it('suggests the known SiliconFlow URLs, each with a description, and explains a refused value', () => {
    const suggestions = (schema.anyOf as { enum?: string[]; markdownEnumDescriptions?: string[] }[]).find((s) => s.enum)!;
    assert.deepEqual(suggestions.enum, ['https://api.siliconflow.cn/v1', 'https://api.siliconflow.com/v1', 'https://api-st.siliconflow.cn/v1']);
    for (const d of suggestions.markdownEnumDescriptions!) assert.ok(nls[d.slice(1, -1)], `no text for ${d}`);
    assert.ok((schema.anyOf as object[]).some((s) => JSON.stringify(s) === '{"type":"string"}'), 'other strings are allowed');
    assert.ok(nls[(schema.patternErrorMessage as string).slice(1, -1)]?.includes('https'));
    assert.equal(pattern.test(manifest.contributes.configuration.properties['siliconflow.baseUrl'].default), true);
  });
});
