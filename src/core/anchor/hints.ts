// Where a stored position points in the current text. Through `changes` (exact edits, cheap), through a diff of
// `previousText` (the article changed outside the editor and the old text is known), or as stored. A hint is
// evidence of where to look, never the decision.

import { diffSegments, SegmentMap, type Segment } from '../diffmap';
import { codePointLength, OffsetMap } from '../text';

/** An exact edit as VS Code reports it: replace old [start, end) (code points) with `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface HintRange {
  /** UTF-16 range in the current text. */
  start: number;
  end: number;
  /** The range met changed text: only a hint. */
  touched: boolean;
  /** Mapped through edits (else the stored position as is). */
  mapped: boolean;
  startExact: boolean;
  endExact: boolean;
  /** Unchanged text lies near the hint; when false the neighbourhood was rewritten. */
  nearEqual: boolean;
}

export type Hint = (start: number, end: number) => HintRange | undefined;

/** Radius within which unchanged text must lie for a mapped hint to count as being in known surroundings. */
const NEAR = 256;

/** The function from a stored code-point range to a UTF-16 hint range in the current text. */
export function hintMapper(map: OffsetMap, previousText: string | undefined, changes: readonly TextChange[] | undefined): Hint {
  const changed = previousText !== undefined && previousText !== map.text;
  // A single change that rewrites (nearly) everything carries no mapping information: diff instead.
  const first = changes?.[0];
  const wholesale = changes?.length === 1 && first !== undefined && previousText !== undefined && first.end - first.start >= previousText.length * 0.5;
  if (changes && changes.length > 0 && !wholesale) {
    const cpMap = new SegmentMap(segmentsFromChanges(changes));
    return (s, e) => {
      const r = cpMap.mapRange(s, e);
      return { ...r, start: map.toUtf16(r.start), end: map.toUtf16(r.end), mapped: true, nearEqual: cpMap.equalNear(r.start, r.end, NEAR) };
    };
  }
  if (changed) {
    const oldMap = new OffsetMap(previousText);
    const segMap = new SegmentMap(diffSegments(previousText, map.text));
    return (s, e) => {
      const r = segMap.mapRange(oldMap.toUtf16(s), oldMap.toUtf16(e));
      return { ...r, mapped: true, nearEqual: segMap.equalNear(r.start, r.end, NEAR) };
    };
  }
  return (s, e) => ({ start: map.toUtf16(s), end: map.toUtf16(e), touched: false, mapped: false, startExact: true, endExact: true, nearEqual: true });
}

function segmentsFromChanges(changes: readonly TextChange[]): Segment[] {
  const sorted = [...changes].sort((x, y) => x.start - y.start);
  const segs: Segment[] = [];
  let oldPos = 0;
  let shift = 0;
  for (const c of sorted) {
    const start = Math.max(c.start, oldPos);
    if (start > oldPos) segs.push({ a: oldPos, b: oldPos + shift, length: start - oldPos });
    const end = Math.max(c.end, start);
    shift += codePointLength(c.text) - (end - start);
    oldPos = end;
  }
  // The old length is unknown here; the last run of equal text reaches as far as any offset can.
  segs.push({ a: oldPos, b: oldPos + shift, length: Number.MAX_SAFE_INTEGER / 2 });
  return segs;
}
