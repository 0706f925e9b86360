// Paragraphs and sentences of an article, for co-occurrence ("same sentence", "same paragraph"). One linear scan
// with a short abbreviation list: Intl.Segmenter splits "Dr. Lee" and "Mr. Smith" in two on Node's ICU data and
// costs ten times more, which matters over a thousand articles. Offsets are UTF-16 indices into the normalized
// text (LF line breaks).

/** Starts of paragraphs and of sentences, ascending; both begin with 0. */
export interface Segments {
  paragraphs: number[];
  sentences: number[];
}

/** Words that end with a period without ending the sentence (compared lower-case, without the period). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sen rep gov gen col lt maj capt sgt adm st jr sr rev hon pres amb al etc vs approx dept univ inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/** Abbreviations only before a number ("No. 5"), since "no." also ends sentences. */
const BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'fig', 'p', 'pp', 'art', 'sec']);

const TERMINATOR = /[.!?…]/;
const CLOSER = /["'”’)\]»]/;
const OPENER = /[\p{Lu}\p{N}"'“‘([«]/u;

export function segmentText(text: string): Segments {
  const paragraphs = [0];
  const sentences = [0];
  const n = text.length;
  // The regex engine jumps from one candidate (a line break or a terminator) to the next; only those are looked at.
  const candidates = /\n|[.!?…]/g;
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (c === '\n') {
      // A blank line (only spaces between two line breaks) ends the paragraph and the sentence.
      let j = i + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] !== '\n') continue;
      while (j < n && /\s/.test(text[j] as string)) j++;
      if (j < n) {
        paragraphs.push(j);
        sentences.push(j);
      }
      candidates.lastIndex = j;
      continue;
    }
    let j = i + 1;
    while (j < n && (TERMINATOR.test(text[j] as string) || CLOSER.test(text[j] as string))) j++;
    if (j >= n || (text[j] !== ' ' && text[j] !== '\t' && text[j] !== '\n')) continue;
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k >= n || text[k] === '\n') continue; // the line break decides
    if (!OPENER.test(text[k] as string)) continue;
    if (c === '.' && j === i + 1 && isAbbreviation(text, i, /\p{N}/u.test(text[k] as string))) continue;
    sentences.push(k);
    candidates.lastIndex = k;
  }
  return { paragraphs, sentences };
}

/** The word before the period at `dot`: an abbreviation, an initial ("J."), or dotted letters ("U.S."). */
function isAbbreviation(text: string, dot: number, numberNext: boolean): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1] as string)) s--;
  const word = text.slice(s, dot);
  if (word === '') return false;
  if (word.includes('.')) return true;
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  const lower = word.toLowerCase();
  return ABBREVIATIONS.has(lower) || (numberNext && BEFORE_NUMBER.has(lower));
}

/** Index of the segment holding `offset`: the last start at or before it. */
export function segmentAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
