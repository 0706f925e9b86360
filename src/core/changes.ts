// The edits an editor made to an article since the text the annotations were anchored on (the base), kept as
// a piece table so any number of change events compose into one list of exact changes in base coordinates
// (what `anchorAll`'s `changes` takes). Offsets are code points, as in the file format.

import type { TextChange } from './anchor';

type Piece = { base: true; start: number; end: number } | { base: false; text: string; length: number };

function cpLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Slices a string by code points. */
function cpSlice(s: string, from: number, to: number): string {
  return Array.from(s).slice(from, to).join('');
}

export class ChangeLog {
  private pieces: Piece[];
  private length: number;

  /** `baseLength`: length of the base text in code points. */
  constructor(private readonly baseLength: number) {
    this.pieces = baseLength > 0 ? [{ base: true, start: 0, end: baseLength }] : [];
    this.length = baseLength;
  }

  /** Current length in code points. */
  get currentLength(): number {
    return this.length;
  }

  /**
   * Applies one event's changes, each in the coordinates of the text before the event (as VS Code reports
   * them: non-overlapping). Applied from the last to the first so earlier offsets stay valid.
   */
  apply(changes: readonly TextChange[]): void {
    const sorted = [...changes].sort((a, b) => b.start - a.start);
    for (const c of sorted) this.replace(c.start, c.end, c.text);
  }

  private replace(start: number, end: number, text: string): void {
    if (start < 0 || end < start || end > this.length) throw new RangeError(`change ${start}-${end} outside 0-${this.length}`);
    const out: Piece[] = [];
    let pos = 0;
    let inserted = false;
    const insert = (): void => {
      if (!inserted && text.length > 0) out.push({ base: false, text, length: cpLength(text) });
      inserted = true;
    };
    for (const p of this.pieces) {
      const len = p.base ? p.end - p.start : p.length;
      const pStart = pos;
      const pEnd = pos + len;
      pos = pEnd;
      // Keep the part before `start` and the part after `end`; the new text goes in between.
      if (pEnd <= start) {
        out.push(p);
        continue;
      }
      if (pStart < start) out.push(slicePiece(p, 0, start - pStart));
      if (pStart >= end) {
        insert();
        out.push(p);
        continue;
      }
      if (pEnd > end) {
        insert();
        out.push(slicePiece(p, end - pStart, len));
      }
    }
    insert();
    this.pieces = out.filter((p) => (p.base ? p.end > p.start : p.length > 0));
    this.length += cpLength(text) - (end - start);
  }

  /** The changes from the base to the current text, ascending, in base code points. */
  changes(): TextChange[] {
    const out: TextChange[] = [];
    let basePos = 0;
    let pending = '';
    const flush = (upTo: number): void => {
      if (upTo !== basePos || pending) out.push({ start: basePos, end: upTo, text: pending });
      pending = '';
    };
    for (const p of this.pieces) {
      if (!p.base) {
        pending += p.text;
        continue;
      }
      flush(p.start);
      basePos = p.end;
    }
    flush(this.baseLength);
    return out;
  }
}

function slicePiece(p: Piece, from: number, to: number): Piece {
  return p.base ? { base: true, start: p.start + from, end: p.start + to } : { base: false, text: cpSlice(p.text, from, to), length: to - from };
}

/** Applies changes (in the coordinates of `text`, code points) to `text`: for checking a log against a document. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const chars = Array.from(text);
  const sorted = [...changes].sort((a, b) => b.start - a.start);
  for (const c of sorted) chars.splice(c.start, c.end - c.start, ...Array.from(c.text));
  return chars.join('');
}
