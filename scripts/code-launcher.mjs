// Behind scripts/code-launcher: takes the command line that @vscode/test-electron gives a
// desktop VS Code (`--extensionDevelopmentPath=… --extensionTestsPath=… [folder]` plus flags
// that mean nothing here) and runs the same tests in code-server with headless Chromium.
// Streams extension-host lines to stdout (known workbench noise only to the full log in
// test-results/integration/), and exits with the tests' status from `codeAutomationExit`.
import { mkdirSync, openSync, writeSync, closeSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSession } from './vscode-session.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const resultsDir = join(repo, 'test-results', 'integration');
const timeoutMinutes = Number(process.env.MARGINALIA_TEST_TIMEOUT_MINUTES ?? 15);

/**
 * Workbench chatter with no bearing on the tests (no gallery, no auth, no network here),
 * matched against the first line of a message; such messages go to the full log only.
 */
const noise = [
  /ECONNREFUSED 127\.0\.0\.1:9\b/,
  /gallery|marketplace/i,
  /Failed to fetch|net::ERR_|ERR_CONNECTION_REFUSED/,
  /github\.com|vscode-cdn|vscode-unpkg|open-vsx/i,
  /^Resolv(?:ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost:/,
  /^\[AccountPolicyGate\]/,
  /^\[Extension Host\] (?:Extension host|Started local extension host)/,
  /authentication/i,
  /No search provider registered/,
  /Long running operations during shutdown/,
  /^Canceled(?:: Canceled)*$/,
  /^Creation of workbench contribution '.*' took \d+ms/,
];

function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      out.folder ??= resolve(a);
      continue;
    }
    const [, name, inline] = m;
    const takeValue = () => inline ?? argv[++i];
    if (name === 'extensionDevelopmentPath') out.devPaths.push(resolve(takeValue()));
    else if (name === 'extensionTestsPath') out.testsPath = resolve(takeValue());
    else if (name === 'folder-uri' || name === 'file-uri') out.folder ??= fileURLToPath(takeValue());
    else out.ignored.push(a);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath) throw new Error('code-launcher: --extensionTestsPath is required');
  if (args.devPaths.length === 0) throw new Error('code-launcher: --extensionDevelopmentPath is required');
  // @vscode/test-electron also passes the module without extension; the file must exist on disk.
  for (const p of [args.testsPath, `${args.testsPath}.js`]) {
    if (existsSync(p) && statSync(p).isFile()) {
      args.testsPath = p;
      break;
    }
  }
  if (!existsSync(args.testsPath)) throw new Error(`code-launcher: ${args.testsPath} does not exist (build first: node esbuild.mjs)`);

  mkdirSync(resultsDir, { recursive: true });
  const logPath = join(resultsDir, 'extension-host.log');
  const logFd = openSync(logPath, 'w');
  const t0 = Date.now();
  const stamp = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  const full = (line) => writeSync(logFd, `${stamp()} ${line}\n`);

  let session;
  let timer;
  try {
    const isWorkspaceFile = args.folder?.endsWith('.code-workspace');
    session = await startSession({
      name: 'integration',
      folder: isWorkspaceFile ? undefined : args.folder,
      workspace: isWorkspaceFile ? args.folder : undefined,
      extensionDevelopmentPath: args.devPaths,
      extensionTestsPath: args.testsPath,
      logDir: resultsDir,
      idleTimeoutSeconds: 120,
      onLog: (level, message) => {
        full(`[${level}] ${message}`);
        const first = message.split('\n', 1)[0] ?? '';
        if (!noise.some((re) => re.test(first))) console.log(message);
      },
    });
    // Log-level console lines repeat what codeAutomationLog already delivered.
    session.page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') full(`[page ${msg.type()}] ${msg.text()}`);
    });
    session.page.on('pageerror', (err) => full(`[page error] ${err.message}`));
    console.log(`[code-launcher] workbench loading (server up in ${session.server.startupSeconds.toFixed(1)} s, full log: ${logPath})`);
    const crashed = new Promise((r) => session.page.on('crash', () => r({ code: 1, why: 'the workbench page crashed' })));
    const timedOut = new Promise((r) => {
      timer = setTimeout(
        () => r({ code: 1, why: `no result after ${timeoutMinutes} min (hard timeout; MARGINALIA_TEST_TIMEOUT_MINUTES)` }),
        timeoutMinutes * 60_000,
      );
    });
    const result = await Promise.race([session.exit, crashed, timedOut]);
    if (result.why) console.error(`[code-launcher] ${result.why}`);
    console.log(`[code-launcher] extension tests exited with ${result.code} after ${stamp().trim()} s`);
    return result.code;
  } finally {
    clearTimeout(timer);
    if (session) await session.close();
    closeSync(logFd);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
