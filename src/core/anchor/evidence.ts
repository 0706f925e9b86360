// Candidates for one annotation and the decision between them. Every candidate (an exact copy of the quote, an
// approximate match, the span between intact context, the range the edits mapped it to) is judged on the same
// evidence: errors in the quote, errors in the context on each side (anchored at the candidate), and distance
// from where the annotation is expected. The best one is taken only if that evidence is strong enough on its
// own terms; otherwise the annotation is an orphan, never a silent wrong placement.

import search from 'approx-string-match';
import type { Interval } from './align';
import type { HintRange } from './hints';
import { occurrencesIn } from './search';
import { boundedDistance, contextErrors, contextLength, MAX_EXACT_DISTANCE } from './similarity';

/** One annotation being anchored, in the current text's UTF-16 units. */
export interface Rec {
  index: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** The quote and its canonically equivalent forms (NFC, NFD) when they differ. */
  forms: string[];
  /** Stored position (code points), when valid. */
  pos: { start: number; end: number } | undefined;
  hint: HintRange | undefined;
  /** Where the quote occurs with its whole context, and with part of it (any distance). */
  windowHits: number[];
  partialHits: number[];
  /** Every occurrence of the quote (only for annotations with no position at all). */
  anywhere: number[];
  /** Whether to look around the stored position when nothing better says where (not in a replaced text). */
  loose: boolean;
  /** Its text is known to be still where the neighbours expect it (a copy was found elsewhere): nothing far away is it. */
  nearOnly: boolean;
}

export interface Candidate {
  start: number;
  end: number;
  /** Edits between the quote and the text at [start, end). */
  quoteErrors: number;
  /** Which of `forms` matched exactly, or -1 for an approximate match. */
  form: number;
}

export interface Judged extends Candidate {
  prefixErrors: number;
  suffixErrors: number;
  /** Distance from the nearest expected interval (0 inside), and whether that interval is reliable. */
  distance: number;
  /** Distance from the middle of the nearest interval: what decides between equally good copies. */
  offset: number;
  located: boolean;
  /** Far from every reliable interval while reliable ones exist. */
  far: boolean;
  /** Errors in quote and context (characters), and those plus the cost of distance. */
  evidence: number;
  cost: number;
}

/**
 * Errors are counted in characters; being away from where the annotation is expected costs at most this many,
 * or FAR_COST when reliable neighbours on both sides expect it elsewhere (then only a paragraph moved alone, or
 * a copy, explains the candidate; a quote edited where it was is likelier than a verbatim copy far away).
 */
const MAX_DISTANCE_COST = 12;
const FAR_COST = 24;
/** An approximate match costs this much more than an exact one with the same errors elsewhere. */
const FUZZY_COST = 2;
/** Two copies whose costs differ by less than this are equally good: far from where expected, that is no evidence. */
const AMBIGUOUS = 1.5;
/** Distance (characters) over which the cost of being away from the expected place doubles. */
const DISTANCE_SCALE = 16;
/** Exact candidates looked at per window. */
const MAX_PER_WINDOW = 64;
/** Around an expected interval, exact copies and approximate matches are searched this far beyond it. */
const PAD = 64;
/** With no reliable expectation, the stored position is searched this far each way (exact), and approximately half that. */
const LOOSE_RADIUS = 2048;
const LOOSE_FUZZY_RADIUS = 256;
/** Exact copies judged per loose window (the nearest to its middle). */
const MAX_LOOSE = 8;
/** Approximate matches considered per window (the best by errors). */
const MAX_FUZZY = 48;

function distanceCost(d: number, rate: number, cap: number): number {
  return d <= 0 ? 0 : Math.min(cap, rate * Math.log2(1 + d / DISTANCE_SCALE));
}

