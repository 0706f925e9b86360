// The id-level decisions of a three-way merge of annotation files, made before and after items are merged
// field by field:
//  - both sides added an item with one id: the same content under two ids is one item; two different
//    mentions or claims under one id (ids are made per entity: `m-alan-chong-4`) are two, theirs renamed;
//  - a deletion that meets an edit, or new references, on the other side is held back: the item stays (as
//    the other side has it) with what the deletion had removed along with it (its mentions, the links to it),
//    and a conflict entry asks whether to delete it;
//  - whatever a kept item refers to is kept too, so the result never has a reference to nothing.

import type { ConflictDef } from '../model';
import { canonical, equal, isObject, type JsonObject } from './values';
import { getAt, idOf, KINDS, namespaceOf, refsOf, renameRefs, type Kind, type Namespace } from './refs';

export type Lists = Record<Kind, unknown[]>;
export type SideName = 'ours' | 'theirs';
export type NewConflict = Omit<ConflictDef, 'id'>;

export function indexById(list: readonly unknown[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const v of list) {
    const id = idOf(v);
    if (id !== undefined && !m.has(id)) m.set(id, v);
  }
  return m;
}

function withoutId(v: unknown): unknown {
  if (!isObject(v)) return v;
  const rest: JsonObject = { ...v };
  delete rest.id;
  return rest;
}

export function singular(kind: Kind): string {
  return { types: 'type', entities: 'entity', mentions: 'mention', claims: 'claim', relations: 'relation' }[kind];
}

