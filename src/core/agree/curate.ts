// Curation of two annotators' work into one file, as INCEpTION's curation does on a server: what both agree
// on is accepted as it is, every disagreement is queued for a decision with the keys of the suggestion
// review: accept left (A), accept right (B), reject (neither), skip (decide later; the item stays as A has
// it). The result starts from A's text and is one minimal edit of it (write it into A, or as a third file).

import { EditError, minimalReplacement, validate, type EditOutcome } from '../edit';
import { freshId } from '../merge/items';
import { readDocument } from '../merge/mergeText';
import type { JsonObject } from '../merge/values';
import { writeMerged } from '../merge/write';
import type { ClaimDef, EntityDef, MentionDef } from '../model';
import type { AnchoredItem, Model } from '../resolve';
import { selectorsFor } from '../text';
import { agree, normalizeName, type Disagreement } from './agree';

export type CurationChoice = 'left' | 'right' | 'reject' | 'skip';

export interface CurationItem extends Disagreement {
  /** Stable across runs on the same two files: kind and both ids. */
  key: string;
}

export interface Curation {
  /** Pairs both annotators agree on entirely (accepted as they are). */
  agreed: { mentions: number; claims: number };
  queue: CurationItem[];
}

export function curationQueue(a: Model, b: Model): Curation {
  const r = agree(a, b);
  const differ = (kind: Disagreement['kind']): number => r.disagreements.filter((d) => d.kind === kind && d.category === 'differ').length;
  return {
    agreed: { mentions: r.mentions.overlap.matched - differ('mention'), claims: r.claims.span.matched - differ('claim') },
    queue: r.disagreements.map((d) => ({ ...d, key: `${d.kind}:${d.a?.id ?? ''}:${d.b?.id ?? ''}` })),
  };
}

/**
 * A's text with the decisions applied. B's items are brought over with selectors made afresh on A's article
 * (B is anchored on it) and with their entities matched in A by id or name, or copied (with their type) when
 * A has no such entity.
 */
export function applyCuration(aText: string, a: Model, b: Model, queue: readonly CurationItem[], decisions: ReadonlyMap<string, CurationChoice>): EditOutcome {
  if (a.text !== b.text) throw new EditError('the two annotations are anchored on different texts');
  const read = readDocument(aText);
  if (!read.ok) throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  const doc = read.value;
  const list = (key: string): JsonObject[] => {
    if (!Array.isArray(doc[key])) doc[key] = [];
    return doc[key] as JsonObject[];
  };
  const taken = new Set<string>(
    ['entities', 'mentions', 'claims', 'relations'].flatMap((k) => (Array.isArray(doc[k]) ? (doc[k] as JsonObject[]) : []).map((v) => String(v.id))),
  );
  const created: string[] = [];
  const entities = new Entities(list, b, taken, created);

  for (const item of queue) {
    const choice = decisions.get(item.key) ?? 'skip';
    if (choice === 'skip' || choice === 'left') continue;
    const kind = item.kind === 'mention' ? 'mentions' : 'claims';
    const aId = item.a?.id;
    const bItem = item.b ? (item.kind === 'mention' ? b.mentionById.get(item.b.id) : b.claimById.get(item.b.id)) : undefined;
    if (choice === 'reject' || !bItem) {
      if (aId !== undefined) remove(doc, list, kind, aId);
      continue;
    }
    const at = aId === undefined ? -1 : list(kind).findIndex((v) => v.id === aId);
    const old = list(kind)[at];
    const id = old ? String(old.id) : taken.has(bItem.id) ? freshId(bItem.id, taken) : bItem.id;
    const next =
      item.kind === 'mention'
        ? mentionFrom(bItem.def as MentionDef, id, a, b, bItem, entities)
        : claimFrom(bItem.def as ClaimDef, id, old, a, b, bItem, entities);
    // A type belongs to the entity: B's type for it retypes A's entity, everywhere it is mentioned.
    if (item.kind === 'mention' && item.aspects.includes('type')) entities.retype(String(next.entity), (bItem.def as MentionDef).entity);
    if (old) list(kind)[at] = next;
    else {
      list(kind).push(next);
      taken.add(id);
      created.push(id);
    }
  }
  const text = writeMerged(aText, doc);
  validate(aText, text);
  return { text, replacement: minimalReplacement(aText, text), created };
}

