// Anchoring: every selector resolved against the current article text, never dropped. In order of cost:
//  1. the quote at its position hint (mapped through the edits when the article changed): O(quote);
//  2. exact search near the hint, then in the whole text, disambiguated by prefix, suffix and distance
//     (also trying the NFC and NFD forms of the quote);
//  3. fuzzy search (Myers' bit-parallel algorithm, `approx-string-match`) in a window around the hint;
//  4. orphan, kept and reported.
// Hints are mapped through `changes` (exact edits, cheap) or through a diff of `previousText` (when the
// article changed outside the editor). Internally everything is UTF-16; the results are code points.

import search from 'approx-string-match';
import { diffSegments, SegmentMap, type Segment } from './diffmap';
import type { Anchor, AnchorStatus, Selector } from './model';
import { OffsetMap, positionOf, quoteOf } from './text';

/** An exact edit as VS Code reports it: replace old [start, end) (code points) with `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface AnchorOptions {
  /** The article text the selectors were made against, when known and different. */
  previousText?: string;
  /** The edits from `previousText` (or the text the positions count in) to `text`, in old code points. */
  changes?: TextChange[];
}

/** Why an anchor is where it is; resolve.ts turns this into problems. */
export interface AnchorDetail extends Anchor {
  /** How it was found. */
  method: 'position' | 'mapped' | 'search' | 'normalized' | 'fuzzy' | 'none';
  /** The stored position pointed outside the text, or at different text. */
  positionMismatch: boolean;
}

/** Exact candidates scored beyond this many occurrences are not worth it (a one-letter quote). */
const MAX_OCCURRENCES = 2000;
/** Half-width of the exact-search window around a hint, in UTF-16 units, beyond the quote itself. */
const WINDOW = 2048;
/** Fuzzy search window beyond the quote on each side. */
const FUZZY_SLACK = 256;
/**
 * Fuzzy matches need a quote similarity of at least FUZZY_MIN_QUOTE, or FUZZY_MIN_QUOTE_WITH_CONTEXT
 * when prefix and suffix agree at least FUZZY_MIN_CONTEXT (a clause inserted into a quote), and quotes
 * of FUZZY_MIN_LENGTH characters at least.
 */
const FUZZY_MIN_QUOTE = 0.7;
const FUZZY_MIN_QUOTE_WITH_CONTEXT = 0.5;
const FUZZY_MIN_CONTEXT = 0.75;
const FUZZY_MIN_LENGTH = 4;
/** Without a hint, fuzzy search over the whole text only when it is this short. */
const FUZZY_WHOLE_TEXT_LIMIT = 20_000;

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
  const hint = hintMapper(text, map, opts);
  return items.map((item) => anchorOne(item.selector, text, map, hint));
}

type Hint = (start: number, end: number) => { start: number; end: number; touched: boolean; mapped: boolean } | undefined;

/** Builds the function from a stored code-point range to a UTF-16 hint range in the current text. */
function hintMapper(text: string, map: OffsetMap, opts: AnchorOptions | undefined): Hint {
  const prev = opts?.previousText;
  const changed = prev !== undefined && prev !== text;
  const changes = opts?.changes;
  // A single change that rewrites (nearly) everything carries no mapping information: diff instead.
  const wholesale = changes?.length === 1 && prev !== undefined && (changes[0] as TextChange).end - (changes[0] as TextChange).start >= prev.length * 0.5;
  if (changes && changes.length > 0 && !wholesale) {
    const cpMap = new SegmentMap(segmentsFromChanges(changes));
    return (s, e) => {
      const r = cpMap.mapRange(s, e);
      return { start: map.toUtf16(r.start), end: map.toUtf16(r.end), touched: r.touched, mapped: true };
    };
  }
  if (changed) {
    const oldMap = new OffsetMap(prev);
    const segMap = new SegmentMap(diffSegments(prev, text));
    return (s, e) => {
      const r = segMap.mapRange(oldMap.toUtf16(s), oldMap.toUtf16(e));
      return { ...r, mapped: true };
    };
  }
  return (s, e) => ({ start: map.toUtf16(s), end: map.toUtf16(e), touched: false, mapped: false });
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
    shift += cpLength(c.text) - (end - start);
    oldPos = end;
  }
  // The old length is unknown here; the last run of equal text reaches as far as any offset can.
  segs.push({ a: oldPos, b: oldPos + shift, length: Number.MAX_SAFE_INTEGER / 2 });
  return segs;
}

function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function lf(s: string | undefined): string {
  return s === undefined || s.indexOf('\r') === -1 ? (s ?? '') : s.replace(/\r\n?/g, '\n');
}

