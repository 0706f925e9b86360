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

/** The entity keys of each unit of a file: a sentence's or paragraph's mentions, or a claim's participants. */
function unitsOf(s: FileSummary, level: CoLevel): string[][] {
  if (level === 'claim') return s.claims.map((c) => [...(c.speaker ? [c.speaker] : []), ...c.via.flatMap((l) => (l.key ? [l.key] : [])), ...c.entities]);
  // Mentions are sorted by start, so a unit's mentions are consecutive.
  const units: string[][] = [];
  let current = -1;
  for (const m of s.mentions) {
    const u = level === 'sentence' ? m.sentence : m.paragraph;
    if (u !== current) {
      units.push([]);
      current = u;
    }
    (units[units.length - 1] as string[]).push(m.entity);
  }
  return units;
}

function numberingOf(index: CorpusIndex): Numbering {
  let numbering = numberings.get(index);
  if (!numbering) numberings.set(index, (numbering = new Numbering()));
  return numbering;
}

/** The k × k counting table of filePairs, kept all zero between calls. */
let scratch = new Int32Array(1 << 16);

/**
 * A file's pairs as flat triples (a, b, units holding both) in corpus numbers, a < b. Counted over the file's own
 * few entities numbered 0…k-1, in a k × k table: no hashing in the inner loop.
 */
