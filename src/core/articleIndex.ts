// The article's annotations in editor terms: UTF-16 ranges over the normalized text (LF line breaks), per entity
// type for decorations, sorted for "what is under the cursor" and "next mention", and line/column positions.
// Editors count lines and UTF-16 columns the same way whatever their line endings, so a line/column computed
// here is a valid position in a CRLF document of the same text.

import type { Model } from './resolve';
import { lineAt, lineStarts } from './text';

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface TypedSpan extends Span {
  type: string;
  entityId: string;
}

export interface Position {
  line: number;
  character: number;
}

export interface ArticleIndex {
  /** Anchored mentions (orphans have no place), sorted by start then end. */
  mentions: TypedSpan[];
  claims: Span[];
  /** Mention spans per entity type id, in text order; computed once per model. */
  byType: Map<string, TypedSpan[]>;
  lineStarts: number[];
  text: string;
}

const cache = new WeakMap<Model, ArticleIndex>();

export function articleIndex(model: Model): ArticleIndex {
  const hit = cache.get(model);
  if (hit) return hit;
  const map = model.map;
  const mentions: TypedSpan[] = [];
  for (const m of model.mentions) {
    const { start, end } = m.anchor;
    if (start === undefined || end === undefined || m.anchor.status === 'orphan') continue;
    mentions.push({ id: m.id, start: map.toUtf16(start), end: map.toUtf16(end), type: m.entity?.type ?? '', entityId: m.def.entity });
  }
  mentions.sort(bySpan);
  const claims: Span[] = [];
  for (const c of model.claims) {
    const { start, end } = c.anchor;
    if (start === undefined || end === undefined || c.anchor.status === 'orphan') continue;
    claims.push({ id: c.id, start: map.toUtf16(start), end: map.toUtf16(end) });
  }
  claims.sort(bySpan);
  const byType = new Map<string, TypedSpan[]>();
  for (const m of mentions) {
    let list = byType.get(m.type);
    if (!list) byType.set(m.type, (list = []));
    list.push(m);
  }
  const index: ArticleIndex = { mentions, claims, byType, ...lineIndex(model.text) };
  cache.set(model, index);
  return index;
}

function bySpan(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** Line starts of a text, for positions without a model (document symbols of any article). */
export type Lines = Pick<ArticleIndex, 'lineStarts' | 'text'>;

export function lineIndex(text: string): Lines {
  return { lineStarts: lineStarts(text), text };
}

/** UTF-16 offset in the normalized text -> line and UTF-16 column. */
export function positionAt(index: Lines, offset: number): Position {
  const o = Math.max(0, Math.min(offset, index.text.length));
  const line = lineAt(index.lineStarts, o);
  return { line, character: o - (index.lineStarts[line] as number) };
}

/** Line and UTF-16 column -> UTF-16 offset in the normalized text (clamped to the line). */
export function offsetAt(index: Lines, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= index.lineStarts.length) return index.text.length;
  const start = index.lineStarts[pos.line] as number;
  const next = pos.line + 1 < index.lineStarts.length ? (index.lineStarts[pos.line + 1] as number) - 1 : index.text.length;
  return Math.min(start + Math.max(0, pos.character), next);
}

/** Index of the first span starting at or after `offset`. */
function lowerBound(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as Span).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spans containing `offset` (start <= offset <= end, so a cursor just after a name still counts), innermost
 * (shortest) first. Spans are short, so the scan back from the cursor stops after a bounded window.
 */
export function spansAt<T extends Span>(spans: readonly T[], offset: number, maxSpan = 5000): T[] {
  const hits: T[] = [];
  for (let i = lowerBound(spans, offset + 1) - 1; i >= 0; i--) {
    const s = spans[i] as T;
    if (s.start < offset - maxSpan) break;
    if (s.start <= offset && offset <= s.end) hits.push(s);
  }
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start));
}

/** The next span starting after `offset` (or the previous one starting before), wrapping around. */
export function adjacentSpan<T extends Span>(spans: readonly T[], offset: number, direction: 1 | -1): T | undefined {
  if (spans.length === 0) return undefined;
  if (direction === 1) {
    const i = lowerBound(spans, offset + 1);
    return spans[i < spans.length ? i : 0];
  }
  const i = lowerBound(spans, offset) - 1;
  return spans[i >= 0 ? i : spans.length - 1];
}

/** Ranges per visible entity type: what one `setDecorations` call per type needs. Hidden types map to []. */
export function rangesByType(index: ArticleIndex, typeIds: Iterable<string>, hidden: ReadonlySet<string>): Map<string, { start: Position; end: Position }[]> {
  const out = new Map<string, { start: Position; end: Position }[]>();
  for (const type of typeIds) {
    const spans = hidden.has(type) ? [] : (index.byType.get(type) ?? []);
    out.set(
      type,
      spans.map((s) => ({ start: positionAt(index, s.start), end: positionAt(index, s.end) })),
    );
  }
  return out;
}

/** About 40 characters either side of a mention, on its line, with the mention's range inside the label. */
export function mentionLabel(text: string, span: { start: number; end: number }, side = 40): { label: string; highlight: [number, number] } {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', span.end);
  if (lineEnd === -1) lineEnd = text.length;
  let s = Math.max(lineStart, span.start - side);
  let e = Math.min(lineEnd, span.end + side);
  // Cut at word boundaries and never inside a surrogate pair.
  if (s > lineStart) {
    const sp = text.indexOf(' ', s);
    if (sp !== -1 && sp < span.start) s = sp + 1;
  }
  if (e < lineEnd) {
    const sp = text.lastIndexOf(' ', e);
    if (sp > span.end) e = sp;
  }
  if (s > 0 && (text.charCodeAt(s) & 0xfc00) === 0xdc00) s++;
  if ((text.charCodeAt(e - 1) & 0xfc00) === 0xd800) e--;
  const pre = s > lineStart ? '…' : '';
  const post = e < lineEnd ? '…' : '';
  const label = `${pre}${text.slice(s, e)}${post}`.replace(/\s/g, ' ');
  const hs = pre.length + span.start - s;
  return { label, highlight: [hs, hs + (span.end - span.start)] };
}
