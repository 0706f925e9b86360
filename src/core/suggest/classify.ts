// What one occurrence of a candidate name says about its type: compromise's lexicon (countries, cities,
// first names, organisations), head words ("Institute", "Treaty", "Summit"), the words after it ("Xinjiang
// region", "Sputnik news service", "AUKUS pact", "“Maritime Interaction” naval drills"), the words before
// it ("the anti-submarine ship Admiral Panteleyev"), a title, a sources line, a publisher's notice. Each
// hint has a weight; entities.ts adds them up over every occurrence of an entity.

import type { Token } from './doc';
import { GAZETTEER, NEEDS_THE } from './gazetteer';
import {
  EVENT_HEADS,
  EVENT_NOUNS,
  INSTITUTION_NOUNS,
  INSTITUTION_PHRASES,
  ANALYST_ROLE_WORDS,
  COUNTRY_CODES,
  isFirstName,
  isPlaceHead,
  MONTHS,
  OFFICIAL_ROLE_WORDS,
  ORG_APPOSITION_HEADS,
  ORG_POSSESSIONS,
  OUTLET_APPOSITION_HEADS,
  PLACE_APPOSITION_HEADS,
  isLastName,
  isLexOrganization,
  isLexPerson,
  isOrgWord,
  isPlaceWord,
  OUTLET_HEADS,
  OUTLET_NOUNS,
  OUTLET_PHRASES,
  PLACE_NOUNS,
  TREATY_HEADS,
  TREATY_NOUNS,
  VESSEL_NOUNS,
  WEAPON_NOUNS,
  tagsOf,
} from './lexicon';
import type { Candidate } from './names';
import type { Category, SuggestionSource } from './types';

export interface Hint {
  category: Category;
  weight: number;
  why: string;
  source: SuggestionSource;
}

/** Weights: decisive context, strong evidence, a head word or lexicon entry, a weak clue. */
export const DECISIVE = 10;
export const STRONG = 5;
export const MEDIUM = 3;
export const WEAK = 1;

const NEWS_WORDS = new Set(['news', 'press', 'broadcasting', 'television', 'tv', 'radio']);
const LOCATIVE = new Set(['in', 'near', 'outside', 'across', 'throughout', 'from']);
/** "Arsenal manager Mikel Arteta", "Nvidia chief executive Jensen Huang": what an organisation's people are called before their names. */
const STAFF_ROLES = new Set([
  'manager',
  'coach',
  'captain',
  'chief',
  'executive',
  'founder',
  'co-founder',
  'chairman',
  'chairwoman',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'director',
  'president',
  'boss',
  'owner',
  'striker',
  'goalkeeper',
  'midfielder',
  'defender',
  'analyst',
  'economist',
  'strategist',
  'researcher',
  'head',
]);
/** "analysts at Morgan Stanley": people who work at an organisation. */
const STAFF = new Set([
  'analysts',
  'economists',
  'researchers',
  'experts',
  'officials',
  'staff',
  'executives',
  'employees',
  'engineers',
  'scientists',
  'workers',
  'analyst',
  'economist',
  'researcher',
  'engineer',
  'scientist',
  'strategist',
]);
const DETERMINER = new Set(['a', 'an', 'the']);

