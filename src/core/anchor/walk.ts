// The first and cheapest pass: annotations in the order of their stored positions, following the drift. Each
// quote is looked for with its whole context where the last one found says the text has shifted to, then nearby,
// then with one whole side of its context right there (an edit broke the other side), and after a long run of
// misses anywhere (a block was inserted or moved), if just once. An unchanged article costs one comparison per
// annotation; 2,000 scattered edits cost a small search for the few the edits touched.

import { OffsetMap } from '../text';
import type { Point } from './align';
import type { Rec } from './evidence';
import { exactResult, fastPath, type AnchorDetail } from './records';
import { occurrencesIn } from './search';

/** A quote's whole context is looked for this far around where the drift so far puts it. */
const WALK_RADIUS = 512;
/**
 * Misses in a row, over at least WALK_SHIFT_SPAN of old text, after which the walk looks farther (doubling after
 * each fruitless look): one edit breaks the context of the few annotations around it, a shift breaks every one's.
 */
const WALK_PATIENCE = 3;
const WALK_SHIFT_SPAN = 1024;
/** The radii of those looks, the last one the whole text. */
const WIDER = [8192, 65536, Number.MAX_SAFE_INTEGER / 4];
/** How far from where the drift puts it a quote with one intact side is looked for (an edit in the other side moves it). */
const ONE_SIDED_RADIUS = 64;
/** A side of context this long (a whole stored side is 32) is evidence on its own. */
const MIN_SIDE = 16;
/** A quote stored without context is looked for alone only from this length. */
export const MIN_BARE = 12;

export interface Walked {
  /** Placed annotations as points of the alignment, with the annotation each one is. */
  points: Point[];
  pointOf: number[];
  /** Placed through equal text of known edits: never judged again. */
  trusted: Set<number>;
  /** Everything the walk could not place. */
  pending: Rec[];
}

/** Walks the annotations with a position, writing what it places into `results`. */
export function walk(text: string, map: OffsetMap, recs: readonly Rec[], results: AnchorDetail[]): Walked {
  const out: Walked = { points: [], pointOf: [], trusted: new Set(), pending: [] };
  const placed = (r: Rec, at: number, d: AnchorDetail): void => {
    results[r.index] = d;
    if (d.method === 'mapped') out.trusted.add(r.index);
    if (r.pos) {
      out.points.push({ o: r.pos.start, n: at });
      out.pointOf.push(r.index);
    }
  };
  let delta = 0;
  let misses = 0;
  let patience = WALK_PATIENCE;
  let missFrom = 0;
  for (const r of recs) {
    const h = r.hint;
    if (!h || !r.pos) {
      out.pending.push(r);
      continue;
    }
    const fast = fastPath(text, map, r);
    if (fast) {
      placed(r, h.start, fast);
      delta = 0;
      misses = 0;
      continue;
    }
    // Without context, only a quote long enough to be specific is looked for by itself.
    if (!r.prefix && !r.suffix && r.exact.length < MIN_BARE) {
      out.pending.push(r);
      continue;
    }
    const w = r.prefix + r.exact + r.suffix;
    const at = h.start + delta - r.prefix.length;
    // Right where the drift puts it, whole or with one side intact, before a whole copy farther off.
    let start = delta !== 0 && text.startsWith(w, at) ? h.start + delta : oneSided(text, r, h.start + delta);
    if (start === -1) {
      let found = -1;
      const near = occurrencesIn(text, w, at - WALK_RADIUS, at + WALK_RADIUS, 2);
      if (near.length === 1) found = near[0] as number;
      else if (near.length === 0 && ++misses === 1) missFrom = r.pos.start;
      else if (near.length === 0 && misses >= patience && r.pos.start - missFrom >= WALK_SHIFT_SPAN) {
        // Ever wider, the first radius holding just one copy wins (a passage may recur far away).
        for (const radius of WIDER) {
          const hits = occurrencesIn(text, w, at - radius, at + radius, 2);
          if (hits.length === 1) found = hits[0] as number;
          if (hits.length) break;
        }
        if (found === -1) patience *= 2;
      }
      if (found !== -1) start = found + r.prefix.length;
    }
    if (start === -1) {
      out.pending.push(r);
      continue;
    }
    placed(r, start, exactResult(map, r, start, 0));
    delta = start - h.start;
    misses = 0;
    patience = WALK_PATIENCE;
  }
  return out;
}

/** Where the quote is with its whole prefix or its whole suffix, once within ONE_SIDED_RADIUS of `at`; else -1. */
function oneSided(text: string, r: Rec, at: number): number {
  if (r.prefix.length >= MIN_SIDE) {
    const hits = occurrencesIn(text, r.prefix + r.exact, at - r.prefix.length - ONE_SIDED_RADIUS, at - r.prefix.length + ONE_SIDED_RADIUS, 2);
    if (hits.length === 1) return (hits[0] as number) + r.prefix.length;
  }
  if (r.suffix.length >= MIN_SIDE) {
    const hits = occurrencesIn(text, r.exact + r.suffix, at - ONE_SIDED_RADIUS, at + ONE_SIDED_RADIUS, 2);
    if (hits.length === 1) return hits[0] as number;
  }
  return -1;
}