export function judge(text: string, r: Rec, c: Candidate, intervals: readonly Interval[]): Judged {
  const prefixErrors = contextErrors(text, c.start, r.prefix, false);
  const suffixErrors = contextErrors(text, c.end, r.suffix, true);
  let distance = intervals.length ? Infinity : 0;
  let offset = intervals.length ? Infinity : 0;
  let located = false;
  let reliableDistance = Infinity;
  for (const iv of intervals) {
    const d = c.start < iv.lo ? iv.lo - c.start : c.start > iv.hi ? c.start - iv.hi : 0;
    if (d < distance || (d === distance && iv.reliable)) {
      distance = d;
      located = iv.reliable && d <= LOCATED;
    }
    offset = Math.min(offset, Math.abs(c.start - (iv.lo + iv.hi) / 2));
    if (iv.reliable) reliableDistance = Math.min(reliableDistance, d);
  }
  const far = reliableDistance !== Infinity && reliableDistance > FAR;
  const evidence = c.quoteErrors + (c.form < 0 ? FUZZY_COST : 0) + prefixErrors + suffixErrors;
  // Away from where reliable neighbours expect it, distance costs twice as fast.
  const cost = evidence + distanceCost(distance, reliableDistance === distance ? 4 : 2, far ? FAR_COST : MAX_DISTANCE_COST);
  return { start: c.start, end: c.end, quoteErrors: c.quoteErrors, form: c.form, prefixErrors, suffixErrors, distance, offset, located, far, evidence, cost };
}

/** Within this distance of a reliable interval a candidate is where the neighbours expect it (their shifts are counted in mixed units). */
const LOCATED = 8;
/** Beyond this distance from every reliable interval a candidate is far. */
const FAR = 256;

function better(a: Judged, b: Judged | undefined): boolean {
  if (!b) return true;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.form >= 0 !== b.form >= 0) return a.form >= 0;
  if (a.offset !== b.offset) return a.offset < b.offset;
  return a.start < b.start;
}

const overlaps = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end;

/** Where to look: the expected intervals, or the stored (or mapped) position with a loose radius. */
export function searchIntervals(r: Rec, expected: readonly Interval[]): Interval[] {
  const out = [...expected];
  const h = r.hint;
  if (h?.mapped) out.push({ lo: h.start - 8, hi: h.start + 8, reliable: !h.touched || h.startExact });
  else if (h && !out.some((iv) => iv.reliable)) out.push({ lo: h.start - LOOSE_RADIUS, hi: h.start + LOOSE_RADIUS, reliable: false });
  return out;
}

/**
 * The best candidate for `r`, judged against `intervals`, and whether another one elsewhere is as good (then a
 * far best is no evidence of place).
 */
export function bestCandidate(text: string, r: Rec, intervals: readonly Interval[]): Chosen | undefined {
  const all: Judged[] = [];
  const seen = new Set<number>();
  const consider = (c: Candidate): void => {
    const key = c.start * 4 + (c.form + 1);
    if (c.form >= 0 && seen.has(key)) return;
    if (c.form >= 0) seen.add(key);
    const j = judge(text, r, c, intervals);
    if (r.nearOnly && (j.far || j.distance > FAR)) return;
    all.push(j);
    lowest = Math.min(lowest, j.cost);
  };
  let lowest = Infinity;
  const pick = (): Chosen | undefined => {
    let best: Judged | undefined;
    for (const j of all) if (better(j, best)) best = j;
    // Far from where expected, distance is no evidence between copies: only their own errors count.
    const ambiguous = (b: Judged): boolean => all.some((j) => (b.far ? j.evidence - b.evidence : j.cost - b.cost) < AMBIGUOUS && j !== b && !overlaps(j, b));
    // Far copies as good as each other say nothing of place: then the best where the neighbours expect it.
    if (best?.far && ambiguous(best)) {
      let near: Judged | undefined;
      for (const j of all) if (!j.far && better(j, near)) near = j;
      if (near) best = near;
    }
    if (!best) return undefined;
    return { ...best, ambiguous: ambiguous(best), uniqueSide: false };
  };
  const chosen = (): Chosen | undefined => {
    const c = pick();
    if (c) c.uniqueSide = uniqueSide(text, r, c);
    return c;
  };
  // Exact copies: near every place the annotation may be, and wherever its context says it is.
  for (const iv of intervals) {
    if (!iv.reliable && !r.loose) continue;
    const pad = iv.reliable ? PAD : 0;
    const mid = (iv.lo + iv.hi) / 2;
    r.forms.forEach((form, k) => {
      let found = occurrencesIn(text, form, iv.lo - pad, iv.hi + pad, MAX_PER_WINDOW);
      // A loose window holds many copies of a common word: the nearest few are worth judging.
      if (!iv.reliable && found.length > MAX_LOOSE) found = found.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid)).slice(0, MAX_LOOSE);
      for (const at of found) consider({ start: at, end: at + form.length, quoteErrors: 0, form: k });
    });
  }
  for (const at of [...r.windowHits, ...r.partialHits, ...r.anywhere]) consider({ start: at, end: at + r.exact.length, quoteErrors: 0, form: 0 });
  const exact = pick();
  // An approximate match costs at least its errors and FUZZY_COST: it must have fewer errors than this to win.
  const budget = exact ? Math.ceil(exact.cost - FUZZY_COST) - 1 : Infinity;
  if (exact && budget < 1) return chosen();

  // Approximate matches: only where the annotation is expected (a fuzzy match anywhere else is an accident).
  const h = r.hint;
  const rewritten = h?.mapped && !h.nearEqual;
  const len = r.exact.length;
  let windows: [number, number, number][] = intervals.filter((iv) => iv.reliable).map((iv) => [iv.lo - PAD - (len >> 1), iv.hi + len + PAD, 0.5]);
  if (!windows.length && h && !rewritten && r.loose) windows.push([h.start - LOOSE_FUZZY_RADIUS, h.start + len + LOOSE_FUZZY_RADIUS, 0.3]);
  if (!windows.length && !h && text.length <= WHOLE_TEXT_FUZZY) windows.push([0, text.length, 0.5]);
  windows = merged(windows, text.length);
  const bound = (): number => Math.min(budget, Math.ceil(lowest - FUZZY_COST) - 1);
  for (const [lo, hi, rate] of windows) {
    // A few errors first: an edited quote usually keeps most of itself, and a tight search is far cheaper.
    const most = Math.min(Math.floor(len * rate), bound());
    const first = fuzzyIn(text, r.exact, lo, hi, Math.min(most, Math.ceil(len * 0.2) + 1));
    for (const c of first.length ? first : fuzzyIn(text, r.exact, lo, hi, most)) consider(c);
    // Only worth it where it could have fewer errors than the approximate matches found.
    const between = betweenContext(text, r, lo, hi, Math.min(Math.floor(len * 0.5), bound()));
    if (between) consider(between);
  }
  // The range the edits mapped it to, when an end of it survived: scored like the others.
  if (h?.mapped && h.touched && (h.startExact || h.endExact) && h.end > h.start && h.end - h.start <= len * 4 + 64) {
    const k = Math.min(Math.floor(len * 0.5), bound());
    const quoteErrors = k < 0 ? k + 1 : boundedDistance(text.slice(h.start, h.end), r.exact, k);
    if (quoteErrors <= k) consider({ start: h.start, end: h.end, quoteErrors, form: -1 });
  }
  return chosen();
}

