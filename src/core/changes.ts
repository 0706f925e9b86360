// The edits an editor made to an article since the text the annotations were anchored on (the base), kept as
// a piece table so any number of change events compose into one list of exact changes in base coordinates
// (what `anchorAll`'s `changes` takes). Offsets are code points, as in the file format.

import type { TextChange } from './anchor';
import { codePointLength as cpLength, OffsetMap } from './text';

type Piece = { base: true; start: number; end: number } | { base: false; text: string; length: number };

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

/** One change as an editor reports it: UTF-16 offset and length in the text before the event. */
export interface EditorChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * What live re-anchoring knows about an article: the text the stored positions were made on (the base), the
 * text as last seen, and the editor's exact changes since the base. When the changes are unknown (the article
 * changed outside the editor, or in a CRLF document whose offsets count carriage returns), anchoring diffs the
 * base against the new text instead.
 */
export class ArticleTrack {
  private log: ChangeLog | undefined;
  private last: string;

  constructor(readonly base: string) {
    this.last = base;
    this.log = new ChangeLog(cpLength(base));
  }

  /** The text seen last (normalized). */
  get current(): string {
    return this.last;
  }

  /** The exact edits from the base to the current text, in base code points; undefined when unknown. */
  changes(): TextChange[] | undefined {
    return this.log?.changes();
  }

  /**
   * Composes one editor event. `now` is the document's normalized text after it; `offsetsAreNormalized` is
   * false for documents whose offsets count CRLF line breaks, which the normalized text has not.
   */
  record(now: string, changes: readonly EditorChange[], offsetsAreNormalized: boolean): void {
    if (this.log && offsetsAreNormalized) {
      // The events must turn the text we know into the document's text, or they are not ours to compose.
      let expected = this.last;
      for (const c of [...changes].sort((x, y) => y.rangeOffset - x.rangeOffset))
        expected = expected.slice(0, c.rangeOffset) + c.text + expected.slice(c.rangeOffset + c.rangeLength);
      if (expected === now) {
        const map = new OffsetMap(this.last);
        try {
          this.log.apply(changes.map((c) => ({ start: map.toCodePoint(c.rangeOffset), end: map.toCodePoint(c.rangeOffset + c.rangeLength), text: c.text })));
        } catch {
          this.log = undefined;
        }
      } else this.log = undefined;
    } else this.log = undefined;
    this.last = now;
  }

  /** The text changed without (or beyond) the events seen: only a diff from the base can map positions now. */
  sawText(now: string): void {
    if (now === this.last) return;
    this.last = now;
    this.log = undefined;
  }

  /** Anchoring options for resolving against the current text. */
  anchorBase(): { previousText?: string; changes?: TextChange[] } {
    if (this.base === this.last) return {};
    const changes = this.changes();
    return changes?.length ? { previousText: this.base, changes } : { previousText: this.base };
  }
}
