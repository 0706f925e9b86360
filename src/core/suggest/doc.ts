// The article as the suggester reads it: paragraphs (blank-line separated, or one per line when the text has
// no blank lines), headings, words and punctuation with their UTF-16 offsets, and sentences. Linear in the
// text; nothing here knows about names or quotes.

import { CREDIT_LINE } from './lexicon';

export interface Token {
  text: string;
  /** UTF-16 offsets in the article. */
  start: number;
  end: number;
  lower: string;
  /** A word (letters or digits), not punctuation. */
  word: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** "S." "Mr." "U.S.": an abbreviation or initial, whose full stop ends no sentence. */
  abbr: boolean;
  /** Index in the paragraph's token list. */
  i: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token indices in the paragraph, [from, to). */
  from: number;
  to: number;
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  tokens: Token[];
  sentences: Sentence[];
  /** No closing punctuation and short: a headline or section heading. */
  heading: boolean;
  /** Most words capitalised ("China Warns West Over Sanctions"): capitals say nothing about names here. */
  titleCase: boolean;
  /** "Sources: A, B, C": a list of the outlets the article draws on. */
  sources: boolean;
  /** A byline or a newsroom's credit line: "By …", "(Reporting by …; Editing by …)". */
  credit: boolean;
}

export interface Doc {
  text: string;
  paragraphs: Paragraph[];
  /** Lower-case words that occur in lower case somewhere: a capitalised one of these is an ordinary word. */
  lowerWords: ReadonlySet<string>;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr gen col lt sgt capt adm rep sen gov no nos inc ltd co corp vs etc fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft'.split(
    ' ',
  ),
);

const SPACE = /\s/u;

const TOKEN = /([\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|[-‐‑'’.&](?=[\p{L}\p{N}]))*)|\S/gu;
const INITIALS = /^(?:\p{Lu}|(?:\p{L}\.)+\p{L})$/u;

/** Ends in 's or ’s (either case of s). */
function possessive(w: string): boolean {
  const s = w.charCodeAt(w.length - 1);
  const mark = w[w.length - 2];
  return (s === 115 || s === 83) && (mark === "'" || mark === '’');
}

/** Words and punctuation of text[start, end): one pass of one regular expression. */
function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const push = (s: number, e: number, word: boolean, abbr = false): void => {
    const t = text.slice(s, e);
    const lower = t.toLowerCase();
    tokens.push({ text: t, start: s, end: e, lower, word, cap: word && t[0] !== lower[0], abbr, i: tokens.length });
  };
  TOKEN.lastIndex = start;
  for (let m = TOKEN.exec(text); m && m.index < end; m = TOKEN.exec(text)) {
    const i = m.index;
    if (m[1] === undefined) {
      push(i, i + m[0].length, false);
      continue;
    }
    let e = Math.min(i + m[0].length, end);
    let w = text.slice(i, e);
    // Possessive 's / ’s is its own token: "China’s" is a mention of China.
    if (w.length > 2 && possessive(w)) {
      push(i, e - 2, true);
      push(e - 2, e, false);
      continue;
    }
    // A full stop that belongs to the word: initials ("S.", "W."), "U.S.", "Mr.", "No.".
    let abbr = false;
    if (text[e] === '.' && (INITIALS.test(w) || ABBREVIATIONS.has(w.toLowerCase()))) {
      e++;
      w += '.';
      abbr = true;
      TOKEN.lastIndex = e;
    }
    push(i, e, true, abbr);
  }
  return tokens;
}

const CLOSERS = new Set(['”', '’', '"', "'", ')', ']', '»', '›']);
const OPENERS = new Set(['“', '‘', '"', "'", '(', '[', '«', '‹']);

function sentencesOf(tokens: Token[], pStart: number, pEnd: number): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.word || (t.text !== '.' && t.text !== '!' && t.text !== '?' && t.text !== '…')) continue;
    let j = i + 1;
    // Closing marks right after the stop belong to the sentence ("… ever.”"); a straight mark after a space
    // opens the next one ("… billion. \"The …").
    while (j < tokens.length && CLOSERS.has((tokens[j] as Token).text) && (tokens[j] as Token).start === (tokens[j - 1] as Token).end) j++;
    const next = tokens[j];
    // A sentence ends before a capital, a digit or an opening mark; "… said. “It’s …" too; and before a symbol
    // or a dash that starts a line of its own ("… its fleet. 🚢 Ships …", "… 2020. — Ships …").
    if (next && !(next.cap || /^\p{N}/u.test(next.text) || OPENERS.has(next.text) || /^[\p{So}\p{Sm}•▪◦–—]/u.test(next.text))) continue;
    out.push({ start: (tokens[from] as Token).start, end: (tokens[j - 1] as Token).end, from, to: j });
    from = j;
    i = j - 1;
  }
  if (from < tokens.length) out.push({ start: (tokens[from] as Token).start, end: (tokens[tokens.length - 1] as Token).end, from, to: tokens.length });
  if (out.length === 0) out.push({ start: pStart, end: pEnd, from: 0, to: 0 });
  return out;
}

