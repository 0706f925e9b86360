// Who speaks in a sentence: the subject before a cue ("Chong said", "Kashin, a senior fellow at …, pointed out",
// "analysts say", "the ministry said", "an essay by … protested") or the name after it ("…,” said Andrew Yang",
// "according to the Financial Times"), with what the text says about them on the way (an apposition, a venue).
// claims.ts decides which cue of a sentence makes the claim and how far the claim runs.

import { readApposition, venueAt, BETWEEN_SUBJECT_AND_CUE, PRONOUNS, textBetween, type Apposition, type Cue, type Venue } from './cues';
import type { Doc, Paragraph, Sentence, Token } from './doc';
import { GAZETTEER } from './gazetteer';
import { isDemonym, isFirstName, isOrgWord, isPlaceWord, OUTLET_NOUNS, OUTLET_PHRASES, UNNAMED_SOURCE, UNNAMED_SOURCES } from './lexicon';
import { looksLikeOrganisation } from './classify';
import type { Candidate } from './names';
import { insideAny, type ParagraphQuotes, type Quote } from './quotes';

export type SpeakerRef =
  | { kind: 'name'; cand: Candidate; outletPhrase?: boolean }
  | { kind: 'pronoun'; of: 'person' | 'group' | 'thing'; token: Token }
  /** "analysts say": the mention is the noun, the entity "Unnamed analysts". */
  | { kind: 'unnamed'; noun: Token; phrase: string; name: string }
  /** "the department said": an institution named before, by its head word. */
  | { kind: 'definite'; noun: Token }
  /** "an essay by Chinese and Russian ambassadors to Washington": the whole group is the mention. */
  | { kind: 'group'; start: number; end: number; text: string };

/** One paragraph with its name candidates and quotations: what the claim finder reads. */
export interface ParagraphInput {
  para: Paragraph;
  cands: Candidate[];
  quotes: ParagraphQuotes;
}

const SUBJECT_BREAKERS = new Set(['in', 'of', 'at', 'from', 'near', 'for', 'with', 'on', 'to', 'about', 'against', 'over', 'into', 'like', 'than']);

export class Sentences {
  private readonly byEnd = new Map<number, Candidate>();
  private readonly byStart = new Map<number, Candidate>();
  readonly outer: Quote[];
  constructor(
    readonly doc: Doc,
    readonly pi: ParagraphInput,
  ) {
    for (const c of pi.cands) {
      if (c.nested) continue;
      const prevEnd = this.byEnd.get(c.to - 1);
      if (!prevEnd || prevEnd.to - prevEnd.from < c.to - c.from) this.byEnd.set(c.to - 1, c);
      const prevStart = this.byStart.get(c.from);
      if (!prevStart || prevStart.to - prevStart.from < c.to - c.from) this.byStart.set(c.from, c);
    }
    this.outer = pi.quotes.quotes.filter((q) => q.depth === 0);
  }

  get tokens(): Token[] {
    return this.pi.para.tokens;
  }

  quoted(i: number): boolean {
    const t = this.tokens[i];
    return t !== undefined && insideAny(this.outer, t.start) !== undefined;
  }

  /** A candidate name starting at token i, allowing a title or "the" before it ("said US Secretary X"). */
  nameFrom(i: number, limit: number): Candidate | undefined {
    for (let k = i; k < Math.min(limit, i + 6); k++) {
      const c = this.byStart.get(k);
      if (c) return c;
      const t = this.tokens[k];
      if (!t?.word || (!t.cap && t.lower !== 'the')) return undefined;
    }
    return undefined;
  }

  nameEndingAt(i: number): Candidate | undefined {
    return this.byEnd.get(i);
  }

