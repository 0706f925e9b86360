// `marginalia corpus DIR [--json]`: every annotation file under DIR (recursively) as one corpus: totals, speakers
// with the outlets they were reported through, entities found in several articles, and every file's problems.
// A broken file is reported and never hides the others.

import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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

/** Loads every file through the one loading path; registries are read once each. */
export function loadCorpus(files: readonly string[], root: string | undefined): CorpusResult {
  const index = new CorpusIndex();
  const problems: CorpusProblem[] = [];
  const registries: RegistryCache = new Map();
  const located = (file: string, p: Problem): CorpusProblem => ({
    file,
    line: p.line,
    column: p.column,
    severity: p.severity,
    code: p.code,
    message: p.message,
  });
  for (const file of files) {
    const name = display(file);
    let summary: FileSummary;
    try {
      const loaded = loadFile(file, root, registries);
      summary = summarize(name, loaded);
    } catch (e) {
      if (!(e instanceof IoError) && !(e instanceof TooLarge)) throw e;
      problems.push({ file: name, line: 1, column: 1, severity: 'error', code: e instanceof TooLarge ? 'too-large' : 'unreadable', message: e.message });
      continue;
    }
    index.set(summary);
    for (const p of summary.problems) problems.push(located(name, p));
  }
  for (const [path, r] of registries) for (const p of r.parse?.problems ?? []) if (p.severity !== 'info') problems.push(located(display(path), p));
  return { index, problems };
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

export function corpus(args: string[], json: boolean, root: string | undefined, csvDir?: string): number {
  const t0 = performance.now();
  let result: CorpusResult;
  try {
    const files = args.flatMap((dir) => findAnnotationFiles(dir));
    result = loadCorpus(files, root);
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
