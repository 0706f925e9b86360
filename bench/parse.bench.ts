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
const RUNS = 5;
const SPEAKERS = 300;

/** The article, its edited version, and the annotation file text (pretty-printed, as Marginalia writes it). */
export function largeFile(repo: string): { article: string; edited: string; fileText: string } {
  const article = recurringArticle(1, 1_000_000, realParagraphs(repo));
  const { items } = annotate(article, CLAIMS, prng(41));
  const entities: AnnotationFile['entities'] = [];
  for (let i = 0; i < SPEAKERS; i++)
    entities.push({ id: `s${i}`, type: 'analyst', name: `Speaker Number ${i}`, role: 'senior fellow', affiliations: [`i${i % 20}`] });
  for (let i = 0; i < 20; i++) entities.push({ id: `i${i}`, type: 'institution', name: `Institute ${i}` });
  const claims: ClaimDef[] = items.map((it, n) => ({
    id: `c${n}`,
    selector: it.selector,
    summary: `Claim ${n}: what speaker ${n % SPEAKERS} is reported to have said about the matter, in the annotator's words`,
    attribution: {
      mode: n % 4 === 0 ? 'direct-quote' : 'paraphrase',
      chain: [
        { role: 'speaker', entity: `s${n % SPEAKERS}` },
        { role: 'outlet', label: 'Voice of America', kind: 'news service' },
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
  parseMs: number;
  resolveMs: number;
  totalMs: number;
  maxRssMb: number;
  problems: number;
}

/** Where the inputs are written once, for the measuring processes to read (generating them would count in their memory). */
const DIR = join(process.cwd(), '.bench', 'parse');

/** One measurement in this process: read the inputs, parse + resolve, then the peak RSS of the process. */
function measureHere(changed: boolean): Measured {
  const fileText = readFileSync(join(DIR, 'large.annotations.json'), 'utf8');
  const text = readFileSync(join(DIR, changed ? 'edited.txt' : 'large.txt'), 'utf8');
  const t0 = performance.now();
  const parsed = parseAnnotationFile(fileText);
  const t1 = performance.now();
  if (!parsed.file) throw new Error('the large file did not parse');
  const model = resolveModel(parsed.file, text, { parseProblems: parsed.problems, fileText });
  const t2 = performance.now();
  return { parseMs: t1 - t0, resolveMs: t2 - t1, totalMs: t2 - t0, maxRssMb: process.resourceUsage().maxRSS / 1024, problems: model.problems.length };
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
    const total = stat('totalMs');
    const parse = stat('parseMs');
    const resolve = stat('resolveMs');
    const rss = stat('maxRssMb');
    rows.push({
      section: 'parse',
      name: `${mb.toFixed(1)} MB file, ${CLAIMS.toLocaleString('en')} claims, ${what}: parse + validate + anchor`,
      value: round(total.median),
      unit: 'ms',
      note: `median of ${RUNS} fresh processes, max ${round(total.max)} ms; parse ${round(parse.median)} ms (max ${round(parse.max)}), resolve ${round(resolve.median)} ms (max ${round(resolve.max)}); ${runs[0]?.problems ?? 0} problems located; aim ${changed ? '1 s' : '0.25 s'}`,
    });
    rows.push({
      section: 'parse',
      name: `${mb.toFixed(1)} MB file, ${what}: peak memory (max RSS of the process)`,
      value: round(rss.median),
      unit: 'MB',
      note: `max ${round(rss.max)} MB; includes reading the file and the article, and Node itself (${round(nodeMb)} MB for an empty script); aim 250 MB`,
    });
  }
  return rows;
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
