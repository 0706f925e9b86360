// The words of attribution: cue verbs ("said", "pointed out", "according to"), appositions that give a
// speaker's role and affiliation ("Vassily Kashin, a senior fellow at the Institute of …,"), venues ("told
// a media briefing", "at a virtual talk held by …", "in an essay") — read off a paragraph's tokens.

import type { Paragraph, Token } from './doc';
import { isFunctionWord } from './lexicon';

export interface Cue {
  /** As printed: "said", "pointed out", "according to". */
  text: string;
  /** Token indices [from, to) in the paragraph. */
  from: number;
  to: number;
  /** Fires only with a quotation or "that" beside it ("hailed", "protested"). */
  weak: boolean;
  belief: boolean;
  /** "reported", "stated": what an outlet does. */
  reporting: boolean;
  /** The speaker follows ("according to Alan Chong"). */
  speakerAfter: boolean;
  /** "told": the next words name who was told (an outlet, a venue or a person). */
  told: boolean;
  /** Also an ordinary noun ("states", "claims"): needs its subject right before it. */
  nounLike: boolean;
}

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const STRONG = set(`said says say told tells tell added adds stressed stresses insisted insists insist noted notes explained explains explain argued argues
  argue warned warns warn claimed claims stated states reported reports wrote writes believes believe believed thinks think`);
const WEAK = set(`hailed praised protested criticised criticized condemned accused described urged suggested predicted estimated revealed alleged complained
  lamented cautioned recalled recalls called continued concluded predict suggest estimate fear expect caution observed commented remarked announced declared acknowledged admitted conceded confirmed denied
  maintained emphasised emphasized underlined underscored replied responded answered asked tweeted posted expects expected fears feared hopes doubts`);
const BELIEF = set('believes believe believed thinks think expects expected fears feared hopes doubts');
const REPORTING = set('reported reports stated states');
const NOUN_LIKE = set('states claims notes reports');
const PHRASES: [string, string][] = [
  ['pointed', 'out'],
  ['points', 'out'],
  ['according', 'to'],
];

/** The cue starting at token `i` of a paragraph, if any. */
export function cueAt(p: Paragraph, i: number): Cue | undefined {
  const t = p.tokens[i];
  const next = p.tokens[i + 1];
  // Capitalised only when it opens the sentence: "According to Collin Koh, …".
  if (!t?.word || (t.cap && !(t.lower === 'according' && next?.lower === 'to'))) return undefined;
  for (const [a, b] of PHRASES) {
    if (t.lower === a && next?.lower === b) {
      const according = a === 'according';
      return {
        text: `${t.text} ${next.text}`,
        from: i,
        to: i + 2,
        weak: false,
        belief: false,
        reporting: false,
        speakerAfter: according,
        told: false,
        nounLike: false,
      };
    }
  }
  const w = t.lower;
  if (!STRONG.has(w) && !WEAK.has(w)) return undefined;
  return {
    text: t.text,
    from: i,
    to: i + 1,
    weak: WEAK.has(w),
    belief: BELIEF.has(w),
    reporting: REPORTING.has(w),
    speakerAfter: false,
    told: w === 'told' || w === 'tells' || w === 'tell',
    nounLike: NOUN_LIKE.has(w),
  };
}

/** Words that may stand between a subject and its cue: "Chong also said", "he has repeatedly warned". */
export const BETWEEN_SUBJECT_AND_CUE =
  set(`also later previously recently repeatedly further has had have was is were once then again separately publicly privately
  reportedly already still firmly strongly flatly directly earlier last week yesterday today on monday tuesday wednesday thursday friday saturday sunday`);

export const PRONOUNS: Record<string, 'person' | 'group' | 'thing'> = { he: 'person', she: 'person', they: 'group', it: 'thing' };

const VENUE_HEADS = set(`talk briefing conference meeting summit forum hearing interview webinar seminar panel event session speech lecture symposium statement
  rally address debate podcast essay article letter op-ed column editorial commentary paper report post video broadcast`);
const VENUE_MODIFIERS = set('virtual online televised live recent joint news press media radio television tv video phone telephone exclusive written recorded');
const KIND_PREFIXES = set('virtual online');
const DETERMINERS = set('a an the his her their its this');

export interface Venue {
  /** Token indices [from, to) of the whole phrase ("a virtual talk held by the Center for …"). */
  from: number;
  to: number;
  /** The head as a kind: "briefing", "virtual talk", "press conference". */
  kind: string;
  /** Token index of the organiser's name after "held by", "hosted by", "organised by". */
  organiserAt?: number;
  /** Token index after "with" in "an interview with …": an outlet or a person. */
  withAt?: number;
}

