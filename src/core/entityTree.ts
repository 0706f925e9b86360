// The Entities view as plain data: types that have entities (in file order; a used but undeclared type still
// gets a row), each type's entities in order of first mention (unmentioned last, by name), and each entity's
// anchored mentions in text order. Computed once per model.

import { articleIndex, type TypedSpan } from './articleIndex';
import type { EntityDef, EntityTypeDef } from './model';
import type { Model } from './resolve';

export interface EntityShape {
  types: EntityTypeDef[];
  entitiesByType: Map<string, EntityDef[]>;
  mentionsByEntity: Map<string, TypedSpan[]>;
  mentionEntity: Map<string, string>;
  mentionSpan: Map<string, TypedSpan>;
}

const shapes = new WeakMap<Model, EntityShape>();

export function entityShape(model: Model): EntityShape {
  const hit = shapes.get(model);
  if (hit) return hit;
  const index = articleIndex(model);
  const mentionsByEntity = new Map<string, TypedSpan[]>();
  const mentionEntity = new Map<string, string>();
  const mentionSpan = new Map<string, TypedSpan>();
  for (const m of index.mentions) {
    mentionSpan.set(m.id, m);
    let list = mentionsByEntity.get(m.entityId);
    if (!list) mentionsByEntity.set(m.entityId, (list = []));
    list.push(m);
    mentionEntity.set(m.id, m.entityId);
  }
  const first = (e: EntityDef): number => mentionsByEntity.get(e.id)?.[0]?.start ?? Number.POSITIVE_INFINITY;
  const entitiesByType = new Map<string, EntityDef[]>();
  for (const e of model.entities.values()) {
    let list = entitiesByType.get(e.type);
    if (!list) entitiesByType.set(e.type, (list = []));
    list.push(e);
  }
  for (const list of entitiesByType.values()) list.sort((a, b) => first(a) - first(b) || a.name.localeCompare(b.name));
  const types = [...model.types.values()].filter((t) => entitiesByType.has(t.id));
  for (const id of entitiesByType.keys()) if (!model.types.has(id)) types.push({ id, label: id, color: '#888888', cue: 'solid' });
  const shape: EntityShape = { types, entitiesByType, mentionsByEntity, mentionEntity, mentionSpan };
  shapes.set(model, shape);
  return shape;
}

/** "associate professor (S. Rajaratnam School of International Studies) 3": role, affiliations, mention count. */
export function entityDescription(model: Model, e: EntityDef, mentions: number): string {
  const affiliations = (e.affiliations ?? []).flatMap((a) => model.entities.get(a)?.name ?? []);
  return [e.role, affiliations.length ? `(${affiliations.join(', ')})` : undefined, String(mentions)].filter(Boolean).join(' ');
}
