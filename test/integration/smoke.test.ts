// Sanity of the harness and the manifest: the extension is installed in this VS Code, activates,
// and every command it contributes is registered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'marginalia.marginalia';

interface ContributedCommand {
  command: string;
}

describe('smoke', () => {
  it('runs in a real VS Code', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it(`finds and activates ${extensionId}`, async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `${extensionId} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext);
    await ext.activate();
    const contributes = (ext.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes;
    const declared = (contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((c) => !registered.has(c)),
      [],
      'declared but not registered',
    );
  });
});
