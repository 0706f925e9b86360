// Every whole-word occurrence of every entity's forms, the longest first: "China" inside "China Daily" is part
// of the outlet's name, while a place or institution inside an institution's name ("Vietnam" in "Fulbright
// University Vietnam") is a mention of its own. Surnames count once the full name has appeared (and in
// headings, which come first). Found through an index of the article's words, so the cost grows with the
// number of occurrences, not with the number of names times the length of the text.

import { paragraphAt, type Doc } from './doc';
import { wordsOf, type DocEntity } from './entities';
import { isCommonWord, isOrgWord } from './lexicon';
import type { Category } from './types';

export type FormKind = 'name' | 'alias' | 'surname' | 'acronym';

export interface Match {
  start: number;
  end: number;
  entity: DocEntity;
  form: string;
  formKind: FormKind;
}

export interface Occupied {
  start: number;
  end: number;
  category?: Category;
  /** The entity's id (or key): a name never nests inside itself ("Commission" in "European Commission"). */
  key?: string;
}

const WORDCHAR = /[\p{L}\p{N}_]/u;
const OUTERS = new Set<Category>(['institution', 'unnamed-source', 'event', 'treaty']);
const INNERS = new Set<Category>(['place', 'institution']);

/** Start offsets of each word, and of each part of a hyphenated word ("US" in "US-led"). */
export function wordIndex(doc: Doc, wanted: ReadonlySet<string>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  const put = (w: string, at: number): void => {
    if (!wanted.has(w)) return;
    const list = index.get(w);
    if (list) list.push(at);
    else index.set(w, [at]);
  };
  for (const p of doc.paragraphs)
    for (const t of p.tokens) {
      if (!t.word) continue;
      put(t.text.endsWith('.') ? t.text.slice(0, -1) : t.text, t.start);
      if (t.text.includes('-')) {
        let at = t.start;
        for (const part of t.text.split('-')) {
          put(part, at);
          at += part.length + 1;
        }
      }
    }
  return index;
}

function acronymOf(name: string): string | undefined {
  const words = wordsOf(name);
  if (words.length < 2) return undefined;
  const a = words
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  return a.length >= 2 ? a : undefined;
}

/** Forms with their kind; surnames of people are added even when the text never used them as names yet. */
function formsOf(e: DocEntity): { form: string; kind: FormKind; later: boolean }[] {
  const out = new Map<string, { form: string; kind: FormKind; later: boolean }>();
  const put = (form: string, kind: FormKind, later: boolean): void => {
    if (form && !out.has(form)) out.set(form, { form, kind, later });
  };
  put(e.name, 'name', false);
  for (const f of e.forms) put(f, /^\p{Lu}{2,}$/u.test(f) && !/^\p{Lu}{2,}$/u.test(e.name) ? 'acronym' : 'alias', false);
  for (const f of e.laterForms) put(f, 'surname', true);
  const person = e.category === 'person' || e.category === 'analyst' || e.category === 'official';
  const words = wordsOf(e.name);
  if (person && words.length >= 2) {
    const last = words[words.length - 1] as string;
    if (last.length >= 2 && !/\.$/.test(last) && !isCommonWord(last.toLowerCase())) put(last, 'surname', true);
  }
  if (!person && e.known) {
    const acronym = acronymOf(e.name);
    if (acronym) put(acronym, 'acronym', false);
  }
  return [...out.values()];
}

/** "the Commission" for the European Commission, "the Bank" for the World Bank: an institution's head word after "the", when no other institution of the article shares it. */
function headAliases(entities: readonly DocEntity[]): Map<DocEntity, string> {
  const byHead = new Map<string, DocEntity[]>();
  for (const e of entities) {
    const words = wordsOf(e.name);
    const head = words[words.length - 1] ?? '';
    if (e.category !== 'institution' || words.length < 2 || !/^\p{Lu}\p{Ll}+$/u.test(head) || !isOrgWord(head.toLowerCase())) continue;
    byHead.set(head, [...(byHead.get(head) ?? []), e]);
  }
  const out = new Map<DocEntity, string>();
  for (const [head, list] of byHead) if (list.length === 1) out.set(list[0] as DocEntity, head);
  return out;
}

