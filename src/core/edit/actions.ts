// The editing actions on an annotation file's text: types, entities (add, update, delete with what points at
// them), mentions, claims and attributions, deleting any item. Each returns one validated EditOutcome.

import type { JSONPath } from 'jsonc-parser/lib/esm/main.js';
import type { ChainLinkDef, ClaimDef, EntityDef, EntityTypeDef, MentionDef, Selector } from '../model';
import { clean, dedupe, Draft } from './draft';
import { claimId, mentionId, slug, uniqueId } from './ids';
import { arrayItems, EditError, idsIn, kindOf, referencesTo, stringProp, type EditOutcome } from './text';

/** A new entity; `newType` is a type to create with it, in the same edit (when the file has no such id yet). */
export type NewEntity = Omit<EntityDef, 'id'> & { id?: string; newType?: EntityTypeDef };

/** Appends types the file does not have yet (by id), in order. */
function addTypesTo(d: Draft, types: readonly EntityTypeDef[]): void {
  const have = new Set(arrayItems(d.root, 'types').flatMap((n) => stringProp(n, 'id') ?? []));
  for (const t of types) {
    if (have.has(t.id)) continue;
    d.append('types', clean({ id: t.id, label: t.label, color: t.color, cue: t.cue, icon: t.icon, parent: t.parent, description: t.description }));
    have.add(t.id);
  }
}

/** Adds types (skipping ids the file has): a new type, or the default palette for a file without types. */
export function addTypes(text: string, types: readonly EntityTypeDef[]): EditOutcome {
  const d = new Draft(text);
  addTypesTo(d, types);
  return d.done();
}

function addEntityTo(d: Draft, entity: NewEntity): string {
  if (entity.newType) addTypesTo(d, [entity.newType]);
  const id = entity.id ?? uniqueId(slug(entity.name), idsIn(d.text));
  if (idsIn(d.text).has(id)) throw new EditError(`the id "${id}" is already used`);
  d.append(
    'entities',
    clean({
      id,
      type: entity.type,
      name: entity.name,
      aliases: entity.aliases,
      role: entity.role,
      affiliations: entity.affiliations,
      description: entity.description,
      sameAs: entity.sameAs,
    }),
  );
  d.created.push(id);
  return id;
}

export function addEntity(text: string, entity: NewEntity): EditOutcome {
  const d = new Draft(text);
  addEntityTo(d, entity);
  return d.done();
}

/** Fields to change; `null` removes a field. The id never changes (references name it). */
export type EntityPatch = { [K in Exclude<keyof EntityDef, 'id'>]?: EntityDef[K] | null };

export function updateEntity(text: string, id: string, patch: EntityPatch): EditOutcome {
  const d = new Draft(text);
  const i = d.indexOf('entities', id);
  for (const [key, value] of Object.entries(patch) as [string, unknown][]) {
    if (value === undefined) continue;
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (key === 'name' || key === 'type') throw new EditError(`an entity needs a ${key}`);
      d.remove(['entities', i, key]);
    } else if (JSON.stringify(d.value(['entities', i, key])) !== JSON.stringify(value)) d.set(['entities', i, key], value);
  }
  return d.done();
}

/**
 * Deletes an entity and handles what points at it: its mentions and the relations naming it go, affiliations
 * drop it, and claim chains keep the link with the entity's name as a label (the attribution stays readable).
 */
export function deleteEntity(text: string, id: string): EditOutcome {
  const d = new Draft(text);
  const i = d.indexOf('entities', id);
  const name = d.value(['entities', i, 'name']);
  const label = typeof name === 'string' && name ? name : id;
  const refs = referencesTo(text, id);
  for (const r of refs.filter((r) => r.what === 'chain')) {
    const link = r.path.slice(0, -1);
    if (d.value([...link, 'label']) === undefined) d.set([...link, 'label'], label);
  }
  const removals: JSONPath[] = [['entities', i]];
  for (const r of refs) {
    if (r.what === 'mention' || r.what === 'relation') removals.push(r.path.slice(0, 2));
    else if (r.what === 'affiliation') removals.push(r.path);
    else if (r.what === 'chain') removals.push(r.path);
  }
  d.removeAll(dedupe(removals));
  return d.done();
}

