// Candidate names: runs of capitalised words ("Institute of Far Eastern Studies of the Russian Academy of
// Sciences", "George W. Bush", "Transport & Environment"), cut at lower-case hyphen suffixes ("US-led",
// "Cold War-era"), trimmed of titles, demonyms and sentence-initial words (trim.ts), then checked: a lonely
// ordinary word is no name, "China-Russia" is two places, a name inside an institution's name is a mention
// of its own. Nothing is typed here; classify.ts does that.

import { adjacent, type Doc, type Paragraph, type Sentence, type Token } from './doc';
import { GAZETTEER } from './gazetteer';
import { COUNTRY_CODES, MONTHS, isCommonWord, isDemonym, isLexTitle, isOrgWord, isPlaceWord } from './lexicon';
import { headish, isInitial, isTitleWord, properWord, trim } from './trim';

export interface Candidate {
  /** UTF-16 offsets in the article. */
  start: number;
  end: number;
  text: string;
  para: Paragraph;
  sentence: Sentence;
  /** Token indices in the paragraph, [from, to). */
  from: number;
  to: number;
  /** The title taken off before it ("Foreign Minister"), as printed. */
  title?: string;
  /** The title makes it an official (a president, a minister), not only a person (Mr, Dr). */
  official?: boolean;
  /** Its first word starts a sentence (or a quotation): a capital there says nothing. */
  initial: boolean;
  /** A person's name particle or an organisation's connector joined it ("of", "for", "de"). */
  connected: boolean;
  /** Inside a longer name, and a mention of its own ("Vietnam" in "Fulbright University Vietnam"). */
  nested?: boolean;
}

const CONNECTORS = new Set(['of', 'for', 'on', '&']);
const PARTICLES = new Set(['de', 'du', 'da', 'del', 'della', 'van', 'von', 'der', 'den', 'al', 'bin', 'ibn', 'le', 'la']);
const COMBINING_PREFIXES = new Set(['sino', 'russo', 'anglo', 'franco', 'afro', 'euro', 'indo', 'austro', 'greco', 'judeo', 'italo', 'german']);

/** A word that can be part of a name: capitalised, or a designation such as "S-400". */
function nameWord(t: Token | undefined): boolean {
  return t !== undefined && t.word && t.cap;
}

function someHeadish(tk: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (headish((tk[k] as Token).lower)) return true;
  return false;
}

function allTitleWords(tk: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isTitleWord(tk[k] as Token)) return false;
  return true;
}

/** The hyphen parts of a token that belong to a name: "US-led" → "US", "Cold War-era" → "War". */
function capitalPrefix(t: Token): number | undefined {
  if (!t.text.includes('-')) return t.text.length;
  const parts = t.text.split('-');
  let len = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as string;
    if (k > 0 && !/^\p{Lu}|^\p{N}/u.test(part)) return len === 0 ? undefined : len;
    len += (k > 0 ? 1 : 0) + part.length;
  }
  return len;
}

/** "Sino-Russian", "Anglo-American": hyphenated adjectives, no names. */
function combiningAdjective(t: Token): boolean {
  const parts = t.lower.split('-');
  return parts.length > 1 && parts.some((x) => COMBINING_PREFIXES.has(x) || isDemonym(x));
}

export interface RawRun {
  from: number;
  to: number;
  /** UTF-16 end, shortened when the last word has a lower-case hyphen suffix. */
  end: number;
  connected: boolean;
}

