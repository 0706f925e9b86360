// From candidate names to the article's entities: occurrences of one name are one entity, a surname or a
// first word alone joins the full name it belongs to ("Chong" → "Alan Chong", "Xi" → "Xi Jinping"), an
// acronym joins the name it abbreviates ("VOA" → "Voice Of America"), list members share a type ("Russia and
// Eurasia"), and the type is the one with the most evidence over every occurrence and every claim.

import type { ClaimDraft } from './claims';
import { DECISIVE, hintsFor, MEDIUM, STRONG, type Hint } from './classify';
import type { Doc, Paragraph } from './doc';
import { ACADEMIC_ORG_WORDS, ANALYST_ROLE_WORDS, COUNTRY_CODES, GOVERNMENT_ROLE_WORDS, isCommonWord } from './lexicon';
import type { Candidate } from './names';
import type { Category, KnownEntity, SuggestionSource } from './types';

export interface DocEntity {
  /** Unique per run: the name, or the known entity's id. */
  key: string;
  name: string;
  /** Every surface form the text uses for it. */
  forms: Set<string>;
  /** Forms that only count after the full name has appeared (surnames). */
  laterForms: Set<string>;
  hints: Hint[];
  category?: Category;
  role?: string;
  /** A title the text gives it before its name ("Foreign Minister"), the role when no apposition gives one. */
  title?: string;
  affiliation?: DocEntity;
  /** Mentions the rules place themselves (an unnamed source's noun), instead of every occurrence of a form. */
  spans?: { start: number; end: number }[];
  /** The registry entity it is (this file's or another file's). */
  known?: KnownEntity;
  /** Where it first occurs (UTF-16). */
  first: number;
  /** Set when it was merged into another entity (a surname into its full name). */
  into?: DocEntity;
  /** The same hint from many occurrences is kept once, its weights added up (see addHint). */
  hintIndex?: Map<string, Hint>;
  source: SuggestionSource;
}

export const wordsOf = (name: string): string[] => (name.includes(' ') ? name.split(' ').filter(Boolean) : [name]);
const ACRONYM = /^\p{Lu}{2,7}$/u;
const ODD_SPACE = /[^\S ]|\s\s/;

