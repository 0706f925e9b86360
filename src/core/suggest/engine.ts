// `suggest(input)`: the whole engine, a pure function from the article text, the file's types, the entity
// registry, the annotated spans and the rejected ones to a list of suggestions. Deterministic (same input,
// same output, same keys), offline, and plain data in and out, so it runs as well in a worker thread.
// Internally UTF-16; code points at the edges, through the one OffsetMap.

import { OffsetMap } from '../text';
import { draftClaims, type ParagraphInput } from './claims';
import { DECISIVE } from './classify';
import { readDoc } from './doc';
import { addHint, Entities, root, type DocEntity } from './entities';
import { findMatches, resolveOverlaps, type FormKind, type Match, type Occupied } from './mentions';
import { candidatesOf } from './names';
import { quotesOf } from './quotes';
import { resolveClaims, type Claim, type Link } from './speakers';
import { TypeMap } from './typemap';
import type {
  Category,
  ClaimSuggestion,
  KnownEntity,
  MentionSuggestion,
  SuggestedEntity,
  SuggestedLink,
  SuggestInput,
  Suggestion,
  SuggestResult,
} from './types';

const FORM_FACTOR: Record<FormKind, number> = { name: 1, alias: 0.95, acronym: 0.9, surname: 0.9 };
const FORM_WORDS: Record<FormKind, string> = { name: 'name', alias: 'alias', acronym: 'acronym', surname: 'surname' };
const CATEGORY_WORDS: Record<Category, string> = {
  person: 'person',
  analyst: 'analyst',
  official: 'official',
  institution: 'institution',
  outlet: 'media outlet',
  place: 'place',
  event: 'event',
  treaty: 'treaty or pact',
  weapon: 'weapon system or ship',
  'unnamed-source': 'unnamed source',
};

export function suggest(input: SuggestInput): SuggestResult {
  const text = input.text;
  const map = new OffsetMap(text);
  const types = new TypeMap(input.types);
  const doc = readDoc(text);

  const paragraphs: ParagraphInput[] = doc.paragraphs.map((para) => ({ para, quotes: quotesOf(text, para), cands: candidatesOf(doc, para) }));
  const entities = new Entities(doc);
  for (const p of paragraphs) for (const c of p.cands) entities.add(c);
  const drafts = draftClaims(doc, paragraphs);
  entities.applyClaims(drafts);
  entities.link();

  const known = input.entities.map((k) => ({ ...k, category: k.category ?? types.categoryOf(k.type, input.types) }));
  entities.adopt(known);
  for (const e of entities.all) {
    if (e.known?.category) addHint(e, { category: e.known.category, weight: DECISIVE * 2, why: 'in the registry', source: 'registry' });
  }
  entities.decide();
  const adopted = new Set(entities.all.map((e) => e.known).filter((k) => k !== undefined));
  const registryOnly: DocEntity[] = known.filter((k) => !adopted.has(k)).map((k, i) => fromRegistry(k, i));

  const claims = resolveClaims(drafts, entities);

  const occupied: Occupied[] = input.mentions.map((m) => {
    const k = m.entity !== undefined ? known.find((x) => x.id === m.entity) : undefined;
    return {
      start: map.toUtf16(m.start),
      end: map.toUtf16(m.end),
      ...(m.entity !== undefined ? { key: m.entity } : {}),
      ...(k?.category ? { category: k.category } : {}),
    };
  });
  const all = [...entities.all, ...registryOnly];
  const matches: Match[] = findMatches(doc, all);
  for (const e of entities.all) for (const s of e.spans ?? []) matches.push({ ...s, entity: e, form: text.slice(s.start, s.end), formKind: 'name' });
  const kept = resolveOverlaps(matches, occupied, text.length);

  const unmapped = new Set<Category>();
  // Per entity, once: an entity with thousands of occurrences has thousands of hints.
  const outCache = new Map<DocEntity, SuggestedEntity | undefined>();
  const entityOut = (e: DocEntity): SuggestedEntity | undefined => {
    if (!outCache.has(e)) outCache.set(e, makeEntityOut(e));
    return outCache.get(e);
  };
  const whyCache = new Map<DocEntity, { reasons: string; evidence: number }>();
  const about = (e: DocEntity): { reasons: string; evidence: number } => {
    let a = whyCache.get(e);
    if (!a) {
      a = {
        reasons: [...new Set(e.hints.filter((h) => h.category === e.category || h.category === 'person').map((h) => h.why))].slice(0, 3).join('; '),
        evidence: evidence(e),
      };
      whyCache.set(e, a);
    }
    return a;
  };
  const makeEntityOut = (e: DocEntity): SuggestedEntity | undefined => {
    const category = e.known?.category ?? e.category;
    if (!category) return undefined;
    const type = e.known?.id !== undefined ? e.known.type : types.typeOf(category);
    if (!type) {
      unmapped.add(category);
      return undefined;
    }
    const k = e.known;
    const out: SuggestedEntity = { name: k?.name ?? e.name, type, category };
    if (k?.id !== undefined) out.id = k.id;
    if (k?.origin !== undefined) out.origin = k.origin;
    const aliases = [...e.forms, ...e.laterForms].filter((f) => f !== out.name && !(k?.aliases ?? []).includes(f));
    if (!k?.id && aliases.length) out.aliases = [...new Set(aliases)].sort();
    const role = k?.role ?? e.role ?? e.title;
    if (role) out.role = role;
    const affEntity = e.affiliation ? root(e.affiliation) : undefined;
    const aff = k?.affiliations?.[0] ?? (affEntity?.category ? (affEntity.known?.name ?? affEntity.name) : undefined);
    if (aff) out.affiliation = aff;
    const affType = affEntity?.known?.id !== undefined ? affEntity.known.type : affEntity?.category ? types.typeOf(affEntity.category) : undefined;
    if (aff && affType) out.affiliationType = affType;
    return out;
  };

  const rejected = new Set(input.rejected.map((r) => `${r.kind}:${r.start}:${r.end}`));
  const suggestions: Suggestion[] = [];
  for (const m of kept) {
    const entity = entityOut(m.entity);
    if (!entity) continue;
    const start = map.toCodePoint(m.start);
    const end = map.toCodePoint(m.end);
    // No key to build for each of thousands of mentions when nothing was rejected.
    if (rejected.size > 0 && rejected.has(`mention:${start}:${end}`)) continue;
    const s: MentionSuggestion = {
      kind: 'mention',
      key: `m:${start}-${end}:${entity.id ?? entity.name}`,
      start,
      end,
      exact: text.slice(m.start, m.end),
      entity,
      score: round(mentionScore(m, about(m.entity).evidence)),
      source: m.entity.known ? 'registry' : m.entity.source,
      why: mentionWhy(m, entity, about(m.entity).reasons),
    };
    suggestions.push(s);
  }

  const annotatedClaims = input.claims.map((c) => ({ start: map.toUtf16(c.start), end: map.toUtf16(c.end) }));
  for (const c of claims) {
    if (annotatedClaims.some((a) => a.start < c.end && c.start < a.end)) continue;
    const out = claimOut(c, entityOut, map, text);
    if (!out || rejected.has(`claim:${out.start}:${out.end}`)) continue;
    suggestions.push(out);
  }
  suggestions.sort((a, b) => a.start - b.start || (a.kind === b.kind ? b.end - a.end : a.kind === 'mention' ? -1 : 1));
  return { suggestions, unmapped: [...unmapped].sort() };
}

