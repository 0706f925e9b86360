// Exact search for many patterns at once: one rolling-hash pass over the text per key length instead of one
// `indexOf` scan per pattern (thousands of pending quotes, one scan each, is what froze Hypothesis).

/** Key lengths of the rolling hash, longest first; a pattern uses the longest it has. */
const KEYS = [12, 6];
const B = 0x01000193;
/** Filter bits (a 128 KB bit set) and rarity buckets (128 KB of counts): both stay in cache, which is the cost. */
const MASK = (1 << 20) - 1;
const COUNT_MASK = (1 << 16) - 1;
const bucket = (h: number): number => ((h >>> 16) ^ h) & COUNT_MASK;
// Reused by every search (allocating them per call dominated small texts); the filter is cleared after each use.
const counts = new Uint16Array(COUNT_MASK + 1);
const filter = new Int32Array((MASK + 1) >>> 5);

/**
 * Every occurrence (up to `cap` each) of each pattern, ascending. Each pattern is keyed on its rarest K-gram in
 * the text (counted in a first pass): where phrases recur, a pattern's first characters (" of the said ") may
 * occur thousands of times, and every occurrence would be compared with every pattern starting so.
 */
export function findAll(text: string, patterns: Iterable<string>, cap: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const byKey = new Map<number, string[]>();
  const list = [...new Set(patterns)];
  for (const p of list) {
    out.set(p, []);
    if (p.length === 0) continue;
    const k = KEYS.find((n) => n <= p.length);
    if (list.length < 8 || k === undefined) {
      const found = out.get(p) as number[];
      for (let i = text.indexOf(p); i !== -1 && found.length < cap; i = text.indexOf(p, i + 1)) found.push(i);
      continue;
    }
    const group = byKey.get(k);
    if (group) group.push(p);
    else byKey.set(k, [p]);
  }
  for (const [key, group] of byKey) scanKey(text, key, group, out, cap, group.length >= RARITY_MIN);
  return out;
}

/** Below this many patterns, counting K-grams costs more than it saves: a pattern is keyed on its middle. */
const RARITY_MIN = 1000;

function scanKey(text: string, K: number, patterns: string[], out: Map<string, number[]>, cap: number, rarest: boolean): void {
  const n = text.length - K + 1;
  if (n <= 0) return;
  let BK = 1;
  for (let k = 1; k < K; k++) BK = Math.imul(BK, B);
  const first = (s: string): number => {
    let h = 0;
    for (let k = 0; k < K; k++) h = (Math.imul(h, B) + s.charCodeAt(k)) | 0;
    return h;
  };
  // How often each hash bucket occurs in the text, to key every pattern on its rarest K-gram.
  if (rarest) counts.fill(0);
  let h = first(text);
  for (let i = 0; rarest; i++) {
    const b = bucket(h);
    if ((counts[b] as number) < 0xffff) counts[b] = (counts[b] as number) + 1;
    if (i + 1 >= n) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), BK), B) + text.charCodeAt(i + K)) | 0;
  }
  const byHash = new Map<number, { p: string; at: number }[]>();
  const addKey = (hash: number, p: string, at: number): void => {
    const f = hash & MASK;
    filter[f >>> 5] = (filter[f >>> 5] as number) | (1 << (f & 31));
    const list = byHash.get(hash);
    if (list) list.push({ p, at });
    else byHash.set(hash, [{ p, at }]);
  };
  for (const p of patterns) {
    if (!rarest) {
      const at = (p.length - K) >> 1;
      const mh = first(p.slice(at));
      addKey(mh, p, at);
      continue;
    }
    let ph = first(p);
    let best = 0;
    let bestHash = ph;
    let bestCount = counts[bucket(ph)] as number;
    for (let i = 1; i + K <= p.length && bestCount > 1; i++) {
      ph = (Math.imul(ph - Math.imul(p.charCodeAt(i - 1), BK), B) + p.charCodeAt(i - 1 + K)) | 0;
      const c = counts[bucket(ph)] as number;
      if (c < bestCount) {
        best = i;
        bestHash = ph;
        bestCount = c;
      }
    }
    // A key the text does not have: no occurrence.
    if (bestCount > 0) addKey(bestHash, p, best);
  }
  h = first(text);
  for (let i = 0; ; i++) {
    const f = h & MASK;
    if ((filter[f >>> 5] as number) & (1 << (f & 31))) {
      const list = byHash.get(h);
      if (list)
        for (const { p, at } of list) {
          const start = i - at;
          const found = out.get(p) as number[];
          if (start >= 0 && found.length < cap && text.startsWith(p, start)) found.push(start);
        }
    }
    if (i + 1 >= n) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), BK), B) + text.charCodeAt(i + K)) | 0;
  }
  for (const key of byHash.keys()) filter[(key & MASK) >>> 5] = 0;
}

/** Occurrences of `pattern` starting in [from, to), searched in that stretch only (an absent pattern costs the stretch, not the text). */
export function occurrencesIn(text: string, pattern: string, from: number, to: number, cap: number): number[] {
  const lo = Math.max(0, Math.floor(from));
  const hi = Math.min(text.length, Math.ceil(to) + pattern.length);
  const out: number[] = [];
  if (pattern.length === 0 || hi - lo < pattern.length) return out;
  const window = text.slice(lo, hi);
  for (let i = window.indexOf(pattern); i !== -1 && out.length < cap; i = window.indexOf(pattern, i + 1)) out.push(lo + i);
  return out;
}
