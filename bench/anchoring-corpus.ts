// Articles for the anchoring benchmark. Two kinds, both deterministic for a seed:
//  - `recurring`: generated text in which phrases recur the way they do in transcripts, legal texts, wire copy
//    and long reports (a Zipf-distributed phrase pool, verbatim boilerplate sentences, speaker labels, section
//    references, datelines), with real prose paragraphs mixed in;
//  - `prose`: real prose (the repository's own article and documents, test/fixtures/anchoring/real-prose.json) interleaved with prose generated from it
//    by a word-bigram chain, so phrases recur as they do in a long report, never as random syllables.
// Annotations are word-aligned spans, from one word to a whole sentence, as mentions and claims are.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Selector } from '../src/core/model';
import { OffsetMap, selectorsFor } from '../src/core/text';

export type Rand = () => number;

export function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
/** Log-uniform index: the first items are drawn far more often than the last (a Zipf-like head). */
const pickZipf = <T>(rand: Rand, list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(Math.exp(rand() * Math.log(list.length + 1)) - 1))] as T;

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'sa',
  'tor',
  'vin',
  'der',
  'ul',
  'rah',
  'po',
  'chen',
  'ing',
  'ov',
  'ski',
  'ta',
  'mer',
  'gu',
  'an',
  'is',
  'bel',
  'ro',
];
const FUNCTION_WORDS = ['the', 'of', 'and', 'a', 'to', 'in', 'said', 'that', 'is', 'for', 'on', 'with', 'as', 'was', 'by', 'it', 'at', 'from', 'not', 'which'];
const UNICODE_WORDS = ['café', 'naïve', 'Genève', '“quoted”', '—', 'Zürich', 'São', 'Kraków', 'Đà', '東京', '😀', 'coöperate', 'résumé', 'e\u0301té'];

function vocabulary(rand: Rand, size: number): string[] {
  const words = new Set<string>(FUNCTION_WORDS);
  while (words.size < size) {
    let w = '';
    for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) w += pick(rand, SYLLABLES);
    words.add(w);
  }
  return [...words, ...UNICODE_WORDS];
}

/**
 * Paragraphs of real prose: the repository's own article and documentation, frozen in
 * test/fixtures/anchoring/real-prose.json (so that editing the documentation does not change the benchmark).
 */
export function realParagraphs(repo: string): string[] {
  return (JSON.parse(readFileSync(join(repo, 'test', 'fixtures', 'anchoring', 'real-prose.json'), 'utf8')) as { paragraphs: string[] }).paragraphs;
}

