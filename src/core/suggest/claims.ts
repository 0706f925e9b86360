// Attributed statements, sentence by sentence: a cue outside quotation marks, its speaker (found by subject.ts:
// before the cue, after it in "…,” said Andrew Yang", after "according to", through an apposition, a pronoun, an
// unnamed group, an outlet, "an essay by …"), what the text says about venue and outlet, and the claim's span:
// the sentence, back to where its quotation opened. A quotation paragraph with no cue continues the claim before
// it. Speakers are resolved to entities later (speakers.ts), once every name has a type.

import { datelineEnd } from './classify';
import { cueAt, textBetween, venueAt, type Cue, type Venue } from './cues';
import type { Doc, Paragraph, Sentence, Token } from './doc';
import type { Candidate } from './names';
import type { Quote } from './quotes';
import { Sentences, speakerAfter, speakerBefore, type ParagraphInput, type SpeakerRef } from './subject';

export type { ParagraphInput, SpeakerRef } from './subject';

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

const WEAK_NEEDS = new Set(['that', 'as', '“', '"', ':', '‘']);

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
    // "OSLO (Reuters) - Norway’s foreign minister … said": the dateline is the story's, not the statement's.
    const after = s.from === 0 ? datelineEnd(tk) : undefined;
    if (after !== undefined && after < cue.from) d.start = (tk[after] as Token).start;
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
  // "Chong said, VOA reported": a second, reporting cue names the outlet it came through; so does a second
  // "according to" ("Officials said …, according to Le Monde"), when what it names is an outlet (speakers.ts).
  for (const cue of cues) {
    if (cue === draft.cue || !(cue.reporting || cue.speakerAfter)) continue;
    const outlet = cue.reporting ? S.nameEndingAt(cue.from - 1) : S.nameFrom(cue.to, s.to);
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
