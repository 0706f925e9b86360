// Edits for the anchoring benchmark with exact ground truth. An edited text carries, for each of its UTF-16
// units, the index it had in the base text (-1 for inserted text), so every annotation is followed through any
// sequence of edits: scattered word edits, paragraph moves, large insertions. Nothing is inferred from the
// anchoring under test.

import type { Rand } from './anchoring-corpus';

export interface Edited {
  text: string;
  /** Base-text index of each UTF-16 unit of `text`, or -1 where the unit was inserted. */
  origin: Int32Array;
}

export function unedited(text: string): Edited {
  const origin = new Int32Array(text.length);
  for (let i = 0; i < origin.length; i++) origin[i] = i;
  return { text, origin };
}

export interface Replace {
  /** [p, q) of the current text becomes `ins`. */
  p: number;
  q: number;
  ins: string;
}

/** Applies non-overlapping replacements, ascending by `p`, in one pass. */
function apply(ed: Edited, edits: readonly Replace[]): Edited {
  const pieces: string[] = [];
  let length = ed.text.length;
  for (const e of edits) length += e.ins.length - (e.q - e.p);
  const origin = new Int32Array(length);
  let at = 0;
  let out = 0;
  const copy = (from: number, to: number): void => {
    pieces.push(ed.text.slice(from, to));
    origin.set(ed.origin.subarray(from, to), out);
    out += to - from;
  };
  for (const e of edits) {
    copy(at, e.p);
    pieces.push(e.ins);
    origin.fill(-1, out, out + e.ins.length);
    out += e.ins.length;
    at = e.q;
  }
  copy(at, ed.text.length);
  return { text: pieces.join(''), origin };
}

const isSpace = (c: number): boolean => c === 32 || c === 10;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** A few words copied from elsewhere in the text: inserted text that looks like the article (and recurs in it). */
function wordsFrom(text: string, rand: Rand, n: number): string {
  let s = Math.floor(rand() * text.length);
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  let e = s;
  for (let w = 0; w < n && e < text.length; w++) {
    while (e < text.length && isSpace(text.charCodeAt(e))) e++;
    while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
  }
  const got = text.slice(s, e).replace(/\s+/g, ' ').trim();
  return got || 'inserted';
}

/**
 * `count` scattered edits at word boundaries, of every kind an author makes: words inserted (copied from the
 * article, so they recur), words deleted or replaced, a typo inside a word, a paragraph's first word deleted,
 * punctuation changed. They fall inside and outside annotated spans alike.
 */
export function scatteredEdits(ed: Edited, count: number, rand: Rand): Edited & { edits: Replace[] } {
  const text = ed.text;
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < count && tries < count * 20; tries++) {
    let p = Math.floor(rand() * text.length);
    while (p < text.length && !isSpace(text.charCodeAt(p))) p++;
    if (p < text.length) chosen.add(p);
  }
  const edits: Replace[] = [];
  let last = -1;
  for (const p of [...chosen].sort((a, b) => a - b)) {
    if (p <= last) continue;
    const e = oneEdit(text, p, rand);
    if (!e || e.p <= last || e.q < e.p) continue;
    edits.push(e);
    last = e.q;
  }
  return { ...apply(ed, edits), edits };
}

/** One edit at the white space at `p`. */
function oneEdit(text: string, p: number, rand: Rand): Replace | undefined {
  const wordEnd = (i: number): number => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    return i;
  };
  const kind = rand();
  if (kind < 0.3) return { p, q: p, ins: ' ' + wordsFrom(text, rand, 1 + Math.floor(rand() * 4)) };
  if (kind < 0.5) {
    let q = p;
    for (let w = 0, n = 1 + Math.floor(rand() * 3); w < n; w++) q = wordEnd(q);
    return text.slice(p, q).includes('\n') ? undefined : { p, q, ins: '' };
  }
  if (kind < 0.68) {
    const q = wordEnd(p);
    return text.slice(p, q).includes('\n') ? undefined : { p, q, ins: ' ' + wordsFrom(text, rand, 1) };
  }
  if (kind < 0.8) {
    // A typo: one letter of the next word changed.
    const q = wordEnd(p);
    for (let i = p + 1; i < q; i++) {
      const c = text.charCodeAt(i);
      if (isLetter(c)) return { p: i, q: i + 1, ins: c === 101 ? 'a' : 'e' };
    }
    return undefined;
  }
  if (kind < 0.9) {
    // The first word of the paragraph after this point, with its space: the quote behind it loses a character
    // of context next to it and keeps the rest.
    const nl = text.indexOf('\n\n', p);
    if (nl === -1) return undefined;
    const s = nl + 2;
    const e = text.indexOf(' ', s);
    return e === -1 || e - s > 20 || text.slice(s, e).includes('\n') ? undefined : { p: s, q: e + 1, ins: '' };
  }
  // Punctuation: a full stop becomes a semicolon, or a comma is added.
  const dot = text.indexOf('. ', p);
  if (dot !== -1 && dot - p < 200 && rand() < 0.5) return { p: dot, q: dot + 1, ins: ';' };
  return { p, q: p, ins: ',' };
}