function filePairs(s: FileSummary, level: CoLevel, numbering: Numbering): Int32Array {
  let cached = perFile.get(s);
  if (!cached || cached.numbering !== numbering) perFile.set(s, (cached = { numbering, pairs: new Map() }));
  const hit = cached.pairs.get(level);
  if (hit) return hit;
  const local = new Map<string, number>();
  const corpus: number[] = [];
  const units = unitsOf(s, level).map((keys) => {
    const ids: number[] = [];
    for (const key of keys) {
      let id = local.get(key);
      if (id === undefined) {
        id = corpus.length;
        local.set(key, id);
        corpus.push(numbering.id(key));
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  });
  const k = corpus.length;
  const flat: number[] = [];
  if (k * k <= 1 << 22) {
    // Kept up to 4 MB; a file with more entities than that holds gets a table of its own.
    if (scratch.length < k * k && k * k <= 1 << 20) scratch = new Int32Array(1 << Math.ceil(Math.log2(k * k)));
    const table = scratch.length >= k * k ? scratch : new Int32Array(k * k);
    // The cells used, in the order of a row-by-row scan: a file's pairs are few beside its k × k cells, which are
    // zeroed again after use (one table for every file: allocating one each was 270 KB of garbage per file).
    const touched: number[] = [];
    for (const ids of units)
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const x = ids[i] as number;
          const y = ids[j] as number;
          const at = x < y ? x * k + y : y * k + x;
          if ((table[at] = (table[at] as number) + 1) === 1) touched.push(at);
        }
    touched.sort((p, q) => p - q);
    for (const at of touched) {
      const n = table[at] as number;
      table[at] = 0;
      const a = corpus[Math.floor(at / k)] as number;
      const b = corpus[at % k] as number;
      if (a < b) flat.push(a, b, n);
      else flat.push(b, a, n);
    }
  } else {
    // A file with thousands of distinct entities: a map instead of a table too large to allocate.
    const counts = new Map<string, number>();
    for (const ids of units)
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const a = corpus[ids[i] as number] as number;
          const b = corpus[ids[j] as number] as number;
          const key = a < b ? `${a},${b}` : `${b},${a}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
    for (const [key, n] of counts) {
      const [a, b] = key.split(',').map(Number) as [number, number];
      flat.push(a, b, n);
    }
  }
  const pairs = Int32Array.from(flat);
  cached.pairs.set(level, pairs);
  return pairs;
}

/**
 * One level's running pair totals (a < b), in typed arrays: a slot per pair with its numbers, and an open-addressing
 * table from the pair to its slot. A corpus of a thousand articles holds 270,000 pairs, most seen in one file:
 * an object per pair, in a map per entity, was most of what keeping the totals cost. A slot whose pair's last file
 * went is free (`articles` 0) and reused.
 */
class PairTable {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  count = new Float64Array(1024);
  articles = new Int32Array(1024);
  /** Slot + 1 for a pair, 0 for never used, -1 for a pair removed (a probe goes on past it). */
  private table = new Int32Array(4096);
  private used = 0;
  /** Table entries that are not 0: pairs and removed ones. */
  private filled = 0;
  private readonly free: number[] = [];

  /** Slots in use. */
  get size(): number {
    return this.used;
  }

  add(a: number, b: number, n: number, sign: 1 | -1): void {
    const mask = this.table.length - 1;
    let at = hashPair(a, b) & mask;
    let removed = -1;
    for (let e = this.table[at] as number; e !== 0; e = this.table[at] as number) {
      if (e > 0 && this.a[e - 1] === a && this.b[e - 1] === b) {
        const slot = e - 1;
        this.count[slot] = (this.count[slot] as number) + sign * n;
        if ((this.articles[slot] = (this.articles[slot] as number) + sign) === 0) {
          this.table[at] = -1;
          this.free.push(slot);
        }
        return;
      }
      if (e < 0 && removed === -1) removed = at;
      at = (at + 1) & mask;
    }
    if (sign < 0) return;
    const slot = this.free.pop() ?? this.grow();
    this.a[slot] = a;
    this.b[slot] = b;
    this.count[slot] = n;
    this.articles[slot] = 1;
    if (removed !== -1) this.table[removed] = slot + 1;
    else {
      this.table[at] = slot + 1;
      if (++this.filled * 2 > this.table.length) this.rehash();
    }
  }

  private grow(): number {
    if (this.used === this.a.length) {
      const size = this.used * 2;
      const widen = <T extends Int32Array | Float64Array>(x: T, y: T): T => (y.set(x), y);
      this.a = widen(this.a, new Int32Array(size));
      this.b = widen(this.b, new Int32Array(size));
      this.count = widen(this.count, new Float64Array(size));
      this.articles = widen(this.articles, new Int32Array(size));
    }
    return this.used++;
  }

  /** A table twice the pairs' number, at least, without the removed entries. */
  private rehash(): void {
    let live = 0;
    for (let s = 0; s < this.used; s++) if ((this.articles[s] as number) > 0) live++;
    let size = this.table.length;
    while (live * 4 > size) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let s = 0; s < this.used; s++) {
      if ((this.articles[s] as number) <= 0) continue;
      let at = hashPair(this.a[s] as number, this.b[s] as number) & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = s + 1;
    }
    this.table = table;
    this.filled = live;
  }
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

type Totals = Map<CoLevel, PairTable>;
const totalsOf = new WeakMap<CorpusIndex, Totals>();

/**
 * The running pair totals of an index: counted over every file the first time, then kept in step file by file as
 * the index changes (a changed file's pairs are subtracted and its new ones added).
 */
function pairTotals(index: CorpusIndex): Totals {
  let totals = totalsOf.get(index);
  if (totals) return totals;
  const numbering = numberingOf(index);
  const t: Totals = new Map(CO_LEVELS.map((level) => [level, new PairTable()]));
  const apply = (s: FileSummary, sign: 1 | -1): void => {
    for (const level of CO_LEVELS) {
      const table = t.get(level) as PairTable;
      const pairs = filePairs(s, level, numbering);
      for (let i = 0; i < pairs.length; i += 3) table.add(pairs[i] as number, pairs[i + 1] as number, pairs[i + 2] as number, sign);
    }
  };
  for (const s of index.files()) apply(s, 1);
  index.observe((old, next) => {
    if (old) apply(old, -1);
    if (next) apply(next, 1);
  });
  totalsOf.set(index, (totals = t));
  return totals;
}

/** Starts keeping the running totals, so that each file's pairs are counted when the file is added. */
export function trackPairs(index: CorpusIndex): void {
  pairTotals(index);
}

/**
 * Co-occurring pairs at `level`, most frequent first: all of them, or the first `limit` (what a view shows; the
 * CSV export asks for all). The order is total (count, articles, then the entity numbers), so it does not depend
 * on the order the totals were kept in.
 */
export function coOccurrence(index: CorpusIndex, level: CoLevel, limit = Infinity): CoPair[] {
  const numbering = numberingOf(index);
  const table = pairTotals(index).get(level) as PairTable;
  const { a, b, count, articles } = table;
  const all: number[] = [];
  for (let slot = 0; slot < table.size; slot++) if ((articles[slot] as number) > 0) all.push(slot);
  const order = (x: number, y: number): number =>
    (count[y] as number) - (count[x] as number) ||
    (articles[y] as number) - (articles[x] as number) ||
    (a[x] as number) - (a[y] as number) ||
    (b[x] as number) - (b[y] as number);
  const top = limit >= all.length ? all.sort(order) : topK(all, limit, order);
  return top.map((t) => ({
    a: numbering.keys[a[t] as number] as string,
    b: numbering.keys[b[t] as number] as string,
    count: count[t] as number,
    articles: articles[t] as number,
  }));
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
