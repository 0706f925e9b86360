// The corpus at the scale: a generated workspace on disk (a temp folder) of 1,000 articles with 200
// annotations each (150 mentions, 50 attributed claims), every file naming one registry of 2,000 entities. Measured
// in plain Node, on the core the extension and the CLI share:
// - the index built from disk (read, parse against the registry, anchor, summarize, add), and the longest single
//   file, which is what one step of the extension's indexing costs between two yields;
// - one changed file re-indexed (read, load, summarize, replace its summary);
// - the Corpus view's rows and the Corpus Report's tables (opened cold, and again after one file changed);
// - corpus search, the heap the index holds, and `marginalia corpus DIR --json` on the same folder (spawned).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CorpusIndex } from '../src/core/corpus/index';
import { buildReport, trackReport } from '../src/core/corpus/report';
import { searchCorpus } from '../src/core/corpus/search';
import { summarize, type FileSummary } from '../src/core/corpus/summary';
import { loadReadingSync, registryRead, type RegistryRead } from '../src/core/load';
import type { ClaimDef, EntityDef, MentionDef } from '../src/core/model';
import { parseAnnotationFile } from '../src/core/parse';
import { parseRegistry } from '../src/core/registry';
import { hashText, OffsetMap, selectorsFor } from '../src/core/text';
import { median, type BenchRow } from './types';

const ARTICLES = 1000;
const CLAIMS = 50;
const SPEAKERS = 400;
const OUTLETS = 40;
const INSTITUTIONS = 560;
const PLACES = 1000;
const RUNS = 7;
/** What the Corpus Report draws (the CSV export has every cell). */
const VIEW = { entities: 40, articles: 40, pairs: 200, levels: ['sentence'] as const, edges: 200 };

const TYPES = [
  { id: 'person', label: 'Person', color: '#1f77b4', cue: 'solid' },
  { id: 'analyst', label: 'Analyst', color: '#9467bd', cue: 'dashed', parent: 'person' },
  { id: 'institution', label: 'Institution', color: '#2ca02c', cue: 'box' },
  { id: 'outlet', label: 'Media outlet', color: '#ff7f0e', cue: 'dotted' },
  { id: 'place', label: 'Place', color: '#8c564b', cue: 'wavy' },
];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function registryEntities(): EntityDef[] {
  const out: EntityDef[] = [];
  for (let i = 0; i < SPEAKERS; i++)
    out.push({
      id: `s${i}`,
      type: 'analyst',
      name: `Analyst Number ${i}`,
      aliases: [`Number ${i}`],
      role: 'senior fellow',
      affiliations: [`i${i % INSTITUTIONS}`],
    });
  for (let i = 0; i < OUTLETS; i++) out.push({ id: `o${i}`, type: 'outlet', name: `Outlet ${i} News`, aliases: [`O${i}`] });
  for (let i = 0; i < INSTITUTIONS; i++) out.push({ id: `i${i}`, type: 'institution', name: `Institute ${i}` });
  for (let i = 0; i < PLACES; i++) out.push({ id: `p${i}`, type: 'place', name: `Place ${i}` });
  return out;
}

/**
 * One article: a paragraph per claim, "Analyst Number 17 told Outlet 3 News that relations with Place 5 had changed
 * in 1917. Observers at Institute 9 disagreed." The three names are mentions, the that-clause the claim.
 */