/** A venue phrase starting at token `i` with its determiner ("a media briefing"); undefined when there is none. */
export function venueAt(p: Paragraph, i: number): Venue | undefined {
  const tk = p.tokens;
  if (!DETERMINERS.has(tk[i]?.lower ?? '')) return undefined;
  let j = i + 1;
  const mods: Token[] = [];
  while (j < tk.length && VENUE_MODIFIERS.has((tk[j] as Token).lower)) mods.push(tk[j++] as Token);
  const head = tk[j];
  let kind: string;
  if (head && VENUE_HEADS.has(head.lower)) kind = head.lower;
  else if (mods.length && ['conference', 'briefing'].includes(mods[mods.length - 1]?.lower ?? '')) kind = (mods.pop() as Token).lower;
  else return undefined;
  const last = mods[mods.length - 1];
  if (last && (last.lower === 'press' || last.lower === 'news') && kind === 'conference') kind = `${last.lower} conference`;
  else if (mods.some((m) => KIND_PREFIXES.has(m.lower))) kind = `${mods.filter((m) => KIND_PREFIXES.has(m.lower)).map((m) => m.lower)[0]} ${kind}`;
  j = head && VENUE_HEADS.has(head.lower) ? j + 1 : j;
  const venue: Venue = { from: i, to: j, kind };
  const by = tk[j];
  const byWord = tk[j + 1];
  if (by && ['held', 'hosted', 'organised', 'organized', 'run', 'convened'].includes(by.lower) && byWord?.lower === 'by') {
    venue.organiserAt = tk[j + 2]?.lower === 'the' ? j + 3 : j + 2;
  } else if (by?.lower === 'with' && (kind === 'interview' || kind === 'exclusive interview')) venue.withAt = tk[j + 1]?.lower === 'the' ? j + 2 : j + 1;
  return venue;
}

export interface Apposition {
  /** Token indices [from, to) between the commas. */
  from: number;
  to: number;
  /** The role as printed, without its determiner: "senior fellow", "associate professor". */
  role?: string;
  /** Token index where the affiliation's name starts. */
  affiliationAt?: number;
}

const APPOSITION_STARTS = set('a an the former');
const PARENTHETICAL_STARTS = set('who which whose speaking writing talking interviewed asked quoted herself himself themselves also now still');
const PREPOSITIONS = set('at of with for from');
/** "Reliqua’s chief executive": roles only an organisation gives. */
const ORG_ROLES = set('chief ceo founder co-founder chairman chairwoman chair director president head spokesperson spokesman spokeswoman managing');
const FUNCTION_WORDS = set('a an the and of for at in with from to');

/**
 * Reads what stands between commas after a name. "a senior fellow for Russia and Eurasia at the International
 * Institute for Strategic Studies": the role runs up to the last "at/of/with/for/from" that an organisation's
 * name follows (`isOrgAt` says which do); "a former diplomat and an independent analyst" keeps its last part;
 * "Reliqua’s chief executive" has its affiliation first. A relative or participle clause ("who has advised the
 * company", "speaking at a news conference") is an apposition without a role. A list ("the United Kingdom and
 * the US") is none.
 */
export function readApposition(text: string, p: Paragraph, from: number, to: number, isOrgAt: (i: number) => boolean): Apposition | undefined {
  const tk = p.tokens;
  const first = tk[from];
  if (!first || to - from > 30 || to <= from) return undefined;
  if (PARENTHETICAL_STARTS.has(first.lower) || /^\p{N}+$/u.test(first.text)) return { from, to };
  if (first.cap && /^['’]s$/.test(tk[from + 1]?.text ?? '') && (isOrgAt(from) || ORG_ROLES.has(tk[from + 2]?.lower ?? ''))) {
    const role = textBetween(text, p, from + 2, to);
    return role && /\p{Ll}/u.test(role) ? { from, to, role, affiliationAt: from } : undefined;
  }
  // A bare role ("executive director of Consumer Watchdog") reads like one with its article.
  const bare = first.word && !first.cap && !APPOSITION_STARTS.has(first.lower) && !isFunctionWord(first.lower) && to - from <= 14;
  if (!APPOSITION_STARTS.has(first.lower) && !bare) return undefined;
  let roleFrom = first.lower === 'former' || bare ? from : from + 1;
  let cut = to;
  let affiliationAt: number | undefined;
  for (let k = to - 1; k > roleFrom; k--) {
    const t = tk[k] as Token;
    if (!PREPOSITIONS.has(t.lower)) continue;
    const at = tk[k + 1]?.lower === 'the' ? k + 2 : k + 1;
    if (isOrgAt(at)) {
      cut = k;
      affiliationAt = at;
    }
  }
  // Without an affiliation, the role stops before a place ("… think tank in Taiwan").
  if (affiliationAt === undefined) {
    for (let k = roleFrom; k < to; k++) if ((tk[k] as Token).lower === 'in' || (tk[k] as Token).lower === 'from') cut = Math.min(cut, k);
  }
  for (let k = roleFrom; k < cut - 1; k++) {
    if ((tk[k] as Token).lower === 'and' && APPOSITION_STARTS.has((tk[k + 1] as Token).lower))
      roleFrom = (tk[k + 1] as Token).lower === 'former' ? k + 1 : k + 2;
  }
  const words = tk.slice(roleFrom, cut);
  const content = words.filter((w) => w.word && !w.cap && !FUNCTION_WORDS.has(w.lower));
  if (content.length === 0) return affiliationAt !== undefined ? { from, to, affiliationAt } : undefined;
  const clean = words.every((w) => w.word || w.text === '-');
  const role = clean ? textBetween(text, p, roleFrom, cut) : undefined;
  return { from, to, ...(role ? { role } : {}), ...(affiliationAt !== undefined ? { affiliationAt } : {}) };
}

/** The article text of tokens [from, to) of a paragraph, as printed. */
export function textBetween(text: string, p: Paragraph, from: number, to: number): string {
  const a = p.tokens[from];
  const b = p.tokens[to - 1];
  return a && b && to > from ? text.slice(a.start, b.end) : '';
}
