// Telling a moved paragraph from a verbatim copy. Points off the backbone (annotations found once with their whole
// context, but out of order with the rest) are either text that moved, or a copy of text that is still where it
// was, only edited enough there that the copy is the one place the whole context survives. The difference is in
// the text, not in the annotations: a moved paragraph leaves other text behind; an edited original does not.

import { Alignment, backbone, type Point } from './align';

/** Text compared around a run of points and where the backbone expects it (at most MAX_BLOCK of it). */
const BLOCK_MARGIN = 32;
const MAX_BLOCK = 2048;
/** Share of a block's 8-grams found at the backbone's place for the block to be a copy of text still there. */
const COPY_SHARE = 0.5;

/**
 * The points (indexes into `points`) in runs off the backbone whose text is still, much the same, where the
 * backbone expects it. Votes of the run's own annotations would be biased: they are off the backbone precisely
 * because their text was edited where it was.
 */
export function copiesOffBackbone(text: string, points: readonly Point[]): number[] {
  const on = backbone(points);
  if (on.every(Boolean)) return [];
  const spine = new Alignment(points.filter((_, k) => on[k]));
  const order = points.map((_, k) => k).sort((a, b) => (points[a] as Point).o - (points[b] as Point).o);
  const out: number[] = [];
  let run: number[] = [];
  const flush = (): void => {
    const first = points[run[0] as number];
    const last = points[run[run.length - 1] as number];
    if (first && last) {
      const from = Math.max(0, first.n - BLOCK_MARGIN);
      const block = text.slice(from, Math.min(from + MAX_BLOCK, Math.max(from, last.n) + 2 * BLOCK_MARGIN));
      const span = block.length + 2 * BLOCK_MARGIN;
      const there = spine.expect(first.o).some((iv) => {
        const at = Math.max(0, Math.floor((iv.lo + iv.hi) / 2) - 2 * BLOCK_MARGIN);
        return sharedGrams(block, text.slice(at, at + span)) >= COPY_SHARE;
      });
      if (there) out.push(...run);
    }
    run = [];
  };
  for (const k of order) {
    const last = points[run[run.length - 1] as number];
    const p = points[k] as Point;
    // A run is one block: consecutive points whose shifts agree.
    if (on[k] || (last && Math.abs(p.n - p.o - (last.n - last.o)) > BLOCK_MARGIN + (p.o - last.o) / 10)) flush();
    if (!on[k]) run.push(k);
  }
  flush();
  return out;
}

/** Share of the 8-grams of `a` (every other one) that occur in `b`. */
function sharedGrams(a: string, b: string): number {
  const G = 8;
  if (a.length < G || b.length < G) return 0;
  const inB = new Set<string>();
  for (let i = 0; i + G <= b.length; i++) inB.add(b.slice(i, i + G));
  let n = 0;
  let shared = 0;
  for (let i = 0; i + G <= a.length; i += 2, n++) if (inB.has(a.slice(i, i + G))) shared++;
  return n ? shared / n : 0;
}