function freshSelectors(a: Model, b: Model, item: AnchoredItem): ReturnType<typeof selectorsFor> {
  const r = b.utf16Range(item);
  if (!r) throw new EditError(`"${item.id}" has no place in the article (an orphan); it cannot be brought over`);
  return selectorsFor(a.map, r.start, r.end);
}

function mentionFrom(def: MentionDef, id: string, a: Model, b: Model, item: AnchoredItem, entities: Entities): JsonObject {
  return { ...def, id, entity: entities.map(def.entity), selector: freshSelectors(a, b, item) };
}

function claimFrom(def: ClaimDef, id: string, old: JsonObject | undefined, a: Model, b: Model, item: AnchoredItem, entities: Entities): JsonObject {
  // Relations between claims are A's graph: B's name claims A does not have.
  const { contradicts: _c, supports: _s, ...rest } = def;
  const chain = def.attribution.chain.map((l) => (l.entity !== undefined ? { ...l, entity: entities.map(l.entity) } : { ...l }));
  const next: JsonObject = { ...rest, id, selector: freshSelectors(a, b, item), attribution: { ...def.attribution, chain } };
  for (const k of ['contradicts', 'supports']) if (old && old[k] !== undefined) next[k] = old[k];
  return next;
}

/** Deletes an item of A, and what names it (claims' contradicts and supports). */
function remove(doc: JsonObject, list: (key: string) => JsonObject[], kind: 'mentions' | 'claims', id: string): void {
  doc[kind] = list(kind).filter((v) => v.id !== id);
  if (kind === 'claims')
    for (const c of list('claims'))
      for (const k of ['contradicts', 'supports'])
        if (Array.isArray(c[k]) && (c[k] as unknown[]).includes(id)) c[k] = (c[k] as unknown[]).filter((x) => x !== id);
}

/** B's entities in the result: A's own when A has the same one (by id or name), else a copy. */
class Entities {
  private readonly done = new Map<string, string>();
  constructor(
    private readonly list: (key: string) => JsonObject[],
    private readonly b: Model,
    private readonly taken: Set<string>,
    private readonly created: string[],
  ) {}

  map(bId: string): string {
    const known = this.done.get(bId);
    if (known !== undefined) return known;
    const e = this.b.entities.get(bId);
    if (!e) throw new EditError(`B refers to an entity "${bId}" it does not define`);
    const mine = this.list('entities');
    const name = normalizeName(e.name);
    const same =
      mine.find((x) => x.id === e.id && typeof x.name === 'string' && normalizeName(x.name) === name) ??
      mine.find((x) => typeof x.name === 'string' && normalizeName(x.name) === name) ??
      mine.find((x) => x.id === e.id);
    if (same) {
      this.done.set(bId, String(same.id));
      return String(same.id);
    }
    const id = this.taken.has(e.id) ? freshId(e.id, this.taken) : e.id;
    this.taken.add(id);
    this.done.set(bId, id);
    this.ensureType(e.type);
    const copy: JsonObject = { ...(e as EntityDef & JsonObject), id };
    if (e.affiliations) copy.affiliations = e.affiliations.filter((x) => this.b.entities.has(x)).map((x) => this.map(x));
    mine.push(copy);
    this.created.push(id);
    return id;
  }

  /** Gives A's entity `id` the type B's entity `bId` has. */
  retype(id: string, bId: string): void {
    const type = this.b.entities.get(bId)?.type;
    const mine = this.list('entities').find((x) => x.id === id);
    if (!mine || type === undefined || mine.type === type) return;
    this.ensureType(type);
    mine.type = type;
  }

  private ensureType(typeId: string): void {
    const types = this.list('types');
    if (types.some((t) => t.id === typeId)) return;
    const t = this.b.types.get(typeId);
    if (!t) return;
    types.push({ ...t });
    if (t.parent !== undefined) this.ensureType(t.parent);
  }
}

export function isCurationChoice(v: unknown): v is CurationChoice {
  return v === 'left' || v === 'right' || v === 'reject' || v === 'skip';
}

/** The same file written elsewhere: its `article.path` replaced (made relative to the new file by the caller). */
export function withArticlePath(text: string, path: string): string {
  const read = readDocument(text);
  if (!read.ok) throw new EditError('the annotation file is not valid JSON');
  const article = read.value.article;
  const doc: JsonObject = { ...read.value, article: { ...(typeof article === 'object' && article !== null && !Array.isArray(article) ? article : {}), path } };
  return writeMerged(text, doc, read.value);
}
