// Attributed statements, sentence by sentence: a cue outside quotation marks, its speaker (before it, after
// it in "…,” said Andrew Yang", after "according to", through an apposition, a pronoun, an unnamed group, an
// outlet, "an essay by …"), what the text says about venue and outlet, and the claim's span: the sentence,
// back to where its quotation opened. A quotation paragraph with no cue continues the claim before it.
// Speakers are resolved to entities later (resolve.ts), once every name has a type.

import { readApposition, venueAt, BETWEEN_SUBJECT_AND_CUE, cueAt, PRONOUNS, textBetween, type Apposition, type Cue, type Venue } from './cues';
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

export interface ClaimDraft {
  /** UTF-16 span. */
  start: number;
  end: number;
  para: Paragraph;
  cue: Cue;
  speaker: SpeakerRef;
  apposition?: { role?: string; affiliation?: Candidate };
  venue?: { label: string; kind: string; organiser?: Candidate };
  /** A name the claim came through: "he told Al Jazeera", "in an interview with Reuters", "…, VOA reported". */
  through?: Candidate;
  /** The span holds a quotation of the speaker's words. */
  quoted: boolean;
  /** Copied from the claim of the paragraph before (or after): a quotation running over paragraphs. */
  continued?: boolean;
  why: string[];
}

export interface ParagraphInput {
  para: Paragraph;
  cands: Candidate[];
  quotes: ParagraphQuotes;
}

const WEAK_NEEDS = new Set(['that', 'as', '“', '"', ':', '‘']);
const SUBJECT_BREAKERS = new Set(['in', 'of', 'at', 'from', 'near', 'for', 'with', 'on', 'to', 'about', 'against', 'over', 'into', 'like', 'than']);

