// How well stored text matches the article at a place: edit distances, all in UTF-16 units.
// Context is compared *anchored at the quote*: the prefix must end where the candidate starts and the suffix
// begin where it ends, but an edit anywhere in between costs only its own characters. Comparing outward
// character by character instead lets one changed character next to the quote (a newline left by a deleted
// first word) erase a whole side of evidence.

/** Characters of article beyond the context's own length that an alignment may use (an inserted word or two). */
export const CONTEXT_GAP = 16;
/** Longest context compared (one machine word of Myers' bit-vector); stored context is 32 code points. */
const MAX_CONTEXT = 32;

/** Bit masks of pattern positions per UTF-16 unit, set and cleared around each use (no allocation per call). */
const peq = new Int32Array(65536);

/**
 * Fewest edits turning `pattern` into some article text that ends at `end` (for a prefix: text right
 * before the candidate), or with `reverse`, that starts at `end` (for a suffix). Myers' bit-parallel
 * algorithm over at most |pattern| + CONTEXT_GAP characters, so O(that) per call.
 */
export function contextErrors(text: string, end: number, context: string, reverse: boolean): number {
  const m = Math.min(context.length, MAX_CONTEXT);
  if (m === 0) return 0;
  // The part of the context next to the quote is what is compared when it is longer than one word.
  const pattern = reverse ? context.slice(0, m) : context.slice(context.length - m);
  for (let k = 0; k < m; k++) {
    // Reversed: bit k stands for the k-th character counted from the quote outward.
    const c = pattern.charCodeAt(reverse ? m - 1 - k : k);
    peq[c] = (peq[c] as number) | (1 << k);
  }
  const high = 1 << (m - 1);
  let pv = m === 32 ? -1 : (1 << m) - 1;
  let mv = 0;
  let score = m;
  const span = m + CONTEXT_GAP;
  const from = reverse ? end : Math.max(0, end - span);
  const to = reverse ? Math.min(text.length, end + span) : end;
  for (let n = 0, count = to - from; n < count; n++) {
    const j = reverse ? to - 1 - n : from + n;
    const eq = peq[text.charCodeAt(j)] as number;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  for (let k = 0; k < m; k++) peq[pattern.charCodeAt(k)] = 0;
  // Only the compared part can err; a longer context's far end is not evidence either way.
  return score;
}

/** Length of the context that contextErrors compares. */
export function contextLength(context: string): number {
  return Math.min(context.length, MAX_CONTEXT);
}

/** Edit distance is computed exactly only for spans up to this long (quadratic). */
export const MAX_EXACT_DISTANCE = 600;

/** Levenshtein distance; for long strings a length-based lower bound instead of the quadratic table. */
export function editDistance(a: string, b: string): number {
  if (a.length > MAX_EXACT_DISTANCE || b.length > MAX_EXACT_DISTANCE) return Math.abs(a.length - b.length);
  let prev = new Uint16Array(b.length + 1).map((_, j) => j);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/**
 * Levenshtein distance when it is at most `k`, else k + 1: only the diagonal band of width 2k + 1 is filled, so
 * O(k · length) instead of the whole table.
 */
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

export function boundedDistance(a: string, b: string, k: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > k) return k + 1;
  if (k >= Math.max(n, m)) return editDistance(a, b);
  const big = k + 1;
  if (rowA.length <= m) {
    rowA = new Int32Array(2 * (m + 1));
    rowB = new Int32Array(2 * (m + 1));
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur[lo - 1] = lo - 1 === 0 ? i : big;
    let rowMin = cur[lo - 1] as number;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = j <= i - 1 + k ? (prev[j] as number) + 1 : big;
      const v = Math.min(sub, del, (cur[j - 1] as number) + 1, big);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big;
    if (rowMin > k) return big;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m] as number, big);
}
