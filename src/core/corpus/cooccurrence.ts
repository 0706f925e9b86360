// Entity co-occurrence across the corpus, QualCoder-style: two entities co-occur when both are mentioned in the
// same sentence, the same paragraph, or take part in the same claim (speaker, venue, outlet, or mentioned inside
// its span). A cell counts the sentences (paragraphs, claims) that hold both. Pairs are counted per file once and
// cached with the file's summary, so after one file changes only that file is counted again; entity keys are
// numbered, so a pair is two small integers, not a string built a million times.

import type { CorpusIndex } from './index';
import { unitRange, type FileSummary } from './summary';

export type CoLevel = 'sentence' | 'paragraph' | 'claim';
export const CO_LEVELS: readonly CoLevel[] = ['sentence', 'paragraph', 'claim'];

export interface CoPair {
  a: string;
  b: string;
  /** Sentences (paragraphs, claims) holding both. */
  count: number;
  articles: number;
}

/** One place where a pair co-occurs. */
export interface CoInstance {
  file: string;
  /** UTF-16 range of the sentence or paragraph, or of the claim. */
  start: number;
  end: number;
  claim?: string;
  /** Mention ids of either entity inside the unit. */
  mentions: string[];
}

class Numbering {
  private readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  id(key: string): number {
    let n = this.ids.get(key);
    if (n === undefined) {
      n = this.keys.length;
      this.ids.set(key, n);
      this.keys.push(key);
    }
    return n;
  }
}

const numberings = new WeakMap<CorpusIndex, Numbering>();
const perFile = new WeakMap<FileSummary, { numbering: Numbering; pairs: Map<CoLevel, Int32Array> }>();

/** The entities each unit of a file holds (unit ids are sentence or paragraph indexes, or claim positions). */
function unitsOf(s: FileSummary, level: CoLevel): Iterable<string[]> {
  if (level === 'claim') return s.claims.map((c) => [...(c.speaker ? [c.speaker] : []), ...c.via.flatMap((l) => (l.key ? [l.key] : [])), ...c.entities]);
  const units = new Map<number, string[]>();
  for (const m of s.mentions) {
    const u = level === 'sentence' ? m.sentence : m.paragraph;
    const list = units.get(u);
    if (list) list.push(m.entity);
    else units.set(u, [m.entity]);
  }
  return units.values();
}

function numberingOf(index: CorpusIndex): Numbering {
  let numbering = numberings.get(index);
  if (!numbering) numberings.set(index, (numbering = new Numbering()));
  return numbering;
}

/** Counts a file's pairs at every level now (an indexer does it per file, between yields) rather than at first view. */
export function countPairs(index: CorpusIndex, s: FileSummary): void {
  for (const level of CO_LEVELS) filePairs(s, level, numberingOf(index));
}

/** A file's pairs as flat triples (a, b, units holding both), a < b: compact, and read back in one loop. */
function filePairs(s: FileSummary, level: CoLevel, numbering: Numbering): Int32Array {
  let cached = perFile.get(s);
  if (!cached || cached.numbering !== numbering) perFile.set(s, (cached = { numbering, pairs: new Map() }));
  const hit = cached.pairs.get(level);
  if (hit) return hit;
  const counts = new Map<number, Map<number, number>>();
  for (const keys of unitsOf(s, level)) {
    const ids = [...new Set(keys.map((k) => numbering.id(k)))].sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i] as number;
      let row = counts.get(a);
      if (!row) counts.set(a, (row = new Map()));
      for (let j = i + 1; j < ids.length; j++) row.set(ids[j] as number, (row.get(ids[j] as number) ?? 0) + 1);
    }
  }
  const flat: number[] = [];
  for (const [a, row] of counts) for (const [b, n] of row) flat.push(a, b, n);
  const pairs = Int32Array.from(flat);
  cached.pairs.set(level, pairs);
  return pairs;
}

interface Total {
  a: number;
  b: number;
  count: number;
  articles: number;
}

