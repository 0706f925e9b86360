// A fresh copy of test/fixtures/editing inside the workspace folder for each test, so tests never share files
// and never depend on order; `dispose` closes what the test opened and removes the copy and its reading.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension';
import { api } from './util';

let counter = 0;

export interface FixtureCopy {
  dir: string;
  uri(name: string): vscode.Uri;
  read(name: string): string;
  write(name: string, text: string): void;
  m: MarginaliaApi;
  dispose(): Promise<void>;
}

export async function copyFixture(folder = 'editing'): Promise<FixtureCopy> {
  const { api: m, extension } = await api();
  const source = path.join(extension.extensionUri.fsPath, 'test', 'fixtures', folder);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-'));
  const dir = path.join(root, `${folder}-${process.pid}-${Date.now()}-${counter++}`);
  fs.cpSync(source, dir, { recursive: true });
  const uri = (name: string): vscode.Uri => vscode.Uri.file(path.join(dir, name));
  return {
    dir,
    m,
    uri,
    read: (name) => fs.readFileSync(path.join(dir, name), 'utf8'),
    write: (name, text) => fs.writeFileSync(path.join(dir, name), text),
    async dispose() {
      // Revert what a test left unsaved, so closing never asks.
      for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.fsPath.startsWith(dir))) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        m.store.forget(uri(f));
        try {
          fs.chmodSync(path.join(dir, f), 0o644);
        } catch {
          // Already gone.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