/** Search windows clamped to the text, overlapping ones merged (keeping the wider error rate). */
function merged(windows: [number, number, number][], length: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const [from, to, rate] of windows
    .map(([a, b, q]): [number, number, number] => [Math.max(0, Math.floor(a)), Math.min(length, Math.ceil(b)), q])
    .sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) {
      last[1] = Math.max(last[1], to);
      last[2] = Math.max(last[2], rate);
    } else if (to > from) out.push([from, to, rate]);
  }
  return out;
}

/** Without any position, approximate search covers the whole text only when it is this short. */
const WHOLE_TEXT_FUZZY = 20_000;

function fuzzyIn(text: string, quote: string, from: number, to: number, maxErrors: number): Candidate[] {
  if (quote.length < MIN_FUZZY_QUOTE || to - from < 1 || maxErrors < 1) return [];
  const matches = search(text.slice(from, to), quote, maxErrors);
  matches.sort((x, y) => x.errors - y.errors);
  const out: Candidate[] = [];
  for (const m of matches.slice(0, MAX_FUZZY)) {
    let start = from + m.start;
    let end = from + m.end;
    // Never split a surrogate pair at either end.
    if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
    if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
    if (end > start) out.push({ start, end, quoteErrors: m.errors, form: -1 });
  }
  return out;
}

/** Quotes shorter than this are never matched approximately: a short approximate match is another word. */
const MIN_FUZZY_QUOTE = 4;
/** Context pieces this long (or the whole prefix/suffix if shorter) locate the span between them. */
const CONTEXT_PIECE = 16;

/**
 * The text between intact context: Myers finds substrings close to the quote, which miss it when a clause was
 * inserted into it ("the agreement, they add, is fragile"); the span between prefix and suffix fits better then.
 */
