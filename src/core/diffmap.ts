// Offset mapping from an old text to a new one, for annotations made before the article changed
// outside the editor. Not a minimal diff: a line diff anchored on lines unique to both texts (patience
// style, order kept by a longest increasing subsequence), then character trimming inside each changed
// gap. That is linear-ish in the text and robust to moved paragraphs; a hint that lands a little off is
// corrected by the window search that follows.

/** A run of equal text: `length` UTF-16 units at `a` in the old text and `b` in the new one. */
export interface Segment {
  a: number;
  b: number;
  length: number;
}

/** Equal segments of `a` and `b`, ascending and non-overlapping in both. */
export function diffSegments(a: string, b: string): Segment[] {
  if (a === b) return [{ a: 0, b: 0, length: a.length }];
  const segs: Segment[] = [];
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (p > 0) segs.push({ a: 0, b: 0, length: p });
  lineDiff(a, p, a.length - s, b, p, b.length - s, segs);
  if (s > 0) segs.push({ a: a.length - s, b: b.length - s, length: s });
  return merge(segs);
}

function lines(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  let i = from;
  while (i < to) {
    starts.push(i);
    const nl = text.indexOf('\n', i);
    i = nl === -1 || nl >= to ? to : nl + 1;
  }
  starts.push(to);
  return starts;
}

function lineDiff(a: string, a0: number, a1: number, b: string, b0: number, b1: number, out: Segment[]): void {
  if (a0 >= a1 || b0 >= b1) return;
  const la = lines(a, a0, a1);
  const lb = lines(b, b0, b1);
  const na = la.length - 1;
  const nb = lb.length - 1;
  const lineA = (i: number): string => a.slice(la[i] as number, la[i + 1] as number);
  const lineB = (i: number): string => b.slice(lb[i] as number, lb[i + 1] as number);

  // Lines that occur exactly once in each text are safe anchors.
  const count = new Map<string, { ca: number; ia: number; cb: number; ib: number }>();
  for (let i = 0; i < na; i++) {
    const k = lineA(i);
    const e = count.get(k);
    if (e) e.ca++;
    else count.set(k, { ca: 1, ia: i, cb: 0, ib: -1 });
  }
  for (let j = 0; j < nb; j++) {
    const e = count.get(lineB(j));
    if (e) {
      e.cb++;
      e.ib = j;
    }
  }
  const pairs: [number, number][] = [];
  for (const e of count.values()) if (e.ca === 1 && e.cb === 1) pairs.push([e.ia, e.ib]);
  pairs.sort((x, y) => x[0] - y[0]);
  const anchors = longestIncreasing(pairs);

  // Grow each anchor into the equal lines around it, then trim characters inside the gaps between.
  const matched: [number, number][] = [];
  let prevA = 0;
  let prevB = 0;
  const sentinel: [number, number] = [na, nb];
  for (const [ia, ib] of [...anchors, sentinel]) {
    if (ia < prevA || ib < prevB) continue;
    let ga = prevA;
    let gb = prevB;
    while (ga < ia && gb < ib && lineA(ga) === lineB(gb)) matched.push([ga++, gb++]);
    let ea = ia;
    let eb = ib;
    const tail: [number, number][] = [];
    while (ea > ga && eb > gb && lineA(ea - 1) === lineB(eb - 1)) tail.push([--ea, --eb]);
    if (ga < ea || gb < eb) trimGap(a, la[ga] as number, la[ea] as number, b, lb[gb] as number, lb[eb] as number, matched, out, la, lb);
    matched.push(...tail.reverse());
    if (ia < na) matched.push([ia, ib]);
    prevA = ia + 1;
    prevB = ib + 1;
  }
  flushLines(matched, la, lb, out);
}

/** Emits the matched lines collected so far as segments, then the equal runs inside a changed gap. */
function trimGap(
  a: string,
  a0: number,
  a1: number,
  b: string,
  b0: number,
  b1: number,
  matched: [number, number][],
  out: Segment[],
  la: number[],
  lb: number[],
): void {
  flushLines(matched, la, lb, out);
  refine(a, a0, a1, b, b0, b1, out, 0);
}

/** Probe length for finding an equal run inside a gap; shorter probes match by accident. */
const PROBE = 24;

/**
 * Equal runs inside a changed gap (a paragraph with several edits): trim the common prefix and suffix,
 * then split at a probe from the old middle found once in the new gap, and recurse on both sides.
 * Linear per level; the depth grows with the log of the number of edits in the gap.
 */
