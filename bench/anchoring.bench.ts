// Anchoring at scale: a generated 1 MB article with 10,000 annotations, checked (a) unchanged, (b) after
// 200 and 2,000 scattered edits made outside the editor (mapped through a diff of the previous text),
// (c) after the whole text is replaced (by a different article, and by an editor "replace all").
// Side by side, on the same inputs, a Hypothesis-style pipeline: every exact `indexOf` match, else
// `approx-string-match` over the whole text with maxErrors = min(256, len/2), scored quote 50 /
// prefix 20 / suffix 20 / position 2 (every exact match is scored, as Hypothesis does, which is what
// makes one-word quotes costly for it). Correctness is judged against the generator's known truth.

import search from 'approx-string-match';
import { anchorAll, type TextChange } from '../src/core/anchor';
import type { Anchor, Selector } from '../src/core/model';
import { OffsetMap, hashText, positionOf, quoteOf, selectorsFor } from '../src/core/text';
import { median, type BenchRow } from './types';

const ARTICLE_CHARS = 1_000_000;
const ANNOTATIONS = 10_000;
/** The peer runs on a random sample until this much time is spent, then its time is extrapolated. */
const PEER_BUDGET_MS = 6_000;
const PEER_MIN_SAMPLE = 30;

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

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'sa', 'tor', 'vin', 'der', 'ul', 'rah', 'po', 'chen', 'ing', 'ov', 'ski', 'ta', 'mer', 'gu', 'an', 'is'];
const EXTRA = ['café', 'naïve', 'Genève', '“quoted”', '—', 'Zürich', 'São', 'Kraków', 'Đà', '東京', '😀', 'coöperate', 'résumé'];

function vocabulary(rand: () => number): string[] {
  const words = new Set<string>(['the', 'of', 'and', 'a', 'to', 'in', 'said', 'that', 'is', 'for']);
  while (words.size < 3000) {
    const n = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words, ...EXTRA];
}