function blocks(text: string): [number, number][] {
  const out: [number, number][] = [];
  const blank = /\n[ \t]*\n/.test(text);
  const sep = blank ? /\n[ \t]*(?:\n[ \t]*)+/g : /\n/g;
  let last = 0;
  const add = (s: number, e: number): void => {
    while (s < e && SPACE.test(text[s] as string)) s++;
    while (e > s && SPACE.test(text[e - 1] as string)) e--;
    if (e > s) out.push([s, e]);
  };
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    add(last, m.index);
    last = m.index + m[0].length;
  }
  add(last, text.length);
  return out;
}

function isTitleCase(tokens: Token[]): boolean {
  const long = tokens.filter((t) => t.word && t.text.length >= 4 && /^\p{L}/u.test(t.text));
  if (long.length < 2) return false;
  return long.filter((t) => t.cap).length / long.length >= 0.75;
}

export function readDoc(text: string): Doc {
  const paragraphs: Paragraph[] = [];
  const lowerWords = new Set<string>();
  for (const [start, end] of blocks(text)) {
    const tokens = tokenize(text, start, end);
    const words = tokens.filter((t) => t.word);
    const last = text.slice(Math.max(start, end - 3), end);
    const sources = /^sources?\s*:/i.test(text.slice(start, Math.min(end, start + 40)));
    const credit = CREDIT_LINE.test(text.slice(start, Math.min(end, start + 40)));
    const heading = !sources && words.length <= 14 && !/[.!?:;,…]["”’')\]]*$/u.test(last);
    const para: Paragraph = {
      index: paragraphs.length,
      start,
      end,
      tokens,
      sentences: sentencesOf(tokens, start, end),
      heading,
      // A byline or credit line ("By Maria Gonzalez") is all capitals because it is all names.
      titleCase: (heading || sources) && isTitleCase(tokens) && !credit,
      credit,
      sources,
    };
    paragraphs.push(para);
    if (!para.titleCase) for (const t of words) if (!t.cap && t.text[0] !== (t.text[0] as string).toUpperCase()) lowerWords.add(t.lower);
  }
  return { text, paragraphs, lowerWords };
}

/** The sentence of a paragraph holding token index `i`. */
export function sentenceAt(p: Paragraph, i: number): Sentence {
  for (const s of p.sentences) if (i >= s.from && i < s.to) return s;
  return p.sentences[p.sentences.length - 1] as Sentence;
}

/** True when only white space separates two tokens (no comma, quote or bracket between). */
export function adjacent(text: string, a: Token, b: Token): boolean {
  return /^\s*$/.test(text.slice(a.end, b.start));
}

/** The paragraph holding a UTF-16 offset (binary search), or undefined between paragraphs. */
export function paragraphAt(doc: Doc, offset: number): Paragraph | undefined {
  const ps = doc.paragraphs;
  let lo = 0;
  let hi = ps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = ps[mid] as Paragraph;
    if (offset < p.start) hi = mid - 1;
    else if (offset >= p.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}
