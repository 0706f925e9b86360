#!/usr/bin/env node
// `npm test [-- tier...]`: installs what is missing, then runs the tiers in order
// (typecheck, lint, unit, integration, e2e). Each tier ends with a plain
// `tier: N passed, N failed, N skipped` line, the run with `total: …`; the exit code is
// non-zero when anything failed. Only Node builtins are used before dependencies are installed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const allTiers = ['typecheck', 'lint', 'unit', 'integration', 'e2e'];
const bin = (pkg, file) => join(repo, 'node_modules', pkg, file);

// ---------------------------------------------------------------------------------------------
// Running steps

let current;
/** Runs a command, echoing its output; resolves with its exit code and the output text. */
function exec(cmd, args, { env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    current = child;
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      text += d;
      process.stderr.write(d);
    });
    child.on('error', (err) => {
      text += String(err);
      resolve({ code: 1, text });
    });
    child.on('close', (code, sig) => {
      current = undefined;
      resolve({ code: code ?? (sig ? 1 : 0), text });
    });
  });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    const code = sig === 'SIGINT' ? 130 : 143;
    const child = current;
    if (!child) process.exit(code);
    // The child cleans up its own VS Code and Chromium; exit once it has. A terminal's Ctrl+C
    // already reached it (same process group): a second SIGINT would make @vscode/test-electron
    // force-kill instead of closing, so the signal is passed on only if the child did not get it.
    child.once('close', () => process.exit(code));
    const forward = setTimeout(() => child.kill(sig), sig === 'SIGINT' ? 2000 : 0);
    child.once('close', () => clearTimeout(forward));
  });
}

const counts = (passed, failed, skipped = 0) => ({ passed, failed, skipped });

/** Counts from mocha's spec reporter; a non-zero exit always counts as at least one failure. */
function mochaCounts({ code, text }) {
  const num = (re) => Number(re.exec(text)?.[1] ?? 0);
  const c = counts(num(/^\s*(\d+) passing/m), num(/^\s*(\d+) failing/m), num(/^\s*(\d+) pending/m));
  if (code !== 0 && c.failed === 0) c.failed = 1;
  return c;
}

let built;
async function build() {
  built ??= exec(process.execPath, ['esbuild.mjs']).then((r) => r.code === 0);
  return built;
}

function testFiles(dir) {
  const abs = join(repo, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

async function vscodeInstalled() {
  const r = await exec(process.execPath, ['scripts/vscode-install.mjs']);
  return r.code === 0;
}

const tiers = {
  async typecheck() {
    const tsc = bin('typescript', 'bin/tsc');
    const projects = ['tsconfig.json', 'src/webview/tsconfig.json', 'test/e2e/tsconfig.json'].filter((p) => existsSync(join(repo, p)));
    let passed = 0;
    let failed = 0;
    for (const p of projects) {
      console.log(`[typecheck] tsc -p ${p}`);
      const r = await exec(process.execPath, [tsc, '-p', p, '--noEmit']);
      if (r.code === 0) passed++;
      else failed++;
    }
    return counts(passed, failed);
  },

  async lint() {
    // ESLint (rules, layering) and Prettier (formatting) each count as one check.
    const eslint = await exec(process.execPath, [bin('eslint', 'bin/eslint.js'), '.']);
    const prettier = await exec(process.execPath, [bin('prettier', 'bin/prettier.cjs'), '--check', '.']);
    return counts(Number(eslint.code === 0) + Number(prettier.code === 0), Number(eslint.code !== 0) + Number(prettier.code !== 0));
  },

  async unit() {
    if (!(await build())) return counts(0, 1);
    const files = testFiles('dist/test/unit');
    if (files.length === 0) {
      console.log('[unit] no dist/test/unit/**/*.test.js');
      return counts(0, 0);
    }
    return mochaCounts(await exec(process.execPath, [bin('mocha', 'bin/mocha.js'), '--reporter', 'spec', '--no-color', ...files]));
  },

  async integration() {
    if (!(await build()) || !(await vscodeInstalled())) return counts(0, 1);
    const r = await exec(process.execPath, ['test/integration/run.mjs']);
    const m = /^integration: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(r.text);
    const c = m ? counts(Number(m[1]), Number(m[2]), Number(m[3])) : counts(0, 0);
    if (r.code !== 0 && c.failed === 0) c.failed = 1;
    return c;
  },

  async e2e() {
    if (!(await build()) || !(await vscodeInstalled())) return counts(0, 1);
    const files = testFiles('dist/test/e2e');
    if (files.length === 0) {
      console.log('[e2e] no dist/test/e2e/*.test.js');
      return counts(0, 0);
    }
    // One VS Code session per file; each takes 10-30 s to start.
    return mochaCounts(await exec(process.execPath, [bin('mocha', 'bin/mocha.js'), '--reporter', 'spec', '--no-color', '--timeout', '120000', ...files]));
  },
};

// ---------------------------------------------------------------------------------------------

const requested = process.argv.slice(2);
const unknown = requested.filter((t) => !allTiers.includes(t));
if (unknown.length) {
  console.error(`[test] unknown tier(s): ${unknown.join(', ')}; tiers: ${allTiers.join(', ')}`);
  process.exit(2);
}
const selected = requested.length ? allTiers.filter((t) => requested.includes(t)) : allTiers;

const t0 = Date.now();
ensureDependencies();
const total = counts(0, 0);
const summary = [];
for (const name of selected) {
  const t = Date.now();
  console.log(`\n=== ${name} ===`);
  const c = await tiers[name]();
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  console.log(`[${name}] ${secs} s`);
  summary.push(`${name} ${c.failed ? 'FAILED' : 'ok'} (${secs} s)`);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
console.log(`\nall tiers: ${summary.join(', ')}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
