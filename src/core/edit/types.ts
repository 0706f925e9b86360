// Shaping the types of a file: change a type's label, colour, cue, icon, parent or description, and remove a type,
// moving the entities that use it to another type in the same edit (types refining it lose their parent).

import type { EntityTypeDef } from '../model';
import { Draft } from './draft';
import { arrayItems, EditError, stringProp, type EditOutcome } from './text';

/** Fields to change; `null` removes an optional field. The id never changes (entities name it). */
export type TypePatch = { [K in Exclude<keyof EntityTypeDef, 'id'>]?: EntityTypeDef[K] | null };

const REQUIRED: readonly string[] = ['label', 'color', 'cue'];

function typeIndex(d: Draft, id: string): number {
  const i = arrayItems(d.root, 'types').findIndex((n) => stringProp(n, 'id') === id);
  if (i === -1) throw new EditError(`no type with id "${id}" in the file (it may have changed meanwhile)`);
  return i;
}

export function updateType(text: string, id: string, patch: TypePatch): EditOutcome {
  const d = new Draft(text);
  const i = typeIndex(d, id);
  for (const [key, value] of Object.entries(patch) as [string, unknown][]) {
    if (value === undefined) continue;
    if (value === null || value === '') {
      if (REQUIRED.includes(key)) throw new EditError(`a type needs a ${key}`);
      d.remove(['types', i, key]);
    } else if (JSON.stringify(d.value(['types', i, key])) !== JSON.stringify(value)) d.set(['types', i, key], value);
  }
  return d.done();
}

/** Entities (by id) whose type is `id`. */
export function entitiesOfType(text: string, id: string): string[] {
  const d = new Draft(text);
  return arrayItems(d.root, 'entities').flatMap((n) => (stringProp(n, 'type') === id ? (stringProp(n, 'id') ?? []) : []));
}

/**
 * Removes a type. Entities of that type move to `replacement` (required when there are any); types that refine the
 * removed one stop refining it. One edit, so one Undo brings everything back.
 */
export function removeType(text: string, id: string, replacement?: string): EditOutcome {
  const d = new Draft(text);
  const i = typeIndex(d, id);
  const users = entitiesOfType(text, id);
  if (users.length && replacement === undefined) throw new EditError(`${users.length} entities are of type "${id}": say which type they get instead`);
  if (replacement === id) throw new EditError('the replacement is the type being removed');
  if (replacement !== undefined) typeIndex(d, replacement);
  arrayItems(d.root, 'entities').forEach((n, j) => {
    if (stringProp(n, 'type') === id) d.set(['entities', j, 'type'], replacement as string);
  });
  arrayItems(d.root, 'types').forEach((n, j) => {
    if (stringProp(n, 'parent') === id) d.remove(['types', j, 'parent']);
  });
  d.remove(['types', i]);
  return d.done();
}