/** The head noun of ", a/an/the … HEAD," right after a name: the last word before a comma, stop or preposition. */
function appositionHead(c: Candidate): string | undefined {
  const tk = c.para.tokens;
  if (tk[c.to]?.text !== ',' || !DETERMINER.has(tk[c.to + 1]?.lower ?? '')) return undefined;
  let last: Token | undefined;
  for (let k = c.to + 2; k < Math.min(tk.length, c.to + 14); k++) {
    const t = tk[k] as Token;
    // "the state's insurer of last resort": the possessor is no head.
    if (/^['’]s$/.test(t.text)) continue;
    if (!t.word || ['of', 'in', 'at', 'for', 'with', 'that', 'which', 'who', 'based', 'from', 'on'].includes(t.lower)) break;
    last = t;
  }
  return last && !last.cap ? last.lower : undefined;
}

/** "ADDIS ABABA, Jan 14 (Reuters) -": a name in brackets after an upper-case dateline, before a dash. */
export function isDatelineAgency(c: Candidate): boolean {
  const tk = c.para.tokens;
  return tk[c.from - 1]?.text === '(' && tk[c.to]?.text === ')' && /^[-–—]$/.test(tk[c.to + 1]?.text ?? '') && datelineBefore(tk, c.from - 1);
}

/** The token after a paragraph's dateline ("OSLO (Reuters) -", "ADDIS ABABA, Jan 14 (Reuters) —"), if it opens with one. */
export function datelineEnd(tk: readonly Token[]): number | undefined {
  for (let j = 2; j < Math.min(tk.length - 1, 16); j++) {
    if (!/^[-–—]$/.test((tk[j] as Token).text) || tk[j - 1]?.text !== ')') continue;
    let open = j - 2;
    while (open >= 0 && tk[open]?.text !== '(') open--;
    return open >= 0 && open < j - 2 && datelineBefore(tk, open) ? j + 1 : undefined;
  }
  return undefined;
}

/** Whether the tokens before the bracket at `open` are a dateline: near the start, with an upper-case place. */
function datelineBefore(tk: readonly Token[], open: number): boolean {
  return open < 13 && tk.slice(0, open).some((t) => t.word && t.text.length > 1 && t.text === t.text.toUpperCase() && /\p{Lu}/u.test(t.text));
}

const DESIGNATION = /^\p{Lu}[\p{L}]{0,3}-\d{1,4}[\p{L}]{0,2}$/u;
const ACRONYM = /^\p{Lu}[\p{Lu}&]{1,7}$/u;

function wordsAfter(c: Candidate, n: number): Token[] {
  const out: Token[] = [];
  const tk = c.para.tokens;
  let j = c.to;
  // A name that fills a quotation is read with the words after its closing mark (“Maritime Interaction” drills).
  if (tk[j] && !tk[j]?.word && /^[”’"']$/.test(tk[j]?.text ?? '')) j++;
  for (; j < tk.length && out.length < n; j++) {
    const t = tk[j] as Token;
    if (!t.word) break;
    out.push(t);
  }
  return out;
}

function wordBefore(c: Candidate, back = 1): Token | undefined {
  const t = c.para.tokens[c.from - back];
  return t?.word ? t : undefined;
}

/** What a name says by itself (the lexicon, its head words): the same for every occurrence, so worked out once per name. */
function intrinsic(text: string, connected: boolean): readonly Hint[] {
  const key = `${connected ? 1 : 0}${text}`;
  const known = intrinsicCache.get(key);
  if (known) return known;
  const hints: Hint[] = [];
  const add = (category: Category, weight: number, why: string): void => {
    hints.push({ category, weight, why, source: 'nlp' });
  };
  const lower = text.toLowerCase();
  const lowers = lower.split(' ').map((w) => (w.endsWith('.') ? w.slice(0, -1) : w));
  const n = lowers.length;
  const first = lowers[0] ?? '';
  const last = lowers[n - 1] ?? '';
  const gaz = GAZETTEER.get(text) ?? GAZETTEER.get(text.replace(/^The /, ''));
  if (gaz && !NEEDS_THE.has(text)) add(gaz, STRONG, `a known ${gaz === 'place' ? 'region' : gaz}`);
  if (COUNTRY_CODES.has(text)) add('place', STRONG, 'a country code');
  // compromise's lexicon: the whole phrase first ("hong kong", "al jazeera"), then single words.
  const tags = tagsOf(lower);
  if (['Country', 'City', 'Region', 'Place'].some((t) => tags.has(t))) add('place', STRONG, 'a country, city or region (compromise)');
  else if (tags.has('Organization')) add('institution', MEDIUM, 'an organisation (compromise)');
  else if (tags.has('Person')) add('person', STRONG, 'a person (compromise)');
  if (n === 1 && tags.size === 0 && isLexOrganization(first)) add('institution', MEDIUM, 'an organisation (compromise)');
  if (n >= 2) {
    const newsy = lowers.find((w) => NEWS_WORDS.has(w));
    if (newsy) add('outlet', STRONG + 1, `“${newsy}” in its name`);
    else if (OUTLET_HEADS.has(last)) add('outlet', MEDIUM, `its name ends in “${text.split(' ').at(-1)}”`);
    if (!lowers.some((w) => isOrgWord(w)) && (isPlaceHead(first) || isPlaceHead(last))) add('place', MEDIUM, 'named as a place (lake, river, dam…)');
    if (TREATY_HEADS.has(first) || TREATY_HEADS.has(last)) add('treaty', STRONG, 'named as a treaty or pact');
    else if (EVENT_HEADS.has(last) || (EVENT_HEADS.has(first) && connected)) add('event', STRONG, 'named as an event');
    else if (lowers.some((w, k) => isOrgWord(w) && (k === n - 1 || connected))) add('institution', STRONG, 'named as an institution');
    if (lowers.some((w) => isOrgWord(w)) && isPlaceWord(last) && n > 2) add('institution', MEDIUM, 'an institution named with its place');
  }
  // People's names.
  if (n >= 2 && n <= 4 && isFirstName(first) && !isOrgWord(last) && !isPlaceWord(lower)) add('person', MEDIUM, 'starts with a first name (compromise)');
  else if (n >= 2 && n <= 4 && isLastName(last) && !isOrgWord(last)) add('person', WEAK, 'ends with a surname (compromise)');
  if (n === 1 && (isLexPerson(first) || isLastName(first)) && tags.size <= 1) add('person', WEAK, 'a surname (compromise)');
  if (n === 1 && isPlaceWord(first) && !tags.size) add('place', MEDIUM, 'a country, city or region (compromise)');
  if (intrinsicCache.size > 100_000) intrinsicCache.clear();
  intrinsicCache.set(key, hints);
  return hints;
}

const intrinsicCache = new Map<string, readonly Hint[]>();

/** Every hint one occurrence gives: what the name says by itself, then what its context says. */
export function hintsFor(c: Candidate): readonly Hint[] {
  const own = intrinsic(c.text, c.connected);
  const context = contextual(c);
  return context.length === 0 ? own : [...own, ...context];
}

function contextual(c: Candidate): Hint[] {
  const hints: Hint[] = [];
  const add = (category: Category, weight: number, why: string, source: SuggestionSource = 'nlp'): void => {
    hints.push({ category, weight, why, source });
  };
  const tk = c.para.tokens;
  const nWords = c.to - c.from;
  const lower = c.text.toLowerCase();
  const first = (tk[c.from] as Token).lower;
  const before = wordBefore(c);
  const next = tk[c.to];
  // Most names stand between plain words: no context worth reading (a fast path for long articles).
  if (!before && (!next || (!next.word && next.text !== ',' && !/^['’]s$|^[”’"')]$/.test(next.text))) && !c.para.sources && !c.title && !c.para.credit)
    return hints;
  const after8 = wordsAfter(c, 8).map((t) => t.lower);
  const after = after8.slice(0, 3);

  if (c.para.sources) add('outlet', DECISIVE, 'listed on the article’s sources line', 'rules');
  const notice = after.join(' ');
  if (notice.startsWith('is not responsible') || notice.startsWith('does not endorse')) add('outlet', DECISIVE, 'the publisher’s notice names it', 'rules');
  const gaz = GAZETTEER.get(c.text);
  if (gaz && NEEDS_THE.has(c.text) && before?.lower === 'the') add(gaz, STRONG, `a known ${gaz === 'place' ? 'region' : gaz}`);
  if (before && VESSEL_NOUNS.has(before.lower)) add('weapon', DECISIVE, `named after “${before.text}”: a ship`, 'rules');
  if (DESIGNATION.test(c.text) && after8.slice(0, 4).some((w) => WEAPON_NOUNS.has(w))) add('weapon', DECISIVE, 'a weapon system’s designation', 'rules');

  // The words after it.
  const a1 = after[0] ?? '';
  const a2 = after.slice(0, 2).join(' ');
  if (PLACE_NOUNS.has(a1)) add('place', MEDIUM, `followed by “${a1}”`);
  if (OUTLET_PHRASES.includes(a2) || OUTLET_PHRASES.includes(a1) || OUTLET_NOUNS.has(a1))
    add('outlet', STRONG, `followed by “${OUTLET_PHRASES.includes(a2) ? a2 : a1}”`);
  if (EVENT_NOUNS.has(a1) || EVENT_NOUNS.has(after[1] ?? '')) add('event', MEDIUM, `followed by “${EVENT_NOUNS.has(a1) ? a1 : after[1]}”`);
  if (TREATY_NOUNS.has(a1) && ACRONYM.test(c.text)) add('treaty', STRONG, `followed by “${a1}”`);
  if (INSTITUTION_PHRASES.includes(a2) || INSTITUTION_NOUNS.has(a1)) add('institution', MEDIUM, `followed by “${INSTITUTION_PHRASES.includes(a2) ? a2 : a1}”`);
  if (['presidency', 'presidencies', 'administration', 'administrations', 'government', 'cabinet'].includes(a1) && nWords >= 2)
    add('official', MEDIUM, `followed by “${a1}”`);
  // "the Barack Obama and George W. Bush presidencies": the plural covers both names.
  else if (a1 === 'and' && nWords >= 2 && after8.some((w) => ['presidencies', 'administrations', 'governments'].includes(w)))
    add('official', MEDIUM, 'named with its presidency');

  // An apposition after it: "Northvolt, the Swedish battery maker,", "Transport & Environment, a Brussels-based campaign group".
  const head = appositionHead(c);
  if (head) {
    if (ORG_APPOSITION_HEADS.has(head)) add('institution', STRONG, `introduced as a ${head}`, 'rules');
    else if (PLACE_APPOSITION_HEADS.has(head)) add('place', STRONG, `introduced as a ${head}`, 'rules');
    else if (OUTLET_APPOSITION_HEADS.has(head)) add('outlet', STRONG, `introduced as a ${head}`, 'rules');
    else if (ANALYST_ROLE_WORDS.has(head)) add('analyst', STRONG, `introduced as ${head}`, 'rules');
    else if (OFFICIAL_ROLE_WORDS.has(head)) add('official', STRONG, `introduced as ${head}`, 'rules');
  }
  // "Reliqua’s chief executive": only an organisation has one.
  if (/^['’]s$/.test(tk[c.to]?.text ?? '') && ORG_POSSESSIONS.has(tk[c.to + 1]?.lower ?? '') && nWords <= 3 && !isFirstName(first))
    add('institution', STRONG, `has a ${tk[c.to + 1]?.text}`, 'rules');
  if (before && ['founded', 'co-founded', 'launched', 'joined', 'acquired'].includes(before.lower) && !isFirstName(first))
    add('institution', MEDIUM, `“${before.text}” it`, 'rules');
  // "the economist Julien Marchetti", "the spokesman …": a role in lower case before the name.
  if (before && ANALYST_ROLE_WORDS.has(before.lower) && nWords >= 2) add('analyst', STRONG, `the ${before.text}`, 'rules');
  else if (before && OFFICIAL_ROLE_WORDS.has(before.lower) && nWords >= 2) add('official', STRONG, `the ${before.text}`, 'rules');
  // "a plant in Hoboken": a name the lexicon does not know, after a locative preposition.
  if (
    before &&
    LOCATIVE.has(before.lower) &&
    nWords <= 2 &&
    tagsOf(lower).size === 0 &&
    lower.split(' ').every((w) => tagsOf(w).size === 0 && !MONTHS.has(w) && !isOrgWord(w))
  )
    add('place', MEDIUM, `“${before.text} ${c.text}”`);
  // "Arsenal manager Mikel Arteta": an organisation's role before a capitalised name.
  if (STAFF_ROLES.has(tk[c.to]?.lower ?? '') && !isFirstName(first)) {
    let k = c.to;
    while (k < tk.length && k < c.to + 3 && (tk[k] as Token).word && !(tk[k] as Token).cap) k++;
    if (tk[k]?.cap && STAFF_ROLES.has((tk[k - 1] as Token).lower))
      add(
        'institution',
        STRONG,
        `its ${tk
          .slice(c.to, k)
          .map((t) => t.text)
          .join(' ')}`,
        'rules',
      );
  }
  if (before && (before.lower === 'at' || before.lower === 'with') && STAFF.has(wordBefore(c, 2)?.lower ?? ''))
    add('institution', STRONG, `${wordBefore(c, 2)?.text} ${before.text} it`, 'rules');
  // A newsroom's credit line: "(Reporting by Dawit Endeshaw in Addis Ababa and Nafisa Eltahir in Cairo; Editing by …)".
  if (c.para.credit && before && ['by', 'and'].includes(before.lower) && nWords >= 2) add('person', STRONG + 1, 'named in the credit line', 'rules');
  // "(Reuters) -" after a dateline: the agency that filed the story.
  if (isDatelineAgency(c)) add('outlet', DECISIVE, 'the agency in the dateline', 'rules');

  // "joint exercises with the United States, known as Balikatan": named after an event noun.
  const b1 = before?.lower ?? '';
  const b2 = wordBefore(c, 2)?.lower ?? '';
  if ((b2 === 'known' && b1 === 'as') || ['dubbed', 'codenamed', 'code-named'].includes(b1)) {
    const back = tk.slice(Math.max(0, c.from - 10), c.from).map((t) => t.lower);
    if (back.some((w) => EVENT_NOUNS.has(w))) add('event', MEDIUM, `the name of the ${back.find((w) => EVENT_NOUNS.has(w))}`, 'rules');
  }

  // A title before it.
  if (c.title) add(c.official ? 'official' : 'person', c.official ? STRONG : MEDIUM, `titled “${c.title}”`);

  return hints;
}

/** True when the candidate's own words make it an organisation (for an apposition's "at the …"). */
export function looksLikeOrganisation(c: Candidate): boolean {
  const words = c.para.tokens.slice(c.from, c.to).filter((t) => t.word);
  return words.some((t) => isOrgWord(t.lower)) || isLexOrganization(c.text.toLowerCase()) || GAZETTEER.get(c.text) === 'institution';
}
