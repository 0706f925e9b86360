// Quotation marks paired into quotations, per paragraph: curly and straight, double and single, a quote
// inside a quote, apostrophes told apart from closing single quotes ("Xi’s", "don’t", "analysts’"), and
// marks that pair with nothing (kept as printed, never guessed at). A quotation still open at the end of
// its paragraph is `open`: in news style it continues in the next paragraph, which opens with a mark again.

import type { Paragraph } from './doc';

export interface Quote {
  /** Offset of the opening mark (UTF-16). */
  start: number;
  /** Offset just after the closing mark, or the paragraph's end when it never closes. */
  end: number;
  /** 0 for an outermost quotation, 1 inside it, … */
  depth: number;
  /** Still open at the end of the paragraph. */
  open: boolean;
}

export interface ParagraphQuotes {
  quotes: Quote[];
  /** Closing marks with no opening one (a typo in the source, kept as printed). */
  strays: number[];
}

const LETTER = /[\p{L}\p{N}]/u;
const OPEN_CONTEXT = /[\s([{\u2014\u2013\-/“‘"'«‹:]/u;

type Style = 'double' | 'single';

function classify(text: string, i: number, pStart: number, pEnd: number): { style: Style; role: 'open' | 'close' | 'either' } | undefined {
  const c = text[i] as string;
  const before = i > pStart ? (text[i - 1] as string) : ' ';
  const after = i + 1 < pEnd ? (text[i + 1] as string) : ' ';
  switch (c) {
    case '“':
    case '«':
    case '„':
      return { style: 'double', role: 'open' };
    case '”':
    case '»':
      return { style: 'double', role: 'close' };
    case '‘':
    case '‹':
      return { style: 'single', role: 'open' };
    case '’':
    case '›':
      // An apostrophe inside a word or after a digit ("’90s") is no quotation mark.
      if (LETTER.test(before) && LETTER.test(after)) return undefined;
      return { style: 'single', role: 'close' };
    case '"':
      if (OPEN_CONTEXT.test(before) && !/\s/u.test(after)) return { style: 'double', role: 'open' };
      if (!/\s/u.test(before)) return { style: 'double', role: 'close' };
      return { style: 'double', role: 'either' };
    case "'":
      if (LETTER.test(before) && LETTER.test(after)) return undefined;
      if (OPEN_CONTEXT.test(before) && LETTER.test(after)) return { style: 'single', role: 'open' };
      if (!/\s/u.test(before)) return { style: 'single', role: 'close' };
      return undefined;
    default:
      return undefined;
  }
}

export function quotesOf(text: string, p: Paragraph): ParagraphQuotes {
  const quotes: Quote[] = [];
  const strays: number[] = [];
  const stack: { start: number; style: Style }[] = [];
  for (let i = p.start; i < p.end; i++) {
    const mark = classify(text, i, p.start, p.end);
    if (!mark) continue;
    const top = stack[stack.length - 1];
    const closes = mark.role === 'close' || (mark.role === 'either' && top?.style === mark.style);
    if (!closes) {
      stack.push({ start: i, style: mark.style });
      continue;
    }
    const at = findLast(stack, mark.style);
    if (at === -1) {
      // A plural possessive ("the analysts’ view") is a closing single mark with nothing open: no stray.
      if (mark.style === 'double') strays.push(i);
      continue;
    }
    // Marks opened inside and never closed end here with their container.
    while (stack.length > at) {
      const o = stack.pop() as { start: number; style: Style };
      quotes.push({ start: o.start, end: i + 1, depth: stack.length, open: false });
    }
  }
  while (stack.length) {
    const o = stack.pop() as { start: number; style: Style };
    // A straight single mark left open is far more often an apostrophe than a quotation running on; a curly
    // opening one after a space is a quotation whose closing mark is missing.
    if (o.style === 'single' && o.start !== p.start && !(text[o.start] === '‘' && /\s/u.test(text[o.start - 1] ?? ' '))) continue;
    quotes.push({ start: o.start, end: p.end, depth: stack.length, open: true });
  }
  quotes.sort((a, b) => a.start - b.start || a.depth - b.depth);
  return { quotes, strays };
}

function findLast(stack: { style: Style }[], style: Style): number {
  for (let k = stack.length - 1; k >= 0; k--) if ((stack[k] as { style: Style }).style === style) return k;
  return -1;
}

/** The outermost quotations, for masking: a cue inside quotation marks is the speaker's word, not attribution. */
export function outermost(q: ParagraphQuotes): Quote[] {
  return q.quotes.filter((x) => x.depth === 0);
}

export function insideAny(quotes: readonly Quote[], offset: number): Quote | undefined {
  for (const q of quotes) if (offset > q.start && offset < q.end) return q;
  return undefined;
}
