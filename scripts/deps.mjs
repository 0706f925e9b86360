// Brings node_modules in line with package.json and package-lock.json before anything imports
// from it: Node builtins only.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why node_modules does not match package.json + package-lock.json, or undefined when it does. */
function staleReason() {
  const manifest = readJson(join(repo, 'package.json'));
  const lock = readJson(join(repo, 'package-lock.json'));
  const installed = readJson(join(repo, 'node_modules', '.package-lock.json'));
  if (!installed) return { why: 'node_modules is missing', lockOk: true };
  const wanted = { ...manifest?.dependencies, ...manifest?.devDependencies };
  const locked = { ...lock?.packages?.['']?.dependencies, ...lock?.packages?.['']?.devDependencies };
  for (const [name, range] of Object.entries(wanted)) {
    if (locked[name] !== range) return { why: `package.json wants ${name}@${range}, package-lock.json has ${locked[name] ?? 'nothing'}`, lockOk: false };
  }
  for (const [path, entry] of Object.entries(lock?.packages ?? {})) {
    if (path === '' || entry.optional || entry.link) continue;
    const have = installed.packages?.[path];
    if (!have) return { why: `${path} is not installed`, lockOk: true };
    if (have.version !== entry.version) return { why: `${path} is ${have.version}, package-lock.json wants ${entry.version}`, lockOk: true };
  }
  return undefined;
}

export function ensureDependencies() {
  const stale = staleReason();
  if (!stale) return;
  // `npm ci` installs exactly the lock; when package.json moved ahead of it, only `npm install` can.
  const args = stale.lockOk ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  console.log(`[test] ${stale.why}: npm ${args[0]}`);
  const t0 = Date.now();
  const r = spawnSync('npm', args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test] npm ${args[0]} failed`);
    process.exit(1);
  }
  console.log(`[test] npm ${args[0]}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