function betweenContext(text: string, r: Rec, from: number, to: number, maxErrors: number): Candidate | undefined {
  if (r.prefix.length < 4 || r.suffix.length < 4 || r.exact.length > MAX_EXACT_DISTANCE || maxErrors < 1) return undefined;
  const pre = r.prefix.slice(-CONTEXT_PIECE);
  const suf = r.suffix.slice(0, CONTEXT_PIECE);
  const maxLen = Math.min(MAX_EXACT_DISTANCE, r.exact.length * 2);
  let best: Candidate | undefined;
  for (const p of occurrencesIn(text, pre, from - pre.length, to, 8)) {
    const start = p + pre.length;
    const j = text.slice(start, Math.min(text.length, start + maxLen + suf.length)).indexOf(suf);
    if (j === -1 || j < r.exact.length / 2) continue;
    const quoteErrors = boundedDistance(text.slice(start, start + j), r.exact, best ? Math.min(maxErrors, best.quoteErrors - 1) : maxErrors);
    if (quoteErrors <= maxErrors && (!best || quoteErrors < best.quoteErrors)) best = { start, end: start + j, quoteErrors, form: -1 };
  }
  return best;
}

export interface Verdict {
  kind: 'exact' | 'fuzzy' | 'orphan';
  /** 0..1 for fuzzy anchors. */
  score?: number;
}

/**
 * Whether the best candidate is evidence enough. An exact quote needs most of its context, or some of it where
 * the neighbours expect it; an approximate one needs a close quote and context, or a looser one where expected.
 */
/** The chosen candidate: whether another one as good lies elsewhere, and whether one whole side of its context occurs with the quote nowhere else. */
export interface Chosen extends Judged {
  ambiguous: boolean;
  uniqueSide: boolean;
}

/** A side this long, intact next to the quote and found with it nowhere else, places an exact quote on its own (a paragraph moved alone). */
const UNIQUE_SIDE = 24;

function uniqueSide(text: string, r: Rec, j: Judged): boolean {
  if (j.quoteErrors !== 0 || j.located) return false;
  // Only asked when nothing else would accept it: the look costs a scan of the text.
  const { context, p, s } = agreement(r, j);
  if (context >= 0.85 || (p >= 0.75 && s >= 0.75)) return false;
  const once = (s: string): boolean => {
    const first = text.indexOf(s);
    return first !== -1 && text.indexOf(s, first + 1) === -1;
  };
  if (j.prefixErrors === 0 && r.prefix.length >= UNIQUE_SIDE && text.startsWith(r.prefix, j.start - r.prefix.length)) return once(r.prefix + r.exact);
  if (j.suffixErrors === 0 && r.suffix.length >= UNIQUE_SIDE && text.startsWith(r.suffix, j.end)) return once(r.exact + r.suffix);
  return false;
}

/** Share of the context that agrees, both sides together and each side. */
function agreement(r: Rec, j: Judged): { context: number; p: number; s: number } {
  const lp = contextLength(r.prefix);
  const ls = contextLength(r.suffix);
  return {
    context: lp + ls === 0 ? 1 : 1 - (j.prefixErrors + j.suffixErrors) / (lp + ls),
    p: lp === 0 ? 1 : 1 - j.prefixErrors / lp,
    s: ls === 0 ? 1 : 1 - j.suffixErrors / ls,
  };
}

export function verdict(r: Rec, j: Chosen): Verdict {
  // Equally good copies, none where the neighbours expect the annotation: its own text is gone.
  if (j.far && j.ambiguous) return { kind: 'orphan' };
  const { context, p, s } = agreement(r, j);
  const len = r.exact.length;
  if (j.quoteErrors === 0) {
    const short = len < 8;
    // Unlocated, each side must agree well: one intact side beside random text is what a copy elsewhere looks like.
    if (context >= 0.85 || (p >= 0.75 && s >= 0.75) || j.uniqueSide || (j.located && context >= (short ? 0.5 : 0.3))) return { kind: 'exact' };
    return { kind: 'orphan' };
  }
  const q = 1 - j.quoteErrors / Math.max(len, j.end - j.start);
  const ok =
    len >= MIN_FUZZY_QUOTE &&
    (len < SHORT_QUOTE
      ? q >= 0.7 && context >= (j.located ? 0.5 : 0.75)
      : (q >= 0.7 && context >= 0.65) || (q >= 0.5 && context >= 0.8) || (j.located && q >= 0.6 && context >= 0.5));
  if (!ok) return { kind: 'orphan' };
  const score = Math.round(((50 * q + 20 * p + 20 * s + 2 * (j.located ? 1 : 0)) / 92) * 1000) / 1000;
  return { kind: 'fuzzy', score: Math.min(0.999, score) };
}

/** Quotes shorter than this need a close approximate match. */
const SHORT_QUOTE = 16;

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
