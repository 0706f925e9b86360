// Entity co-occurrence across the corpus, QualCoder-style: two entities co-occur when both are mentioned in the
// same sentence, the same paragraph, or take part in the same claim (speaker, venue, outlet, or mentioned inside
// its span). A cell counts the sentences (paragraphs, claims) that hold both. Pairs are counted per file once and
// cached with the file's summary, so after one file changes only that file is counted again; entity keys are
// numbered so a pair is one number, not a string built a million times.

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
const perFile = new WeakMap<FileSummary, { numbering: Numbering; pairs: Map<CoLevel, Map<number, number>> }>();

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

function filePairs(s: FileSummary, level: CoLevel, numbering: Numbering): Map<number, number> {
  let cached = perFile.get(s);
  if (!cached || cached.numbering !== numbering) perFile.set(s, (cached = { numbering, pairs: new Map() }));
  const hit = cached.pairs.get(level);
  if (hit) return hit;
  const pairs = new Map<number, number>();
  for (const keys of unitsOf(s, level)) {
    const ids = [...new Set(keys.map((k) => numbering.id(k)))].sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        // Two 26-bit numbers side by side stay exact in a double.
        const code = (ids[i] as number) * 67_108_864 + (ids[j] as number);
        pairs.set(code, (pairs.get(code) ?? 0) + 1);
      }
  }
  cached.pairs.set(level, pairs);
  return pairs;
}

/** Every co-occurring pair at `level`, most frequent first. */
export function coOccurrence(index: CorpusIndex, level: CoLevel): CoPair[] {
  let numbering = numberings.get(index);
  if (!numbering) numberings.set(index, (numbering = new Numbering()));
  const totals = new Map<number, { count: number; articles: number }>();
  for (const s of index.files()) {
    for (const [code, n] of filePairs(s, level, numbering)) {
      const t = totals.get(code);
      if (t) {
        t.count += n;
        t.articles++;
      } else totals.set(code, { count: n, articles: 1 });
    }
  }
  const out: CoPair[] = [];
  for (const [code, t] of totals) {
    const a = numbering.keys[Math.floor(code / 67_108_864)] as string;
    const b = numbering.keys[code % 67_108_864] as string;
    out.push({ a, b, count: t.count, articles: t.articles });
  }
  return out.sort((x, y) => y.count - x.count || y.articles - x.articles || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
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
