// Three-way merge of annotation files by id (the `marginalia merge` git driver and the in-editor resolver).
// Items are matched by id, not by line: items added on both sides are all kept, fields edited on either
// side are merged, and what truly conflicts is kept as ours has it (or, for an edit against a deletion, as
// edited) with an explicit entry in the file's `conflicts` array naming both versions. The result is valid
// JSON and refers to nothing that is missing. Formatting is the writer's job (write.ts).

import type { ConflictDef } from '../model';
import { conflictEntry, holdBackDeletions, indexById, reconcileAdditions, restoreReferenced, singular, type Lists, type NewConflict } from './items';
import { idOf, KINDS, type Kind } from './refs';
import { canonical, equal, isObject, merge3, type JsonObject, type ValueConflict } from './values';

export interface MergeOutcome {
  /** The merged document. */
  value: JsonObject;
  /** Conflict entries this merge added (they are also in `value.conflicts`). */
  conflicts: ConflictDef[];
  /** Decisions worth telling the user that are not conflicts (renamed ids, a dropped article hash). */
  notes: string[];
}

function listsOf(doc: JsonObject): Lists {
  const lists = {} as Lists;
  for (const kind of KINDS) {
    const v = doc[kind];
    lists[kind] = Array.isArray(v) ? [...(v as unknown[])] : [];
  }
  return lists;
}

function copyLists(l: Lists): Lists {
  const c = {} as Lists;
  for (const kind of KINDS) c[kind] = [...l[kind]];
  return c;
}

export function mergeDocuments(base: JsonObject, ours: JsonObject, theirs: JsonObject): MergeOutcome {
  const notes: string[] = [];
  const found: NewConflict[] = [];
  const b = listsOf(base);
  const o = listsOf(ours);
  const t = listsOf(theirs);
  reconcileAdditions(b, o, t, notes);
  const original = { ours: copyLists(o), theirs: copyLists(t) };
  holdBackDeletions(b, { ours: o, theirs: t }, original, found);

  const merged = {} as Lists;
  for (const kind of KINDS) merged[kind] = mergeList(b[kind], o[kind], t[kind], (item, c) => found.push(fieldConflict(kind, item, c, original)));
  restoreReferenced(merged, b, original, found);

  const value: JsonObject = {};
  const fileConflicts: ValueConflict[] = [];
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !Object.hasOwn(ours, k))];
  for (const key of keys) {
    if ((KINDS as readonly string[]).includes(key)) {
      const kind = key as Kind;
      const bothArrays = [base[key], ours[key], theirs[key]].every((v) => v === undefined || Array.isArray(v));
      if (bothArrays) {
        if (Object.hasOwn(ours, key) || merged[kind].length > 0) value[key] = merged[kind];
        continue;
      }
    }
    if (key === 'conflicts' && [base[key], ours[key], theirs[key]].every((v) => v === undefined || Array.isArray(v))) {
      value[key] = mergeList(arrayAt(base, key), arrayAt(ours, key), arrayAt(theirs, key), (item, c) =>
        fileConflicts.push({ ...c, path: [key, item, ...c.path] }),
      );
      continue;
    }
    const v =
      key === 'article'
        ? mergeArticle(base[key], ours[key], theirs[key], fileConflicts, notes)
        : merge3(base[key], ours[key], theirs[key], [key], fileConflicts);
    if (v !== undefined) value[key] = v;
  }
  for (const kind of KINDS) if (!Object.hasOwn(value, kind) && merged[kind].length > 0) value[kind] = merged[kind];
  for (const c of fileConflicts) {
    const entry: NewConflict = { kind: 'file', path: c.path, message: `${c.path.join('.')} was changed on both sides; ours kept`, kept: 'ours' };
    if (c.base !== undefined) entry.base = c.base;
    if (c.ours !== undefined) entry.ours = c.ours;
    if (c.theirs !== undefined) entry.theirs = c.theirs;
    found.push(entry);
  }

  const existing = Array.isArray(value.conflicts) ? (value.conflicts as unknown[]) : [];
  const taken = new Set(existing.map(idOf));
  let n = 1;
  const conflicts = found.map((c): ConflictDef => {
    while (taken.has(`conflict-${n}`)) n++;
    taken.add(`conflict-${n}`);
    return { id: `conflict-${n}`, ...c };
  });
  if (conflicts.length) value.conflicts = [...existing, ...conflicts];
  return { value, conflicts, notes };
}