function fromRegistry(k: KnownEntity & { category: Category | undefined }, i: number): DocEntity {
  return {
    key: `known:${k.id ?? `${k.origin ?? ''}#${i}`}`,
    name: k.name,
    forms: new Set([k.name, ...(k.aliases ?? [])]),
    laterForms: new Set(),
    hints: [],
    ...(k.category ? { category: k.category } : {}),
    known: k,
    first: 0,
    source: 'registry',
  };
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}

function evidence(e: DocEntity): number {
  const c = e.category;
  const family = (x: Category): boolean => x === c || ((c === 'analyst' || c === 'official') && x === 'person');
  return e.hints.filter((h) => family(h.category)).reduce((n, h) => n + h.weight, 0);
}

function mentionScore(m: Match, evidence: number): number {
  const e = m.entity;
  if (e.known) return (e.known.id !== undefined ? 0.95 : 0.9) * FORM_FACTOR[m.formKind];
  return Math.min(0.92, 0.45 + evidence * 0.03) * FORM_FACTOR[m.formKind];
}

function mentionWhy(m: Match, entity: SuggestedEntity, reasons: string): string {
  const e = m.entity;
  const what = m.formKind === 'name' ? '' : `the ${FORM_WORDS[m.formKind]} of ${entity.name}; `;
  if (e.known) return `${what}${e.known.id !== undefined ? 'an entity of this file' : `an entity of ${e.known.origin ?? 'another annotation file'}`}`;
  return `${what}new ${CATEGORY_WORDS[entity.category]}: ${reasons}`;
}

function linkOut(l: Link, entityOut: (e: DocEntity) => SuggestedEntity | undefined): SuggestedLink | undefined {
  const e = l.entity ? entityOut(l.entity) : undefined;
  if (l.entity && !e && !l.label) return undefined;
  const out: SuggestedLink = { role: l.role, name: e?.name ?? l.label ?? '' };
  if (e?.id !== undefined) out.id = e.id;
  if (e) out.type = e.type;
  if (l.label !== undefined) out.label = l.label;
  if (l.kind !== undefined) out.kind = l.kind;
  return out;
}

function claimOut(c: Claim, entityOut: (e: DocEntity) => SuggestedEntity | undefined, map: OffsetMap, text: string): ClaimSuggestion | undefined {
  const speaker = entityOut(c.speaker);
  if (!speaker) return undefined;
  const chain = c.chain.map((l) => linkOut(l, entityOut)).filter((l): l is SuggestedLink => l !== undefined);
  const start = map.toCodePoint(c.start);
  const end = map.toCodePoint(c.end);
  return {
    kind: 'claim',
    key: `c:${start}-${end}`,
    start,
    end,
    exact: text.slice(c.start, c.end),
    speaker: { ...(speaker.id !== undefined ? { id: speaker.id } : {}), name: speaker.name, type: speaker.type },
    chain,
    mode: c.mode,
    cue: c.cue,
    score: round(c.score),
    source: 'rules',
    why: c.why,
  };
}
