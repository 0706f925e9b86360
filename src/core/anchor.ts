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
const FUZZY_SHORT_QUOTE = 16;
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
  const hintOf = hintMapper(text, map, opts);
  const results: AnchorDetail[] = new Array(items.length);
  const pending: Pending[] = [];
  items.forEach((item, i) => {
    const r = firstPass(item.selector, text, map, hintOf, i);
    if ('status' in r) results[i] = r;
    else pending.push(r);
  });
  if (pending.length) {
    // One pass over the text finds every occurrence of every quote still unplaced (rewritten articles
    // leave thousands; one indexOf scan each is what froze Hypothesis).
    const occurrences = findAll(text, [...new Set(pending.flatMap((p) => p.forms))]);
    for (const p of pending) results[p.index] = secondPass(p, text, map, occurrences);
  }
  return results;
}

interface HintRange {
  start: number;
  end: number;
  /** The range met changed text: only a hint. */
  touched: boolean;
  /** Mapped through edits (else the stored position as is). */
  mapped: boolean;
  startExact: boolean;
  endExact: boolean;
  /** Unchanged text lies near the hint; when false the neighbourhood was rewritten and fuzzy search there is pointless. */
  nearEqual: boolean;
}
type Hint = (start: number, end: number) => HintRange | undefined;

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
      return { ...r, start: map.toUtf16(r.start), end: map.toUtf16(r.end), mapped: true, nearEqual: cpMap.equalNear(r.start, r.end, FUZZY_SLACK) };
    };
  }
  if (changed) {
    const oldMap = new OffsetMap(prev);
    const segMap = new SegmentMap(diffSegments(prev, text));
    return (s, e) => {
      const r = segMap.mapRange(oldMap.toUtf16(s), oldMap.toUtf16(e));
      return { ...r, mapped: true, nearEqual: segMap.equalNear(r.start, r.end, FUZZY_SLACK) };
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

/** An item the cheap steps could not place, waiting for the batched whole-text search. */
interface Pending {
  index: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** The quote and its canonically equivalent forms (NFC, NFD) when they differ. */
  forms: string[];
  hint: HintRange | undefined;
  pos: { start: number; end: number } | undefined;
  /** Best exact occurrence near the hint (UTF-16) with weak context, and which form it was. */
  nearby?: { at: number; form: number };
}

function makeResult(
  map: OffsetMap,
  pos: Pending['pos'],
  hint: HintRange | undefined,
  s16: number,
  e16: number,
  method: AnchorDetail['method'],
  score?: number,
): AnchorDetail {
  const start = map.toCodePoint(s16);
  const end = map.toCodePoint(e16);
  const same = pos !== undefined && start === pos.start && end === pos.end;
  const status: AnchorStatus = method === 'fuzzy' ? 'fuzzy' : same ? 'anchored' : 'relocated';
  const d: AnchorDetail = { status, start, end, method, positionMismatch: pos !== undefined && !hint?.mapped && !same };
  if (method === 'fuzzy' && score !== undefined) d.score = score;
  return d;
}

/** The cheap steps: quote at the (mapped) position, exact match near it, the mapped range itself. */
function firstPass(selectors: readonly Selector[], text: string, map: OffsetMap, hintOf: Hint, index: number): AnchorDetail | Pending {
  const quote = quoteOf(selectors);
  const p = positionOf(selectors);
  const pos =
    p !== undefined && Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end ? { start: p.start, end: p.end } : undefined;
  if (!quote || quote.exact === '') return { status: 'orphan', method: 'none', positionMismatch: false };
  const exact = lf(quote.exact);
  const hint = pos ? hintOf(pos.start, pos.end) : undefined;

  // 1. The quote where the (mapped) position says: the unchanged article costs only this.
  if (hint && text.startsWith(exact, hint.start)) {
    if (!hint.mapped && hint.end === hint.start + exact.length && pos)
      return { status: 'anchored', start: pos.start, end: pos.end, method: 'position', positionMismatch: false };
    return makeResult(map, pos, hint, hint.start, hint.start + exact.length, hint.mapped ? 'mapped' : 'position');
  }

  const prefix = lf(quote.prefix);
  const suffix = lf(quote.suffix);
  const forms = [exact];
  for (const f of [exact.normalize('NFC'), exact.normalize('NFD')]) if (!forms.includes(f)) forms.push(f);
  const pending: Pending = { index, exact, prefix, suffix, forms, hint, pos };

  // 2. Exact, near the hint, with at least half its context agreeing.
  if (hint) {
    for (let k = 0; k < forms.length; k++) {
      const form = forms[k] as string;
      const near = nearestExact(text, form, prefix, suffix, hint.start);
      if (near === undefined) continue;
      if (near.context >= 1) {
        const r = makeResult(map, pos, hint, near.at, near.at + form.length, k === 0 ? 'search' : 'normalized');
        if (pos && !hint.mapped) r.positionMismatch = true;
        return r;
      }
      pending.nearby ??= { at: near.at, form: k };
    }
  }

  // 3. Both ends of the old span lie in unchanged text: the text between is this annotation, edited inside.
  if (hint?.mapped && hint.startExact && hint.endExact && hint.end > hint.start && hint.end - hint.start <= exact.length * 4 + 64) {
    const span = text.slice(hint.start, hint.end);
    return makeResult(map, pos, hint, hint.start, hint.end, 'fuzzy', round3(similarity(span, exact)));
  }
  return pending;
}

/** The expensive steps, after the batched search: exact anywhere, fuzzy near the hint, or orphan. */
function secondPass(p: Pending, text: string, map: OffsetMap, occurrences: Map<string, number[]>): AnchorDetail {
  const { hint, pos, prefix, suffix } = p;
  const center = hint?.start ?? -1;
  const context = (at: number, len: number): number => prefixAgreement(text, at, prefix) + suffixAgreement(text, at + len, suffix);
  let best: { at: number; form: number; context: number; score: number } | undefined;
  p.forms.forEach((form, k) => {
    for (const at of occurrences.get(form) ?? []) {
      const c = context(at, form.length);
      const score = 20 * c + (center >= 0 ? 2 * (1 - Math.abs(at - center) / Math.max(1, text.length)) : 0);
      if (!best || score > best.score) best = { at, form: k, context: c, score };
    }
  });
  const exactAt = (b: { at: number; form: number }): AnchorDetail => {
    const form = p.forms[b.form] as string;
    const r = makeResult(map, pos, hint, b.at, b.at + form.length, b.form === 0 ? 'search' : 'normalized');
    if (pos && !hint?.mapped) r.positionMismatch = true;
    return r;
  };
  const found = best as { at: number; form: number; context: number } | undefined;
  // Anywhere with half its context; else the one near the hint; else a far one only if the quote is
  // specific or a quarter of its context agrees (a short quote found in a rewritten text is no evidence).
  if (found && found.context >= 1) return exactAt(found);
  // Near the hint, a short quote whose context is gone may be another word: it needs some context.
  if (p.nearby && (p.exact.length >= SPECIFIC_QUOTE / 2 || context(p.nearby.at, (p.forms[p.nearby.form] as string).length) >= 0.5)) return exactAt(p.nearby);
  if (found && ((p.forms[found.form] as string).length >= SPECIFIC_QUOTE || found.context >= 0.5)) return exactAt(found);

  // Mapped into text that was rewritten all around: any approximate match there would be an accident.
  const fz = hint?.mapped && !hint.nearEqual ? undefined : fuzzySearch(text, p.exact, prefix, suffix, center, hint);
  if (fz) return { ...makeResult(map, pos, hint, fz.start, fz.end, 'fuzzy', fz.score), positionMismatch: pos !== undefined && !hint?.mapped };
  // 3b. An edit swallowed one end of the span: the range the edits mapped it to is still the best place when at
  // least half of the quote survives there (fuzzy, for review) — better than an orphan.
  if (hint?.mapped && hint.nearEqual && hint.end > hint.start && hint.end - hint.start <= p.exact.length * 4 + 64) {
    const score = round3(similarity(text.slice(hint.start, hint.end), p.exact));
    if (score >= MAPPED_SPAN_MIN) return makeResult(map, pos, hint, hint.start, hint.end, 'fuzzy', score);
  }
  return { status: 'orphan', method: 'none', positionMismatch: hint !== undefined && !hint.mapped };
}

/** How much of the quote must survive in its mapped range for that range to be kept as a fuzzy anchor. */
const MAPPED_SPAN_MIN = 0.5;

/** Quotes at least this long are specific enough to accept far from the hint without context. */
const SPECIFIC_QUOTE = 32;

/** The best-scored exact occurrence within WINDOW of the hint, searched in the window only. */
function nearestExact(text: string, quote: string, prefix: string, suffix: string, center: number): { at: number; context: number } | undefined {
  const from = Math.max(0, center - WINDOW);
  const to = Math.min(text.length, center + quote.length + WINDOW);
  const windowText = text.slice(from, to);
  let best: { at: number; context: number; score: number } | undefined;
  for (let i = windowText.indexOf(quote); i !== -1; i = windowText.indexOf(quote, i + 1)) {
    const at = from + i;
    const context = prefixAgreement(text, at, prefix) + suffixAgreement(text, at + quote.length, suffix);
    const score = 20 * context + 2 * (1 - Math.abs(at - center) / Math.max(1, text.length));
    if (!best || score > best.score) best = { at, context, score };
  }
  return best;
}

/**
 * Every occurrence (up to MAX_OCCURRENCES) of each pattern: one rolling-hash pass over the text per key
 * length (the first min(8, length) units of each pattern), instead of one indexOf scan per pattern.
 */
function findAll(text: string, patterns: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const byKey = new Map<number, string[]>();
  for (const p of patterns) {
    out.set(p, []);
    if (p.length === 0) continue;
    if (patterns.length < 8 || p.length === 1) {
      const list = out.get(p) as number[];
      for (let i = text.indexOf(p); i !== -1 && list.length < MAX_OCCURRENCES; i = text.indexOf(p, i + 1)) list.push(i);
      continue;
    }
    const k = Math.min(8, p.length);
    const group = byKey.get(k);
    if (group) group.push(p);
    else byKey.set(k, [p]);
  }
  for (const [key, group] of byKey) scanKey(text, key, group, out);
  return out;
}

function scanKey(text: string, KEY: number, patterns: string[], out: Map<string, number[]>): void {
  if (text.length < KEY) return;
  const B = 0x01000193;
  let BK = 1; // B^(KEY-1)
  for (let k = 1; k < KEY; k++) BK = Math.imul(BK, B);
  const keyHash = (s: string, at: number): number => {
    let h = 0;
    for (let k = 0; k < KEY; k++) h = (Math.imul(h, B) + s.charCodeAt(at + k)) | 0;
    return h;
  };
  const MASK = (1 << 20) - 1;
  const filter = new Uint8Array(MASK + 1);
  const byHash = new Map<number, string[]>();
  for (const p of patterns) {
    const h = keyHash(p, 0);
    filter[h & MASK] = 1;
    const list = byHash.get(h);
    if (list) list.push(p);
    else byHash.set(h, [p]);
  }
  let h = keyHash(text, 0);
  for (let i = 0; ; i++) {
    if (filter[h & MASK] === 1) {
      for (const p of byHash.get(h) ?? []) {
        const list = out.get(p) as number[];
        if (list.length < MAX_OCCURRENCES && text.startsWith(p, i)) list.push(i);
      }
    }
    if (i + KEY >= text.length) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), BK), B) + text.charCodeAt(i + KEY)) | 0;
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** 1 - normalized edit distance; for long strings, a length-based bound instead of the quadratic DP. */
function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  if (a.length > MAX_BETWEEN || b.length > MAX_BETWEEN) return 1 - Math.abs(a.length - b.length) / max;
  return 1 - editDistance(a, b) / max;
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

