// What a block draws of its source text, and the way back. A Markdown block's offsets count over the source
// (`**bold**`), but the reader draws it without its markup (hidden ranges) and with character references and
// escapes replaced (`&amp;` → `&`). The drawn text is cut into pieces that each know their source range, so a
// place in the drawn text (a DOM selection) maps back to an exact source offset. Pure: no DOM.

import type { TextBlock } from '../core/structure';

/** A run of the drawn text: `text` is drawn for the source range [start, end); literal pieces are source slices. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  literal: boolean;
}

/** The pieces of block `b` of `source`, in order: [start, end) minus `hidden`, with `replace` applied. */
export function pieces(source: string, b: Pick<TextBlock, 'start' | 'end' | 'hidden' | 'replace'>): Piece[] {
  const cuts: { start: number; end: number; text: string }[] = [];
  for (const [s, e] of b.hidden ?? []) cuts.push({ start: s, end: e, text: '' });
  for (const r of b.replace ?? []) cuts.push(r);
  cuts.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Piece[] = [];
  let pos = b.start;
  for (const c of cuts) {
    // The contract says inside the block, sorted and apart; a cut that is not (overlapping one before it, or
    // outside the block) is ignored rather than guessed at.
    if (c.start < pos || c.start >= b.end) continue;
    const e = Math.min(Math.max(c.end, c.start), b.end);
    if (c.start > pos) out.push({ start: pos, end: c.start, text: source.slice(pos, c.start), literal: true });
    if (c.text) out.push({ start: c.start, end: e, text: c.text, literal: false });
    pos = e;
  }
  if (b.end > pos) out.push({ start: pos, end: b.end, text: source.slice(pos, b.end), literal: true });
  return out;
}

export function drawnText(ps: readonly Piece[]): string {
  return ps.map((p) => p.text).join('');
}

/** Index of the first piece ending after source offset `at` (binary search). */
function pieceAt(ps: readonly Piece[], at: number): number {
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ps[mid] as Piece).end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Appends, through `out`, what is drawn for the source range [from, to): literal text clipped to the range, and
 * a replacement whole when the range holds its start.
 */
export function appendDrawn(ps: readonly Piece[], from: number, to: number, out: (text: string) => void): void {
  for (let i = pieceAt(ps, from); i < ps.length; i++) {
    const p = ps[i] as Piece;
    if (p.start >= to) return;
    if (p.literal) {
      const s = Math.max(from, p.start);
      const e = Math.min(to, p.end);
      if (e > s) out(p.text.slice(s - p.start, e - p.start));
    } else if (p.start >= from) out(p.text);
  }
}

/**
 * The source offset of UTF-16 offset `drawn` in the block's drawn text. Where hidden markup sits between two
 * pieces, a selection's start (`'start'`) maps past it and its end (`'end'`) before it, so the selected source is
 * exactly the selected text's; inside a replacement, the start maps to the replacement's start and the end to its
 * end.
 */
export function sourceOffset(ps: readonly Piece[], blockStart: number, drawn: number, bias: 'start' | 'end'): number {
  let at = 0;
  let previousEnd = blockStart;
  for (const p of ps) {
    const len = p.text.length;
    if (len === 0) continue;
    if (drawn === at) return bias === 'end' ? previousEnd : p.start;
    if (drawn < at + len) return p.literal ? p.start + (drawn - at) : bias === 'start' ? p.start : p.end;
    at += len;
    previousEnd = p.end;
  }
  return previousEnd;
}

/**
 * The UTF-16 offset in the block's drawn text of source offset `at`: the inverse of `sourceOffset`. A source offset
 * inside hidden markup maps to where the markup would be; inside a replacement, to its start (`'start'`) or end.
 */
export function drawnOffset(ps: readonly Piece[], at: number, bias: 'start' | 'end'): number {
  let drawn = 0;
  for (const p of ps) {
    if (at < p.start) return drawn;
    if (at < p.end) return p.literal ? drawn + (at - p.start) : bias === 'start' ? drawn : drawn + p.text.length;
    drawn += p.text.length;
  }
  return drawn;
}