function anchorOne(selectors: readonly Selector[], text: string, map: OffsetMap, hintOf: Hint): AnchorDetail {
  const quote = quoteOf(selectors);
  const pos = positionOf(selectors);
  const validPos = pos !== undefined && Number.isInteger(pos.start) && Number.isInteger(pos.end) && pos.start >= 0 && pos.start < pos.end;
  if (!quote || quote.exact === '') return { status: 'orphan', method: 'none', positionMismatch: false };
  const exact = lf(quote.exact);
  const prefix = lf(quote.prefix);
  const suffix = lf(quote.suffix);
  const hint = validPos ? hintOf(pos.start, pos.end) : undefined;

  const result = (s16: number, e16: number, method: AnchorDetail['method'], score?: number): AnchorDetail => {
    const start = map.toCodePoint(s16);
    const end = map.toCodePoint(e16);
    const same = validPos && start === pos.start && end === pos.end;
    const status: AnchorStatus = method === 'fuzzy' ? 'fuzzy' : same ? 'anchored' : 'relocated';
    const d: AnchorDetail = { status, start, end, method, positionMismatch: validPos && !hint?.mapped && !same && method !== 'fuzzy' };
    if (method === 'fuzzy' && score !== undefined) d.score = score;
    return d;
  };

  // 1. The quote where the (mapped) position says.
  if (hint && text.startsWith(exact, hint.start)) return result(hint.start, hint.start + exact.length, hint.mapped ? 'mapped' : 'position');

  // 2. Exact search: the quote as stored, then its canonically equivalent forms.
  const forms = [exact];
  for (const f of [exact.normalize('NFC'), exact.normalize('NFD')]) if (!forms.includes(f)) forms.push(f);
  const center = hint?.start ?? -1;
  for (let k = 0; k < forms.length; k++) {
    const form = forms[k] as string;
    const found = exactSearch(text, form, prefix, suffix, center);
    if (found !== undefined) {
      const r = result(found, found + form.length, k === 0 ? 'search' : 'normalized');
      if (validPos && !hint?.mapped) r.positionMismatch = true;
      return r;
    }
  }

  // 3. Fuzzy, in a window around the hint (or the whole text when it is short).
  const fz = fuzzySearch(text, exact, prefix, suffix, center);
  if (fz) return { ...result(fz.start, fz.end, 'fuzzy', fz.score), positionMismatch: validPos && !hint?.mapped };

  return { status: 'orphan', method: 'none', positionMismatch: hint !== undefined && !hint.mapped };
}

