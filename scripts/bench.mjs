#!/usr/bin/env node
// `npm run bench [-- name...] [-- --json]`: bundles bench/*.bench.ts into dist/bench/, runs each
// default export (async () => BenchRow[], see bench/types.ts) in file-name order, and prints a
// table, or with --json one JSON object on stdout (progress then goes to stderr).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const say = json ? (...a) => console.error(...a) : (...a) => console.log(...a);

ensureDependencies();
const { build } = await import('esbuild');

const benchDir = join(repo, 'bench');
const outDir = join(repo, 'dist', 'bench');
const names = (existsSync(benchDir) ? readdirSync(benchDir) : [])
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => basename(f, '.bench.ts'))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();
if (names.length === 0) {
  console.error(`[bench] no bench/*.bench.ts${only.length ? ` named ${only.join(', ')}` : ''}`);
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });
try {
  await build({
    entryPoints: names.map((n) => join(benchDir, `${n}.bench.ts`)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'error',
    external: ['vscode', 'mocha', 'playwright-core', 'esbuild'],
  });
} catch {
  console.error('[bench] bundling bench/*.bench.ts failed');
  process.exit(1);
}

// In --json mode stdout carries only the result; whatever a bench logs goes to stderr.
if (json) console.log = (...a) => console.error(...a);
const require = createRequire(import.meta.url);
const rows = [];
const failures = [];
const t0 = Date.now();
for (const name of names) {
  const t = Date.now();
  say(`[bench] ${name}...`);
  try {
    const mod = require(join(outDir, `${name}.bench.js`));
    const run = mod.default;
    if (typeof run !== 'function') throw new Error(`bench/${name}.bench.ts has no default export function`);
    const got = await run();
    if (!Array.isArray(got)) throw new Error(`bench/${name}.bench.ts returned ${typeof got}, not BenchRow[]`);
    rows.push(...got);
    say(`[bench] ${name}: ${got.length} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    failures.push({ bench: name, error: message });
    console.error(`[bench] ${name} failed: ${message}`);
  }
}

const fmt = (v) => (v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)) : String(v));
if (json) {
  process.stdout.write(
    JSON.stringify({
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      seconds: (Date.now() - t0) / 1000,
      rows,
      failures,
    }) + '\n',
  );
} else {
  const header = ['section', 'name', 'value', 'unit', 'peer', 'peer value', 'ratio', 'note'];
  const table = rows.map((r) => [r.section, r.name, fmt(r.value), r.unit, r.peer ?? '', fmt(r.peerValue), fmt(r.ratio), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 2 || i === 5 || i === 6 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  console.log(`\n[bench] ${rows.length} rows, ${failures.length} failed benches, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
process.exit(failures.length ? 1 : 0);
