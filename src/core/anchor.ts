// Anchoring: every selector resolved against the current article text, never dropped, decided by evidence.
//  0. The walk (anchor/walk.ts): in stored-position order, each quote with its whole context where the drift so
//     far puts it, or nearby. The unchanged article costs one comparison per annotation; known edits (`changes`,
//     or a diff of `previousText`, anchor/hints.ts) map the positions first.
//  1. One batched exact search (anchor/search.ts) for every other quote with its whole context, and with part
//     of it. A quote whose whole context occurs once is anchored there, unless it is out of order with the rest
//     and its text is in fact still where the rest expects it (a verbatim copy, anchor/copies.ts).
//  2. The anchored annotations say how the text moved (anchor/align.ts); every other one gets expected positions
//     from its neighbours, and candidates (exact copies, approximate matches, the span between intact context,
//     the mapped range) are judged together by quote, context and distance (anchor/evidence.ts). A weak best is
//     an orphan, never a silent wrong placement.
// Internally everything is UTF-16; the results are code points.

import { Alignment, type Point } from './anchor/align';
import { copiesOffBackbone } from './anchor/copies';
import { bestCandidate, searchIntervals, type Rec } from './anchor/evidence';
import { hintMapper, type TextChange } from './anchor/hints';
import { decided, exactResult, orphan, prepare, type AnchorDetail } from './anchor/records';
import { findAll } from './anchor/search';
import { MIN_BARE, walk } from './anchor/walk';
import type { Anchor, Selector } from './model';
import { OffsetMap } from './text';

export type { TextChange } from './anchor/hints';
export type { AnchorDetail } from './anchor/records';

export interface AnchorOptions {
  /** The article text the selectors were made against, when known and different. */
  previousText?: string;
  /** The edits from `previousText` (or the text the positions count in) to `text`, in old code points. */
  changes?: TextChange[];
}

/** Occurrences kept per searched context window (a phrase repeated more often than this is no evidence of place). */
const MAX_WINDOW_HITS = 16;
/** Characters of context next to the quote in the partial-context search. */
const PARTIAL_CONTEXT = 12;
/** Occurrences kept per quote searched anywhere (only for annotations without a position). */
const MAX_OCCURRENCES = 2000;
/** With at least this many positioned annotations with context, finding fewer than this share of them whole means another text. */
const UNRELATED_MIN = 50;
const UNRELATED_SHARE = 0.01;

export function anchorAll(items: readonly { selector: Selector[] }[], text: string, opts?: AnchorOptions): Anchor[] {
  return anchorAllDetailed(items, text, opts).map(({ status, start, end, score }) => {
    const a: Anchor = { status };
    if (start !== undefined) a.start = start;
    if (end !== undefined) a.end = end;
    if (score !== undefined) a.score = score;
    return a;
  });
}