export function findMatches(doc: Doc, entities: readonly DocEntity[]): Match[] {
  const text = doc.text;
  const heads = headAliases(entities);
  const formLists = new Map(entities.filter((e) => e.category && !e.spans).map((e) => [e, formsOf(e)] as const));
  const wanted = new Set<string>(heads.values());
  for (const forms of formLists.values()) for (const f of forms) wanted.add((wordsOf(f.form)[0] ?? '').replace(/\.$/, ''));
  const index = wordIndex(doc, wanted);
  const inHeading = (at: number): boolean => {
    const p = paragraphAt(doc, at);
    return p !== undefined && (p.heading || p.titleCase);
  };
  const found: Match[] = [];
  for (const e of entities) {
    const forms = formLists.get(e);
    if (!forms) continue;
    const headAlias = heads.get(e);
    const hits: Match[] = [];
    if (headAlias)
      for (const at of index.get(headAlias) ?? []) {
        const end = at + headAlias.length;
        if (
          /\bthe\s$/.test(text.slice(Math.max(0, at - 4), at)) &&
          !WORDCHAR.test(text[end] ?? '') &&
          !text.startsWith(e.name, at - (e.name.length - headAlias.length))
        )
          hits.push({ start: at, end, entity: e, form: headAlias, formKind: 'alias' });
      }
    let firstFull = Number.POSITIVE_INFINITY;
    for (const f of forms) {
      const head = (wordsOf(f.form)[0] ?? '').replace(/\.$/, '');
      for (const at of index.get(head) ?? []) {
        if (!text.startsWith(f.form, at)) continue;
        const end = at + f.form.length;
        if (WORDCHAR.test(text[at - 1] ?? '') || WORDCHAR.test(text[end] ?? '')) continue;
        if (text[end] === '$') continue;
        hits.push({ start: at, end, entity: e, form: f.form, formKind: f.kind });
        if (!f.later && !inHeading(at)) firstFull = Math.min(firstFull, at);
      }
    }
    const laterForms = new Set(forms.filter((f) => f.later).map((f) => f.form));
    for (const h of hits) if (!laterForms.has(h.form) || h.start > firstFull || inHeading(h.start)) found.push(h);
  }
  return found;
}

/**
 * The matches that survive the longest-first rule, given the spans already annotated. Which span holds each
 * character is kept in one array, so checking a match costs its length, not the number of matches so far.
 */
export function resolveOverlaps(matches: Match[], occupied: readonly Occupied[], textLength: number): Match[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.entity.known ? -1 : 1));
  const taken: Occupied[] = [];
  // Index + 1 of the innermost span holding each character; 0 for none.
  const owner = new Int32Array(textLength + 1);
  const take = (o: Occupied): void => {
    taken.push(o);
    for (let i = o.start; i < o.end; i++) owner[i] = taken.length;
  };
  for (const o of [...occupied].sort((a, b) => b.end - b.start - (a.end - a.start))) take(o);
  const kept: Match[] = [];
  // A span as one number (start, end), so the check allocates nothing per match.
  const seen = new Set<number>();
  const width = textLength + 1;
  for (const m of sorted) {
    const key = m.start * width + m.end;
    if (seen.has(key)) continue;
    let clash = false;
    // Owners come in runs; checking one again would give the same answer, so only a change of owner is checked.
    let last = 0;
    for (let i = m.start; i < m.end && !clash; i++) {
      const o = owner[i] ?? 0;
      if (o === 0 || o === last) continue;
      last = o;
      const t = taken[o - 1] as Occupied;
      // Spans are taken longest first, so a character's owner is the innermost span around it.
      clash = !nestedOk(t, m);
    }
    if (clash) continue;
    seen.add(key);
    take({ start: m.start, end: m.end, key: m.entity.known?.id ?? m.entity.key, ...(m.entity.category ? { category: m.entity.category } : {}) });
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

function nestedOk(outer: Occupied, inner: Match): boolean {
  const cat = inner.entity.category;
  if (!outer.category || !cat || outer.key === (inner.entity.known?.id ?? inner.entity.key)) return false;
  const inside = outer.start < inner.start && inner.end <= outer.end;
  return inside && OUTERS.has(outer.category) && INNERS.has(cat);
}
