// `marginalia corpus DIR [--json]`: every annotation file under DIR (recursively) as one corpus: totals, speakers
// with the outlets they were reported through, entities found in several articles, and every file's problems.
// A broken file is reported and never hides the others.

import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { CorpusIndex } from '../core/corpus/index';
import { buildReport, reportCsv, REPORT_TABLES, type ReportTable } from '../core/corpus/report';
import { summarize, type FileSummary } from '../core/corpus/summary';
import { show } from '../core/json';
import type { Problem } from '../core/model';
import { IoError, loadFile, reason, TooLarge, type RegistryCache } from './files';

/** Folders never searched: tools' own and dependencies (a registry folder holds no annotation files). */
const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', '.marginalia', '.vscode-test', 'dist', 'out']);

export function findAnnotationFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch (e) {
      if (d === dir) throw new IoError(`cannot read folder ${dir}: ${reason(e)}`);
      return;
    }
    for (const name of entries) {
      const path = join(d, name);
      let st;
      try {
        // lstat: a symbolic link is never followed, so a link cycle cannot loop and a link out cannot leak.
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP.has(name)) walk(path);
      } else if (st.isFile() && name.endsWith('.annotations.json')) found.push(path);
    }
  };
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    throw new IoError(`cannot read folder ${dir}: ${reason(e)}`);
  }
  if (!st.isDirectory()) throw new IoError(`${dir} is not a folder`);
  walk(dir);
  return found;
}

interface CorpusProblem {
  file: string;
  line: number;
  column: number;
  severity: Problem['severity'];
  code: string;
  message: string;
}

export interface CorpusResult {
  index: CorpusIndex;
  problems: CorpusProblem[];
}

/** What one thread loaded: summaries in file order, files it could not read, and the registries' own problems. */
interface Loaded {
  summaries: FileSummary[];
  unreadable: CorpusProblem[];
  registries: [string, CorpusProblem[]][];
}

function located(file: string, p: Problem): CorpusProblem {
  return { file, line: p.line, column: p.column, severity: p.severity, code: p.code, message: p.message };
}

/** Loads files through the one loading path; each registry is read once. */
function loadFiles(files: readonly string[], root: string | undefined): Loaded {
  const out: Loaded = { summaries: [], unreadable: [], registries: [] };
  const registries: RegistryCache = new Map();
  for (const file of files) {
    const name = display(file);
    try {
      out.summaries.push(summarize(name, loadFile(file, root, registries)));
    } catch (e) {
      if (!(e instanceof IoError) && !(e instanceof TooLarge)) throw e;
      out.unreadable.push({ file: name, line: 1, column: 1, severity: 'error', code: e instanceof TooLarge ? 'too-large' : 'unreadable', message: e.message });
    }
  }
  for (const [path, r] of registries)
    out.registries.push([display(path), (r.parse?.problems ?? []).filter((p) => p.severity !== 'info').map((p) => located(display(path), p))]);
  return out;
}

function combine(parts: readonly Loaded[]): CorpusResult {
  const index = new CorpusIndex();
  const problems: CorpusProblem[] = [];
  for (const part of parts) {
    for (const s of part.summaries) {
      index.set(s);
      for (const p of s.problems) problems.push(located(s.file, p));
    }
    problems.push(...part.unreadable);
  }
  // Each thread read the registries its files name: their problems are listed once.
  const seen = new Set<string>();
  for (const part of parts)
    for (const [path, list] of part.registries) {
      if (seen.has(path)) continue;
      seen.add(path);
      problems.push(...list);
    }
  return { index, problems };
}

/** Loads every file in this thread. */
export function loadCorpus(files: readonly string[], root: string | undefined): CorpusResult {
  return combine([loadFiles(files, root)]);
}

/** Below this many files one thread is quicker than starting others. */
const PARALLEL_FROM = 100;

/**
 * Loads every file, on as many threads as there are cores (parsing is the cost, and each file is independent);
 * the result is the same as `loadCorpus`'s, in the same order.
 */