/** Similarity of `pattern` to the best approximate match in `s` (0..1), as Hypothesis scores context. */
function approxAgreement(s: string, pattern: string): number {
  if (!pattern) return 1;
  if (!s) return 0;
  const matches = search(s, pattern, pattern.length);
  let errors = pattern.length;
  for (const m of matches) errors = Math.min(errors, m.errors);
  return 1 - errors / pattern.length;
}

function fuzzySearch(
  text: string,
  quote: string,
  prefix: string,
  suffix: string,
  center: number,
  hint: HintRange | undefined,
): { start: number; end: number; score: number } | undefined {
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
    // A short quote approximately matched is likely a different word: it needs a close match and context.
    if (quote.length < FUZZY_SHORT_QUOTE && (q < FUZZY_MIN_QUOTE || (p + s) / 2 < 0.5)) continue;
    const d = center >= 0 ? 1 - Math.abs(start - center) / Math.max(1, text.length) : 1;
    const score = (50 * q + 20 * p + 20 * s + 2 * d) / 92;
    if (!best || score > best.score) best = { start, end, score: Math.round(score * 1000) / 1000 };
  }
  // Myers finds the substrings closest to the quote, which miss it when a clause was inserted into it
  // ("the agreement, they add, is fragile"); the text between intact context fits better then.
  const between = contextCandidate(text, quote, prefix, suffix, from, to, center);
  if (between && (!best || between.score > best.score)) best = between;
  // The range mapped through the edits, when one end of it survived: scored like the others.
  if (hint?.mapped && (hint.startExact || hint.endExact) && hint.end > hint.start && hint.end - hint.start <= quote.length * 2 + 32) {
    const q = similarity(text.slice(hint.start, hint.end), quote);
    const p = hint.startExact ? 1 : prefix ? approxAgreement(text.slice(Math.max(0, hint.start - prefix.length), hint.start), prefix) : 1;
    const s = hint.endExact ? 1 : suffix ? approxAgreement(text.slice(hint.end, hint.end + suffix.length), suffix) : 1;
    if (q >= (quote.length < FUZZY_SHORT_QUOTE ? FUZZY_MIN_QUOTE : FUZZY_MIN_QUOTE_WITH_CONTEXT) && (p + s) / 2 >= FUZZY_MIN_CONTEXT) {
      const score = round3((50 * q + 20 * p + 20 * s + 2) / 92);
      if (!best || score > best.score) best = { start: hint.start, end: hint.end, score };
    }
  }
  return best;
}

