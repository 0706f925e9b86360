// Deciding the conflicts a merge left (the `conflicts` entries): each decision puts the chosen version of the
// value in place and removes its entry, all decisions in one minimal edit of the file. Choosing the side
// that deleted an item deletes it the way the editor does (with its mentions, relations and links).

import { deleteById, EditError, minimalReplacement, validate, type EditOutcome } from '../edit';
import type { ConflictDef } from '../model';
import { readDocument } from './mergeText';
import { isObject, type JsonObject, type Path } from './values';
import { writeMerged } from './write';

/** ours / theirs / base: the keys of the review map to accept left / accept right / reject. */
export type ConflictChoice = 'ours' | 'theirs' | 'base';

export function isConflictChoice(v: unknown): v is ConflictChoice {
  return v === 'ours' || v === 'theirs' || v === 'base';
}

function isConflict(v: unknown): v is ConflictDef {
  return isObject(v) && typeof v.id === 'string' && typeof v.kind === 'string' && Array.isArray(v.path);
}

/** The conflict entries of a file's text, as written (empty when it has none or is not JSON). */
export function conflictsOf(text: string): ConflictDef[] {
  const read = readDocument(text);
  const list = read.ok ? read.value.conflicts : undefined;
  return Array.isArray(list) ? list.filter(isConflict) : [];
}

export function resolveConflicts(text: string, decisions: ReadonlyMap<string, ConflictChoice>): EditOutcome {
  const read = readDocument(text);
  if (!read.ok) throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  const doc = read.value;
  const entries = Array.isArray(doc.conflicts) ? (doc.conflicts as unknown[]) : [];
  const deletions: string[] = [];
  for (const [id, choice] of decisions) {
    const entry = entries.find((c): c is ConflictDef => isConflict(c) && c.id === id);
    if (!entry) throw new EditError(`no conflict "${id}" in the file (it may have been resolved meanwhile)`);
    const value = Object.hasOwn(entry, choice) ? structuredClone(entry[choice]) : undefined;
    if (entry.kind === 'file') setPath(doc, entry.path, value);
    else {
      if (!Array.isArray(doc[entry.kind])) doc[entry.kind] = [];
      const items = doc[entry.kind] as unknown[];
      const at = items.findIndex((v) => isObject(v) && v.id === entry.item);
      if (entry.path.length === 0) {
        if (value === undefined) {
          if (at !== -1 && entry.kind === 'types') items.splice(at, 1);
          else if (at !== -1 && entry.item !== undefined) deletions.push(entry.item);
        } else if (at === -1) items.push(value);
        else items[at] = value;
      } else {
        const item = items[at];
        if (!isObject(item)) throw new EditError(`"${entry.item ?? '?'}" is no longer in the file; conflict "${id}" cannot be applied`);
        setPath(item, entry.path, value);
      }
    }
    entries.splice(entries.indexOf(entry), 1);
  }
  if (entries.length === 0) delete doc.conflicts;
  let next = writeMerged(text, doc);
  // Deleting goes through the editor's own action, so what names the item goes with it.
  for (const id of deletions) if (hasItem(next, id)) next = deleteById(next, id).text;
  validate(text, next);
  return { text: next, replacement: minimalReplacement(text, next), created: [] };
}

export function resolveConflict(text: string, id: string, choice: ConflictChoice): EditOutcome {
  return resolveConflicts(text, new Map([[id, choice]]));
}

function hasItem(text: string, id: string): boolean {
  const read = readDocument(text);
  return (
    read.ok &&
    ['entities', 'mentions', 'claims', 'relations'].some(
      (k) => Array.isArray(read.value[k]) && (read.value[k] as unknown[]).some((v) => isObject(v) && v.id === id),
    )
  );
}

/** Sets (or, with `undefined`, removes) the value at `path`, creating objects on the way. */
function setPath(root: JsonObject, path: Path, value: unknown): void {
  // A path comes from the file: it must never reach an object's prototype.
  if (path.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) throw new EditError('the conflict names a forbidden path');
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i] as string | number;
    const container = cur as Record<string | number, unknown>;
    if (container[k] === undefined && value !== undefined) container[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = container[k];
    if (typeof cur !== 'object' || cur === null) return;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (Array.isArray(cur) && typeof last === 'number') {
    if (value === undefined) cur.splice(last, 1);
    else cur[last] = value;
  } else if (isObject(cur) && typeof last === 'string') {
    if (value === undefined) delete cur[last];
    else cur[last] = value;
  }
}