function initials(name: string, allWords: boolean): string {
  return wordsOf(name)
    .filter((w) => allWords || /^\p{Lu}/u.test(w))
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

export class Entities {
  readonly byKey = new Map<string, DocEntity>();
  /** The entity each candidate (by start offset and text) belongs to. */
  private readonly ofCandidate = new Map<Candidate, DocEntity>();

  constructor(readonly doc: Doc) {}

  get all(): DocEntity[] {
    return [...this.byKey.values()];
  }

  of(c: Candidate): DocEntity | undefined {
    const e = this.ofCandidate.get(c);
    return e ? root(e) : undefined;
  }

  /** Adds a candidate occurrence under its text (linking is done later). */
  add(c: Candidate): DocEntity {
    // Most names are spaced with single spaces already; only the others get a new string.
    const text = ODD_SPACE.test(c.text) ? c.text.replace(/\s+/g, ' ') : c.text;
    let e = this.byKey.get(text);
    if (!e) {
      e = { key: text, name: text, forms: new Set([text]), laterForms: new Set(), hints: [], first: c.start, source: 'nlp' };
      this.byKey.set(text, e);
    }
    for (const h of hintsFor(c)) addHint(e, h);
    e.first = Math.min(e.first, c.start);
    if (c.title) e.title ??= c.title;
    this.ofCandidate.set(c, e);
    this.index = undefined;
    return e;
  }

  /** An entity the rules make up: "Unnamed analysts", "Chinese and Russian ambassadors to Washington". */
  unnamed(name: string, form: string, at: number, end: number): DocEntity {
    const key = `unnamed:${name.toLowerCase()}`;
    let e = this.byKey.get(key);
    if (!e) {
      e = { key, name, forms: new Set(), laterForms: new Set(), hints: [], category: 'unnamed-source', first: at, source: 'rules', spans: [] };
      this.byKey.set(key, e);
    }
    e.forms.add(form);
    e.first = Math.min(e.first, at);
    if (!e.spans?.some((s) => s.start === at)) e.spans?.push({ start: at, end });
    return e;
  }

  /** The entity of a claim's speaker reference, when it is not a pronoun. */
  speaker(ref: ClaimDraft['speaker']): DocEntity | undefined {
    if (ref.kind === 'name') return this.of(ref.cand);
    if (ref.kind === 'unnamed') return this.byKey.get(`unnamed:${ref.name.toLowerCase()}`);
    if (ref.kind === 'group') return this.byKey.get(`unnamed:${ref.text.toLowerCase()}`);
    return undefined;
  }

  /** Every candidate occurrence with its entity, in text order. */
  occurrences(): { cand: Candidate; entity: DocEntity }[] {
    return [...this.ofCandidate].map(([cand, entity]) => ({ cand, entity: root(entity) })).sort((a, b) => a.cand.start - b.cand.start);
  }

  hint(c: Candidate, h: Hint): void {
    const e = this.of(c) ?? this.add(c);
    addHint(e, h);
  }

  /** Claims say who speaks (a person, an outlet) and what the text says about them (role, affiliation). */
  applyClaims(drafts: readonly ClaimDraft[]): void {
    for (const d of drafts) {
      if (d.continued) continue;
      const sp = d.speaker;
      if (sp.kind === 'unnamed') {
        this.unnamed(sp.name, sp.noun.text, sp.noun.start, sp.noun.end);
      } else if (sp.kind === 'group') this.unnamed(sp.text, sp.text, sp.start, sp.end);
      else if (sp.kind === 'name') {
        if (sp.outletPhrase) this.hint(sp.cand, { category: 'outlet', weight: DECISIVE, why: `an outlet: “${sp.cand.text} …” ${d.cue.text}`, source: 'rules' });
        else if (d.cue.reporting) this.hint(sp.cand, { category: 'outlet', weight: MEDIUM, why: `“${sp.cand.text} ${d.cue.text}”`, source: 'rules' });
        // An acronym that speaks is an organisation ("UEFA said"); a name, most often a person.
        else if (/^\p{Lu}{2,}$/u.test(sp.cand.text) && !COUNTRY_CODES.has(sp.cand.text))
          this.hint(sp.cand, { category: 'institution', weight: MEDIUM, why: `an acronym that speaks (“${d.cue.text}”)`, source: 'rules' });
        else this.hint(sp.cand, { category: 'person', weight: MEDIUM, why: `quoted as a speaker (“${d.cue.text}”)`, source: 'rules' });
        if (d.apposition) this.applyApposition(sp.cand, d.apposition);
      }
      if (d.venue?.organiser) this.hint(d.venue.organiser, { category: 'institution', weight: MEDIUM, why: 'holds the venue', source: 'rules' });
    }
  }

  private applyApposition(c: Candidate, app: NonNullable<ClaimDraft['apposition']>): void {
    const e = this.of(c) ?? this.add(c);
    const role = app.role ?? '';
    const roleWords = role.toLowerCase().split(/[\s-]+/);
    const aff = app.affiliation;
    const affWords = aff ? aff.text.toLowerCase().split(/\s+/) : [];
    let category: Category = 'person';
    if (roleWords.some((w) => ANALYST_ROLE_WORDS.has(w)) || affWords.some((w) => ACADEMIC_ORG_WORDS.has(w))) category = 'analyst';
    else if (roleWords.some((w) => GOVERNMENT_ROLE_WORDS.has(w))) category = 'official';
    // A clause without a role ("The World Bank, which declined …,") says nothing about what the name is.
    if (role || aff) addHint(e, { category, weight: STRONG + 1, why: role ? `introduced as “${role}”` : 'introduced with an affiliation', source: 'rules' });
    if (role && !e.role) e.role = role;
    if (aff) {
      const ae = this.of(aff) ?? this.add(aff);
      addHint(ae, { category: 'institution', weight: MEDIUM, why: `${e.name}’s affiliation`, source: 'rules' });
      e.affiliation ??= ae;
    }
  }

  /** Merges `from` into `into`: its forms, hints and occurrences. */
  private merge(from: DocEntity, into: DocEntity, later: boolean): void {
    if (from === into) return;
    for (const f of from.forms) (later ? into.laterForms : into.forms).add(f);
    for (const h of from.hints) addHint(into, h);
    into.role ??= from.role;
    into.title ??= from.title;
    into.affiliation ??= from.affiliation;
    into.first = Math.min(into.first, from.first);
    from.into = into;
    this.byKey.delete(from.key);
  }

  /** Surnames and acronyms join their full names; a coordinated list shares a type. */
  link(): void {
    // Indexes first: each multi-word name under each of its words and under its initials.
    const byWord = new Map<string, DocEntity[]>();
    const byInitials = new Map<string, DocEntity[]>();
    const put = (m: Map<string, DocEntity[]>, k: string, e: DocEntity): void => {
      const list = m.get(k);
      if (!list) m.set(k, [e]);
      else if (!list.includes(e)) list.push(e);
    };
    const singles: [DocEntity, string][] = [];
    for (const e of this.all) {
      const words = wordsOf(e.name);
      if (words.length === 1) singles.push([e, words[0] as string]);
      if (words.length < 2) continue;
      for (const w of words) put(byWord, w, e);
      put(byInitials, initials(e.name, true), e);
      put(byInitials, initials(e.name, false), e);
    }
    for (const [e, w] of singles) {
      if (ACRONYM.test(w)) {
        const long = this.bracketed(e) ?? byInitials.get(w) ?? [];
        if (long.length === 1) this.merge(e, long[0] as DocEntity, false);
        continue;
      }
      const placeish = e.hints.some((h) => h.category === 'place' && h.weight >= STRONG);
      if (placeish || isCommonWord(w.toLowerCase())) continue;
      // A surname that speaks joins the full name even when nothing else typed it ("Bukayo Saka … Saka told").
      const owners = (byWord.get(w) ?? []).filter((m) => !m.into && (personish(m) || (m.hints.length === 0 && personish(e))));
      // A surname counts once the full name has appeared (mentions.ts; headings excepted).
      if (owners.length === 1) this.merge(e, owners[0] as DocEntity, true);
    }
  }

  /** "Association of Southeast Asian Nations (ASEAN)": the name right before an acronym's brackets. */
  private bracketed(e: DocEntity): DocEntity[] | undefined {
    for (const c of this.candidatesOf(e)) {
      const tk = c.para.tokens;
      if (tk[c.from - 1]?.text !== '(' || tk[c.to]?.text !== ')') continue;
      const before = this.endingAt(c.para, c.from - 2);
      const long = before ? this.of(before) : undefined;
      if (long && long !== e && (long.name[0] ?? '').toUpperCase() === e.name[0]) return [long];
    }
    return undefined;
  }

  private index?: { byEntity: Map<DocEntity, Candidate[]>; byEnd: Map<Paragraph, Map<number, Candidate>>; byStart: Map<Paragraph, Map<number, Candidate>> };

  /** Candidates by entity and by paragraph position, built once the candidates are all in. */
  private built(): NonNullable<Entities['index']> {
    if (this.index) return this.index;
    const byEntity = new Map<DocEntity, Candidate[]>();
    const byEnd = new Map<Paragraph, Map<number, Candidate>>();
    const byStart = new Map<Paragraph, Map<number, Candidate>>();
    for (const [c, e] of this.ofCandidate) {
      byEntity.set(e, [...(byEntity.get(e) ?? []), c]);
      if (!byEnd.has(c.para)) byEnd.set(c.para, new Map());
      if (!byStart.has(c.para)) byStart.set(c.para, new Map());
      byEnd.get(c.para)?.set(c.to - 1, c);
      byStart.get(c.para)?.set(c.from, c);
    }
    this.index = { byEntity, byEnd, byStart };
    return this.index;
  }

  private candidatesOf(e: DocEntity): Candidate[] {
    return this.built().byEntity.get(e) ?? [];
  }

  private endingAt(p: Paragraph, i: number): Candidate | undefined {
    return this.built().byEnd.get(p)?.get(i);
  }

  private startingAt(p: Paragraph, i: number): Candidate | undefined {
    return this.built().byStart.get(p)?.get(i);
  }

  /** "the Palisades" after "Pacific Palisades": an untyped word that ends exactly one typed name of a place or institution. */
  linkLastWords(): void {
    const byLast = new Map<string, DocEntity[]>();
    for (const e of this.all) {
      const words = wordsOf(e.name);
      if (!e.category || e.category === 'person' || e.category === 'analyst' || e.category === 'official' || words.length < 2) continue;
      const last = words[words.length - 1] as string;
      byLast.set(last, [...(byLast.get(last) ?? []), e]);
    }
    for (const e of this.all) {
      const words = wordsOf(e.name);
      if (e.category || words.length !== 1) continue;
      const owners = byLast.get(words[0] as string) ?? [];
      if (owners.length === 1) this.merge(e, owners[0] as DocEntity, false);
    }
  }

  /** Each entity's category: the one with the most weight; persons refined to analyst or official. */
  decide(): void {
    for (const e of this.all) {
      if (e.category === 'unnamed-source') continue;
      const sum = new Map<Category, number>();
      for (const h of e.hints) {
        const c = h.category === 'analyst' || h.category === 'official' ? 'person' : h.category;
        sum.set(c, (sum.get(c) ?? 0) + h.weight);
      }
      let best: Category | undefined;
      let top = 0;
      for (const [c, w] of sum) if (w > top) [best, top] = [c, w];
      if (!best || top < MEDIUM) continue;
      if (best === 'person') {
        const a = e.hints.filter((h) => h.category === 'analyst').reduce((n, h) => n + h.weight, 0);
        const o = e.hints.filter((h) => h.category === 'official').reduce((n, h) => n + h.weight, 0);
        if (a || o) best = a >= o ? 'analyst' : 'official';
      }
      e.category = best;
      const decisive = e.hints.filter((h) => h.category === best || (best === 'analyst' || best === 'official' ? h.category === 'person' : false));
      e.source = decisive.some((h) => h.source === 'rules' && h.weight >= MEDIUM) ? 'rules' : 'nlp';
    }
    this.shareListTypes();
    this.linkLastWords();
  }

  /** "Iran, Syria and Venezuela", "Russia and Eurasia": an untyped member takes the list's type. */
  private shareListTypes(): void {
    const typed = (c: Candidate | undefined): DocEntity | undefined => {
      const e = c ? this.of(c) : undefined;
      return e?.category ? e : undefined;
    };
    for (const [c] of this.ofCandidate) {
      const e = this.of(c);
      if (!e || e.category || c.to - c.from !== 1) continue;
      const tk = c.para.tokens;
      const left = /^(and|or|,)$/.test(tk[c.from - 1]?.lower ?? '') ? typed(this.endingAt(c.para, c.from - 2)) : undefined;
      const right = /^(and|or|,)$/.test(tk[c.to]?.lower ?? '') ? typed(this.startingAt(c.para, c.to + 1)) : undefined;
      const mate = left ?? right;
      if (mate?.category === 'place' || mate?.category === 'institution') {
        e.category = mate.category;
        addHint(e, { category: mate.category, weight: MEDIUM, why: `listed with ${mate.name}`, source: 'nlp' });
      }
    }
  }

  /** Names joined to a registry entity by name or alias take its identity. */
  adopt(known: readonly KnownEntity[]): void {
    const byForm = new Map<string, KnownEntity>();
    for (const k of known) for (const f of [k.name, ...(k.aliases ?? [])]) if (!byForm.has(f)) byForm.set(f, k);
    for (const e of this.all) {
      const k = [...e.forms].map((f) => byForm.get(f)).find((x) => x !== undefined);
      if (k) e.known = k;
    }
  }
}

/** Adds a hint; one like it already there (same category, reason and source) takes its weight instead. */
export function addHint(e: DocEntity, h: Hint): void {
  const key = `${h.category}|${h.source}|${h.why}`;
  e.hintIndex ??= new Map();
  const had = e.hintIndex.get(key);
  if (had) had.weight += h.weight;
  else {
    // A copy: the name's own hints are shared by all its occurrences (classify.ts) and must not add up there.
    const mine = { ...h };
    e.hintIndex.set(key, mine);
    e.hints.push(mine);
  }
}

/** The entity a merged one now lives in. */
export function root(e: DocEntity): DocEntity {
  let r = e;
  while (r.into) r = r.into;
  return r;
}

function personish(e: DocEntity): boolean {
  let person = 0;
  let other = 0;
  for (const h of e.hints) {
    if (h.category === 'person' || h.category === 'analyst' || h.category === 'official') person += h.weight;
    else other += h.weight;
  }
  return person > other;
}