function runsOf(doc: Doc, p: Paragraph, s: Sentence): RawRun[] {
  const runs: RawRun[] = [];
  const tk = p.tokens;
  for (let i = s.from; i < s.to; i++) {
    const first = tk[i] as Token;
    if (!nameWord(first)) continue;
    let j = i + 1;
    let connected = false;
    let sawOf = false;
    let end = first.end;
    let cut = capitalPrefix(first);
    if (cut === undefined) continue;
    if (cut < first.text.length) {
      runs.push({ from: i, to: i + 1, end: first.start + cut, connected });
      continue;
    }
    while (j < s.to) {
      const t = tk[j] as Token;
      const prev = tk[j - 1] as Token;
      if (!adjacent(doc.text, prev, t)) break;
      if (nameWord(t)) {
        cut = capitalPrefix(t);
        if (cut === undefined) break;
        j++;
        end = t.start + cut;
        if (cut < t.text.length) break;
        continue;
      }
      const next = tk[j + 1];
      // "Transport & Environment", "Procter & Gamble".
      if (t.text === '&' && next && nameWord(next) && adjacent(doc.text, t, next)) {
        j += 2;
        end = next.end;
        continue;
      }
      if (!t.word) break;
      if (CONNECTORS.has(t.lower) && someHeadish(tk, i, j)) {
        const after = next?.lower === 'the' ? tk[j + 2] : next;
        if (after && nameWord(after) && !MONTHS.has(after.lower) && adjacent(doc.text, t, next as Token)) {
          j = after.i;
          connected = sawOf = true;
          continue;
        }
      }
      if (next && t.lower === 'and' && sawOf && nameWord(next) && !properWord(prev) && !properWord(next) && adjacent(doc.text, t, next)) {
        j++;
        continue;
      }
      if (next && PARTICLES.has(t.lower) && nameWord(next) && adjacent(doc.text, t, next) && !headish(prev.lower)) {
        j++;
        connected = true;
        continue;
      }
      break;
    }
    runs.push({ from: i, to: j, end, connected });
    i = j - 1;
  }
  return runs;
}

/** Single words that are not names by themselves: demonyms, ordinary words, bare titles, letters. */
function lonelyWordIsName(doc: Doc, t: Token): boolean {
  if (t.text.length < 2 || /^\p{Lu}\.$/u.test(t.text)) return false;
  const lower = t.lower.endsWith('.') ? t.lower.slice(0, -1) : t.lower;
  if (lower !== t.lower) return lonelyWordIsName(doc, { ...t, lower, text: t.text.slice(0, -1) });
  if (GAZETTEER.has(t.text)) return true;
  if (isDemonym(t.lower) || combiningAdjective(t) || MONTHS.has(lower)) return false;
  if (properWord(t)) return true;
  if (/^\p{Lu}[\p{Lu}\p{N}&]+$/u.test(t.text)) return true;
  return !isCommonWord(t.lower) && !isLexTitle(t.lower) && !doc.lowerWords.has(t.lower);
}

/** Every candidate name of a paragraph. Title-case lines give none: their capitals carry no information. */
export function candidatesOf(doc: Doc, p: Paragraph): Candidate[] {
  if (p.sources) return sourceItems(doc, p);
  if (p.titleCase) return [];
  const out: Candidate[] = [];
  for (const s of p.sentences) {
    for (const run of runsOf(doc, p, s)) {
      const tr = trim(doc, p, s, run);
      if (!tr) continue;
      const tk = p.tokens;
      const firstTok = tk[tr.from] as Token;
      const lastTok = tk[tr.to - 1] as Token;
      const end = tr.to === run.to ? run.end : lastTok.end;
      if (tr.to - tr.from === 1 && !lonelyWordIsName(doc, firstTok)) continue;
      if (tr.to - tr.from === 1 && combiningAdjective(firstTok)) continue;
      if (allTitleWords(tk, tr.from, tr.to)) continue;
      // "US$7 billion": a currency, not the country.
      if (doc.text[end] === '$') continue;
      const base: Omit<Candidate, 'start' | 'end' | 'text' | 'from' | 'to'> = {
        para: p,
        sentence: s,
        initial: isInitial(p, s, tr.from),
        connected: run.connected,
      };
      if (tr.titlePlace !== undefined) {
        const a = tk[tr.titlePlace.from] as Token;
        const b = tk[tr.titlePlace.to - 1] as Token;
        out.push({
          ...base,
          start: a.start,
          end: b.end,
          text: doc.text.slice(a.start, b.end),
          from: tr.titlePlace.from,
          to: tr.titlePlace.to,
          initial: isInitial(p, s, tr.titlePlace.from),
        });
      }
      const cand: Candidate = { ...base, start: firstTok.start, end, text: doc.text.slice(firstTok.start, end), from: tr.from, to: tr.to };
      campus(doc, cand);
      if (tr.title) {
        cand.title = doc.text.slice((tk[tr.title.from] as Token).start, (tk[tr.title.to - 1] as Token).end);
        cand.official = tr.title.official;
      }
      out.push(...splitCompound(doc, cand), ...nestedIn(doc, cand));
    }
  }
  return out;
}