/** `m-x-4` → `m-x-5`, `e` → `e-2`: the first free id after `id` in the file's convention. */
export function freshId(id: string, taken: ReadonlySet<string>): string {
  const m = /^(.*)-(\d+)$/.exec(id);
  const stem = m ? (m[1] as string) : id;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** Items added on both sides: duplicates folded into ours' id, different items under one id renamed in theirs. */
export function reconcileAdditions(b: Lists, o: Lists, t: Lists, notes: string[]): void {
  const taken = new Set<string>();
  for (const lists of [b, o, t]) for (const kind of KINDS) if (kind !== 'types') for (const v of lists[kind]) taken.add(idOf(v) ?? '');
  const renames = new Map<string, string>();
  for (const kind of ['mentions', 'claims'] as const) {
    const baseIds = new Set(indexById(b[kind]).keys());
    const oursAdded = [...indexById(o[kind])].filter(([id]) => !baseIds.has(id));
    const oursById = new Map(oursAdded);
    const byContent = new Map(oursAdded.map(([id, v]) => [canonical(withoutId(v)), id]));
    const theirsIds = indexById(t[kind]);
    const claimed = new Set<string>();
    for (const [id, v] of theirsIds) {
      if (baseIds.has(id)) continue;
      const same = byContent.get(canonical(withoutId(v)));
      // Folded into ours' id only once, and never onto an id theirs itself uses for another item.
      if (same !== undefined && (same === id || (!theirsIds.has(same) && !claimed.has(same)))) {
        claimed.add(same);
        if (same !== id) renames.set(id, same);
        continue;
      }
      const mine = oursById.get(id);
      if (mine !== undefined && !equal(getAt(mine, ['selector']), getAt(v, ['selector']))) {
        const fresh = freshId(id, taken);
        taken.add(fresh);
        renames.set(id, fresh);
        notes.push(`both sides added a different ${singular(kind)} "${id}"; theirs is now "${fresh}"`);
      }
    }
  }
  if (renames.size === 0) return;
  for (const kind of KINDS) {
    t[kind] = t[kind].map((v) => {
      const id = idOf(v);
      const renamed = id !== undefined && kind !== 'types' && renames.has(id) ? { ...(v as JsonObject), id: renames.get(id) } : v;
      return renameRefs(kind, renamed, renames, 'items');
    });
  }
}

/** Which kind holds `id` in a namespace, in any of the lists. */
function kindOf(ns: Namespace, id: string, ...sides: Lists[]): Kind | undefined {
  if (ns === 'types') return 'types';
  return KINDS.find((k) => k !== 'types' && sides.some((s) => s[k].some((v) => idOf(v) === id)));
}

/** Inserts `item` after the nearest item that precedes it in `order` and is already in `list`. */
export function insertByOrder(list: unknown[], item: unknown, order: readonly unknown[]): void {
  const id = idOf(item);
  const k = order.findIndex((v) => idOf(v) === id);
  for (let p = k - 1; p >= 0; p--) {
    const pid = idOf(order[p]);
    const at = pid === undefined ? -1 : list.findIndex((v) => idOf(v) === pid);
    if (at !== -1) {
      list.splice(at + 1, 0, item);
      return;
    }
  }
  list.splice(0, 0, item);
}

/** Where each of `wanted` (`ns:id` keys) is referred to. */
function refIndex(lists: Lists, wanted: ReadonlySet<string>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  if (wanted.size === 0) return index;
  for (const kind of KINDS)
    for (const v of lists[kind])
      for (const r of refsOf(kind, v)) {
        const key = `${r.ns}:${r.id}`;
        if (!wanted.has(key)) continue;
        const where = `${kind}/${idOf(v) ?? '?'}/${r.field.join('/')}`;
        const set = index.get(key);
        if (set) set.add(where);
        else index.set(key, new Set([where]));
      }
  return index;
}

/**
 * Deletions on one side that the other side's work depends on are held back (see the top of this file).
 * `sides` are changed in place; `original` are the sides as read, for the conflict entries.
 */
export function holdBackDeletions(b: Lists, sides: Record<SideName, Lists>, original: Record<SideName, Lists>, out: NewConflict[]): void {
  for (const name of ['ours', 'theirs'] as const) {
    const otherName: SideName = name === 'ours' ? 'theirs' : 'ours';
    const s = sides[name];
    const other = sides[otherName];
    // Only what this side deleted and the other kept can need holding back; usually that is nothing.
    const deleted = KINDS.flatMap((kind) => {
      const present = indexById(s[kind]);
      const there = indexById(other[kind]);
      return [...indexById(b[kind])].filter(([id]) => !present.has(id) && there.has(id)).map(([id, v]) => ({ kind, id, v, there: there.get(id) }));
    });
    const wanted = new Set(deleted.map((d) => `${namespaceOf(d.kind)}:${d.id}`));
    const baseRefs = refIndex(b, wanted);
    const otherRefs = refIndex(other, wanted);
    type Hold = { kind: Kind; id: string; why: string };
    const queue: Hold[] = [];
    for (const { kind, id, v, there } of deleted) {
      const key = `${namespaceOf(kind)}:${id}`;
      const added = [...(otherRefs.get(key) ?? [])].filter((w) => !baseRefs.get(key)?.has(w));
      if (!equal(there, v)) queue.push({ kind, id, why: `deleted in ${name} and changed in ${otherName}` });
      else if (added.length)
        queue.push({ kind, id, why: `deleted in ${name}, but ${otherName} added references to it (${added.map((w) => w.split('/')[1]).join(', ')})` });
    }
    const held = new Set<string>();
    const needs = (kind: Kind, item: unknown, owner: string): void => {
      for (const r of refsOf(kind, item)) {
        const k = kindOf(r.ns, r.id, b);
        if (!k || indexById(s[k]).has(r.id) || !indexById(other[k]).has(r.id)) continue;
        queue.push({ kind: k, id: r.id, why: `deleted in ${name}, but "${owner}" is kept and refers to it` });
      }
    };
    for (let h = queue.shift(); h; h = queue.shift()) {
      const key = `${h.kind}:${h.id}`;
      if (held.has(key)) continue;
      held.add(key);
      const baseItem = indexById(b[h.kind]).get(h.id);
      insertByOrder(s[h.kind], baseItem, b[h.kind]);
      const kept = indexById(other[h.kind]).get(h.id);
      out.push(conflictEntry(h.kind, h.id, [], baseItem, original, otherName, `${singular(h.kind)} "${h.id}" was ${h.why}; kept`));
      needs(h.kind, kept, h.id);
      for (const restored of undoCascade(b, s, other, h.kind, h.id)) needs(restored.kind, indexById(other[restored.kind]).get(restored.id), restored.id);
    }
  }
}

/**
 * Puts back what a deletion of `id` took along with it on side `s`: base items that referred to it and the
 * other side still has, and references to it removed from items `s` kept (affiliations, contradicts,
 * supports, a chain link turned into a label). Returns the items restored whole.
 */
function undoCascade(b: Lists, s: Lists, other: Lists, kind: Kind, id: string): { kind: Kind; id: string }[] {
  const ns = namespaceOf(kind);
  const restored: { kind: Kind; id: string }[] = [];
  for (const k of KINDS) {
    const there = indexById(other[k]);
    for (const baseItem of b[k]) {
      const refs = refsOf(k, baseItem).filter((r) => r.ns === ns && r.id === id);
      const itemId = idOf(baseItem);
      if (refs.length === 0 || itemId === undefined) continue;
      const at = s[k].findIndex((v) => idOf(v) === itemId);
      if (at === -1) {
        if (!there.has(itemId)) continue;
        insertByOrder(s[k], baseItem, b[k]);
        restored.push({ kind: k, id: itemId });
        continue;
      }
      const current = s[k][at];
      if (refsOf(k, current).some((r) => r.ns === ns && r.id === id)) continue;
      s[k][at] = restoreRefs(
        current,
        baseItem,
        refs.map((r) => r.field),
        id,
      );
    }
  }
  return restored;
}

function restoreRefs(current: unknown, baseItem: unknown, fields: (string | number)[][], id: string): unknown {
  const copy = structuredClone(current) as JsonObject;
  for (const field of fields) {
    const [key, j] = field;
    if (typeof key !== 'string') continue;
    if (field.length === 1) {
      if (copy[key] === undefined) copy[key] = id;
    } else if (field.length === 2 && typeof j === 'number') {
      const list = Array.isArray(copy[key]) ? (copy[key] as unknown[]) : [];
      if (!list.includes(id)) list.splice(Math.min(j, list.length), 0, id);
      copy[key] = list;
    } else if (key === 'attribution' && typeof field[2] === 'number') {
      const link = getAt(copy, field.slice(0, 3));
      const baseLink = getAt(baseItem, field.slice(0, 3));
      if (isObject(link) && isObject(baseLink) && link.role === baseLink.role && link.entity === undefined) {
        link.entity = id;
        if (baseLink.label === undefined) delete link.label;
      }
    }
  }
  return copy;
}

export function conflictEntry(
  kind: Kind,
  item: string,
  path: (string | number)[],
  baseValue: unknown,
  original: Record<SideName, Lists>,
  kept: SideName,
  message: string,
): NewConflict {
  const ours = getAt(indexById(original.ours[kind]).get(item), path);
  const theirs = getAt(indexById(original.theirs[kind]).get(item), path);
  const entry: NewConflict = { kind, item, path, message, kept };
  if (baseValue !== undefined) entry.base = baseValue;
  if (ours !== undefined) entry.ours = ours;
  if (theirs !== undefined) entry.theirs = theirs;
  return entry;
}

/** Last resort after merging: anything still referred to but gone comes back, from ours, theirs or base. */
export function restoreReferenced(merged: Lists, b: Lists, original: Record<SideName, Lists>, out: NewConflict[]): void {
  for (let changed = true; changed;) {
    changed = false;
    const defined = { types: new Set(indexById(merged.types).keys()), items: new Set<string>() };
    for (const k of KINDS) if (k !== 'types') for (const id of indexById(merged[k]).keys()) defined.items.add(id);
    for (const kind of KINDS)
      for (const v of merged[kind])
        for (const r of refsOf(kind, v)) {
          if (defined[r.ns].has(r.id)) continue;
          const k = kindOf(r.ns, r.id, original.ours, original.theirs, b);
          if (!k) continue;
          const from: SideName | 'base' = indexById(original.ours[k]).has(r.id) ? 'ours' : indexById(original.theirs[k]).has(r.id) ? 'theirs' : 'base';
          const source = from === 'base' ? b[k] : original[from][k];
          insertByOrder(merged[k], indexById(source).get(r.id), source);
          defined[r.ns].add(r.id);
          const baseItem = indexById(b[k]).get(r.id);
          const keptSide: SideName = from === 'theirs' ? 'theirs' : 'ours';
          out.push(
            conflictEntry(k, r.id, [], baseItem, original, keptSide, `${singular(k)} "${r.id}" was deleted, but "${idOf(v) ?? '?'}" refers to it; kept`),
          );
          changed = true;
        }
  }
}
