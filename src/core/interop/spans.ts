// Foreign offsets are never trusted. A span from a tool that ships its own text (brat's .txt, PubAnnotation's
// `text`) is re-read from that text in the tool's unit (code points or UTF-16, over the text as the tool read
// it, with its BOM and CRLFs), checked against the text the tool says it covers, and turned into a quote with
// context plus a position over the *normalized* foreign text. The anchoring then finds it in the article.

import type { Selector, TextQuoteSelector } from '../model';
import { normalizeText, OffsetMap, selectorsFor } from '../text';

export type Unit = 'code points' | 'UTF-16 units';

/** What a located span becomes: selectors over the normalized foreign text, and how the offsets were read. */
export interface Located {
  selector: Selector[];
  /** Normalized code-point range in the foreign text. */
  start: number;
  end: number;
  /** Set when the offsets only made sense read another way than the format says; the caller reports it. */
  reading?: string;
  /** Set when the file's own copy of the text disagrees with the text at the offsets. */
  mismatch?: { expected: string; found: string };
}

export type Locate = Located | { error: string };

interface Reading {
  unit: Unit;
  normalized: boolean;
}

export class ForeignText {
  readonly normalized: string;
  private readonly rawMap: OffsetMap;
  readonly map: OffsetMap;
  /** Raw UTF-16 indices of the characters normalization removes (a leading BOM, the CR of each CRLF). */
  private readonly removed: number[] = [];

  constructor(readonly raw: string) {
    this.normalized = normalizeText(raw);
    this.rawMap = new OffsetMap(raw);
    this.map = new OffsetMap(this.normalized);
    if (raw.charCodeAt(0) === 0xfeff) this.removed.push(0);
    for (let i = raw.indexOf('\r'); i !== -1; i = raw.indexOf('\r', i + 1)) if (raw.charCodeAt(i + 1) === 0x0a) this.removed.push(i);
  }

  get codePointLength(): number {
    return this.rawMap.codePointLength;
  }

  /** Raw UTF-16 offset -> normalized UTF-16 offset. */
  private toNormalized(u: number): number {
    let lo = 0;
    let hi = this.removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.removed[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return u - lo;
  }

  /** [start, end) read one way, as normalized UTF-16 offsets, or undefined when that reading is impossible. */
  private read(start: number, end: number, r: Reading): [number, number] | undefined {
    const text = r.normalized ? this.normalized : this.raw;
    const map = r.normalized ? this.map : this.rawMap;
    const limit = r.unit === 'code points' ? map.codePointLength : text.length;
    if (start > end || end > limit) return undefined;
    let s = start;
    let e = end;
    if (r.unit === 'code points') {
      s = map.toUtf16(start);
      e = map.toUtf16(end);
    } else if (splitsPair(text, s) || splitsPair(text, e)) return undefined;
    return r.normalized ? [s, e] : [this.toNormalized(s), this.toNormalized(e)];
  }

  /**
   * Locates [start, end) given in `unit`. With `expected` (the text the file says the span covers), other
   * readings are tried when the declared one does not give that text: the other unit, and the normalized text.
   */
  locate(start: number, end: number, unit: Unit, expected?: string): Locate {
    const declared: Reading = { unit, normalized: false };
    const other: Unit = unit === 'code points' ? 'UTF-16 units' : 'code points';
    const readings: Reading[] = [declared, { unit, normalized: true }, { unit: other, normalized: false }, { unit: other, normalized: true }];
    const first = this.read(start, end, declared);
    if (expected !== undefined) {
      const want = loose(expected);
      for (const r of readings) {
        const got = this.read(start, end, r);
        if (!got || loose(this.normalized.slice(got[0], got[1])) !== want) continue;
        const changed = r.unit !== unit ? `as ${r.unit}` : r.normalized ? 'over the text with CRLF line ends counted as one character' : undefined;
        return this.result(got, changed ? { reading: `the offsets match the text only when counted ${changed}` } : {});
      }
      if (!first) return { error: `offsets ${start}–${end} are past the end of the text (${this.limit(unit)} ${unit})` };
      return this.result(first, { mismatch: { expected, found: this.normalized.slice(first[0], first[1]) } });
    }
    if (!first) return { error: `offsets ${start}–${end} are past the end of the text (${this.limit(unit)} ${unit})` };
    return this.result(first, {});
  }

  private limit(unit: Unit): number {
    return unit === 'code points' ? this.rawMap.codePointLength : this.raw.length;
  }

  private result([s, e]: [number, number], extra: Pick<Located, 'reading' | 'mismatch'>): Located {
    return { selector: selectorsFor(this.map, s, e), start: this.map.toCodePoint(s), end: this.map.toCodePoint(e), ...extra };
  }
}

function splitsPair(text: string, u: number): boolean {
  const c = text.charCodeAt(u);
  return u > 0 && u < text.length && c >= 0xdc00 && c <= 0xdfff && text.charCodeAt(u - 1) >= 0xd800 && text.charCodeAt(u - 1) <= 0xdbff;
}

/** Comparison that ignores how white space is written (brat writes a span's newlines as spaces). */
function loose(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * A quote from a file that has no text of its own (W3C, Hypothesis): line ends normalized like the article's,
 * with its position hint converted from the source's unit to code points of the article (a hint only).
 */
export function quoteTarget(quote: TextQuoteSelector, position: { start: number; end: number } | undefined, unit: Unit, article: OffsetMap): Selector[] {
  const q: TextQuoteSelector = { type: 'TextQuoteSelector', exact: normalizeText(quote.exact) };
  if (quote.prefix) q.prefix = normalizeText(quote.prefix);
  if (quote.suffix) q.suffix = normalizeText(quote.suffix);
  if (!position || position.start > position.end) return [q];
  const start = unit === 'code points' ? position.start : article.toCodePoint(position.start);
  const end = unit === 'code points' ? position.end : article.toCodePoint(position.end);
  return [q, { type: 'TextPositionSelector', start, end }];
}