function article(seed: number, chars: number): string {
  const rand = prng(seed);
  const vocab = vocabulary(rand);
  const common = vocab.slice(0, 10);
  const parts: string[] = [];
  let size = 0;
  while (size < chars) {
    const sentences: string[] = [];
    const ns = 3 + Math.floor(rand() * 6);
    for (let s = 0; s < ns; s++) {
      const words: string[] = [];
      const nw = 8 + Math.floor(rand() * 18);
      for (let w = 0; w < nw; w++)
        words.push(rand() < 0.3 ? (common[Math.floor(rand() * common.length)] as string) : (vocab[Math.floor(rand() * vocab.length)] as string));
      const first = words[0] as string;
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      sentences.push(words.join(' ') + '.');
    }
    const p = sentences.join(' ');
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

/** Word-boundary index at or after i. */
function boundary(text: string, i: number): number {
  const j = text.indexOf(' ', Math.min(i, text.length));
  return j === -1 ? text.length : j;
}

interface Truth {
  start: number;
  end: number;
  damaged: boolean;
  /** Less than half of the annotated text survived the edits: an orphan is as right as a fuzzy anchor. */
  mostlyGone?: boolean;
}

function annotate(text: string, rand: () => number): { items: { selector: Selector[] }[]; spans: [number, number][] } {
  const map = new OffsetMap(text);
  const items: { selector: Selector[] }[] = [];
  const spans: [number, number][] = [];
  while (items.length < ANNOTATIONS) {
    const s = boundary(text, Math.floor(rand() * text.length)) + 1;
    let e = s;
    const words = 1 + Math.floor(rand() * 6);
    for (let w = 0; w < words; w++) e = boundary(text, e + 1);
    if (s >= text.length || e > text.length || e - s < 2 || /\n/.test(text.slice(s, e))) continue;
    items.push({ selector: selectorsFor(map, s, e) });
    spans.push([s, e]);
  }
  return { items, spans };
}

/** Scattered, non-overlapping edits in old-text coordinates, applied in one pass. */
function edit(text: string, count: number, rand: () => number): { text: string; edits: { p: number; q: number; ins: string }[] } {
  const positions = new Set<number>();
  while (positions.size < count) positions.add(boundary(text, Math.floor(rand() * text.length)));
  const sorted = [...positions].sort((a, b) => a - b);
  const edits: { p: number; q: number; ins: string }[] = [];
  let last = 0;
  for (const p0 of sorted) {
    if (p0 < last || p0 >= text.length) continue;
    const kind = rand();
    const p = p0;
    // insert a few words, delete a word or two, or replace one
    const q = kind < 0.4 ? p : Math.min(text.length, boundary(text, boundary(text, p + 1) + (kind < 0.7 ? 1 : 0)));
    const ins = kind < 0.7 ? ` ${['inserted', 'newly', 'also', 'reportedly', 'émigré'][Math.floor(rand() * 5)]} words` : kind < 0.85 ? '' : ' replaced';
    if (q < p) continue;
    edits.push({ p, q, ins });
    last = q + 1;
  }
  const pieces: string[] = [];
  let at = 0;
  for (const e of edits) {
    pieces.push(text.slice(at, e.p), e.ins);
    at = e.q;
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), edits };
}

function truthAfter(spans: [number, number][], edits: { p: number; q: number; ins: string }[]): Truth[] {
  // prefix sums of length change, by edit order (edits sorted by p)
  const shiftBefore: number[] = [0];
  for (const e of edits) shiftBefore.push((shiftBefore[shiftBefore.length - 1] as number) + e.ins.length - (e.q - e.p));
  const firstEditAtOrAfter = (x: number): number => {
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((edits[mid] as { q: number }).q <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo; // edits[lo] is the first edit ending after x
  };
  return spans.map(([s, e]) => {
    const i = firstEditAtOrAfter(s);
    const ed = edits[i];
    // damaged when an edit touches [s, e) (an insertion exactly at s or e is outside)
    const damaged = ed !== undefined && ed.p < e && (ed.q > s || (ed.p > s && ed.p < e));
    if (!damaged) return { start: s + (shiftBefore[i] as number), end: e + (shiftBefore[i] as number), damaged: false };
    let j = i;
    while (j < edits.length && (edits[j] as { p: number }).p < e) j++;
    const start = Math.min(s, (ed as { p: number }).p) + (shiftBefore[i] as number);
    const last = edits[j - 1] as { p: number; q: number; ins: string };
    const end = Math.max(e, last.q) + (shiftBefore[j] as number);
    let removed = 0;
    for (let k = i; k < j; k++) {
      const x = edits[k] as { p: number; q: number };
      removed += Math.max(0, Math.min(e, x.q) - Math.max(s, x.p));
    }
    return { start, end, damaged: true, mostlyGone: removed * 2 > e - s };
  });
}

interface Score {
  correct: number;
  wrong: number;
  orphaned: number;
}

/**
 * Intact annotations must land exactly on the truth; damaged ones anywhere overlapping their new extent
 * (or be orphans, when less than half of their text survived); whole-text replacement expects orphans.
 */
function judge(anchors: (Anchor | undefined)[], truth: (Truth | null)[], text: string, indexes: number[]): Score {
  const map = new OffsetMap(text);
  const score: Score = { correct: 0, wrong: 0, orphaned: 0 };
  for (const i of indexes) {
    const a = anchors[i];
    const t = truth[i];
    if (!a || t === undefined) continue;
    if (a.status === 'orphan' || a.start === undefined || a.end === undefined) {
      if (t === null || t.mostlyGone) score.correct++;
      else score.orphaned++;
      continue;
    }
    if (t === null) {
      score.wrong++;
      continue;
    }
    const s = map.toUtf16(a.start);
    const e = map.toUtf16(a.end);
    const ok = t.damaged ? s < t.end && t.start < e : s === t.start && e === t.end;
    if (ok) score.correct++;
    else score.wrong++;
  }
  return score;
}

// ---- the peer: Hypothesis' match-quote, on UTF-16 offsets as the browser does ------------------------

function peerTextMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  let errors = str.length;
  for (const m of matches) errors = Math.min(errors, m.errors);
  return 1 - errors / str.length;
}

function peerAnchor(text: string, map: OffsetMap, selector: Selector[]): Anchor {
  const quote = quoteOf(selector);
  const pos = positionOf(selector);
  if (!quote) return { status: 'orphan' };
  const q = quote.exact;
  const maxErrors = Math.min(256, Math.floor(q.length / 2));
  let matches: { start: number; end: number; errors: number }[] = [];
  for (let i = text.indexOf(q); i !== -1; i = text.indexOf(q, i + 1)) matches.push({ start: i, end: i + q.length, errors: 0 });
  if (matches.length === 0) matches = search(text, q, maxErrors);
  if (matches.length === 0) return { status: 'orphan' };
  let best: { start: number; end: number; score: number; errors: number } | undefined;
  for (const m of matches) {
    const quoteScore = 1 - m.errors / q.length;
    const prefixScore = quote.prefix ? peerTextMatchScore(text.slice(Math.max(0, m.start - quote.prefix.length), m.start), quote.prefix) : 1;
    const suffixScore = quote.suffix ? peerTextMatchScore(text.slice(m.end, m.end + quote.suffix.length), quote.suffix) : 1;
    const posScore = pos ? 1 - Math.abs(m.start - pos.start) / text.length : 1;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
    if (!best || score > best.score) best = { ...m, score };
  }
  if (!best) return { status: 'orphan' };
  return { status: best.errors === 0 ? 'relocated' : 'fuzzy', start: map.toCodePoint(best.start), end: map.toCodePoint(best.end), score: best.score };
}

function runPeer(
  text: string,
  items: { selector: Selector[] }[],
  order: number[],
): { anchors: (Anchor | undefined)[]; done: number[]; ms: number; extrapolated: boolean } {
  const anchors: (Anchor | undefined)[] = new Array(items.length);
  const done: number[] = [];
  const t0 = performance.now();
  const map = new OffsetMap(text);
  for (const i of order) {
    anchors[i] = peerAnchor(text, map, (items[i] as { selector: Selector[] }).selector);
    done.push(i);
    if (done.length >= PEER_MIN_SAMPLE && performance.now() - t0 > PEER_BUDGET_MS) break;
  }
  const spent = performance.now() - t0;
  return { anchors, done, ms: (spent * items.length) / done.length, extrapolated: done.length < items.length };
}

/** Best and median of `runs` timings: the machine is shared, so the best is the algorithm's cost. */
function time<T>(f: () => T, runs = 1): { value: T; ms: number; median: number } {
  const times: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
  }
  return { value: value as T, ms: Math.min(...times), median: median(times) };
}

