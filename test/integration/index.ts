// The mocha runner inside the VS Code extension host (the `extensionTestsPath` module). It loads
// every bundled `*.test.js` beside it, runs them in this one session, and ends with a plain
// `integration: N passed, N failed, N skipped` line; a failure rejects, which makes VS Code exit 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import * as vscode from 'vscode';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function run(): Promise<void> {
  console.log(
    `integration: VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, ` +
      `remote ${vscode.env.remoteName ?? 'none'}, Node ${process.version})`,
  );
  // Log lines reach the test launcher one console.log call at a time and unformatted ('%d
  // passing'), so the reporter's printf-style calls are formatted here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 30_000,
    ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}),
  });
  const files = testFiles(__dirname);
  if (files.length === 0) throw new Error(`integration: no *.test.js under ${__dirname}`);
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();

  let runner: Mocha.Runner | undefined;
  const failed = await new Promise<number>((resolve) => {
    runner = mocha.run(resolve);
  });
  const passed = runner?.stats?.passes ?? 0;
  const skipped = runner?.stats?.pending ?? 0;
  console.log(`integration: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  if (passed === 0) throw new Error('integration: no test passed (none ran?)');
}