/** "University of California, Los Angeles": a university named with its campus after a comma. */
function campus(doc: Doc, c: Candidate): void {
  const tk = c.para.tokens;
  if (!/^University of \S/.test(c.text) || tk[c.to]?.text !== ',') return;
  for (const n of [2, 1, 3]) {
    const a = tk[c.to + 1];
    const b = tk[c.to + n];
    if (!a || !b || !tk.slice(c.to + 1, c.to + 1 + n).every((t) => t.cap)) continue;
    const place = doc.text.slice(a.start, b.end);
    const after = tk[c.to + 1 + n];
    if (!isPlaceWord(place.toLowerCase()) || (after && after.word)) continue;
    c.to += 1 + n;
    c.end = b.end;
    c.text = doc.text.slice(c.start, c.end);
    return;
  }
}

/** "China-Russia" is two places; "Gould-Davies" one name. */
function splitCompound(doc: Doc, c: Candidate): Candidate[] {
  if (c.to - c.from !== 1 || !c.text.includes('-')) return [c];
  const parts = c.text.split('-');
  if (parts.length < 2 || !parts.every((x) => /^\p{Lu}/u.test(x))) return [c];
  if (GAZETTEER.has(c.text)) return [c];
  const places = parts.filter((x) => isPlaceWord(x.toLowerCase()) || COUNTRY_CODES.has(x)).length;
  if (places === 0) return [c];
  const out: Candidate[] = [];
  let at = c.start;
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (part.length > 1 && !isDemonym(lower) && !COMBINING_PREFIXES.has(lower))
      out.push({ ...c, start: at, end: at + part.length, text: doc.text.slice(at, at + part.length) });
    at += part.length + 1;
  }
  return out;
}

/**
 * Names inside an institution's name that are mentions of their own: "Russian Academy of Sciences" in
 * "Institute of Far Eastern Studies of the Russian Academy of Sciences", "Vietnam" in "Fulbright University
 * Vietnam". Never at the start of the name: "China" in "China Daily" is part of the outlet's name.
 */
export function nestedIn(doc: Doc, c: Candidate): Candidate[] {
  const tk = c.para.tokens;
  const words = tk.slice(c.from, c.to);
  if (words.length < 2 || !words.some((w) => isOrgWord(w.lower))) return [];
  const out: Candidate[] = [];
  const sub = (from: number, to: number): Candidate => {
    const a = tk[from] as Token;
    const b = tk[to - 1] as Token;
    return { ...c, start: a.start, end: b.end, text: doc.text.slice(a.start, b.end), from, to, initial: false, connected: false, nested: true };
  };
  for (let k = c.from + 1; k < c.to - 1; k++) {
    if (!CONNECTORS.has((tk[k] as Token).lower)) continue;
    const s = tk[k + 1]?.lower === 'the' ? k + 2 : k + 1;
    let e = s;
    while (e < c.to && !CONNECTORS.has((tk[e] as Token).lower)) e++;
    if (e - s >= 2 && isOrgWord((tk[e - 1] as Token).lower)) {
      out.push({ ...sub(s, c.to), connected: e < c.to });
      break;
    }
  }
  for (const n of [2, 1]) {
    if (c.to - c.from <= n) continue;
    const place = sub(c.to - n, c.to);
    if (isPlaceWord(place.text.toLowerCase()) && !isOrgWord((tk[c.to - 1] as Token).lower)) {
      out.push(place);
      break;
    }
  }
  return out;
}

/** "Sources: Voice Of America, China Daily, The Interpreter": each item whole, "The" included. */
export function sourceItems(doc: Doc, p: Paragraph): Candidate[] {
  const tk = p.tokens;
  const colon = tk.findIndex((t) => t.text === ':');
  const out: Candidate[] = [];
  let from = colon + 1;
  const s = p.sentences[0] as Sentence;
  for (let k = from; k <= tk.length; k++) {
    const t = tk[k];
    if (t && (t.word || !/^[,;]$/.test(t.text)) && t.lower !== 'and') continue;
    if (k > from) {
      const a = tk[from] as Token;
      const b = tk[k - 1] as Token;
      if (a.cap)
        out.push({ start: a.start, end: b.end, text: doc.text.slice(a.start, b.end), para: p, sentence: s, from, to: k, initial: false, connected: false });
    }
    from = k + 1;
  }
  return out;
}
