// What the reader draws for blocks of the shared contract, and the map between that drawn text and the source.
// Every drawn character sits at its source offset; hidden markup is skipped, and a replacement (`&amp;` drawn
// as `&`) stands for its whole source range. So a selection in the reader is a source range, and the editor
// and the reader agree on every anchor.

import type { TextBlock } from '../structure';

/** A run of drawn text: a slice of the source, or a replacement standing for `[start, end)`. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  replaced: boolean;
}

/** The pieces of one block in order: `[start, end)` minus its hidden ranges, replacements applied. */
export function drawnPieces(text: string, block: TextBlock): Piece[] {
  const cuts: { start: number; end: number; text?: string }[] = [
    ...(block.hidden ?? []).map(([start, end]) => ({ start, end })),
    ...(block.replace ?? []).map((r) => ({ start: r.start, end: r.end, text: r.text })),
  ].sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let at = block.start;
  for (const cut of cuts) {
    const start = Math.max(cut.start, at);
    if (start > at) pieces.push({ start: at, end: start, text: text.slice(at, start), replaced: false });
    if (cut.text !== undefined && cut.end > start) pieces.push({ start, end: cut.end, text: cut.text, replaced: true });
    at = Math.max(at, Math.min(cut.end, block.end));
  }
  if (block.end > at) pieces.push({ start: at, end: block.end, text: text.slice(at, block.end), replaced: false });
  return pieces;
}

/** The drawn text of one block (line breaks inside a paragraph are kept as they are in the source). */
export function drawnText(text: string, block: TextBlock): string {
  return drawnPieces(text, block)
    .map((p) => p.text)
    .join('');
}

/** Between two blocks in the rendered text. */
export const BLOCK_SEPARATOR = '\n\n';

interface Segment {
  /** Start in the rendered text. */
  at: number;
  piece: Piece;
}

/**
 * The whole article as drawn: every block's drawn text, blocks apart by BLOCK_SEPARATOR, with a map between
 * rendered and source offsets (UTF-16 both). Used to turn a selection in the reader back into source offsets.
 */
export class RenderedText {
  readonly text: string;
  private readonly segments: Segment[] = [];

  constructor(source: string, blocks: readonly TextBlock[]) {
    const parts: string[] = [];
    let at = 0;
    for (const [i, block] of blocks.entries()) {
      if (i > 0) {
        parts.push(BLOCK_SEPARATOR);
        at += BLOCK_SEPARATOR.length;
      }
      for (const piece of drawnPieces(source, block)) {
        if (piece.text === '') continue;
        this.segments.push({ at, piece });
        parts.push(piece.text);
        at += piece.text.length;
      }
    }
    this.text = parts.join('');
  }

  /** Index of the segment holding rendered offset `r`, or of the last one before it (-1 before the first). */
  private segmentAt(r: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    if (hi < 0 || r < (this.segments[0] as Segment).at) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.segments[mid] as Segment).at <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The source offset of rendered offset `r`. A start (`edge: 'start'`) inside a replacement is the
   * replacement's start, an end its end; between blocks, a start goes to the next block, an end stays.
   */
  toSource(r: number, edge: 'start' | 'end' = 'start'): number {
    const i = this.segmentAt(r);
    const seg = this.segments[i];
    if (!seg) return this.segments[0]?.piece.start ?? 0;
    const { piece } = seg;
    const into = r - seg.at;
    if (into < piece.text.length) {
      if (!piece.replaced) return piece.start + into;
      return edge === 'start' || into === 0 ? piece.start : piece.end;
    }
    const next = this.segments[i + 1];
    return edge === 'start' && next ? next.piece.start : piece.end;
  }

  /** The rendered offset of source offset `s`; a hidden character maps to the next drawn one. */
  toRendered(s: number): number {
    let lo = 0;
    let hi = this.segments.length;
    // The first segment whose source end is past s.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.segments[mid] as Segment).piece.end <= s) lo = mid + 1;
      else hi = mid;
    }
    const seg = this.segments[lo];
    if (!seg) return this.text.length;
    if (s <= seg.piece.start || seg.piece.replaced) return seg.at;
    return seg.at + (s - seg.piece.start);
  }

  /** The source range a rendered selection covers (hidden markup inside it included). */
  sourceRange(start: number, end: number): [number, number] {
    const s = this.toSource(start, 'start');
    return [s, Math.max(s, this.toSource(end, 'end'))];
  }
}