/** Cuts `count` paragraphs and pastes each between two other paragraphs. */
export function moveParagraphs(ed: Edited, count: number, rand: Rand): Edited {
  const text = ed.text;
  const paras: [number, number][] = [];
  let s = 0;
  for (let i = text.indexOf('\n\n'); i !== -1; i = text.indexOf('\n\n', i + 2)) {
    paras.push([s, i]);
    s = i + 2;
  }
  paras.push([s, text.length]);
  const order = paras.map((_, i) => i);
  const moved = new Set<number>();
  while (moved.size < Math.min(count, paras.length - 2)) moved.add(1 + Math.floor(rand() * (paras.length - 2)));
  const kept = order.filter((i) => !moved.has(i));
  for (const m of moved) kept.splice(1 + Math.floor(rand() * (kept.length - 1)), 0, m);
  const pieces: string[] = [];
  const origin = new Int32Array(text.length);
  let out = 0;
  kept.forEach((k, n) => {
    if (n > 0) {
      pieces.push('\n\n');
      origin.fill(-1, out, out + 2);
      out += 2;
    }
    const [a, b] = paras[k] as [number, number];
    pieces.push(text.slice(a, b));
    origin.set(ed.origin.subarray(a, b), out);
    out += b - a;
  });
  return { text: pieces.join(''), origin: origin.subarray(0, out) };
}

/** Inserts `count` blocks of new paragraphs (each `size` characters or so) at paragraph boundaries. */
export function insertBlocks(ed: Edited, count: number, size: number, rand: Rand, filler: (n: number) => string): Edited {
  const text = ed.text;
  const at = new Set<number>();
  while (at.size < count) {
    const i = text.indexOf('\n\n', Math.floor(rand() * text.length));
    if (i !== -1) at.add(i);
  }
  const edits = [...at].sort((a, b) => a - b).map((p) => ({ p, q: p, ins: '\n\n' + filler(size) }));
  return apply(ed, edits);
}

export interface Truth {
  /** UTF-16 [start, end) in the edited text: the annotation's own text, or what is left of it. */
  start: number;
  end: number;
  /** An edit changed the annotated text itself. */
  damaged: boolean;
  /** Less than half of the annotated text survived: an orphan is as right as a fuzzy anchor. */
  mostlyGone: boolean;
}

/** Where each base span went. `null` for every span when the text was replaced by another. */
export function truthOf(ed: Edited, baseLength: number, spans: readonly [number, number][]): Truth[] {
  const pos = new Int32Array(baseLength).fill(-1);
  ed.origin.forEach((o, i) => {
    if (o >= 0) pos[o] = i;
  });
  return spans.map(([s, e]) => {
    let survived = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = s; k < e; k++) {
      const n = pos[k] as number;
      if (n < 0) continue;
      survived++;
      lo = Math.min(lo, n);
      hi = Math.max(hi, n + 1);
    }
    const intact = survived === e - s && hi - lo === e - s && (pos[s] as number) === lo;
    if (intact) return { start: lo, end: hi, damaged: false, mostlyGone: false };
    if (survived === 0) {
      // Nothing left: the truth is the place where it was, for reference only.
      return { start: 0, end: 0, damaged: true, mostlyGone: true };
    }
    return { start: lo, end: hi, damaged: true, mostlyGone: survived * 2 < e - s };
  });
}
