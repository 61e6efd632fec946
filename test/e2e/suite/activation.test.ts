// The manifest and activation, as VS Code itself sees them: a contributed command that no code
// registers (a misspelled id, a forgotten registration) or a throwing activate() fails here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, contributedCommands } from './helpers';

describe('activation', () => {
  it('activates without throwing', async () => {
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
  });

  it('registers every command the manifest contributes', async () => {
    const ext = await activeExtension();
    const contributed = contributedCommands(ext).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed in package.json but not registered: ${missing.join(', ')}`);
  });

  it('registers the chat view (its focus command exists)', async () => {
    await activeExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('siliconflow.chat.focus'), 'view siliconflow.chat is not contributed');
  });

  it('gives every command a localized title and the SiliconFlow category', async () => {
    const ext = await activeExtension();
    const bad = contributedCommands(ext).filter((c) => !c.title || c.title.startsWith('%') || c.category !== 'SiliconFlow');
    assert.deepEqual(bad.map((c) => c.command), [], 'titles left as %placeholders% mean package.nls.json lacks them');
  });
});