function arrayAt(doc: JsonObject, key: string): unknown[] {
  const v = doc[key];
  return Array.isArray(v) ? v : [];
}

function fieldConflict(kind: Kind, item: string, c: ValueConflict, original: { ours: Lists; theirs: Lists }): NewConflict {
  const where = c.path.length ? c.path.join('.') : 'it';
  const entry = conflictEntry(kind, item, c.path, c.base, original, 'ours', `${singular(kind)} "${item}": ${where} was changed on both sides; ours kept`);
  // Items renamed or restored on one side differ from the sides as read; the versions in conflict are these.
  if (c.ours !== undefined) entry.ours = c.ours;
  if (c.theirs !== undefined) entry.theirs = c.theirs;
  return entry;
}

/**
 * `article.hash` and `length` say which text the positions were made on. When the sides disagree on it,
 * neither is right for the merged file: both are dropped and anchors are found again by their quotes.
 */
function mergeArticle(base: unknown, ours: unknown, theirs: unknown, out: ValueConflict[], notes: string[]): unknown {
  const local: ValueConflict[] = [];
  const merged = merge3(base, ours, theirs, ['article'], local);
  const derived = local.filter((c) => c.path.length === 2 && (c.path[1] === 'hash' || c.path[1] === 'length'));
  if (derived.length && isObject(merged)) {
    delete merged.hash;
    delete merged.length;
    notes.push('the sides recorded different article hashes; the hash is removed and anchors will be found again by their quotes');
  }
  out.push(...local.filter((c) => !derived.includes(c)));
  return merged;
}

/**
 * One item array merged by id, in ours' order; theirs' additions go after the item they follow in theirs
 * (after ours' own additions there). Items without an id are kept by content.
 */
export function mergeList(
  base: readonly unknown[],
  ours: readonly unknown[],
  theirs: readonly unknown[],
  conflict: (id: string, c: ValueConflict) => void,
): unknown[] {
  const bi = indexById(base);
  const oi = indexById(ours);
  const ti = indexById(theirs);
  const isFirst = (list: Map<string, unknown>, v: unknown): boolean => {
    const id = idOf(v);
    return id !== undefined && list.get(id) === v;
  };
  const baseLoose = new Set(base.filter((v) => !isFirst(bi, v)).map(canonical));
  const oursLoose = new Set(ours.filter((v) => !isFirst(oi, v)).map(canonical));
  const theirsLoose = new Set(theirs.filter((v) => !isFirst(ti, v)).map(canonical));

  const groups = new Map<string | null, unknown[]>();
  const tail: unknown[] = [];
  let anchor: string | null = null;
  for (const v of theirs) {
    if (!isFirst(ti, v)) {
      const key = canonical(v);
      if (!baseLoose.has(key) && !oursLoose.has(key)) tail.push(v);
      continue;
    }
    const id = idOf(v) as string;
    if (oi.has(id)) anchor = id;
    else if (!bi.has(id)) {
      const group = groups.get(anchor);
      if (group) group.push(v);
      else groups.set(anchor, [v]);
    }
  }

  const out: unknown[] = [];
  let pending = groups.get(null) ?? [];
  for (const v of ours) {
    if (!isFirst(oi, v)) {
      const key = canonical(v);
      if (!(baseLoose.has(key) && !theirsLoose.has(key))) out.push(v);
      continue;
    }
    const id = idOf(v) as string;
    const inBase = bi.get(id);
    if (inBase !== undefined) {
      out.push(...pending);
      pending = [];
    }
    const inTheirs = ti.get(id);
    if (inTheirs !== undefined) {
      const local: ValueConflict[] = [];
      out.push(merge3(inBase, v, inTheirs, [], local));
      for (const c of local) conflict(id, c);
    } else if (inBase === undefined || !equal(inBase, v)) {
      // Added by ours, or (only when a deletion could not be held back) changed by ours and deleted by theirs.
      out.push(v);
      if (inBase !== undefined) conflict(id, { path: [], base: inBase, ours: v, theirs: undefined });
    }
    pending.push(...(groups.get(id) ?? []));
  }
  out.push(...pending, ...tail);
  return out;
}
