// A real VS Code for tests, screenshots and `npm start`: code-server (VS Code server + web
// workbench) on Node 24, driven by Debian's headless Chromium through playwright-core.
// Everything a session writes stays in one temp folder, and every process it starts is
// ended (the whole tree, found through /proc) on close, on exceptions, on SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, codeServerEntry, ensureVsCode, node24 } from './vscode-install.mjs';

/** Settings that keep the workbench quiet and deterministic (no welcome page, no chat, no updates). */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'terminal.integrated.hideOnStartup': 'always',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  // VS Code in a browser saves after a second by default; desktop VS Code does not. Tests of unsaved work need
  // the desktop behaviour, and so does a reader who expects Undo to stay unsaved.
  'files.autoSave': 'off',
};

/** Flags for Chromium; `--headless` is added by playwright itself. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// ---------------------------------------------------------------------------------------------
// Process trees

function parentMap() {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we were reading.
    }
  }
  return parents;
}

/** All descendants of `pid`, found by parent pid (process groups miss the pty host's shells). */
export function descendants(pid) {
  const children = new Map();
  for (const [child, parent] of parentMap()) {
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    for (const c of children.get(p) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pids, sig) {
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Ends `pid` and all its descendants: the list is taken before any signal (a dying parent
 * hands its children to init, where a later walk would not find them), SIGTERM, then SIGKILL.
 */
export async function killTree(pid, graceMs = 3000) {
  const pids = [pid, ...descendants(pid)];
  signal(pids, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await new Promise((r) => setTimeout(r, 50));
  const left = pids.filter(isAlive);
  if (left.length) signal([...left, ...left.flatMap(descendants)], 'SIGKILL');
}

/** Processes whose command line contains `text` (e.g. a session's own Chromium profile path). */
export function pidsWithArg(text) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) out.push(Number(name));
    } catch {
      // The process ended while we were reading.
    }
  }
  return out;
}

