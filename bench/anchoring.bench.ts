// Anchoring at scale: a 1 MB article with 10,000 annotations, re-anchored after edits made outside the editor
// (only the stored selectors are known, as after a `git pull`), side by side with a Hypothesis-style peer on
// the same inputs (bench/anchoring-peer.ts). Two articles: generated text in which phrases recur, with real prose
// mixed in, and real prose interleaved with prose generated from it (bench/anchoring-corpus.ts). Cases: unchanged;
// 200 and 2,000 scattered edits inside and outside quotes; 10 paragraphs moved plus 200 edits; drift beyond any
// window (large blocks inserted plus edits); the whole text replaced by another article; and, to keep the fast
// paths honest, 2,000 edits with the previous text known (diff) and as editor change events. Ground truth is
// tracked exactly through the edits (bench/anchoring-edits.ts); wrong, lost and orphaned are counted apart.
// ANCHOR_BENCH_DETAIL=1 prints the wrong placements on stderr.

import { cpus, loadavg } from 'node:os';
import { anchorAll } from '../src/core/anchor';
import type { Anchor, Selector } from '../src/core/model';
import { OffsetMap, hashText, quoteOf } from '../src/core/text';
import { kinds, type Case } from './anchoring-cases';
import { prng } from './anchoring-corpus';
import { article as legacyArticle, annotate as legacyAnnotate } from './anchoring-legacy';
import { judge, runPeer, type Score } from './anchoring-peer';
import { median, type BenchRow } from './types';

/** The peer runs on a random sample until this much time is spent, then its time is extrapolated. */
const PEER_BUDGET_MS = 4_000;
const PEER_MIN_SAMPLE = 30;
const RUNS = 5;

export default async function anchoringBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const load0 = loadavg()[0] as number;
  const all = kinds(process.cwd());
  for (const { label, items, cases } of all) {
    const indexes = items.map((_, i) => i);
    const order = [...indexes];
    const rand = prng(7);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const c of cases()) {
      if (c.name === 'unchanged') {
        const hash = timed(() => hashText(c.text), 9);
        rows.push({
          section: 'anchoring',
          name: `${label}: hash of the 1 MB article (unchanged check)`,
          value: round(hash.median),
          unit: 'ms',
          note: `median of 9 runs, max ${round(hash.max)} ms`,
        });
      }
      const ours = timed(() => anchorAll(items, c.text, c.opts), RUNS);
      const score = judge(ours.value, c.truth, c.text, indexes);
      const peer = runPeer(c.text, items, order, PEER_BUDGET_MS, PEER_MIN_SAMPLE);
      const peerScore = judge(peer.anchors, c.truth, c.text, peer.done);
      const scale = items.length / peer.done.length;
      const damaged = c.truth.filter((t) => t?.damaged).length;
      const gone = c.truth.filter((t) => t?.mostlyGone).length;
      const name = `${label}: ${c.name}`;
      rows.push({
        section: 'anchoring',
        name: `${name}: time`,
        value: round(ours.median),
        unit: 'ms',
        peer: 'Hypothesis-style',
        peerValue: Math.round(peer.ms),
        ratio: round(ours.median / peer.ms, 5),
        note:
          `median of ${RUNS} runs, max ${round(ours.max)} ms, CPU ${round(ours.cpu)} ms; ${Math.round(peer.ms / ours.max)}× faster than the peer at our slowest; ${c.note}; ` +
          `${damaged} annotations touched by an edit (${gone} lost more than half their text); ` +
          `peer on a random ${peer.done.length} of ${items.length} within ${PEER_BUDGET_MS / 1000} s, its time extrapolated and counts scaled ×${scale.toFixed(1)}`,
      });
      for (const k of ['correct', 'wrong', 'lost', 'orphaned'] as const) {
        const peerCount = Math.round(peerScore[k] * scale);
        rows.push({
          section: 'anchoring',
          name: `${name}: ${k}`,
          value: score[k],
          unit: 'annotations',
          peer: 'Hypothesis-style',
          peerValue: peerCount,
          ...(peerCount > 0 ? { ratio: round(score[k] / peerCount, 3) } : {}),
          ...(k === 'lost' && score.lost ? { note: `${score.lostUntouched} of them untouched by any edit` } : {}),
        });
      }
      if (process.env.ANCHOR_BENCH_DETAIL) explain(name, items, ours.value, c, score);
    }
  }
  const load1 = loadavg()[0] as number;
  rows.push({
    section: 'anchoring',
    name: 'machine load (1-minute average, start → end)',
    value: round(load1),
    unit: 'load',
    note: `${round(load0)} → ${round(load1)} on ${cpus().length} cores, shared with other work; times are medians of ${RUNS} runs with their maxima`,
  });
  return rows;
}

function explain(name: string, items: readonly { selector: Selector[] }[], anchors: readonly Anchor[], c: Case, score: Score): void {
  const map = new OffsetMap(c.text);
  for (const i of score.wrongIndexes.slice(0, 20)) {
    const a = anchors[i] as Anchor;
    const t = c.truth[i];
    const q = quoteOf((items[i] as { selector: Selector[] }).selector);
    const got = a.start !== undefined && a.end !== undefined ? c.text.slice(map.toUtf16(a.start), map.toUtf16(a.end)) : '';
    console.error(
      `[wrong] ${name} #${i} ${a.status}${a.score !== undefined ? ` ${a.score}` : ''} at ${a.start}; truth ${t ? `${t.start}-${t.end}${t.damaged ? ' damaged' : ''}` : 'none'}\n` +
        `   quote ${JSON.stringify(q?.exact.slice(0, 80))}\n   got   ${JSON.stringify(got.slice(0, 80))}\n` +
        `   ctx   ${JSON.stringify((q?.prefix ?? '') + '[…]' + (q?.suffix ?? ''))}\n` +
        `   here  ${JSON.stringify(c.text.slice(map.toUtf16(a.start ?? 0) - 32, map.toUtf16(a.start ?? 0)) + '[…]' + c.text.slice(map.toUtf16(a.end ?? 0), map.toUtf16(a.end ?? 0) + 32))}`,
    );
  }
}

/**
 * Median and maximum of `runs` timings (the machine is shared: the median is the fair figure, the max the worst),
 * and the median CPU time, which shows how much of the wall time was waiting for a core.
 */
function timed<T>(f: () => T, runs: number): { value: T; median: number; max: number; cpu: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { value: value as T, median: median(times), max: Math.max(...times), cpu: median(cpu) };
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** The first benchmark's generator, which the reader benchmark renders. */
export const internals = { prng, article: legacyArticle, annotate: legacyAnnotate };