/** Generated text with recurring phrases, real paragraphs mixed in (about one in twelve). */
export function recurringArticle(seed: number, chars: number, real: readonly string[]): string {
  const rand = prng(seed);
  const vocab = vocabulary(rand, 2500);
  const word = (): string => (rand() < 0.3 ? pick(rand, FUNCTION_WORDS) : pickZipf(rand, vocab));
  const words = (n: number): string => Array.from({ length: n }, word).join(' ');
  const phrases = Array.from({ length: 600 }, () => words(2 + Math.floor(rand() * 7)));
  for (let i = 0; i < 40; i++) phrases.push(`Section ${1 + Math.floor(rand() * 30)}(${pick(rand, ['a', 'b', 'c', 'd'])}) of the ${pick(rand, vocab)} Act`);
  const boilerplate = Array.from({ length: 40 }, () => sentence(rand, phrases, words, 8 + Math.floor(rand() * 14)));
  const speakers = Array.from({ length: 12 }, () => `${pick(rand, ['MR.', 'MS.', 'DR.', 'THE'])} ${pick(rand, vocab).toUpperCase()}:`);
  const places = Array.from({ length: 20 }, () => pick(rand, vocab).toUpperCase());
  const parts: string[] = [];
  let size = 0;
  let realAt = Math.floor(rand() * Math.max(1, real.length));
  while (size < chars) {
    let p: string;
    if (real.length && rand() < 0.08) p = real[realAt++ % real.length] as string;
    else {
      const sentences: string[] = [];
      for (let s = 0, n = 2 + Math.floor(rand() * 6); s < n; s++)
        sentences.push(rand() < 0.1 ? pick(rand, boilerplate) : sentence(rand, phrases, words, 8 + Math.floor(rand() * 22)));
      p = sentences.join(' ');
      const style = rand();
      if (style < 0.2) p = `${pick(rand, speakers)} ${p}`;
      else if (style < 0.27) p = `${pick(rand, places)}, ${pick(rand, ['March', 'May', 'June'])} ${1 + Math.floor(rand() * 28)} (Wire) — ${p}`;
    }
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

function sentence(rand: Rand, phrases: readonly string[], words: (n: number) => string, target: number): string {
  const chunks: string[] = [];
  let n = 0;
  while (n < target) {
    const c = rand() < 0.55 ? pickZipf(rand, phrases) : words(1 + Math.floor(rand() * 3));
    chunks.push(c);
    n += c.split(' ').length;
  }
  let s = chunks.join(rand() < 0.3 ? ', ' : ' ');
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return s + (rand() < 0.1 ? '?' : '.');
}

/** Real prose (about a third, paragraphs coming back verbatim or lightly rewritten) interleaved with prose generated from its word bigrams. */
export function proseArticle(seed: number, chars: number, real: readonly string[], realShare = 0.3): string {
  const rand = prng(seed);
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  const grams = new Set<string>();
  for (const p of real) {
    const w = p.split(' ');
    starts.push(w[0] as string);
    for (let i = 0; i + 4 <= w.length; i++) grams.add(w.slice(i, i + 4).join(' '));
    for (let i = 0; i + 1 < w.length; i++) {
      const k = w[i] as string;
      const list = next.get(k);
      if (list) list.push(w[i + 1] as string);
      else next.set(k, [w[i + 1] as string]);
    }
  }
  const order = real.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const parts: string[] = [];
  let size = 0;
  let k = 0;
  while (size < chars) {
    let p: string;
    if (rand() < realShare) {
      p = real[order[k % order.length] as number] as string;
      // A paragraph seen before comes back verbatim (wire copy) or lightly rewritten (another outlet's version).
      if (k++ >= order.length && rand() < 0.5)
        p = p
          .split(' ')
          .map((w) => (rand() < 0.1 ? (pick(rand, next.get(w) ?? [w]) as string) : w))
          .join(' ');
    } else {
      const out: string[] = [pick(rand, starts)];
      const target = 40 + Math.floor(rand() * 120);
      while (out.length < target) {
        const list = next.get(out[out.length - 1] as string);
        let w = list ? pick(rand, list) : pick(rand, starts);
        // With no real prose wanted, no four words in a row from it either: another article by the same authors.
        if (realShare === 0 && out.length >= 3 && grams.has([...out.slice(-3), w].join(' '))) w = pick(rand, starts);
        out.push(w);
      }
      p = out.join(' ');
    }
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

export interface Annotated {
  items: { selector: Selector[] }[];
  /** UTF-16 [start, end) in the base text. */
  spans: [number, number][];
}

/** Word-aligned spans within one paragraph: a third one to three words, the rest clauses and sentences. */
export function annotate(text: string, count: number, rand: Rand): Annotated {
  const map = new OffsetMap(text);
  const items: Annotated['items'] = [];
  const spans: [number, number][] = [];
  const isSpace = (i: number): boolean => text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10;
  while (items.length < count) {
    let s = Math.floor(rand() * text.length);
    while (s > 0 && !isSpace(s - 1)) s--;
    const kind = rand();
    const wordsWanted = kind < 0.35 ? 1 + Math.floor(rand() * 3) : kind < 0.75 ? 4 + Math.floor(rand() * 9) : 13 + Math.floor(rand() * 25);
    let e = s;
    for (let w = 0; w < wordsWanted && e < text.length; w++) {
      while (e < text.length && isSpace(e)) e++;
      while (e < text.length && !isSpace(e)) e++;
    }
    if (e <= s || text.slice(s, e).includes('\n') || isSpace(s)) continue;
    items.push({ selector: selectorsFor(map, s, e) });
    spans.push([s, e]);
  }
  return { items, spans };
}
