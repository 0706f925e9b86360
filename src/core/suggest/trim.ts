// What news style puts before a name, taken off a run of capitalised words: sentence-initial ordinary words
// ("Still", "Growing"), "The", demonyms used as adjectives ("Russian Pacific Fleet" → "Pacific Fleet", but
// "Russian Academy of Sciences" keeps its own) and titles ("Foreign Minister Sergey Lavrov" → the name, the
// title as its role, and an opening place as a mention of its own). names.ts finds the runs and makes the
// candidates; the word tests both need live here.

import type { Doc, Paragraph, Sentence, Token } from './doc';
import { GAZETTEER } from './gazetteer';
import {
  BELIEFS,
  COUNTRY_CODES,
  EVENT_HEADS,
  HONORIFICS,
  isCommonWord,
  isDemonym,
  isFirstName,
  isFunctionWord,
  isLexOrganization,
  isOrgWord,
  isPlaceWord,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  TREATY_HEADS,
  VESSEL_NOUNS,
} from './lexicon';
import type { RawRun } from './names';

/** Regional qualifiers after a demonym name a unit, not a formal name: "Russian Pacific Fleet" is the "Pacific Fleet". */
const GEOGRAPHIC = new Set([
  'pacific',
  'atlantic',
  'arctic',
  'baltic',
  'mediterranean',
  'caspian',
  'black',
  'northern',
  'southern',
  'eastern',
  'western',
  'far',
]);
const OPENING = new Set(['“', '‘', '"', "'", '(', '[', '«']);

export function headish(lower: string): boolean {
  return isOrgWord(lower) || EVENT_HEADS.has(lower) || TREATY_HEADS.has(lower) || TITLE_HEADS.has(lower);
}

/** True when a token starts its sentence (or a quotation), where a capital is no evidence of a name. */
export function isInitial(p: Paragraph, s: Sentence, i: number): boolean {
  let opened = false;
  for (let k = i - 1; k >= s.from; k--) {
    const t = p.tokens[k] as Token;
    if (OPENING.has(t.text) || /^[—–-]$/.test(t.text)) {
      opened ||= OPENING.has(t.text);
      continue;
    }
    // A quotation opening after a colon or comma starts a sentence of its own; one after a word does not
    // (their annual “Maritime Interaction” drills).
    return opened && /^[:,]$/.test(t.text);
  }
  return true;
}

/** A known place, country code or compromise-listed name: never stripped as an ordinary word. */
export function properWord(t: Token): boolean {
  const base = t.text.endsWith('.') ? t.text.slice(0, -1) : t.text;
  return isPlaceWord(t.lower) || isFirstName(t.lower) || isLexOrganization(t.lower) || COUNTRY_CODES.has(base) || GAZETTEER.has(base);
}

function ordinary(doc: Doc, t: Token): boolean {
  return !properWord(t) && (isCommonWord(t.lower) || doc.lowerWords.has(t.lower));
}

export interface Trimmed {
  from: number;
  to: number;
  title?: { from: number; to: number; official: boolean };
  /** A place that opens the title ("US National Security Adviser", "Los Angeles Mayor"): a mention of its own. */
  titlePlace?: { from: number; to: number };
}

/** Takes sentence-initial function words, "The", demonyms and titles off the front of a run. */
export function trim(doc: Doc, p: Paragraph, s: Sentence, run: RawRun): Trimmed | undefined {
  const tk = p.tokens;
  let from = run.from;
  const to = run.to;
  const vessel = VESSEL_NOUNS.has(tk[run.from - 1]?.lower ?? '');
  while (from < to) {
    const t = tk[from] as Token;
    const initial = isInitial(p, s, from);
    if (!initial && t.lower !== 'the') break;
    const whole = doc.text.slice(t.start, run.end);
    if (GAZETTEER.has(whole) || isPlaceWord(whole.toLowerCase())) break;
    // "US" is no pronoun: words in capitals are never ordinary words.
    const acronym = t.text.length > 1 && t.text === t.text.toUpperCase();
    const strip = t.lower === 'the' ? !p.sources : initial && !acronym && (to - from === 1 ? ordinary(doc, t) : isFunctionWord(t.lower)) && !headish(t.lower);
    if (!strip) break;
    from++;
  }
  if (from >= to) return undefined;
  if (vessel) return { from, to };
  // A demonym opens a formal name ("Russian Academy of Sciences", "European Economic Area") but is an
  // adjective before a regional unit ("Russian Pacific Fleet") and before a title ("Chinese President").
  let k = from;
  const lead = tk[k] as Token;
  const demonym = isDemonym(lead.lower) && !BELIEFS.has(lead.lower);
  if (demonym && k + 1 < to && isTitleWord(tk[k + 1] as Token)) k++;
  else if (demonym && !run.connected && to - from > 2 && GEOGRAPHIC.has((tk[k + 1] as Token).lower)) k++;
  const title = titleOf(doc, tk, k, to);
  if (title) {
    const titleFrom = k > from ? from : k;
    return {
      from: title.nameFrom,
      to,
      title: { from: titleFrom, to: title.nameFrom, official: title.official },
      ...(title.place ? { titlePlace: title.place } : {}),
    };
  }
  if (k > from) return { from: k, to };
  return { from, to };
}

/**
 * A title before a name: capitalised words ending in a title word ("Insurance Commissioner Ricardo Lara",
 * "Prime Minister Kamil Idris", "State Sen. Ben Allen", "Secretary of State …"), perhaps opened by a place
 * ("Los Angeles Mayor Karen Bass"). At least one word of name must follow; a known organisation's name
 * ("General Motors") is no title.
 */
function titleOf(doc: Doc, tk: Token[], k: number, to: number): { nameFrom: number; official: boolean; place?: { from: number; to: number } } | undefined {
  const base = (t: Token): string => (t.abbr ? t.lower.slice(0, -1) : t.lower);
  let head = -1;
  for (let m = k; m < to - 1; m++) {
    const t = tk[m] as Token;
    if (TITLE_HEADS.has(base(t)) && !isTitleWord(tk[m + 1] as Token)) head = m;
  }
  if (head < 0) return undefined;
  const whole = doc.text.slice((tk[k] as Token).start, (tk[to - 1] as Token).end).toLowerCase();
  if (isLexOrganization(whole) || GAZETTEER.has(whole)) return undefined;
  let nameFrom = head + 1;
  if (tk[nameFrom]?.lower === 'of' && tk[nameFrom + 1]?.cap && nameFrom + 2 < to) nameFrom += 2;
  const before = tk.slice(k, head);
  if (before.some((t) => isFirstName(t.lower) && !isTitleWord(t))) return undefined;
  let first = k;
  while (first < head && !isTitleWord(tk[first] as Token)) first++;
  let place: { from: number; to: number } | undefined;
  if (first > k) {
    const prefix = doc.text.slice((tk[k] as Token).start, (tk[first - 1] as Token).end);
    if (COUNTRY_CODES.has(prefix) || isPlaceWord(prefix.toLowerCase())) place = { from: k, to: first };
  }
  const heads = tk.slice(first, nameFrom).filter((t) => TITLE_HEADS.has(base(t)));
  const official = heads.some((t) => !HONORIFICS.has(base(t)));
  return { nameFrom, official, ...(place ? { place } : {}) };
}

export function isTitleWord(t: Token): boolean {
  const w = t.lower.endsWith('.') ? t.lower.slice(0, -1) : t.lower;
  return TITLE_HEADS.has(w) || TITLE_MODIFIERS.has(w);
}