export default async function anchoringBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const rand = prng(20261128);
  const base = article(1, ARTICLE_CHARS);
  const { items, spans } = annotate(base, rand);
  const all = items.map((_, i) => i);
  const order = [...all];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const hash = time(() => hashText(base), 9);
  rows.push({
    section: 'anchoring',
    name: 'hash of 1 MB article (unchanged check)',
    value: round(hash.ms),
    unit: 'ms',
    note: `best of 9 runs (median ${round(hash.median)} ms); fnv1a64 of the normalized text, compared with article.hash`,
  });

  type Case = { name: string; text: string; truth: (Truth | null)[]; opts?: { previousText?: string; changes?: TextChange[] }; runs: number; note: string };
  const cases: Case[] = [];
  cases.push({
    name: '(a) unchanged',
    text: base,
    truth: spans.map(([s, e]) => ({ start: s, end: e, damaged: false })),
    runs: 9,
    note: 'quote checked at its stored position',
  });
  for (const n of [200, 2000]) {
    const ed = edit(base, n, prng(n));
    cases.push({
      name: `(b) ${n} scattered edits`,
      text: ed.text,
      truth: truthAfter(spans, ed.edits),
      opts: { previousText: base },
      runs: 3,
      note: 'edited outside the editor: hints mapped through a diff of the previous text',
    });
  }
  const other = article(2, ARTICLE_CHARS);
  cases.push({
    name: '(c) whole text replaced by another article',
    text: other,
    truth: spans.map(() => null),
    opts: { previousText: base },
    runs: 1,
    note: 'truth: every annotation is an orphan',
  });
  const ed200 = edit(base, 200, prng(200));
  cases.push({
    name: '(c) editor replace-all of the 200-edit text',
    text: ed200.text,
    truth: truthAfter(spans, ed200.edits),
    opts: { previousText: base, changes: [{ start: 0, end: new OffsetMap(base).codePointLength, text: ed200.text }] },
    runs: 3,
    note: 'one change covering everything: falls back to the diff',
  });

  for (const c of cases) {
    const ours = time(() => anchorAll(items, c.text, c.opts), c.runs);
    const ourScore = judge(ours.value, c.truth, c.text, all);
    const damaged = c.truth.filter((t) => t?.damaged).length;
    const mostlyGone = c.truth.filter((t) => t?.mostlyGone).length;
    const peer = runPeer(c.text, items, order);
    const peerScore = judge(peer.anchors, c.truth, c.text, peer.done);
    const scale = items.length / peer.done.length;
    const sample = peer.extrapolated
      ? `peer ran on a random ${peer.done.length} of ${items.length} annotations within ${PEER_BUDGET_MS / 1000} s; its time is extrapolated and its counts scaled ×${scale.toFixed(1)}`
      : 'peer ran on all annotations';
    rows.push({
      section: 'anchoring',
      name: `${c.name}: time`,
      value: round(ours.ms),
      unit: 'ms',
      peer: 'Hypothesis-style',
      peerValue: round(peer.ms),
      ratio: round(ours.ms / peer.ms, 4),
      note: `${round(peer.ms / ours.ms, 0)}× faster than the peer; best of ${c.runs} runs (median ${round(ours.median)} ms); ${c.note}; ${sample}`,
    });
    for (const k of ['correct', 'wrong', 'orphaned'] as const) {
      const peerCount = Math.round(peerScore[k] * scale);
      rows.push({
        section: 'anchoring',
        name: `${c.name}: ${k === 'wrong' ? 'wrong place' : k}`,
        value: ourScore[k],
        unit: 'annotations',
        peer: 'Hypothesis-style',
        peerValue: peerCount,
        ...(peerCount > 0 ? { ratio: round(ourScore[k] / peerCount, 3) } : {}),
        ...(k === 'correct' && damaged
          ? {
              note: `${damaged} of ${items.length} annotations were touched by an edit (${mostlyGone} lost more than half their text): correct = anchored overlapping their new extent, or orphaned if mostly gone`,
            }
          : {}),
      });
    }
  }
  return rows;
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** For investigating single cases by hand. */
export const internals = { prng, article, annotate, edit, truthAfter };
