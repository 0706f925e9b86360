// The one boundary between the file's code-point offsets and JavaScript's UTF-16 strings.
// Everything that turns a selector into a string index (or back) goes through here.

import type { Selector, TextPositionSelector, TextQuoteSelector } from './model';

/** The text all offsets count over: BOM removed, CRLF and lone CR turned into LF. */
export function normalizeText(raw: string): string {
  const noBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return noBom.indexOf('\r') === -1 ? noBom : noBom.replace(/\r\n?/g, '\n');
}

/** True when the string holds only BMP characters, so code points and UTF-16 units coincide. */
function isBmpOnly(text: string): boolean {
  // A lone test beats a regex on large ASCII/BMP text, the common case.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

/**
 * Maps code-point offsets to UTF-16 offsets and back over one text. Built once per text; O(1) for
 * BMP-only text, O(log n) per lookup otherwise (binary search over astral character positions).
 */
export class OffsetMap {
  /** UTF-16 index of each astral (surrogate-pair) character, ascending. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    this.utf16Length = text.length;
    if (!isBmpOnly(text)) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
          const d = text.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            this.astral.push(i);
            i++;
          }
        }
      }
    }
    this.codePointLength = text.length - this.astral.length;
  }

  /** Code-point offset -> UTF-16 offset (clamped to the text). */
  toUtf16(cp: number): number {
    if (cp <= 0) return 0;
    if (this.astral.length === 0) return Math.min(cp, this.utf16Length);
    // The k-th astral char (0-based) at UTF-16 index u sits at code point u - k.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.astral[mid] as number) - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(cp + lo, this.utf16Length);
  }

  /** UTF-16 offset -> code-point offset. An offset inside a surrogate pair rounds down. */
  toCodePoint(u: number): number {
    if (u <= 0) return 0;
    if (this.astral.length === 0) return Math.min(u, this.utf16Length);
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.astral[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    // `lo` astral chars start before u, each one UTF-16 unit longer than a code point. An offset that
    // splits a pair (astral at u-1) gives the same value as the pair's start: it rounds down.
    return Math.min(u, this.utf16Length) - lo;
  }
}

/** Length of the quote context stored in `prefix` and `suffix`, in code points (Hypothesis uses 32). */
export const CONTEXT_LENGTH = 32;

/** Slices by code points without splitting a surrogate pair. */
function cpSliceEnd(text: string, endUtf16: number, count: number): string {
  let i = endUtf16;
  let n = 0;
  while (i > 0 && n < count) {
    const c = text.charCodeAt(i - 1);
    i -= c >= 0xdc00 && c <= 0xdfff && i >= 2 ? 2 : 1;
    n++;
  }
  return text.slice(i, endUtf16);
}

function cpSliceStart(text: string, startUtf16: number, count: number): string {
  let i = startUtf16;
  let n = 0;
  while (i < text.length && n < count) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    n++;
  }
  return text.slice(startUtf16, i);
}

/**
 * The selectors for a UTF-16 range of the normalized text: quote with context plus code-point position.
 * This is the only way new anchors are made (never from rendered DOM offsets).
 */
export function selectorsFor(map: OffsetMap, startUtf16: number, endUtf16: number): [TextQuoteSelector, TextPositionSelector] {
  const text = map.text;
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(startUtf16, endUtf16),
      prefix: cpSliceEnd(text, startUtf16, CONTEXT_LENGTH),
      suffix: cpSliceStart(text, endUtf16, CONTEXT_LENGTH),
    },
    { type: 'TextPositionSelector', start: map.toCodePoint(startUtf16), end: map.toCodePoint(endUtf16) },
  ];
}

export function quoteOf(selectors: readonly Selector[]): TextQuoteSelector | undefined {
  return selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

export function positionOf(selectors: readonly Selector[]): TextPositionSelector | undefined {
  return selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
}

/** FNV-1a 64-bit over UTF-16 units: cheap, pure, and enough to tell "unchanged" apart. */
export function hashText(text: string): string {
  let h1 = 0x84222325;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 ^= c & 0xff;
    h2 ^= c >>> 8;
    // Multiply the 64-bit value (h2:h1) by the FNV prime 0x100000001b3 with 32-bit halves.
    const lo = Math.imul(h1, 0x1b3);
    const carry = Math.floor(((h1 >>> 0) * 0x1b3) / 0x100000000);
    h2 = (Math.imul(h2, 0x1b3) + Math.imul(h1, 0x100) + carry) >>> 0;
    h1 = lo >>> 0;
  }
  return `fnv1a64:${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}

/** Code points in a string: the unit every offset of the file format counts. */
export function codePointLength(s: string): number {
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

/**
 * Characters that change how a string displays without showing themselves: bidirectional controls (the
 * "exe.png" spoof), zero-width spaces and joiners, word joiners, the BOM and other invisible separators. Two
 * entity names that differ only in these would look identical.
 */
// Variation selectors are listed on purpose: alone they are invisible, so the class holds combining marks.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;
// eslint-disable-next-line no-misleading-character-class
const HAS_INVISIBLE = new RegExp(INVISIBLE.source, 'u');
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * Makes invisible and directional characters visible as `⟨U+202E⟩`, for strings from a file shown anywhere in
 * the UI (names, labels, descriptions, tree rows, pickers, messages). The article text itself is shown as
 * written. A zero-width joiner or variation selector inside an emoji sequence (👩‍🔬, ❤️) is part of the
 * picture and stays.
 */
export function visibleControls(s: string): string {
  if (!HAS_INVISIBLE.test(s)) return s;
  return s.replace(INVISIBLE, (c, at: number) => {
    const code = c.charCodeAt(0);
    if ((code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) && PICTOGRAPH.test(Array.from(s.slice(Math.max(0, at - 2), at)).pop() ?? '')) return c;
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

/** UTF-16 offsets at which each line of `text` starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line holding UTF-16 `offset`, by binary search over `lineStarts(text)`. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