export function anchorAllDetailed(items: readonly { selector: Selector[] }[], text: string, opts?: AnchorOptions): AnchorDetail[] {
  const map = new OffsetMap(text);
  const hintOf = hintMapper(map, opts?.previousText, opts?.changes);
  const results: AnchorDetail[] = new Array(items.length);
  const recs: Rec[] = [];
  items.forEach((item, i) => {
    const r = prepare(item.selector, i, hintOf);
    if (r) recs.push(r);
    else results[i] = { status: 'orphan', method: 'none', positionMismatch: false };
  });
  recs.sort((a, b) => (a.pos?.start ?? Number.MAX_SAFE_INTEGER) - (b.pos?.start ?? Number.MAX_SAFE_INTEGER));
  const walked = walk(text, map, recs, results);
  const { points, pointOf, trusted, pending } = walked;
  if (!pending.length) return results;
  // Only annotations that carry context can be found whole: those without say nothing about the text.
  const positioned = recs.filter((r) => r.hint && (r.prefix || r.suffix)).length;
  // Not one whole context in a hundred found again: the article was replaced, and what looks like part of an
  // annotation's context, or an approximate match, is a coincidence.
  const unrelated = positioned >= UNRELATED_MIN && points.length < positioned * UNRELATED_SHARE;

  // 1. The quote with its whole context, and with part of it, for every pending annotation in one pass.
  const windowOf = (r: Rec): string => r.prefix + r.exact + r.suffix;
  const leftOf = (r: Rec): string => r.prefix.slice(-PARTIAL_CONTEXT) + r.exact;
  const rightOf = (r: Rec): string => r.exact + r.suffix.slice(0, PARTIAL_CONTEXT);
  const patterns: string[] = [];
  const searchable = (r: Rec): boolean => !!(r.prefix || r.suffix) || r.exact.length >= MIN_BARE;
  for (const r of pending) {
    if (!searchable(r)) continue;
    patterns.push(windowOf(r));
    if (unrelated) continue;
    if (r.prefix) patterns.push(leftOf(r));
    if (r.suffix) patterns.push(rightOf(r));
  }
  const hits = findAll(text, patterns, MAX_WINDOW_HITS);
  const searched = new Map<number, Rec>();
  for (const r of pending) {
    searched.set(r.index, r);
    if (!searchable(r)) continue;
    r.windowHits = (hits.get(windowOf(r)) ?? []).map((at) => at + r.prefix.length);
    const partial = new Set<number>();
    if (r.prefix) for (const at of hits.get(leftOf(r)) ?? []) partial.add(at + Math.min(PARTIAL_CONTEXT, r.prefix.length));
    if (r.suffix) for (const at of hits.get(rightOf(r)) ?? []) partial.add(at);
    for (const at of r.windowHits) partial.delete(at);
    r.partialHits = [...partial];
    if (r.pos && r.windowHits.length === 1) {
      points.push({ o: r.pos.start, n: r.windowHits[0] as number });
      pointOf.push(r.index);
    }
  }

  // 2. Points that are copies of text still where the others expect it, and points no neighbour agrees with, are
  // judged again with the rest; the remaining ones are the alignment.
  const again = new Map<number, number>();
  const doubt = (k: number): void => {
    const i = pointOf[k] as number;
    if (!trusted.has(i)) again.set(i, (points[k] as Point).n);
  };
  const copies = new Set<number>();
  for (const k of copiesOffBackbone(text, points)) {
    doubt(k);
    copies.add(pointOf[k] as number);
  }
  const kept = points.map((_, k) => k).filter((k) => !again.has(pointOf[k] as number));
  const alignment = new Alignment(kept.map((k) => points[k] as Point));
  alignment.outliers.forEach((k) => doubt(kept[k] as number));
  const rest: Rec[] = [];
  for (const r of pending) {
    const at = r.windowHits[0];
    if (r.pos && r.windowHits.length === 1 && at !== undefined && !again.has(r.index)) results[r.index] = exactResult(map, r, at, 0);
    else rest.push(r);
  }
  // A doubted annotation the walk had placed keeps that place as one candidate among the others.
  for (const [i, at] of again) {
    if (searched.has(i)) continue;
    const r = prepare((items[i] as { selector: Selector[] }).selector, i, hintOf);
    if (!r) continue;
    r.partialHits = [at];
    rest.push(r);
  }
  // Annotations without any position can only be found by their quote, wherever it is.
  const positionless = rest.filter((r) => !r.pos);
  if (positionless.length) {
    const occurrences = findAll(
      text,
      positionless.flatMap((r) => r.forms),
      MAX_OCCURRENCES,
    );
    for (const r of positionless) r.anywhere = r.forms.flatMap((f) => occurrences.get(f) ?? []);
  }
  for (const r of rest) {
    if (unrelated) r.loose = false;
    if (copies.has(r.index)) r.nearOnly = true;
    const best = bestCandidate(text, r, searchIntervals(r, r.pos ? alignment.expect(r.pos.start) : []));
    results[r.index] = best ? decided(map, r, best) : orphan(r);
  }
  return results;
}