function killTreeSync(pid) {
  signal([pid, ...descendants(pid)], 'SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// Cleanup on exit and signals

/** Closers of everything still running; each removes itself when done. */
const live = new Set();
let handlersInstalled = false;

function track(closer, syncKill) {
  const entry = { closer, syncKill };
  live.add(entry);
  installHandlers();
  return () => live.delete(entry);
}

/** Closes every session and server this process started. */
export async function closeAll() {
  // Newest first: a session closes its browser before the server it was registered after.
  for (const e of [...live].reverse())
    await e.closer().catch((err) => console.error(`[vscode-session] closing a session: ${err instanceof Error ? err.message : String(err)}`));
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let stopping = false;
  const onSignal = (sig) => {
    // Repeats (a terminal's Ctrl+C and a parent passing it on) must not kill us mid-cleanup.
    if (stopping) return;
    stopping = true;
    console.error(`\n[vscode] ${sig}: stopping VS Code and Chromium...`);
    const hardStop = setTimeout(() => process.exit(sig === 'SIGINT' ? 130 : 143), 10_000);
    closeAll().finally(() => {
      clearTimeout(hardStop);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Last resort for a process.exit() while something is still running: synchronous kill.
  process.once('exit', () => {
    for (const e of live) e.syncKill();
  });
}

// ---------------------------------------------------------------------------------------------
// Server

function writeJson(file, value) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Variables of an enclosing VS Code or Electron would redirect the server's CLI and IPC.
    if (v === undefined || k.startsWith('VSCODE_') || k.startsWith('ELECTRON_')) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Starts code-server. Options: `port` (0 = free port chosen by the kernel), `host`,
 * `settings` (merged over quietSettings), `idleTimeoutSeconds` (0 = none; an orphaned server
 * then exits by itself), `extensionsDir` (default: an empty one in the temp folder),
 * `logDir` (the server log is copied there on stop), `name` (prefix of the temp folder),
 * `openFolder` (the folder a plain `http://host:port/` opens), `root` (a fresh temp folder
 * made by the caller, e.g. holding the workspace; default: a new one). `root` is removed on stop.
 * `testDriver` (default true): the workbench's smoke-test driver, which tests need and which hides
 * notification toasts; false for a session people use.
 */
export async function startServer(options = {}) {
  const { port = 0, host = '127.0.0.1', settings = {}, idleTimeoutSeconds = 120, logDir, name = 'vscode' } = options;
  ensureVsCode();
  const root = options.root ?? mkdtempSync(join(tmpdir(), `marginalia-${name}-`));
  const dirs = {
    userData: join(root, 'user-data'),
    extensions: options.extensionsDir ?? join(root, 'extensions'),
    tmp: join(root, 'tmp'),
    xdgData: join(root, 'xdg-data'),
    xdgConfig: join(root, 'xdg-config'),
    xdgCache: join(root, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  writeJson(join(dirs.userData, 'User', 'settings.json'), { ...quietSettings, ...settings });
  const configFile = join(root, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = join(root, 'server.log');
  const out = openSync(logFile, 'a');
  const env = cleanEnv({
    PATH: `${join(node24, '..')}:${process.env.PATH ?? ''}`,
    TMPDIR: dirs.tmp,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    // A dead loopback gallery: no DNS look-ups, no waiting on a network this machine lacks.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/items',
      resourceUrlTemplate: 'http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}',
    }),
  });
  delete env.PORT; // code-server reads $PORT and would override --bind-addr.
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `${host}:${port}`,
    '--config',
    configFile,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // Without the driver the built workbench ignores `?payload=` and extension tests never start. It also makes
  // the workbench skip notification toasts, so a session for people (`npm start`) goes without it.
  if (options.testDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (idleTimeoutSeconds > 0) args.push('--idle-timeout-seconds', String(idleTimeoutSeconds));
  if (options.openFolder) args.push(options.openFolder);
  const child = spawn(node24, args, { cwd: root, env, stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, sig) => {
      exited = { code, sig };
      resolve(exited);
    });
  });

  let stopped = false;
  let stopping;
  // Every caller (a test's finally, a signal handler) waits for the same, complete cleanup.
  const stop = () => (stopping ??= doStop());
  const doStop = async () => {
    stopped = true;
    try {
      if (child.pid !== undefined) await killTree(child.pid);
      if (logDir) {
        mkdirSync(logDir, { recursive: true });
        if (existsSync(logFile)) copyFileSync(logFile, join(logDir, `${name}-server.log`));
      }
    } finally {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      untrack();
    }
  };
  const untrack = track(stop, () => {
    if (child.pid !== undefined) killTreeSync(child.pid);
    rmSync(root, { recursive: true, force: true });
  });

  try {
    const started = Date.now();
    let actualPort;
    for (;;) {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      const m = /HTTP server listening on https?:\/\/[^\s:]+:(\d+)/.exec(text);
      if (m) {
        actualPort = Number(m[1]);
        break;
      }
      if (exited) throw new Error(`code-server exited (${exited.code ?? exited.sig}) before listening:\n${text.slice(-3000)}`);
      if (Date.now() - started > 60_000) throw new Error(`code-server did not listen within 60 s:\n${text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const origin = `http://${host}:${actualPort}`;
    return {
      root,
      dirs,
      port: actualPort,
      origin,
      logFile,
      pid: child.pid,
      startupSeconds: (Date.now() - started) / 1000,
      /** Resolves with `{ code, sig }` when the server process ends, for whatever reason. */
      exited: exitedPromise,
      /** True once stop() has begun (the server then ends on purpose). */
      isStopping: () => stopped,
      /** `vscode-remote://` form of a server-side path, for the payload. */
      remote: (path) => `vscode-remote://${host}:${actualPort}${path}`,
      /**
       * Workbench URL. `folder`: workspace folder, or `workspace`: a .code-workspace file;
       * `extensionDevelopmentPath`,
       * `extensionTestsPath`: absolute paths on this machine.
       */
      url: ({ folder, workspace, extensionDevelopmentPath, extensionTestsPath } = {}) => {
        const payload = [];
        const devPaths = Array.isArray(extensionDevelopmentPath) ? extensionDevelopmentPath : extensionDevelopmentPath ? [extensionDevelopmentPath] : [];
        for (const p of devPaths) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}:${actualPort}${p}`]);
        if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}:${actualPort}${extensionTestsPath}`]);
        payload.push(['skipWelcome', 'true']);
        const query = [];
        if (workspace) query.push(`workspace=${encodeURIComponent(workspace)}`);
        else if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
        query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
        return `${origin}/?${query.join('&')}`;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Browser

/** Headless Debian Chromium with its profile, cache and temp files inside `root`. */
export async function launchBrowser(root, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const dir = join(root, 'chromium');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport,
    // Our own handlers close the browser together with the server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: cleanEnv({
      TMPDIR: join(dir, 'tmp'),
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_DATA_HOME: join(dir, 'data'),
    }),
  });
  return context;
}

async function withTimeout(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((r) => (timer = setTimeout(r, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A workbench in Chromium on a fresh server. Options: those of startServer, plus `folder` or
 * `workspace`,
 * `extensionDevelopmentPath`, `extensionTestsPath`, `viewport`, `onLog(level, message)` for
 * extension-host and workbench log lines (the smoke-test driver's `codeAutomationLog`).
 * `exit` resolves with `{ code }` when the extension tests end (`codeAutomationExit`).
 */
export async function startSession(options = {}) {
  const server = await startServer(options);
  let context;
  let closing;
  const close = () => (closing ??= doClose());
  const doClose = async () => {
    try {
      // Chromium's helpers outlive context.close() by a moment, and its crash handlers detach
      // from it (parent pid 1): find them all by our folder in their command lines, then wait
      // for (or end) every one.
      const browserPids = pidsWithArg(join(server.root, 'chromium'));
      const tree = [...browserPids, ...browserPids.flatMap(descendants)];
      if (context)
        await withTimeout(
          context.close().catch((err) => console.error(`[vscode-session] closing the browser: ${err instanceof Error ? err.message : String(err)}`)),
          10_000,
        );
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && tree.some(isAlive)) await new Promise((r) => setTimeout(r, 50));
      signal(tree.filter(isAlive), 'SIGKILL');
    } finally {
      await server.stop();
      untrack();
    }
  };
  // Registered after the server so a signal closes the browser before the server it talks to.
  const untrack = track(close, () => undefined);
  try {
    context = await launchBrowser(server.root, { viewport: options.viewport });
    const page = context.pages()[0] ?? (await context.newPage());
    let resolveExit;
    const exit = new Promise((r) => (resolveExit = r));
    const onLog = options.onLog ?? (() => undefined);
    await page.exposeFunction('codeAutomationLog', (level, msg) => onLog(String(level), String(msg)));
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit({ code: Number(code) });
    });
    const url = server.url({
      folder: options.folder,
      workspace: options.workspace,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return { server, context, page, url, exit, close };
  } catch (err) {
    await close();
    throw err;
  }
}
