// Opening a large annotation file: a 7.4 MB file with 10,000 claims over a 1 MB article, parsed (syntax, schema,
// semantic checks) and resolved (anchored, problems located), as the extension and the CLI do. Unchanged article
// (hash matches) and changed article (2,000 scattered edits made outside the editor: every annotation relocated,
// each reported at its file position). Each measurement runs in a fresh Node process so its peak memory (max RSS)
// is its own; times are medians and maxima of several processes.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnnotationFile } from '../src/core/parse';
import { resolveModel } from '../src/core/resolve';
import type { AnnotationFile, ClaimDef } from '../src/core/model';
import { hashText, OffsetMap } from '../src/core/text';
import { annotate, prng, realParagraphs, recurringArticle } from './anchoring-corpus';
import { scatteredEdits, unedited } from './anchoring-edits';
import { median, type BenchRow } from './types';

const CLAIMS = 10_000;
const RUNS = 3;
const SPEAKERS = 300;

/** The article, its edited version, and the annotation file text (pretty-printed, as Marginalia writes it). */
export function largeFile(repo: string): { article: string; edited: string; fileText: string } {
  const article = recurringArticle(1, 1_000_000, realParagraphs(repo));
  const { items } = annotate(article, CLAIMS, prng(41));
  const entities: AnnotationFile['entities'] = [];
  for (let i = 0; i < SPEAKERS; i++)
    entities.push({ id: `s${i}`, type: 'analyst', name: `Speaker Number ${i}`, role: 'senior fellow', affiliations: [`i${i % 20}`] });
  for (let i = 0; i < 20; i++) entities.push({ id: `i${i}`, type: 'institution', name: `Institute ${i}` });
  for (let i = 0; i < 10; i++) entities.push({ id: `o${i}`, type: 'institution', name: `Outlet ${i}` });
  const claims: ClaimDef[] = items.map((it, n) => ({
    id: `c${n}`,
    selector: it.selector,
    summary: `Claim ${n} by speaker ${n % SPEAKERS}`,
    attribution: {
      mode: n % 4 === 0 ? 'direct-quote' : 'paraphrase',
      chain: [
        { role: 'speaker', entity: `s${n % SPEAKERS}` },
        { role: 'outlet', entity: `o${n % 10}` },
      ],
      cue: 'said',
    },
  }));
  const file: AnnotationFile = {
    marginalia: 1,
    article: { path: 'large.txt', title: 'A large article', hash: hashText(article), length: new OffsetMap(article).codePointLength },
    types: [
      { id: 'analyst', label: 'Analyst', color: '#1f77b4', cue: 'solid', icon: 'person' },
      { id: 'institution', label: 'Institution', color: '#2ca02c', cue: 'box', icon: 'organization' },
    ],
    entities,
    mentions: [],
    claims,
  };
  const edited = scatteredEdits(unedited(article), 2000, prng(2007)).text;
  return { article, edited, fileText: JSON.stringify(file, null, 2) + '\n' };
}

interface Measured {
  /** The first parse + resolve in a fresh process (the CLI's case), then the median of WARM more (the extension's). */
  coldMs: number;
  warmMs: number;
  warmParseMs: number;
  warmResolveMs: number;
  /** CPU time of the warm median run: what the work costs whatever else the machine is doing. */
  warmCpuMs: number;
  maxRssMb: number;
  problems: number;
}

const WARM = 3;

/** Where the inputs are written once, for the measuring processes to read (generating them would count in their memory). */
const DIR = join(process.cwd(), '.bench', 'parse');