  /** The apposition after a name: ", a senior fellow at the …," up to the next comma (or the sentence's end). */
  appositionAfter(name: Candidate, s: Sentence): (Apposition & { end: number }) | undefined {
    const tk = this.tokens;
    if (tk[name.to]?.text !== ',') return undefined;
    let k = name.to + 1;
    while (k < s.to && !/^[,;:.”"]$/.test((tk[k] as Token).text)) k++;
    const app = readApposition(this.doc.text, this.pi.para, name.to + 1, k, (at) => this.orgAt(at));
    return app ? { ...app, end: k } : undefined;
  }

  /** An affiliation's name at token i: an organisation by its words, or any name that is not a place or a person's. */
  orgAt(i: number): boolean {
    const c = this.byStart.get(i);
    if (!c) return false;
    if (looksLikeOrganisation(c)) return true;
    const lower = c.text.toLowerCase();
    return !isPlaceWord(lower) && !GAZETTEER.has(c.text) && !isFirstName(lower.split(' ')[0] ?? '');
  }
}

/** "Some analysts" → "Unnamed analysts"; "A senior Indonesian diplomat" → "Unnamed Indonesian diplomat". */
function unnamedRef(S: Sentences, from: number, noun: Token): SpeakerRef {
  const words = S.tokens.slice(from, noun.i).filter((t) => t.word && isDemonym(t.lower));
  const name = ['Unnamed', ...words.map((t) => t.text), noun.text.toLowerCase()].join(' ');
  return { kind: 'unnamed', noun, phrase: textBetween(S.doc.text, S.pi.para, from, noun.i + 1), name };
}

/** An unnamed source noun at token k: a plural ("analysts"), or a singular after "a"/"an" ("a senior diplomat"). Returns where its phrase starts. */
function unnamedAt(S: Sentences, s: Sentence, k: number): number | undefined {
  const tk = S.tokens;
  const t = tk[k];
  if (!t?.word) return undefined;
  let a = k;
  while (a > s.from && a > k - 4 && (tk[a - 1] as Token).word && !S.nameEndingAt(a - 1) && !['and', 'or', 'that', 'as'].includes((tk[a - 1] as Token).lower))
    a--;
  if (UNNAMED_SOURCES.has(t.lower)) return a;
  if (!UNNAMED_SOURCE.has(t.lower)) return undefined;
  for (let j = k - 1; j >= a; j--) if (['a', 'an', 'one'].includes((tk[j] as Token).lower)) return j;
  return undefined;
}

export interface Found {
  ref: SpeakerRef;
  apposition?: Apposition;
  venue?: Venue;
  why: string;
}

export function speakerBefore(S: Sentences, s: Sentence, cue: Cue): Found | undefined {
  const tk = S.tokens;
  let k = cue.from - 1;
  const skipped = k;
  while (k >= s.from && BETWEEN_SUBJECT_AND_CUE.has((tk[k] as Token).lower)) k--;
  if (k < s.from || S.quoted(k)) return undefined;
  if (cue.nounLike && k !== skipped) return undefined;
  const t = tk[k] as Token;
  const pronoun = PRONOUNS[t.lower];
  if (pronoun) return { ref: { kind: 'pronoun', of: pronoun, token: t }, why: `“${t.text} ${cue.text}”` };
  // "an essay by Chinese and Russian ambassadors to Washington protested": the authors of a venue speak.
  for (let a = k; a > s.from + 1 && a > k - 12; a--) {
    const x = tk[a] as Token;
    if (!x.word) break;
    if (x.lower !== 'by') continue;
    const venue = venueAt(S.pi.para, a - 2) ?? venueAt(S.pi.para, a - 3);
    if (!venue || venue.to !== a || a === k) break;
    const from = tk[a + 1] as Token;
    const only = S.nameFrom(a + 1, k + 1);
    const ref: SpeakerRef =
      only && only.to === k + 1 ? { kind: 'name', cand: only } : { kind: 'group', start: from.start, end: t.end, text: S.doc.text.slice(from.start, t.end) };
    return { ref, venue, why: `the authors of ${textBetween(S.doc.text, S.pi.para, venue.from, venue.to)}` };
  }
  const name = S.nameEndingAt(k);
  // "A small company in Trondheim says", "Analysts at the Fridtjof Nansen Institute believe": a name after a
  // preposition (and its article) is not the subject; an unnamed source before the preposition may be.
  if (name) {
    const before = tk[name.from - 1]?.lower === 'the' ? name.from - 2 : name.from - 1;
    if (SUBJECT_BREAKERS.has(tk[before]?.lower ?? '')) {
      const unnamed = before - 1 >= s.from ? unnamedAt(S, s, before - 1) : undefined;
      if (unnamed === undefined) return undefined;
      const noun = tk[before - 1] as Token;
      return { ref: unnamedRef(S, unnamed, noun), why: `an unnamed source: “${noun.text} ${tk[before]?.text ?? ''} … ${cue.text}”` };
    }
  }
  if (name) return { ref: { kind: 'name', cand: name }, why: `“${name.text}” is the subject of “${cue.text}”` };
  if (tk[k - 1]?.lower === 'the' && !t.cap && isOrgWord(t.lower)) return { ref: { kind: 'definite', noun: t }, why: `“the ${t.text}”, named before` };
  const unnamedFrom = unnamedAt(S, s, k);
  if (unnamedFrom !== undefined) return { ref: unnamedRef(S, unnamedFrom, t), why: `an unnamed source: “${t.text} ${cue.text}”` };
  // "President Ferdinand Marcos Jr. had summoned China’s ambassador and called the attack …": the subject of the first verb.
  if (t.lower === 'and') {
    for (let j = s.from; j < k; j++) {
      const c = S.nameFrom(j, j + 1);
      if (!c || c.to > k || S.quoted(j) || SUBJECT_BREAKERS.has(tk[c.from - 1]?.lower ?? '') || !tk[c.to]?.word || tk[c.to]?.cap) continue;
      return { ref: { kind: 'name', cand: c }, why: `“${c.text}” is the subject of “… and ${cue.text}”` };
    }
  }
  // "the Moscow-based Sputnik news service stated", "the state broadcaster CCTV reported".
  const two = `${tk[k - 1]?.lower ?? ''} ${t.lower}`;
  const phraseLen = OUTLET_PHRASES.includes(two) ? 2 : OUTLET_NOUNS.has(t.lower) || OUTLET_PHRASES.includes(t.lower) ? 1 : 0;
  if (phraseLen) {
    const outlet = S.nameEndingAt(k - phraseLen);
    if (outlet) return { ref: { kind: 'name', cand: outlet, outletPhrase: true }, why: `“${outlet.text} ${phraseLen === 2 ? two : t.lower}” ${cue.text}` };
  }
  // "Vassily Kashin, a senior fellow at the Institute …, pointed out."
  if (t.text === ',') {
    for (let a = k - 1; a > s.from && a > k - 32; a--) {
      const x = tk[a] as Token;
      if (x.text !== ',') continue;
      // "A spokesperson for the company, Sevag Sarkissian, said": the name is the apposition.
      const inner = S.nameFrom(a + 1, a + 2);
      if (inner && inner.to === k) {
        const det = tk[s.from]?.lower ?? '';
        const roleEnd = tk.slice(s.from + 1, a).findIndex((w) => ['for', 'of', 'at', 'with', 'from', 'in'].includes(w.lower));
        const role = ['a', 'an', 'the', 'its', 'his', 'her', 'their'].includes(det)
          ? textBetween(S.doc.text, S.pi.para, s.from + 1, roleEnd === -1 ? a : s.from + 1 + roleEnd)
          : '';
        return {
          ref: { kind: 'name', cand: inner },
          ...(role ? { apposition: { from: s.from, to: a, role } } : {}),
          why: `“${role || '…'}, ${inner.text}, ${cue.text}”`,
        };
      }
      const who = S.nameEndingAt(a - 1);
      const unnamed = who ? undefined : unnamedAt(S, s, a - 1);
      if (unnamed !== undefined)
        return { ref: unnamedRef(S, unnamed, tk[a - 1] as Token), why: `an unnamed source: “${(tk[a - 1] as Token).text}, …, ${cue.text}”` };
      if (!who) break;
      const app = readApposition(S.doc.text, S.pi.para, a + 1, k, (at) => S.orgAt(at));
      if (!app) break;
      return { ref: { kind: 'name', cand: who }, apposition: app, why: `“${who.text}, ${app.role ?? '…'}, ${cue.text}”` };
    }
  }
  return undefined;
}

export function speakerAfter(S: Sentences, s: Sentence, cue: Cue): Found | undefined {
  const tk = S.tokens;
  const at = cue.to;
  // An inverted speaker ends its clause: "…, said Andrew Yang, the …", "according to the Financial Times." — not
  // "said regulators had …", where the name starts what was said.
  const ends = (i: number): boolean => {
    const t = tk[i];
    return !t || !t.word || ['of', 'at', 'from', 'in', 'on', 'during', 'with', 'who'].includes(t.lower);
  };
  const name = S.nameFrom(at, s.to);
  if (name && (cue.speakerAfter || ends(name.to))) return { ref: { kind: 'name', cand: name }, why: `“${cue.text} ${name.text}”` };
  const t = tk[at];
  if (!t) return undefined;
  const noun = tk[at + 1];
  if (t.lower === 'the' && noun && !noun.cap && isOrgWord(noun.lower) && (cue.speakerAfter || ends(at + 2)))
    return { ref: { kind: 'definite', noun }, why: `“the ${noun.text}”, named before` };
  const pronoun = PRONOUNS[t.lower];
  if (pronoun && pronoun !== 'thing') return { ref: { kind: 'pronoun', of: pronoun, token: t }, why: `“${cue.text} ${t.text}”` };
  for (let k = at; k < Math.min(s.to, at + 3); k++) {
    const x = tk[k] as Token;
    if (UNNAMED_SOURCES.has(x.lower) && (cue.speakerAfter || ends(k + 1)))
      return { ref: unnamedRef(S, at, x), why: `an unnamed source: “${cue.text} ${x.text}”` };
    if (!x.word) break;
  }
  return undefined;
}