function refine(a: string, a0: number, a1: number, b: string, b0: number, b1: number, out: Segment[], depth: number): void {
  const max = Math.min(a1 - a0, b1 - b0);
  let p = 0;
  while (p < max && a.charCodeAt(a0 + p) === b.charCodeAt(b0 + p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a1 - 1 - s) === b.charCodeAt(b1 - 1 - s)) s++;
  if (p > 0) out.push({ a: a0, b: b0, length: p });
  const x0 = a0 + p;
  const x1 = a1 - s;
  const y0 = b0 + p;
  const y1 = b1 - s;
  if (depth < 24 && x1 - x0 >= PROBE * 2 && y1 - y0 >= PROBE) {
    const hay = b.slice(y0, y1);
    for (const frac of [0.5, 0.25, 0.75]) {
      const at = x0 + Math.floor((x1 - x0 - PROBE) * frac);
      const probe = a.slice(at, at + PROBE);
      const j = hay.indexOf(probe);
      if (j === -1 || hay.indexOf(probe, j + 1) !== -1 || a.slice(x0, x1).indexOf(probe) !== at - x0 || a.slice(x0, x1).indexOf(probe, at - x0 + 1) !== -1)
        continue;
      // Grow the equal run around the probe, then recurse on the gaps left and right of it.
      let l = 0;
      while (at - l > x0 && y0 + j - l > y0 && a.charCodeAt(at - l - 1) === b.charCodeAt(y0 + j - l - 1)) l++;
      let r = PROBE;
      while (at + r < x1 && y0 + j + r < y1 && a.charCodeAt(at + r) === b.charCodeAt(y0 + j + r)) r++;
      refine(a, x0, at - l, b, y0, y0 + j - l, out, depth + 1);
      out.push({ a: at - l, b: y0 + j - l, length: l + r });
      refine(a, at + r, x1, b, y0 + j + r, y1, out, depth + 1);
      if (s > 0) out.push({ a: a1 - s, b: b1 - s, length: s });
      return;
    }
  }
  if (s > 0) out.push({ a: a1 - s, b: b1 - s, length: s });
}

function flushLines(matched: [number, number][], la: number[], lb: number[], out: Segment[]): void {
  for (const [i, j] of matched) out.push({ a: la[i] as number, b: lb[j] as number, length: (la[i + 1] as number) - (la[i] as number) });
  matched.length = 0;
}

/** Longest subsequence of pairs (sorted by first) increasing in the second, O(n log n). */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const v = (pairs[i] as [number, number])[1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((pairs[tails[mid] as number] as [number, number])[1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const result: [number, number][] = [];
  for (let k = tails.length ? (tails[tails.length - 1] as number) : -1; k !== -1; k = prev[k] as number) result.push(pairs[k] as [number, number]);
  return result.reverse();
}

function merge(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    if (s.length <= 0) continue;
    const last = out[out.length - 1];
    if (last && last.a + last.length === s.a && last.b + last.length === s.b) last.length += s.length;
    else out.push({ ...s });
  }
  return out;
}

/**
 * Maps old offsets to new ones through equal segments. `touched` says the range met changed text, so the
 * mapped range is only a hint. Offsets inside a change go to the change's start (for starts) or end.
 */
export class SegmentMap {
  constructor(private readonly segs: readonly Segment[]) {}

  /** Index of the last segment with a <= pos, or -1. */
  private find(pos: number): number {
    let lo = 0;
    let hi = this.segs.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.segs[mid] as Segment).a <= pos) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  /**
   * `startExact`/`endExact` say whether each end lay in equal text (then it maps exactly); `touched`
   * says the range met changed text anywhere.
   */
  mapRange(start: number, end: number): { start: number; end: number; touched: boolean; startExact: boolean; endExact: boolean } {
    const i = this.find(start);
    const si = this.segs[i];
    let ns: number;
    const startExact = !!si && start < si.a + si.length;
    if (si && startExact) ns = si.b + (start - si.a);
    else ns = si ? si.b + si.length : 0;
    const j = end > start ? this.find(end - 1) : i;
    const sj = this.segs[j];
    let ne: number;
    const endExact = !!sj && end > start && end - 1 < sj.a + sj.length;
    if (sj && endExact) ne = sj.b + (end - sj.a);
    else {
      const next = this.segs[j + 1];
      ne = next ? next.b : ns + (end - start);
    }
    return { start: ns, end: Math.max(ns, ne), touched: !startExact || !endExact || i !== j, startExact, endExact };
  }

  /** Whether equal text (a run of at least `minLength`) lies within `radius` of new range [b0, b1). */
  equalNear(b0: number, b1: number, radius: number, minLength = 8): boolean {
    const lo = b0 - radius;
    const hi = b1 + radius;
    let l = 0;
    let h = this.segs.length;
    while (l < h) {
      const mid = (l + h) >>> 1;
      const sg = this.segs[mid] as Segment;
      if (sg.b + sg.length <= lo) l = mid + 1;
      else h = mid;
    }
    for (let k = l; k < this.segs.length; k++) {
      const sg = this.segs[k] as Segment;
      if (sg.b >= hi) break;
      if (sg.length >= minLength) return true;
    }
    return false;
  }
}