/** Measurements in this process: read the inputs, parse + resolve once cold and WARM times more, then the peak RSS. */
function measureHere(changed: boolean): Measured {
  const fileText = readFileSync(join(DIR, 'large.annotations.json'), 'utf8');
  const text = readFileSync(join(DIR, changed ? 'edited.txt' : 'large.txt'), 'utf8');
  const once = (): { parse: number; resolve: number; cpu: number; problems: number } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const parsed = parseAnnotationFile(fileText);
    const t1 = performance.now();
    if (!parsed.file) throw new Error('the large file did not parse');
    const model = resolveModel(parsed.file, text, { parseProblems: parsed.problems, fileText });
    const t2 = performance.now();
    const c = process.cpuUsage(c0);
    return { parse: t1 - t0, resolve: t2 - t1, cpu: (c.user + c.system) / 1000, problems: model.problems.length };
  };
  const cold = once();
  const warm = Array.from({ length: WARM }, once).sort((a, b) => a.parse + a.resolve - (b.parse + b.resolve));
  const mid = warm[Math.floor(WARM / 2)] as ReturnType<typeof once>;
  return {
    coldMs: cold.parse + cold.resolve,
    warmMs: mid.parse + mid.resolve,
    warmParseMs: mid.parse,
    warmResolveMs: mid.resolve,
    warmCpuMs: mid.cpu,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    problems: cold.problems,
  };
}

if (process.env.MARGINALIA_PARSE_BENCH) {
  process.stdout.write(JSON.stringify(measureHere(process.env.MARGINALIA_PARSE_BENCH === 'changed')) + '\n');
  process.exit(0);
}

function inFreshProcess(changed: boolean): Measured {
  const r = spawnSync(process.execPath, [__filename], { env: { ...process.env, MARGINALIA_PARSE_BENCH: changed ? 'changed' : 'unchanged' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`parse bench worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Measured;
}

export default async function parseBench(): Promise<BenchRow[]> {
  const { article, edited, fileText } = largeFile(process.cwd());
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'large.annotations.json'), fileText);
  writeFileSync(join(DIR, 'large.txt'), article);
  writeFileSync(join(DIR, 'edited.txt'), edited);
  const mb = fileText.length / 1e6;
  const rows: BenchRow[] = [];
  const baseline = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'], { encoding: 'utf8' });
  // The worker is this very bundle, run with MARGINALIA_PARSE_BENCH set.
  const nodeMb = Number(baseline.stdout);
  for (const changed of [false, true]) {
    const runs = Array.from({ length: RUNS }, () => inFreshProcess(changed));
    const what = changed ? 'changed article (2,000 edits)' : 'unchanged article';
    const stat = (k: keyof Measured): { median: number; max: number } => ({ median: median(runs.map((m) => m[k])), max: Math.max(...runs.map((m) => m[k])) });
    const warm = stat('warmMs');
    const cold = stat('coldMs');
    const cpu = stat('warmCpuMs');
    const rss = stat('maxRssMb');
    rows.push({
      section: 'parse',
      name: `${mb.toFixed(1)} MB file, ${CLAIMS.toLocaleString('en')} claims, ${what}: parse + validate + anchor`,
      value: round(warm.median),
      unit: 'ms',
      note:
        `warm (as in the extension): median of ${RUNS} processes, max ${round(warm.max)} ms, CPU ${round(cpu.median)} ms (max ${round(cpu.max)}); ` +
        `parse ${round(stat('warmParseMs').median)} ms, resolve ${round(stat('warmResolveMs').median)} ms; cold first run (as in the CLI) ${round(cold.median)} ms (max ${round(cold.max)}); ` +
        `${runs[0]?.problems ?? 0} problems located; aim ${changed ? '1 s' : '0.25 s'}`,
    });
    rows.push({
      section: 'parse',
      name: `${mb.toFixed(1)} MB file, ${what}: peak memory (max RSS of the process)`,
      value: round(rss.median),
      unit: 'MB',
      note: `max ${round(rss.max)} MB over ${RUNS} processes of ${WARM + 1} runs each; includes reading the file and the article, and Node itself (${round(nodeMb)} MB for an empty script); aim 250 MB`,
    });
  }
  return rows;
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