function article(n: number): { text: string; file: object } {
  const rand = prng(n + 1);
  const pick = (k: number) => Math.floor(rand() * k);
  const speakers = Array.from({ length: 6 }, () => pick(SPEAKERS));
  const paragraphs = [`Generated article ${n} on relations`, ''];
  const spans: { entity?: string; start: number; end: number; claim?: { speaker: string; outlet: string } }[] = [];
  let offset = paragraphs.join('\n').length + 1;
  for (let c = 0; c < CLAIMS; c++) {
    const s = speakers[c % speakers.length] as number;
    const o = pick(OUTLETS);
    const p = pick(PLACES);
    const i = pick(INSTITUTIONS);
    const names = [`Analyst Number ${s}`, `Outlet ${o} News`, `Place ${p}`, `Institute ${i}`];
    const claim = `relations with ${names[2]} had changed in ${1900 + pick(120)}`;
    const para = `${names[0]} told ${names[1]} that ${claim}. Observers at ${names[3]} disagreed.`;
    const at = (sub: string) => offset + para.indexOf(sub);
    spans.push({ entity: `s${s}`, start: at(names[0] as string), end: at(names[0] as string) + (names[0] as string).length });
    spans.push({ entity: `o${o}`, start: at(names[1] as string), end: at(names[1] as string) + (names[1] as string).length });
    spans.push({ entity: `p${p}`, start: at(names[2] as string), end: at(names[2] as string) + (names[2] as string).length });
    spans.push({ start: at(claim), end: at(claim) + claim.length, claim: { speaker: `s${s}`, outlet: `o${o}` } });
    paragraphs.push(para, '');
    offset += para.length + 2;
  }
  const text = paragraphs.join('\n');
  const map = new OffsetMap(text);
  const mentions: MentionDef[] = [];
  const claims: ClaimDef[] = [];
  spans.forEach((x, k) => {
    const selector = selectorsFor(map, x.start, x.end);
    if (x.claim)
      claims.push({
        id: `c${k}`,
        selector,
        attribution: {
          mode: k % 2 ? 'paraphrase' : 'reported-statement',
          chain: [
            { role: 'speaker', entity: x.claim.speaker },
            { role: 'outlet', entity: x.claim.outlet },
          ],
          cue: 'told',
        },
      });
    else mentions.push({ id: `m${k}`, entity: x.entity as string, selector });
  });
  const file = {
    marginalia: 1,
    article: { path: `a${n}.txt`, title: `Generated article ${n}`, hash: hashText(text), length: map.codePointLength },
    registry: '../../.marginalia/entities.json',
    types: [],
    entities: [],
    mentions,
    claims,
  };
  return { text, file };
}

export function generate(root: string, count = ARTICLES): string[] {
  mkdirSync(join(root, '.marginalia'), { recursive: true });
  writeFileSync(join(root, '.marginalia', 'entities.json'), JSON.stringify({ marginalia: 1, types: TYPES, entities: registryEntities() }, null, 2));
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const dir = join(root, 'articles', `batch${Math.floor(n / 100)}`);
    mkdirSync(dir, { recursive: true });
    const { text, file } = article(n);
    writeFileSync(join(dir, `a${n}.txt`), text);
    writeFileSync(join(dir, `a${n}.annotations.json`), JSON.stringify(file, null, 2) + '\n');
    files.push(join('articles', `batch${Math.floor(n / 100)}`, `a${n}.annotations.json`));
  }
  return files;
}