/** Context pieces this long (or the whole prefix/suffix if shorter) locate the span between them. */
const CONTEXT_PIECE = 16;
/** Edit distance is computed only for spans up to this long (quadratic). */
const MAX_BETWEEN = 600;

function contextCandidate(
  text: string,
  quote: string,
  prefix: string,
  suffix: string,
  from: number,
  to: number,
  center: number,
): { start: number; end: number; score: number } | undefined {
  if (prefix.length < 4 && suffix.length < 4) return undefined;
  const pre = prefix.slice(-CONTEXT_PIECE);
  const suf = suffix.slice(0, CONTEXT_PIECE);
  const starts: number[] = [];
  // Searched inside the window only: an absent piece must not cost a scan of the whole text.
  const lo = Math.max(0, from - pre.length);
  const windowText = text.slice(lo, Math.min(text.length, to + quote.length + suf.length));
  if (!pre) {
    if (from === 0) starts.push(0);
  } else {
    for (let i = windowText.indexOf(pre); i !== -1 && starts.length < 16; i = windowText.indexOf(pre, i + 1)) starts.push(lo + i + pre.length);
  }
  let best: { start: number; end: number; score: number } | undefined;
  const maxLen = Math.min(MAX_BETWEEN, quote.length * 2);
  for (const start of starts) {
    let end: number;
    if (!suf) end = to === text.length && text.length - start <= maxLen ? text.length : -1;
    else {
      const j = windowText.indexOf(suf, start - lo);
      end = j !== -1 && lo + j - start <= maxLen ? lo + j : -1;
    }
    if (end <= start || end - start < quote.length / 2 || quote.length > MAX_BETWEEN) continue;
    const span = text.slice(start, end);
    const q = 1 - editDistance(span, quote) / Math.max(span.length, quote.length);
    if (q < (quote.length < FUZZY_SHORT_QUOTE ? FUZZY_MIN_QUOTE : FUZZY_MIN_QUOTE_WITH_CONTEXT)) continue;
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