export interface NewMention {
  entity: string;
  selector: Selector[];
  id?: string;
}

/** Adds mentions (and, first, a new entity when `entity` is given), all in one outcome. */
export function addMentions(text: string, mentions: NewMention[], entity?: NewEntity): EditOutcome {
  const d = new Draft(text);
  const entityId = entity ? addEntityTo(d, entity) : undefined;
  for (const m of mentions) {
    const target = entityId ?? m.entity;
    const id = m.id ?? mentionId(target, idsIn(d.text));
    const def: MentionDef = { id, entity: target, selector: m.selector };
    d.append('mentions', def);
    d.created.push(id);
  }
  return d.done();
}

export interface NewClaim {
  selector: Selector[];
  summary?: string;
  mode: ClaimDef['attribution']['mode'];
  chain: ChainLinkDef[];
  cue?: string;
  id?: string;
}

/** Adds a claim, first creating the entities in `newEntities` (their ids may be named in the chain). */
export function addClaim(text: string, claim: NewClaim, newEntities: (NewEntity & { id: string })[] = []): EditOutcome {
  const d = new Draft(text);
  for (const e of newEntities) addEntityTo(d, e);
  const speaker = claim.chain.find((l) => l.role === 'speaker')?.entity;
  const quote = claim.selector.find((s) => s.type === 'TextQuoteSelector');
  const id = claim.id ?? claimId(speaker, claim.summary ?? (quote?.type === 'TextQuoteSelector' ? quote.exact : ''), idsIn(d.text));
  const def = clean({
    id,
    selector: claim.selector,
    summary: claim.summary,
    attribution: clean({ mode: claim.mode, chain: claim.chain.map((l) => clean(l)), cue: claim.cue }),
  });
  d.append('claims', def);
  d.created.push(id);
  return d.done();
}

/** Replaces a claim's attribution (mode, chain, cue), creating `newEntities` first. */
export function setAttribution(text: string, id: string, attribution: ClaimDef['attribution'], newEntities: (NewEntity & { id: string })[] = []): EditOutcome {
  const d = new Draft(text);
  for (const e of newEntities) addEntityTo(d, e);
  const i = d.indexOf('claims', id);
  const old = d.value(['claims', i, 'attribution']);
  // Keep unknown fields of the attribution object; change only what the form edits.
  const base = typeof old === 'object' && old !== null ? (old as Record<string, unknown>) : {};
  if (JSON.stringify(base.mode) !== JSON.stringify(attribution.mode)) d.set(['claims', i, 'attribution', 'mode'], attribution.mode);
  const chain = attribution.chain.map((l) => clean(l));
  if (JSON.stringify(base.chain) !== JSON.stringify(chain)) d.set(['claims', i, 'attribution', 'chain'], chain);
  if (attribution.cue) {
    if (base.cue !== attribution.cue) d.set(['claims', i, 'attribution', 'cue'], attribution.cue);
  } else d.remove(['claims', i, 'attribution', 'cue']);
  return d.done();
}

/** Deletes a mention, claim or relation, and every reference to it (claims' contradicts/supports, relations). */
export function deleteItem(text: string, kind: 'mentions' | 'claims' | 'relations', id: string): EditOutcome {
  const d = new Draft(text);
  const i = d.indexOf(kind, id);
  const removals: JSONPath[] = [[kind, i]];
  for (const r of referencesTo(text, id)) {
    if (r.what === 'contradicts' || r.what === 'supports') removals.push(r.path);
    else if (r.what === 'relation') removals.push(r.path.slice(0, 2));
  }
  d.removeAll(dedupe(removals));
  return d.done();
}

/** Deletes whichever kind of item has `id`. */
export function deleteById(text: string, id: string): EditOutcome {
  const kind = kindOf(text, id);
  if (!kind) throw new EditError(`nothing with id "${id}" in the file`);
  return kind === 'entities' ? deleteEntity(text, id) : deleteItem(text, kind, id);
}
