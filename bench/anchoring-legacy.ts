// The first anchoring benchmark's article and annotations (random syllable words, one to six words per
// annotation), kept because the reader benchmark renders exactly this article (bench/reader.bench.ts).

import type { Selector } from '../src/core/model';
import { OffsetMap, selectorsFor } from '../src/core/text';
import { prng } from './anchoring-corpus';

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'sa', 'tor', 'vin', 'der', 'ul', 'rah', 'po', 'chen', 'ing', 'ov', 'ski', 'ta', 'mer', 'gu', 'an', 'is'];
const EXTRA = ['café', 'naïve', 'Genève', '“quoted”', '—', 'Zürich', 'São', 'Kraków', 'Đà', '東京', '😀', 'coöperate', 'résumé'];
const ANNOTATIONS = 10_000;

function vocabulary(rand: () => number): string[] {
  const words = new Set<string>(['the', 'of', 'and', 'a', 'to', 'in', 'said', 'that', 'is', 'for']);
  while (words.size < 3000) {
    const n = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words, ...EXTRA];
}

export function article(seed: number, chars: number): string {
  const rand = prng(seed);
  const vocab = vocabulary(rand);
  const common = vocab.slice(0, 10);
  const parts: string[] = [];
  let size = 0;
  while (size < chars) {
    const sentences: string[] = [];
    const ns = 3 + Math.floor(rand() * 6);
    for (let s = 0; s < ns; s++) {
      const words: string[] = [];
      const nw = 8 + Math.floor(rand() * 18);
      for (let w = 0; w < nw; w++)
        words.push(rand() < 0.3 ? (common[Math.floor(rand() * common.length)] as string) : (vocab[Math.floor(rand() * vocab.length)] as string));
      const first = words[0] as string;
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      sentences.push(words.join(' ') + '.');
    }
    const p = sentences.join(' ');
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

/** Word-boundary index at or after i. */
function boundary(text: string, i: number): number {
  const j = text.indexOf(' ', Math.min(i, text.length));
  return j === -1 ? text.length : j;
}

export function annotate(text: string, rand: () => number): { items: { selector: Selector[] }[]; spans: [number, number][] } {
  const map = new OffsetMap(text);
  const items: { selector: Selector[] }[] = [];
  const spans: [number, number][] = [];
  while (items.length < ANNOTATIONS) {
    const s = boundary(text, Math.floor(rand() * text.length)) + 1;
    let e = s;
    const words = 1 + Math.floor(rand() * 6);
    for (let w = 0; w < words; w++) e = boundary(text, e + 1);
    if (s >= text.length || e > text.length || e - s < 2 || /\n/.test(text.slice(s, e))) continue;
    items.push({ selector: selectorsFor(map, s, e) });
    spans.push([s, e]);
  }
  return { items, spans };
}
