// Sizes of the shipped bundles after a `--production` build. The build runs in a temp copy of the
// sources, because `--production` empties dist/, which tests running meanwhile may be using.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../test/e2e/harness';
import type { BenchRow } from './types';

const kib = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

export default async function (): Promise<BenchRow[]> {
  const repo = repoRoot();
  const work = mkdtempSync(join(tmpdir(), 'marginalia-bundle-bench-'));
  try {
    for (const entry of ['src', 'media', 'syntaxes', 'package.json', 'tsconfig.json', 'esbuild.mjs']) {
      if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(work, entry), { recursive: true });
    }
    symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir');
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    const dist = join(work, 'dist');
    const files = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((f) => !f.endsWith('.map') && statSync(join(dist, f)).isFile())
      .sort();
    const rows: BenchRow[] = [];
    let total = 0;
    let totalGzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dist, f));
      const gz = gzipSync(bytes).length;
      total += bytes.length;
      totalGzip += gz;
      rows.push({ section: 'bundle', name: `dist/${f}`, value: kib(bytes.length), unit: 'KiB', note: `gzip ${kib(gz)} KiB` });
    }
    rows.push({ section: 'bundle', name: 'total', value: kib(total), unit: 'KiB', note: `gzip ${kib(totalGzip)} KiB, ${files.length} files` });
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
