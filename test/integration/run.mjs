// Runs the integration tests through the standard @vscode/test-electron API. Here the
// "executable" is scripts/code-launcher (code-server + headless Chromium); set VSCODE_EXECUTABLE
// to a desktop VS Code binary to run the same tests there instead.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
// A copy, so tests that edit files never dirty the checkout.
const workspace = mkdtempSync(join(tmpdir(), 'marginalia-workspace-'));
cpSync(join(repo, 'media', 'articles'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? join(repo, 'scripts', 'code-launcher'),
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [workspace],
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