class Sentences {
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

interface Found {
  ref: SpeakerRef;
  apposition?: Apposition;
  venue?: Venue;
  why: string;
}

function speakerBefore(S: Sentences, s: Sentence, cue: Cue): Found | undefined {
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
  // "A small company in Trondheim says": a name after a preposition is not the subject.
  if (name && SUBJECT_BREAKERS.has(tk[name.from - 1]?.lower ?? '')) return undefined;
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

function speakerAfter(S: Sentences, s: Sentence, cue: Cue): Found | undefined {
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

function hasQuoteNear(S: Sentences, s: Sentence, cue: Cue): boolean {
  const tk = S.tokens;
  const before = tk[cue.from - 1]?.text ?? '';
  const after = tk[cue.to]?.lower ?? '';
  const sentenceQuotes = S.outer.some((q) => q.start < s.end && q.end > s.start);
  return sentenceQuotes || WEAK_NEEDS.has(after) || /^[”"’]$/.test(before);
}

/** Whether a quotation in [start, end) quotes words (not only a name in quotation marks, “Maritime Interaction”). */
export function quotesWords(text: string, quotes: readonly Quote[], start: number, end: number): boolean {
  return quotes.some((q) => q.start >= start && q.start < end && /\p{Ll}/u.test(text.slice(q.start + 1, q.end - 1)));
}

function draftSentence(S: Sentences, s: Sentence): ClaimDraft | undefined {
  const tk = S.tokens;
  const cues: Cue[] = [];
  for (let i = s.from; i < s.to; i++) {
    if (S.quoted(i)) continue;
    const cue = cueAt(S.pi.para, i);
    if (cue) {
      cues.push(cue);
      i = cue.to - 1;
    }
  }
  let draft: ClaimDraft | undefined;
  for (const cue of cues) {
    // After a closing quotation mark the speaker usually follows ("…,” said Andrew Yang); after a comma it
    // may close an apposition ("Kashin, a senior fellow …, pointed out") or open an inversion (", said Nguyen").
    const prev = tk[cue.from - 1]?.text ?? '';
    const found = cue.speakerAfter
      ? speakerAfter(S, s, cue)
      : cue.told
        ? speakerBefore(S, s, cue)
        : /^[”"’]$/.test(prev) || cue.from === s.from
          ? (speakerAfter(S, s, cue) ?? speakerBefore(S, s, cue))
          : prev === ','
            ? (speakerBefore(S, s, cue) ?? speakerAfter(S, s, cue))
            : speakerBefore(S, s, cue);
    if (!found) continue;
    // "hailed", "protested": attribution only beside a quotation, a "that" clause, or with a speaker the text introduces.
    if (cue.weak && !hasQuoteNear(S, s, cue) && !found.apposition?.role && !found.venue && found.ref.kind !== 'group') continue;
    const d: ClaimDraft = { start: s.start, end: s.end, para: S.pi.para, cue, speaker: found.ref, quoted: false, why: [found.why] };
    if (found.venue) setVenue(S, d, found.venue);
    const name = found.ref.kind === 'name' ? found.ref.cand : undefined;
    const app = found.apposition ?? (name && name.from > cue.from ? S.appositionAfter(name, s) : undefined);
    if (app) {
      const affiliation = app.affiliationAt !== undefined ? S.nameFrom(app.affiliationAt, app.to) : undefined;
      d.apposition = { ...(app.role ? { role: app.role } : {}), ...(affiliation ? { affiliation } : {}) };
    }
    findVenueAndOutlet(S, s, d, cue);
    draft = d;
    break;
  }
  if (!draft) return undefined;
  // "Chong said, VOA reported": a second, reporting cue names the outlet it came through.
  for (const cue of cues) {
    if (cue === draft.cue || !cue.reporting) continue;
    const outlet = S.nameEndingAt(cue.from - 1);
    if (outlet && !(draft.speaker.kind === 'name' && draft.speaker.cand === outlet)) draft.through = outlet;
  }
  return draft;
}

/** Venues and outlets anywhere in the sentence outside quotation marks ("In a statement, …", "Writing in Le Monde, …"). */
function findVenueAndOutlet(S: Sentences, s: Sentence, d: ClaimDraft, cue: Cue): void {
  const tk = S.tokens;
  if (cue.told) {
    const venue = venueAt(S.pi.para, cue.to);
    if (venue) setVenue(S, d, venue);
    else {
      const object = S.nameFrom(cue.to, s.to);
      if (object) d.through = object;
    }
  }
  for (let k = s.from; k < s.to - 1; k++) {
    const w = (tk[k] as Token).lower;
    if (S.quoted(k)) continue;
    if ((w === 'at' || w === 'during' || w === 'in') && !d.venue) {
      const venue = venueAt(S.pi.para, k + 1);
      if (venue) setVenue(S, d, venue);
    }
    if ((w === 'writing' || w === 'speaking') && ['in', 'to', 'with'].includes(tk[k + 1]?.lower ?? '')) {
      const outlet = S.nameFrom(k + 2, s.to);
      if (outlet) d.through = outlet;
    }
  }
}

function setVenue(S: Sentences, d: ClaimDraft, v: Venue): void {
  const organiser = v.organiserAt !== undefined ? S.nameFrom(v.organiserAt, S.tokens.length) : undefined;
  const end = organiser ? organiser.to : v.to;
  d.venue = { label: textBetween(S.doc.text, S.pi.para, v.from, end), kind: v.kind, ...(organiser ? { organiser } : {}) };
  if (v.withAt !== undefined) {
    const withWhom = S.nameFrom(v.withAt, S.tokens.length);
    if (withWhom) d.through = withWhom;
  }
  d.why.push(`venue: ${d.venue.label}`);
}

/** Extends a claim back to the sentence where its quotation opened, and over quotation sentences after it. */
function extend(S: Sentences, d: ClaimDraft, sentences: Sentence[], index: number, claimed: Set<number>): void {
  const p = S.pi.para;
  for (const q of S.outer) {
    if (q.start < d.start && q.end > d.start) {
      const opening = sentences.find((x) => q.start >= x.start && q.start <= x.end);
      if (opening && !claimed.has(sentences.indexOf(opening))) d.start = Math.min(d.start, opening.start);
    }
  }
  for (let k = index + 1; k < sentences.length; k++) {
    const next = sentences[k] as Sentence;
    const first = p.tokens[next.from];
    const opens = first !== undefined && S.outer.some((q) => q.start === first.start);
    const hasCue = p.tokens.slice(next.from, next.to).some((_, j) => !S.quoted(next.from + j) && cueAt(p, next.from + j) !== undefined);
    if (!opens || hasCue || !d.quoted) break;
    d.end = next.end;
    claimed.add(k);
  }
}

export function draftClaims(doc: Doc, paragraphs: readonly ParagraphInput[]): ClaimDraft[] {
  const drafts: ClaimDraft[] = [];
  const byPara: ClaimDraft[][] = paragraphs.map(() => []);
  paragraphs.forEach((pi, n) => {
    if (pi.para.heading || pi.para.sources) return;
    const S = new Sentences(doc, pi);
    const claimed = new Set<number>();
    pi.para.sentences.forEach((s, index) => {
      if (claimed.has(index)) return;
      const d = draftSentence(S, s);
      if (!d) return;
      claimed.add(index);
      const quoted = (): boolean => quotesWords(doc.text, S.outer, d.start, d.end) || S.outer.some((q) => q.start < d.start && q.end > d.start);
      d.quoted = quoted();
      extend(S, d, pi.para.sentences, index, claimed);
      d.quoted = quoted();
      (byPara[n] as ClaimDraft[]).push(d);
    });
  });
  // A paragraph that is one quotation with no cue of its own continues the quoted claim before it (or, when
  // the quotation runs on into the next paragraph, the one after it).
  paragraphs.forEach((pi, n) => {
    const own = byPara[n] as ClaimDraft[];
    if (own.length || pi.para.heading || pi.para.sources) return;
    const first = pi.quotes.quotes.find((q) => q.depth === 0);
    if (!first || first.start !== pi.para.start || !/\p{Ll}/u.test(doc.text.slice(first.start, first.end))) return;
    if (!first.open && first.end < pi.para.end - 1) return;
    const prev = (byPara[n - 1] ?? []).at(-1);
    const next = first.open ? (byPara[n + 1] ?? [])[0] : undefined;
    const source = prev?.quoted ? prev : next?.quoted ? next : undefined;
    if (!source) return;
    own.push({
      ...source,
      start: pi.para.start,
      end: pi.para.end,
      para: pi.para,
      continued: true,
      quoted: true,
      why: [...source.why, 'the quotation continues'],
    });
  });
  for (const list of byPara) drafts.push(...list);
  return drafts;
}
