// Where an annotation file's items name each other (docs/format.md): the merge needs it to keep every
// reference it writes pointing at something, and to undo a deletion's consequences when it holds one back.

import { isObject, type JsonObject, type Path } from './values';

export const KINDS = ['types', 'entities', 'mentions', 'claims', 'relations'] as const;
export type Kind = (typeof KINDS)[number];

/** Types have their own ids; entities, mentions, claims and relations share one namespace. */
export type Namespace = 'types' | 'items';

export function namespaceOf(kind: Kind): Namespace {
  return kind === 'types' ? 'types' : 'items';
}

export interface Ref {
  ns: Namespace;
  id: string;
  /** Where in the item, e.g. `["affiliations", 0]`. */
  field: Path;
}

export function idOf(v: unknown): string | undefined {
  return isObject(v) && typeof v.id === 'string' ? v.id : undefined;
}

export function refsOf(kind: Kind, item: unknown): Ref[] {
  if (!isObject(item)) return [];
  const refs: Ref[] = [];
  const one = (ns: Namespace, key: string): void => {
    const v = item[key];
    if (typeof v === 'string') refs.push({ ns, id: v, field: [key] });
  };
  const many = (key: string): void => {
    const v = item[key];
    if (Array.isArray(v)) v.forEach((x, j) => typeof x === 'string' && refs.push({ ns: 'items', id: x, field: [key, j] }));
  };
  switch (kind) {
    case 'types':
      one('types', 'parent');
      break;
    case 'entities':
      one('types', 'type');
      many('affiliations');
      break;
    case 'mentions':
      one('items', 'entity');
      break;
    case 'claims': {
      const chain = isObject(item.attribution) ? item.attribution.chain : undefined;
      if (Array.isArray(chain))
        chain.forEach((l, j) => {
          if (isObject(l) && typeof l.entity === 'string') refs.push({ ns: 'items', id: l.entity, field: ['attribution', 'chain', j, 'entity'] });
        });
      many('contradicts');
      many('supports');
      break;
    }
    case 'relations':
      one('items', 'subject');
      one('items', 'object');
      break;
  }
  return refs;
}

/** Renames references (a map per namespace), returning a changed copy or the item itself. */
export function renameRefs(kind: Kind, item: unknown, renames: ReadonlyMap<string, string>, ns: Namespace): unknown {
  const refs = refsOf(kind, item).filter((r) => r.ns === ns && renames.has(r.id));
  if (refs.length === 0) return item;
  const copy = structuredClone(item) as JsonObject;
  for (const r of refs) setAt(copy, r.field, renames.get(r.id));
  return copy;
}

export function getAt(v: unknown, path: Path): unknown {
  let cur = v;
  for (const k of path) {
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k];
    else if (isObject(cur) && typeof k === 'string') cur = cur[k];
    else return undefined;
  }
  return cur;
}

function setAt(root: JsonObject, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (isObject(parent) && typeof last === 'string') parent[last] = value;
}