/** Loads one file from disk as the extension's indexer does: read, the cached registry, the one loading path. */
export function indexFile(root: string, rel: string, registry: () => RegistryRead): FileSummary {
  const text = readFileSync(join(root, rel), 'utf8');
  const dir = rel.split('/').slice(0, -1);
  const loaded = loadReadingSync(text, dir, (segments) => ({ text: readFileSync(join(root, ...segments), 'utf8') }), { registry });
  return summarize(rel, loaded);
}

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function cliBundle(out: string): Promise<string> {
  const { build } = await import('esbuild');
  const file = join(out, 'cli.js');
  await build({ entryPoints: ['src/cli/main.ts'], outfile: file, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return file;
}

export default async (): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  // The machine is shared: CPU time (user + system, this process) says what the code costs when wall time is
  // stretched by other work, and is given beside every timing.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const row = (name: string, value: number, unit: string, note?: string, aim?: number): void => {
    rows.push({
      section: 'corpus',
      name,
      value,
      unit,
      ...(aim !== undefined ? { peer: 'aim', peerValue: aim, ratio: value / aim } : {}),
      ...(note ? { note } : {}),
    });
  };
  const root = mkdtempSync(join(tmpdir(), 'marginalia-corpus-bench-'));
  try {
    const files = generate(root).map((f) => f.split('\\').join('/'));

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const cpu0 = cpu();
    let registry: RegistryRead | undefined;
    const cached = (): RegistryRead => (registry ??= registryRead(parseRegistry(readFileSync(join(root, '.marginalia', 'entities.json'), 'utf8'))));
    const index = new CorpusIndex();
    // As the extension's indexer does: the report's totals are kept as files are added.
    trackReport(index);
    const perFile: number[] = [];
    for (const f of files) {
      const c = cpu();
      const s = indexFile(root, f, cached);
      index.set(s);
      perFile.push(cpu() - c);
    }
    const build = performance.now() - t0;
    const buildCpu = cpu() - cpu0;
    const totals = index.totals();
    row(
      'index built: 1,000 articles × 200 annotations',
      build,
      'ms',
      `CPU ${buildCpu.toFixed(0)} ms; ${totals.mentions} mentions, ${totals.claims} claims, ${totals.entities} entities`,
      3000,
    );
    const sorted = [...perFile].sort((a, b) => a - b);
    row(
      '  one file (the step between yields), CPU: median',
      median(perFile),
      'ms',
      `max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms (the first compiles the schema)`,
      50,
    );
    row('  one file, CPU: 99th percentile', sorted[Math.floor(sorted.length * 0.99)] ?? 0, 'ms', undefined, 50);
    gc();
    row(
      'heap held by the index (article texts included)',
      (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
      'MiB',
      `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
      300,
    );

    // The share of the index that is the parser's (src/core/parse.ts): the same files, parsed only.
    const texts = files.map((f) => readFileSync(join(root, f), 'utf8'));
    const read = cached();
    const p0 = cpu();
    for (const text of texts) parseAnnotationFile(text, 'registry' in read ? read.registry.ids : {});
    row(
      '  of which parseAnnotationFile alone, CPU',
      cpu() - p0,
      'ms',
      'JSON.parse (the syntax tree only for a file with problems), schema and checks of the 1,000 files',
    );

    // One changed file: a claim dropped on disk, then re-indexed.
    const target = files[ARTICLES / 2] as string;
    const original = readFileSync(join(root, target), 'utf8');
    const changed = JSON.parse(original) as { claims: unknown[] };
    changed.claims.pop();
    const times: number[] = [];
    const cpus: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      writeFileSync(join(root, target), r % 2 ? original : JSON.stringify(changed, null, 2));
      const t = performance.now();
      const c = cpu();
      const s = indexFile(root, target, cached);
      index.set(s);
      times.push(performance.now() - t);
      cpus.push(cpu() - c);
    }
    row('one changed file re-indexed', median(times), 'ms', `median of ${RUNS}; CPU ${median(cpus).toFixed(1)} ms`, 50);

    // The Corpus view: a row per article (counts, health, last change), sorted by title, and the totals.
    const view: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const rowsOut = [...index.files()]
        .map((s) => ({
          file: s.file,
          title: s.title,
          health: s.health,
          mentions: s.mentions.length,
          claims: s.claims.length,
          problems: s.counts.errors + s.counts.warnings,
        }))
        .sort((a, b) => a.title.localeCompare(b.title));
      JSON.stringify({ totals: index.totals(), rows: rowsOut });
      view.push(performance.now() - t);
    }
    row('Corpus view: rows for 1,000 articles', median(view), 'ms', `median of ${RUNS}`, 300);

    let t = performance.now();
    let c = cpu();
    const report = buildReport(index, VIEW);
    const open = performance.now() - t;
    const openCpu = cpu() - c;
    const payload = JSON.stringify(report).length;
    row(
      'Corpus Report: every table, first open',
      open,
      'ms',
      `CPU ${openCpu.toFixed(0)} ms; 40 entities × 40 articles, top 200 pairs, 200 edges; payload ${(payload / 1024).toFixed(0)} KiB`,
      300,
    );
    const s = indexFile(root, target, cached);
    index.set(s);
    t = performance.now();
    c = cpu();
    buildReport(index, VIEW);
    row('Corpus Report: again after one file changed', performance.now() - t, 'ms', `CPU ${(cpu() - c).toFixed(0)} ms`, 300);

    for (const [query, what] of [
      ['Analyst Number 17', 'a name'],
      ['relations with place', 'a phrase in every paragraph'],
    ] as const) {
      const search: number[] = [];
      const cpus: number[] = [];
      let hits = 0;
      for (let r = 0; r < RUNS; r++) {
        t = performance.now();
        c = cpu();
        hits = searchCorpus(index, query, { maxHits: 100_000 }).hits.length;
        search.push(performance.now() - t);
        cpus.push(cpu() - c);
      }
      row(`corpus search, ${what}`, median(search), 'ms', `CPU ${median(cpus).toFixed(0)} ms; ${hits} hits with context`);
    }

    const cliDir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
    const cli = await cliBundle(cliDir);
    t = performance.now();
    // The child's CPU time, as the shell's `times` reports it for its children.
    const timed = execFileSync('bash', ['-c', 'node "$0" corpus "$1" --json > "$1.json"; times', cli, root], { encoding: 'utf8' });
    const out = readFileSync(`${root}.json`, 'utf8');
    rmSync(`${root}.json`, { force: true });
    const child = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(timed);
    const childCpu = child ? (Number(child[1]) * 60 + Number(child[2]) + Number(child[3]) * 60 + Number(child[4])) * 1000 : Number.NaN;
    const cliMs = performance.now() - t;
    const parsed = JSON.parse(out) as { articles: number; ms: number };
    row(
      'marginalia corpus DIR --json, 1,000 files (spawned)',
      cliMs,
      'ms',
      `CPU ${childCpu.toFixed(0)} ms; ${parsed.articles} articles; ${parsed.ms} ms inside the process`,
      8000,
    );
    rmSync(cliDir, { recursive: true, force: true });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
};
