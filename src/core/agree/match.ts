// One-to-one pairing of two annotators' spans, the step every agreement measure rests on. A pairing is
// chosen to be, in this order of priority: as large as possible; with as many identical spans as possible;
// with as much overlapping text as possible; with as many pairs agreeing on a label (`agrees`) as possible.
// Spans only pair when they overlap by at least one code point (and `allowed` says they may).
//
// Greedy pairing gets the first priority wrong (A1 overlapping B1 and B2, A2 only B1), so each connected
// group of overlapping spans is solved exactly as an assignment problem (Kuhn–Munkres, the `munkres`
// package). The groups are tiny in practice (a mention and its nested mention), so this stays linear-ish.

import { munkres } from 'munkres';

export interface Span {
  start: number;
  end: number;
}

export interface MatchOptions<A, B> {
  /** Pairs that may be made at all, beyond overlapping (e.g. only identical spans, only the same speaker). */
  allowed?: (a: A, b: B) => boolean;
  /** The last tie-break: prefer pairs that agree (same type, same attribution). */
  agrees?: (a: A, b: B) => boolean;
}

/** Pairs of indices into `a` and `b`, ordered by `a`'s index. */
export type Pairs = [number, number][];

export function overlapLength(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

export function matchSpans<A extends Span, B extends Span>(a: readonly A[], b: readonly B[], opts: MatchOptions<A, B> = {}): Pairs {
  const edges = overlappingPairs(a, b).filter(([i, j]) => opts.allowed?.(a[i] as A, b[j] as B) ?? true);
  const pairs: Pairs = [];
  for (const group of groups(edges, a.length, b.length)) {
    if (group.length === 1) {
      pairs.push(group[0] as [number, number]);
      continue;
    }
    pairs.push(...solve(group, a, b, opts));
  }
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** Every (i, j) whose spans overlap, by one sweep over both lists sorted by start. */
function overlappingPairs(a: readonly Span[], b: readonly Span[]): Pairs {
  type Event = { start: number; end: number; side: 0 | 1; index: number };
  const events: Event[] = [];
  a.forEach((s, index) => s.end > s.start && events.push({ start: s.start, end: s.end, side: 0, index }));
  b.forEach((s, index) => s.end > s.start && events.push({ start: s.start, end: s.end, side: 1, index }));
  events.sort((x, y) => x.start - y.start || x.side - y.side);
  const active: [Event[], Event[]] = [[], []];
  const pairs: Pairs = [];
  for (const e of events) {
    const other = e.side === 0 ? 1 : 0;
    // Spans that ended at or before this start can never overlap a later one either (dropped in place).
    const list = active[other];
    let kept = 0;
    for (const o of list) if (o.end > e.start) list[kept++] = o;
    list.length = kept;
    for (const o of list) pairs.push(e.side === 0 ? [e.index, o.index] : [o.index, e.index]);
    active[e.side].push(e);
  }
  return pairs;
}

/** Connected groups of edges: union-find over `a`'s indices and then `b`'s, as one integer array. */
function groups(edges: Pairs, sizeA: number, sizeB: number): Pairs[] {
  const parent = new Int32Array(sizeA + sizeB).map((_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    for (let y = x; y !== r;) {
      const next = parent[y] as number;
      parent[y] = r;
      y = next;
    }
    return r;
  };
  for (const [i, j] of edges) parent[find(i)] = find(sizeA + j);
  const byRoot = new Map<number, Pairs>();
  for (const e of edges) {
    const r = find(e[0]);
    const list = byRoot.get(r);
    if (list) list.push(e);
    else byRoot.set(r, [e]);
  }
  return [...byRoot.values()];
}

/**
 * The best pairing within one group: each edge weighs its priorities packed into one integer (bigint, so
 * no priority can spill into the next), and Kuhn–Munkres finds the assignment of maximal total weight.
 */
function solve<A extends Span, B extends Span>(group: Pairs, a: readonly A[], b: readonly B[], opts: MatchOptions<A, B>): Pairs {
  const rows = [...new Set(group.map((e) => e[0]))];
  const cols = [...new Set(group.map((e) => e[1]))];
  const n = BigInt(Math.min(rows.length, cols.length) + 1);
  let maxOverlap = 0;
  for (const [i, j] of group) maxOverlap = Math.max(maxOverlap, overlapLength(a[i] as A, b[j] as B));
  const overlapBase = n * BigInt(maxOverlap) + 1n;
  const weight = new Map<string, bigint>();
  for (const [i, j] of group) {
    const x = a[i] as A;
    const y = b[j] as B;
    const exact = sameSpan(x, y) ? 1n : 0n;
    const agrees = opts.agrees?.(x, y) ? 1n : 0n;
    weight.set(`${i},${j}`, ((n + exact) * overlapBase + BigInt(overlapLength(x, y))) * n + agrees);
  }
  const cost = rows.map((i) => cols.map((j) => -(weight.get(`${i},${j}`) ?? 0n)));
  const pairs: Pairs = [];
  for (const [r, c] of munkres(cost)) {
    const i = rows[r] as number;
    const j = cols[c] as number;
    if (weight.has(`${i},${j}`)) pairs.push([i, j]);
  }
  return pairs;
}