export async function loadCorpusParallel(files: readonly string[], root: string | undefined): Promise<CorpusResult> {
  const threads = Math.min(availableParallelism(), 4, Math.floor(files.length / (PARALLEL_FROM / 2)));
  if (threads < 2) return loadCorpus(files, root);
  const size = Math.ceil(files.length / threads);
  const chunks = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const parts = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<Loaded>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { marginaliaCorpus: { files: chunk, root } } });
          worker.once('message', (m: Loaded | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
          worker.once('error', reject);
        }),
    ),
  );
  return combine(parts);
}

/** The worker's side: `true` when this thread was started by loadCorpusParallel (and has done its part). */
export function corpusWorker(): boolean {
  const job = (workerData as { marginaliaCorpus?: { files: string[]; root: string | undefined } } | null)?.marginaliaCorpus;
  if (!job || !parentPort) return false;
  try {
    parentPort.postMessage(loadFiles(job.files, job.root));
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
  return true;
}

function display(path: string): string {
  const r = relative(process.cwd(), path);
  return r.startsWith('..') ? path : r;
}

export function corpusJson(result: CorpusResult, ms: number): unknown {
  const { index, problems } = result;
  return {
    ...index.totals(),
    speakers: index.speakers().map((s) => ({ name: s.name, claims: s.claims, articles: s.articles, outlets: s.outlets })),
    entitiesAcross: index.entities(2).map((e) => ({ name: e.name, type: e.type, articles: e.articles, mentions: e.mentions })),
    problems,
    ms: Math.round(ms),
  };
}

/** File names of the CSV exports: what `--csv DIR` writes, one table each. */
export const CSV_FILES: Record<ReportTable, string> = {
  articles: 'articles.csv',
  frequency: 'entity-frequency.csv',
  speakersByOutlet: 'speakers-outlets.csv',
  cooccurrence: 'cooccurrence.csv',
  network: 'attribution-network.csv',
};

function writeCsv(result: CorpusResult, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const report = buildReport(result.index);
    for (const table of REPORT_TABLES) writeFileSync(join(dir, CSV_FILES[table]), reportCsv(result.index, report, table));
  } catch (e) {
    throw new IoError(`cannot write the CSV files to ${dir}: ${reason(e)}`);
  }
}

export async function corpus(args: string[], json: boolean, root: string | undefined, csvDir?: string): Promise<number> {
  const t0 = performance.now();
  let result: CorpusResult;
  try {
    const files = args.flatMap((dir) => findAnnotationFiles(dir));
    result = await loadCorpusParallel(files, root);
    if (csvDir !== undefined) writeCsv(result, csvDir);
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    console.error(`marginalia: error: ${e.message}`);
    return 2;
  }
  const code = result.problems.some((p) => p.severity === 'error') ? 1 : 0;
  if (json) {
    console.log(JSON.stringify(corpusJson(result, performance.now() - t0), null, 2));
    return code;
  }
  const t = result.index.totals();
  console.log(`${plural(t.articles, 'article')}, ${plural(t.entities, 'entity', 'entities')}, ${plural(t.mentions, 'mention')}, ${plural(t.claims, 'claim')}`);
  const speakers = result.index.speakers().slice(0, 10);
  if (speakers.length) console.log('speakers:');
  for (const s of speakers) {
    const via = s.outlets.length ? ` via ${s.outlets.map((o) => clean(o)).join(', ')}` : '';
    console.log(`  ${clean(s.name)}: ${plural(s.claims, 'claim')} in ${plural(s.articles, 'article')}${via}`);
  }
  const across = result.index.entities(2).slice(0, 10);
  if (across.length) console.log('in several articles:');
  for (const e of across) console.log(`  ${clean(e.name)} (${clean(e.type)}): ${plural(e.articles, 'article')}, ${plural(e.mentions, 'mention')}`);
  for (const p of result.problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
  return code;
}

/** A name from a file, safe for a terminal. */
function clean(s: string): string {
  return show(s).slice(1, -1);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
