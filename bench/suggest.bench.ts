// Suggested annotations: quality against hand-made annotation files, starting from an empty file of each article
// (the bundled one and the fixture articles of test/fixtures/suggest, two of them written after the rules, as a
// held-out check), and speed on a 1 MB article, in the calling thread and in a worker thread while the main
// thread's event loop is watched (the longest it was blocked, as the extension host would be).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { AnnotationFile } from '../src/core/model';
import { parseAnnotationFile } from '../src/core/parse';
import { resolveModel } from '../src/core/resolve';
import { suggest } from '../src/core/suggest/engine';
import { expectedFrom, score, type Scores } from '../src/core/suggest/evaluate';
import { inputFromModel } from '../src/core/suggest/input';
import type { SuggestInput, SuggestResult } from '../src/core/suggest/types';
import { normalizeText } from '../src/core/text';
import { median, type BenchRow } from './types';

const ROOT = join(__dirname, '..', '..');
const ARTICLES: [name: string, annotation: string][] = [
  ['bundled', 'media/articles/beijing-moscow-push-back.annotations.json'],
  ['nile (wire)', 'test/fixtures/suggest/nile-dam-talks.annotations.json'],
  ['battery (feature)', 'test/fixtures/suggest/battery-recycling.annotations.json'],
  ['wildfire (AP, held out)', 'test/fixtures/suggest/wildfire-insurance.annotations.json'],
  ['south china sea (analysis, held out)', 'test/fixtures/suggest/south-china-sea.annotations.json'],
];

function load(annotation: string): { full: AnnotationFile; text: string } {
  const full = parseAnnotationFile(readFileSync(join(ROOT, annotation), 'utf8')).file as AnnotationFile;
  const text = normalizeText(readFileSync(join(ROOT, annotation, '..', full.article.path), 'utf8'));
  return { full, text };
}

