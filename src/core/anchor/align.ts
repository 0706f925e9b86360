// Expected positions from the neighbours. Annotations that anchored unambiguously (their quote with its whole
// context found once) say how the text around them moved: each is a point (old position, new position). Points
// whose shift agrees with a neighbour's are supported; together they form blocks of text that moved as one
// (the whole article after a few edits, or a pasted paragraph). The expected place of any other annotation is
// read off the points on either side of its old position: one interval when both sides agree, one per side
// when a block boundary (a move, a large insertion) lies between them. A point that agrees with none of its
// neighbours while they agree with each other is an outlier: a unique copy found in the wrong place, or a
// paragraph moved alone; either way it is decided again by evidence, not trusted.

export interface Point {
  /** Old position (the stored start) and new start, comparable units. */
  o: number;
  n: number;
}

export interface Interval {
  lo: number;
  hi: number;
  /** Built from supported points close by: a candidate inside it is located, not just nearby. */
  reliable: boolean;
}

/** Neighbours farther apart than this (old positions) say nothing about each other. */
const NEIGHBOURHOOD = 8192;
/** How far apart two points' shifts may be and still belong to one block: a base plus a share of their distance. */
const SHIFT_TOLERANCE = 32;
const SHIFT_TOLERANCE_RATE = 0.05;
/** An interval from one side only is trusted this far from its point. */
const ONE_SIDED_RELIABLE = 2048;
/** Between two agreeing points farther apart than this, the interval is only a hint. */
const TWO_SIDED_RELIABLE = 20_000;

export class Alignment {
  private readonly o: Float64Array;
  private readonly d: Float64Array;
  private readonly supported: Uint8Array;
  /** Indexes (into the constructor's points) of the outliers, left out of the alignment. */
  readonly outliers: Set<number>;

  constructor(points: readonly Point[]) {
    const order = sortedByOld(points);
    const n = order.length;
    const o = new Float64Array(n);
    const d = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const p = points[order[k] as number] as Point;
      o[k] = p.o;
      d[k] = p.n - p.o;
    }
    const near = (i: number, j: number): boolean => j >= 0 && j < n && Math.abs((o[i] as number) - (o[j] as number)) <= NEIGHBOURHOOD;
    const agrees = (i: number, j: number): boolean =>
      near(i, j) && Math.abs((d[i] as number) - (d[j] as number)) <= SHIFT_TOLERANCE + SHIFT_TOLERANCE_RATE * Math.abs((o[i] as number) - (o[j] as number));
    const support = new Uint8Array(n);
    for (let i = 0; i < n; i++) support[i] = agrees(i, i - 1) || agrees(i, i + 1) || agrees(i, i - 2) || agrees(i, i + 2) ? 1 : 0;
    // An unsupported point with supported neighbours is an outlier; one alone in its stretch is kept, unreliable.
    const backed = (i: number, j: number): boolean => near(i, j) && support[j] === 1;
    this.outliers = new Set<number>();
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!support[i] && (backed(i, i - 1) || backed(i, i + 1) || backed(i, i - 2) || backed(i, i + 2))) this.outliers.add(order[i] as number);
      else keep.push(i);
    }
    this.o = Float64Array.from(keep, (i) => o[i] as number);
    this.d = Float64Array.from(keep, (i) => d[i] as number);
    this.supported = Uint8Array.from(keep, (i) => support[i] as number);
  }

  get size(): number {
    return this.o.length;
  }

  /** Where an annotation whose old start was `old` is expected now. Empty when no point says anything. */
  expect(old: number): Interval[] {
    const n = this.o.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.o[mid] as number) <= old) lo = mid + 1;
      else hi = mid;
    }
    const a = lo - 1;
    const b = lo < n ? lo : -1;
    const out: Interval[] = [];
    if (a >= 0 && b >= 0) {
      const oa = this.o[a] as number;
      const ob = this.o[b] as number;
      const da = this.d[a] as number;
      const db = this.d[b] as number;
      const gap = ob - oa;
      if (Math.abs(da - db) <= SHIFT_TOLERANCE + SHIFT_TOLERANCE_RATE * gap) {
        const slack = 8 + 0.01 * gap;
        out.push({
          lo: old + Math.min(da, db) - slack,
          hi: old + Math.max(da, db) + slack,
          reliable: !!this.supported[a] && !!this.supported[b] && gap <= TWO_SIDED_RELIABLE,
        });
        return out;
      }
    }
    for (const x of [a, b]) {
      if (x < 0) continue;
      const gap = Math.abs(old - (this.o[x] as number));
      const slack = 16 + SHIFT_TOLERANCE_RATE * gap;
      const at = old + (this.d[x] as number);
      out.push({ lo: at - slack, hi: at + slack, reliable: !!this.supported[x] && gap <= ONE_SIDED_RELIABLE });
    }
    return out;
  }
}

/**
 * Which points lie on the longest chain non-decreasing in both old and new position (the backbone: the text that
 * kept its order). The others moved, or are copies found in the wrong place.
 */
export function backbone(points: readonly Point[]): boolean[] {
  const order = sortedByOld(points);
  const tails: number[] = [];
  const prev = new Int32Array(order.length).fill(-1);
  for (let k = 0; k < order.length; k++) {
    const v = (points[order[k] as number] as Point).n;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((points[order[tails[mid] as number] as number] as Point).n <= v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1] as number;
    tails[lo] = k;
  }
  const on = new Array<boolean>(points.length).fill(false);
  for (let k = tails.length ? (tails[tails.length - 1] as number) : -1; k !== -1; k = prev[k] as number) on[order[k] as number] = true;
  return on;
}

/** Indexes of `points` by old position (then new); the walk makes them nearly sorted already. */
function sortedByOld(points: readonly Point[]): number[] {
  const order = points.map((_, i) => i);
  let sorted = true;
  for (let k = 1; k < points.length && sorted; k++) {
    const a = points[k - 1] as Point;
    const b = points[k] as Point;
    sorted = a.o < b.o || (a.o === b.o && a.n <= b.n);
  }
  if (!sorted) order.sort((a, b) => (points[a] as Point).o - (points[b] as Point).o || (points[a] as Point).n - (points[b] as Point).n);
  return order;
}