/** Share of `context` that the text matches, comparing outward from the candidate (1 = all). */
function prefixAgreement(text: string, at: number, prefix: string): number {
  if (!prefix) return 1;
  let n = 0;
  while (n < prefix.length && at - 1 - n >= 0 && text.charCodeAt(at - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  return n / prefix.length;
}

function suffixAgreement(text: string, at: number, suffix: string): number {
  if (!suffix) return 1;
  let n = 0;
  while (n < suffix.length && at + n < text.length && text.charCodeAt(at + n) === suffix.charCodeAt(n)) n++;
  return n / suffix.length;
}

/** Best exact occurrence: near the hint when its context agrees, else the best-scored in the whole text. */
function exactSearch(text: string, quote: string, prefix: string, suffix: string, center: number): number | undefined {
  const score = (at: number): number => 20 * prefixAgreement(text, at, prefix) + 20 * suffixAgreement(text, at + quote.length, suffix) + (center >= 0 ? 2 * (1 - Math.abs(at - center) / Math.max(1, text.length)) : 0);
  if (center >= 0) {
    const from = Math.max(0, center - WINDOW);
    const to = Math.min(text.length, center + quote.length + WINDOW);
    let best = -1;
    let bestScore = -1;
    for (let i = text.indexOf(quote, from); i !== -1 && i + quote.length <= to; i = text.indexOf(quote, i + 1)) {
      const s = score(i);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    // Nearby and at least half its context agreeing: no need to look further.
    if (best !== -1 && bestScore >= 20) return best;
  }
  let best = -1;
  let bestScore = -1;
  let n = 0;
  for (let i = text.indexOf(quote); i !== -1 && n < MAX_OCCURRENCES; i = text.indexOf(quote, i + 1), n++) {
    const s = score(i);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best === -1 ? undefined : best;
}

/** Similarity of `pattern` to the best approximate match in `s` (0..1), as Hypothesis scores context. */
function approxAgreement(s: string, pattern: string): number {
  if (!pattern) return 1;
  if (!s) return 0;
  const matches = search(s, pattern, pattern.length);
  let errors = pattern.length;
  for (const m of matches) errors = Math.min(errors, m.errors);
  return 1 - errors / pattern.length;
}

function fuzzySearch(text: string, quote: string, prefix: string, suffix: string, center: number): { start: number; end: number; score: number } | undefined {
  if (quote.length < FUZZY_MIN_LENGTH) return undefined;
  let from: number;
  let to: number;
  if (center >= 0) {
    const slack = Math.max(FUZZY_SLACK, quote.length);
    from = Math.max(0, center - slack);
    to = Math.min(text.length, center + quote.length + slack);
  } else if (text.length <= FUZZY_WHOLE_TEXT_LIMIT) {
    from = 0;
    to = text.length;
  } else return undefined;
  if (to - from < 1) return undefined;
  const maxErrors = Math.floor(quote.length * (1 - FUZZY_MIN_QUOTE_WITH_CONTEXT));
  if (maxErrors < 1) return undefined;
  const windowText = text.slice(from, to);
  const matches = search(windowText, quote, maxErrors);
  let best: { start: number; end: number; score: number } | undefined;
  for (const m of matches) {
    let start = from + m.start;
    let end = from + m.end;
    // Never split a surrogate pair at either end.
    if (isLow(text.charCodeAt(start)) && start > 0 && isHigh(text.charCodeAt(start - 1))) start--;
    if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
    if (end <= start) continue;
    const q = 1 - m.errors / quote.length;
    const p = prefix ? approxAgreement(text.slice(Math.max(0, start - prefix.length), start), prefix) : 1;
    const s = suffix ? approxAgreement(text.slice(end, end + suffix.length), suffix) : 1;
    if (q < FUZZY_MIN_QUOTE && (q < FUZZY_MIN_QUOTE_WITH_CONTEXT || (p + s) / 2 < FUZZY_MIN_CONTEXT)) continue;
    const d = center >= 0 ? 1 - Math.abs(start - center) / Math.max(1, text.length) : 1;
    const score = (50 * q + 20 * p + 20 * s + 2 * d) / 92;
    if (!best || score > best.score) best = { start, end, score: Math.round(score * 1000) / 1000 };
  }
  // Myers finds the substrings closest to the quote, which miss it when a clause was inserted into it
  // ("the agreement, they add, is fragile"); the text between intact context fits better then.
  const between = contextCandidate(text, quote, prefix, suffix, from, to, center);
  if (between && (!best || between.score > best.score)) best = between;
  return best;
}

/** Context pieces this long (or the whole prefix/suffix if shorter) locate the span between them. */
const CONTEXT_PIECE = 16;
/** Edit distance is computed only for spans up to this long (quadratic). */
const MAX_BETWEEN = 600;

function contextCandidate(text: string, quote: string, prefix: string, suffix: string, from: number, to: number, center: number): { start: number; end: number; score: number } | undefined {
  if (prefix.length < 4 && suffix.length < 4) return undefined;
  const pre = prefix.slice(-CONTEXT_PIECE);
  const suf = suffix.slice(0, CONTEXT_PIECE);
  const starts: number[] = [];
  if (!pre) {
    if (from === 0) starts.push(0);
  } else {
    for (let i = text.indexOf(pre, Math.max(0, from - pre.length)); i !== -1 && i + pre.length <= to && starts.length < 16; i = text.indexOf(pre, i + 1)) starts.push(i + pre.length);
  }
  let best: { start: number; end: number; score: number } | undefined;
  const maxLen = Math.min(MAX_BETWEEN, quote.length * 2);
  for (const start of starts) {
    let end: number;
    if (!suf) end = to === text.length && text.length - start <= maxLen ? text.length : -1;
    else {
      const j = text.indexOf(suf, start);
      end = j !== -1 && j - start <= maxLen ? j : -1;
    }
    if (end <= start || end - start < quote.length / 2 || quote.length > MAX_BETWEEN) continue;
    const span = text.slice(start, end);
    const q = 1 - editDistance(span, quote) / Math.max(span.length, quote.length);
    if (q < FUZZY_MIN_QUOTE_WITH_CONTEXT) continue;
    const d = center >= 0 ? 1 - Math.abs(start - center) / Math.max(1, text.length) : 1;
    const score = (50 * q + 20 + 20 + 2 * d) / 92;
    if (!best || score > best.score) best = { start, end, score: Math.round(score * 1000) / 1000 };
  }
  return best;
}

/** Levenshtein distance, two rows; only called on short strings. */
function editDistance(a: string, b: string): number {
  let prev = new Uint16Array(b.length + 1).map((_, j) => j);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