function emptyInput(full: AnnotationFile, text: string): SuggestInput {
  return inputFromModel(resolveModel({ ...full, entities: [], mentions: [], claims: [], relations: [] }, text));
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

function qualityRows(name: string, s: Scores): BenchRow[] {
  const section = 'suggest quality';
  const m = s.mentions;
  const c = s.claims;
  return [
    {
      section,
      name: `${name}: mention precision`,
      value: pct(m.precision),
      unit: '%',
      note: `exact spans; overlap ${pct(m.precisionOverlap)}%; ${m.suggested} suggested; aim 85%`,
    },
    {
      section,
      name: `${name}: mention recall`,
      value: pct(m.recall),
      unit: '%',
      note: `exact spans; overlap ${pct(m.recallOverlap)}%; ${m.expected} expected; aim 90%`,
    },
    { section, name: `${name}: type accuracy`, value: pct(m.typeAccuracy), unit: '%', note: 'of exactly matched mentions' },
    {
      section,
      name: `${name}: entities found`,
      value: s.entitiesFound.found,
      unit: `of ${s.entitiesFound.total}`,
      note: s.entitiesFound.missing.join(', ') || 'all',
    },
    {
      section,
      name: `${name}: claim precision`,
      value: pct(c.precisionOverlap),
      unit: '%',
      note: `overlap; exact spans ${pct(c.precision)}%; ${c.suggested} suggested; aim 80%`,
    },
    {
      section,
      name: `${name}: claim coverage`,
      value: pct(c.recallOverlap),
      unit: '%',
      note: `overlap; exact spans ${pct(c.recall)}%; ${c.expected} expected`,
    },
    {
      section,
      name: `${name}: quotations covered`,
      value: pct(s.quotationCoverage.covered / Math.max(1, s.quotationCoverage.total)),
      unit: '%',
      note: `${s.quotationCoverage.covered} of ${s.quotationCoverage.total}; aim 95%`,
    },
    {
      section,
      name: `${name}: right speaker`,
      value: pct(s.speakerAccuracy.right / Math.max(1, s.speakerAccuracy.total)),
      unit: '%',
      note: `${s.speakerAccuracy.right} of ${s.speakerAccuracy.total} covered claims; aim 85%`,
    },
    {
      section,
      name: `${name}: right outlet`,
      value: pct(s.outletAccuracy.right / Math.max(1, s.outletAccuracy.total)),
      unit: '%',
      note: `${s.outletAccuracy.right} of ${s.outletAccuracy.total}; aim 80%`,
    },
    {
      section,
      name: `${name}: right mode`,
      value: pct(s.modeAccuracy.right / Math.max(1, s.modeAccuracy.total)),
      unit: '%',
      note: `${s.modeAccuracy.right} of ${s.modeAccuracy.total}`,
    },
  ];
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'sa', 'tor', 'vin', 'der', 'ul', 'rah', 'po', 'chen', 'ov', 'ski', 'ta', 'mer', 'gu', 'an', 'is', 'bel'];

/** A 1 MB article: the fixture articles again and again, each copy's people renamed, so names do not just repeat. */
function bigArticle(): string {
  const sources = ARTICLES.map(([, a]) => load(a));
  const parts: string[] = [];
  let size = 0;
  for (let copy = 0; size < 1_000_000; copy++) {
    const { full, text } = sources[copy % sources.length] as { full: AnnotationFile; text: string };
    let t = text;
    for (const e of full.entities) {
      if (!['person', 'analyst', 'official'].includes(e.type)) continue;
      const words = e.name.split(' ');
      const last = words[words.length - 1] as string;
      if (last.length < 3 || /\./.test(last)) continue;
      let n = copy * 7919 + last.length;
      let fresh = '';
      for (let k = 0; k < 3; k++, n = Math.floor(n / SYLLABLES.length) + 13 * k) fresh += SYLLABLES[n % SYLLABLES.length];
      t = t.split(last).join(fresh[0]?.toUpperCase() + fresh.slice(1));
    }
    parts.push(t);
    size += t.length + 2;
  }
  return parts.join('\n\n');
}

interface Part {
  json: string;
  done: boolean;
  unmapped?: SuggestResult['unmapped'];
}

/** The longest this thread spent in one go on a request: sending it, and taking in one part. */
let longestSend = 0;
let longestPart = 0;
let parts = 0;

/** Runs the engine in a worker; resolves with the result put back together from its parts. */
function request(worker: Worker, input: SuggestInput): Promise<SuggestResult> {
  return new Promise((resolve) => {
    const suggestions: SuggestResult['suggestions'] = [];
    const onMessage = (m: Part): void => {
      const t0 = performance.now();
      const part = JSON.parse(m.json) as SuggestResult['suggestions'];
      for (const s of part) suggestions.push(s);
      longestPart = Math.max(longestPart, performance.now() - t0);
      parts++;
      if (!m.done) {
        // Ask for the next part on the next turn, after whatever else is waiting.
        setImmediate(() => worker.postMessage({ next: true }));
        return;
      }
      worker.off('message', onMessage);
      resolve({ suggestions, unmapped: m.unmapped ?? [] });
    };
    worker.on('message', onMessage);
    const t0 = performance.now();
    worker.postMessage({ input });
    longestSend = Math.max(longestSend, performance.now() - t0);
  });
}

/** The longest gap between 5 ms timer ticks while `work` runs, less the 5 ms a tick takes anyway. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ value: T; gap: number }> {
  let maxGap = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    const value = await work();
    return { value, gap: Math.max(0, maxGap - 5, histogram.max / 1e6 - 5) };
  } finally {
    clearInterval(tick);
    histogram.disable();
  }
}

/** A worker that only burns CPU for `ms`: what a busy second thread alone costs the main thread's timers. */
function spin(ms: number): Promise<void> {
  const w = new Worker(`const t = Date.now(); while (Date.now() - t < ${Math.round(ms)}) {} require('node:worker_threads').parentPort.postMessage(0);`, {
    eval: true,
  });
  return new Promise((resolve) => w.once('message', () => void w.terminate().then(() => resolve())));
}

interface WorkerFigures {
  ms: number;
  /** The longest synchronous slices of this thread's own work for a request: sending it, taking in a part. */
  sendMs: number;
  partMs: number;
  parts: number;
  maxBlockMs: number;
  spinGapMs: number;
  idleGapMs: number;
  result: SuggestResult;
}

async function inWorker(input: SuggestInput, runs = 3): Promise<WorkerFigures> {
  const out = join(__dirname, 'suggest.worker.js');
  await build({
    // The extension's own worker, so the bench measures what the extension runs.
    entryPoints: [join(ROOT, 'src', 'vscode', 'suggestions', 'worker.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  const worker = new Worker(out);
  try {
    // Warm the worker (compromise's lexicon loads on first use), then time each run.
    await request(worker, { ...input, text: 'Alan Chong said so.' });
    const times: number[] = [];
    const gaps: number[] = [];
    const spins: number[] = [];
    const idles: number[] = [];
    const sends: number[] = [];
    const partTimes: number[] = [];
    let result: SuggestResult = { suggestions: [], unmapped: [] };
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      longestSend = 0;
      longestPart = 0;
      parts = 0;
      const busy = await longestGap(() => request(worker, input));
      sends.push(longestSend);
      partTimes.push(longestPart);
      const ms = performance.now() - t0;
      times.push(ms);
      gaps.push(busy.gap);
      result = busy.value;
      // The same watch for as long over a thread that only burns CPU, and over an idle machine.
      spins.push((await longestGap(() => spin(ms))).gap);
      idles.push((await longestGap(() => new Promise((resolve) => setTimeout(resolve, ms)))).gap);
    }
    return {
      ms: median(times),
      sendMs: median(sends),
      partMs: median(partTimes),
      parts,
      maxBlockMs: median(gaps),
      spinGapMs: median(spins),
      idleGapMs: median(idles),
      result,
    };
  } finally {
    await worker.terminate();
  }
}

export default async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [name, annotation] of ARTICLES) {
    const { full, text } = load(annotation);
    const s = score(expectedFrom(resolveModel(full, text)), suggest(emptyInput(full, text)).suggestions);
    rows.push(...qualityRows(name, s));
    const wrong = s.errors.slice(0, 12);
    for (const e of wrong) console.log(`[suggest] ${name}: ${e}`);
  }

  const text = bigArticle();
  const { full } = load(ARTICLES[0]?.[1] as string);
  const input: SuggestInput = { text, types: full.types, entities: [], mentions: [], claims: [], rejected: [] };
  // The worker first, while this thread's heap is still small (as the extension host's is).
  const w = await inWorker(input);
  suggest({ ...input, text: 'Warm-up: Alan Chong said so.' });
  const wall: number[] = [];
  const cpu: number[] = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    count = suggest(input).suggestions.length;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const section = 'suggest speed';
  const mb = `${(text.length / 1e6).toFixed(2)} MB, ${count} suggestions`;
  rows.push({ section, name: '1 MB article: suggest (wall, median of 3)', value: Math.round(median(wall)), unit: 'ms', note: `${mb}; aim 2,000 ms` });
  rows.push({
    section,
    name: '1 MB article: suggest (CPU time, median of 3)',
    value: Math.round(median(cpu)),
    unit: 'ms',
    note: 'this process; less sensitive to a busy machine than wall time',
  });
  rows.push({
    section,
    name: '1 MB article in a worker: request → result (median of 3)',
    value: Math.round(w.ms),
    unit: 'ms',
    note: `${w.result.suggestions.length} suggestions, back in ${w.parts} parts of ~32 KB of JSON`,
  });
  rows.push({
    section,
    name: '… main thread: longest slice of its own work (median of 3)',
    value: Math.round(Math.max(w.sendMs, w.partMs) * 10) / 10,
    unit: 'ms',
    note: `sending the 1 MB input ${Math.round(w.sendMs * 10) / 10} ms, parsing one part ${Math.round(w.partMs * 10) / 10} ms; aim 50 ms`,
  });
  rows.push({
    section,
    name: '… main thread: longest event-loop gap (median of 3)',
    value: Math.round(w.maxBlockMs * 10) / 10,
    unit: 'ms',
    peer: 'a worker that only burns CPU',
    peerValue: Math.round(w.spinGapMs * 10) / 10,
    note: `while the worker runs and its parts arrive; a busy machine's scheduling shows here too (idle machine alone: ${Math.round(w.idleGapMs * 10) / 10} ms)`,
  });
  return rows;
}
export const internals = { bigArticle };
