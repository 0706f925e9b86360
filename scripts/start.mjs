#!/usr/bin/env node
// `npm start`: VS Code (code-server) on http://127.0.0.1:${PORT:-3000}/ with this repository's
// extension installed (a symlink, so a rebuild plus "Developer: Reload Window" picks up
// changes), a workspace holding the bundled article, and the reader opening on start. Prints one
// line with the URL and stays in the foreground; Ctrl+C stops everything it started.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const port = Number(process.env.PORT ?? 3000);
const host = '127.0.0.1';

ensureDependencies();
try {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  console.error('[start] the build failed (node esbuild.mjs)');
  process.exit(1);
}
const { ensureVsCode } = await import('./vscode-install.mjs');
ensureVsCode();
const { startServer } = await import('./vscode-session.mjs');

const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const root = mkdtempSync(join(tmpdir(), 'marginalia-start-'));
let server;
try {
  const extensionsDir = join(root, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  symlinkSync(repo, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  const workspace = join(root, 'workspace');
  cpSync(join(repo, 'media', 'articles'), workspace, { recursive: true });
  server = await startServer({
    name: 'start',
    root,
    host,
    port,
    extensionsDir,
    openFolder: workspace,
    idleTimeoutSeconds: 0,
    // People read warnings as toasts: the smoke-test driver would send them to the bell unseen.
    testDriver: false,
    logDir: join(repo, 'test-results'),
    settings: { 'marginalia.openOnStartup': true },
  });
} catch (err) {
  rmSync(root, { recursive: true, force: true });
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
console.log(`Marginalia in VS Code: ${server.origin}/  (Ctrl+C to stop)`);
// Stays up until Ctrl+C or SIGTERM (vscode-session's handlers then stop the server's process
// tree), or until the server ends by itself.
const keepAlive = setInterval(() => undefined, 1 << 30);
server.exited.then(async ({ code, sig }) => {
  if (server.isStopping()) return;
  clearInterval(keepAlive);
  await server.stop();
  console.error(`[start] VS Code stopped (${code ?? sig}); its log: test-results/start-server.log`);
  process.exit(1);
});