/**
 * Co-occurring pairs at `level`, most frequent first: all of them, or the first `limit` (what a view shows; the
 * CSV export asks for all). Totals are kept in maps keyed by small integers, which the engine hashes fastest.
 */
export function coOccurrence(index: CorpusIndex, level: CoLevel, limit = Infinity): CoPair[] {
  const numbering = numberingOf(index);
  const totals = new Map<number, Map<number, Total>>();
  const all: Total[] = [];
  for (const s of index.files()) {
    const pairs = filePairs(s, level, numbering);
    for (let i = 0; i < pairs.length; i += 3) {
      const a = pairs[i] as number;
      const b = pairs[i + 1] as number;
      let row = totals.get(a);
      if (!row) totals.set(a, (row = new Map()));
      const t = row.get(b);
      if (t) {
        t.count += pairs[i + 2] as number;
        t.articles++;
      } else {
        const nt = { a, b, count: pairs[i + 2] as number, articles: 1 };
        row.set(b, nt);
        all.push(nt);
      }
    }
  }
  const order = (x: Total, y: Total): number => y.count - x.count || y.articles - x.articles || x.a - y.a || x.b - y.b;
  const top = limit >= all.length ? all.sort(order) : topK(all, limit, order);
  return top.map((t) => ({ a: numbering.keys[t.a] as string, b: numbering.keys[t.b] as string, count: t.count, articles: t.articles }));
}

/** The first `k` of `items` in `order`, without sorting them all (a bounded max-heap of the best so far). */
function topK<T>(items: readonly T[], k: number, order: (x: T, y: T) => number): T[] {
  const heap: T[] = [];
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (order(heap[p] as T, heap[i] as T) >= 0) break;
      [heap[p], heap[i]] = [heap[i] as T, heap[p] as T];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && order(heap[l] as T, heap[w] as T) > 0) w = l;
      if (r < heap.length && order(heap[r] as T, heap[w] as T) > 0) w = r;
      if (w === i) return;
      [heap[w], heap[i]] = [heap[i] as T, heap[w] as T];
      i = w;
    }
  };
  // The heap's root is the worst of the best k: a new item replaces it when it comes earlier in `order`.
  for (const x of items) {
    if (heap.length < k) {
      heap.push(x);
      up(heap.length - 1);
    } else if (k > 0 && order(x, heap[0] as T) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(order);
}

/** Where two entities co-occur at `level`: read from the files that hold both, never from the whole corpus. */
export function coInstances(index: CorpusIndex, level: CoLevel, a: string, b: string): CoInstance[] {
  const withB = new Set(index.filesOf(b));
  const out: CoInstance[] = [];
  for (const file of index.filesOf(a)) {
    if (!withB.has(file)) continue;
    const s = index.get(file);
    if (!s?.text) continue;
    if (level === 'claim') {
      for (const c of s.claims) {
        const keys = new Set([c.speaker, ...c.via.map((l) => l.key), ...c.entities]);
        if (!keys.has(a) || !keys.has(b) || c.start === undefined || c.end === undefined) continue;
        const mentions = s.mentions.filter((m) => (m.entity === a || m.entity === b) && m.start >= (c.start as number) && m.end <= (c.end as number));
        out.push({ file, start: c.start, end: c.end, claim: c.id, mentions: mentions.map((m) => m.id) });
      }
      continue;
    }
    const byUnit = new Map<number, { a: boolean; b: boolean; ids: string[] }>();
    for (const m of s.mentions) {
      if (m.entity !== a && m.entity !== b) continue;
      const u = level === 'sentence' ? m.sentence : m.paragraph;
      let x = byUnit.get(u);
      if (!x) byUnit.set(u, (x = { a: false, b: false, ids: [] }));
      if (m.entity === a) x.a = true;
      if (m.entity === b) x.b = true;
      x.ids.push(m.id);
    }
    for (const [u, x] of byUnit) {
      const range = x.a && x.b ? unitRange(s, level, u) : undefined;
      if (range) out.push({ file, ...range, mentions: x.ids });
    }
  }
  return out;
}
