// The checks of a parsed annotation file that a JSON Schema cannot express: unique ids and their namespaces,
// references that resolve (to this file or its registry), ids shadowing the registry's, invisible controls in
// names, and the conflicts a merge left. Every problem is located at its JSON path (json.ts: Located).

import type { Located } from './json';
import { show } from './json';
import type { AnnotationFile, ClaimDef, EntityDef, MentionDef, RelationDef, Selector } from './model';
import type { ExternalIds } from './parse';
import { isObject, ITEM_ARRAYS, singular, type ItemArray, type ProblemList } from './problemList';
import { setSourceIndex, sourceIndex } from './source';

/** Ids that would collide with `Object.prototype` members in code that indexes plain objects by id. */
const RESERVED_IDS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function checkSemantics(file: AnnotationFile, located: Located, problems: ProblemList, external: ExternalIds | undefined): void {
  const at = (name: ItemArray, item: object, i: number, ...rest: (string | number)[]): (string | number)[] => [name, sourceIndex(item, i), ...rest];

  // Ids: types have their own namespace; entities, mentions, claims and relations share one, so a card,
  // an outline node or a link can name any of them without saying which kind it is.
  const typeIds = new Set<string>();
  file.types = keepPlaces(file.types, (t, i) => keepId(t.id, typeIds, 'types', t, i));
  const itemKind = new Map<string, ItemArray>();
  const itemIds = new Set<string>();
  for (const name of ['entities', 'mentions', 'claims', 'relations'] as const) {
    const arr = file[name];
    if (!arr) continue;
    (file as Record<string, unknown>)[name] = keepPlaces(arr as { id: string }[], (item, i) => {
      const ok = keepId(item.id, itemIds, name, item, i);
      if (ok) itemKind.set(item.id, name);
      return ok;
    });
  }

  function keepId(id: string, seen: Set<string>, name: ItemArray, item: object, i: number): boolean {
    const path = at(name, item, i, 'id');
    if (RESERVED_IDS.has(id)) {
      problems.add(
        located.problem('error', 'reserved-id', `id ${show(id)} is reserved (it names a JavaScript object member); ${singular(name)} ignored`, path),
      );
      return false;
    }
    if (seen.has(id)) {
      problems.add(located.problem('error', 'duplicate-id', `duplicate id ${show(id)}; this ${singular(name)} is ignored, the first one is kept`, path));
      return false;
    }
    seen.add(id);
    return true;
  }

  const refKind = (id: string): string => {
    const kind = itemKind.get(id);
    return kind ? ` (it is a ${singular(kind)})` : '';
  };
  const dangling = (path: (string | number)[], what: string, id: string): void => {
    problems.add(located.problem('error', 'dangling-reference', `${what} ${show(id)} does not exist${refKind(id)}`, path));
  };

  // Types: parents exist, no cycles.
  const types = new Map(file.types.map((t) => [t.id, t]));
  const isType = (id: string): boolean => types.has(id) || (external !== undefined && (external.types?.has(id) ?? true));
  file.types.forEach((t, i) => {
    if (t.parent === undefined) return;
    if (!isType(t.parent)) dangling(at('types', t, i, 'parent'), 'parent type', t.parent);
  });
  const reportedCycle = new Set<string>();
  file.types.forEach((t, i) => {
    const seen = new Set<string>([t.id]);
    for (let p = t.parent; p !== undefined; p = types.get(p)?.parent) {
      if (p === t.id) {
        if (![...seen].some((id) => reportedCycle.has(id))) {
          problems.add(located.problem('error', 'cyclic-reference', `type ${show(t.id)} is its own ancestor through \`parent\``, at('types', t, i, 'parent')));
        }
        seen.forEach((id) => reportedCycle.add(id));
        break;
      }
      if (seen.has(p)) break;
      seen.add(p);
    }
  });

  // Entities.
  const entities = new Map(file.entities.map((e) => [e.id, e]));
  const isEntity = (id: string): boolean => entities.has(id) || (external !== undefined && (external.entities?.has(id) ?? true));
  file.entities.forEach((e, i) => {
    if (!isType(e.type))
      problems.add(located.problem('error', 'unknown-type', `type ${show(e.type)} is not declared in \`types\``, at('entities', e, i, 'type')));
    e.affiliations?.forEach((a, j) => {
      if (a === e.id)
        problems.add(located.problem('error', 'self-reference', `${show(e.id)} is affiliated with itself`, at('entities', e, i, 'affiliations', j)));
      else if (!isEntity(a)) dangling(at('entities', e, i, 'affiliations', j), 'affiliated entity', a);
    });
    checkBidi(e, i);
  });
  // Affiliation cycles (A in B in A) are suspicious but can be real (two bodies each part of the other).
  const cycleSeen = new Set<string>();
  file.entities.forEach((e, i) => {
    if (cycleSeen.has(e.id)) return;
    const stack: string[] = [e.id];
    const visited = new Set<string>([e.id]);
    let cycle = false;
    while (stack.length && !cycle) {
      const cur = entities.get(stack.pop() as string);
      for (const a of cur?.affiliations ?? []) {
        if (a === e.id && cur?.id !== e.id) cycle = true;
        else if (!visited.has(a) && entities.has(a)) {
          visited.add(a);
          stack.push(a);
        }
      }
    }
    if (cycle) {
      visited.forEach((id) => cycleSeen.add(id));
      problems.add(
        located.problem(
          'warning',
          'cyclic-reference',
          `${show(e.id)} is, through its affiliations, affiliated with itself`,
          at('entities', e, i, 'affiliations'),
        ),
      );
    }
  });

  function checkBidi(e: EntityDef, i: number): void {
    const fields: [string, string | undefined][] = [
      ['name', e.name],
      ['role', e.role],
      ['description', e.description],
    ];
    e.aliases?.forEach((a, j) => fields.push([`aliases/${j}`, a]));
    for (const [field, v] of fields) {
      if (v !== undefined && BIDI_CONTROL.test(v)) {
        const path = at('entities', e, i, ...field.split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
        problems.add(
          located.problem(
            'warning',
            'bidi-control',
            `${field.split('/')[0]} contains invisible bidirectional control characters that can reorder how it displays`,
            path,
          ),
        );
      }
    }
  }

  // Mentions and claims.
  file.mentions.forEach((m: MentionDef, i) => {
    if (!isEntity(m.entity)) dangling(at('mentions', m, i, 'entity'), 'entity', m.entity);
    checkSelectors(m.selector, at('mentions', m, i, 'selector'));
  });
  const claimIds = new Set(file.claims.map((c) => c.id));
  file.claims.forEach((c: ClaimDef, i) => {
    checkSelectors(c.selector, at('claims', c, i, 'selector'));
    let speakers = 0;
    c.attribution.chain.forEach((link, j) => {
      if (link.entity !== undefined && !isEntity(link.entity)) dangling(at('claims', c, i, 'attribution', 'chain', j, 'entity'), `${link.role}`, link.entity);
      if (link.role === 'speaker') {
        speakers++;
        if (speakers > 1)
          problems.add(
            located.problem(
              'error',
              'multiple-speakers',
              'a claim has one speaker; later links must be outlets or venues',
              at('claims', c, i, 'attribution', 'chain', j, 'role'),
            ),
          );
        else if (j > 0)
          problems.add(
            located.problem(
              'warning',
              'chain-order',
              'the speaker comes first in the chain (order of transmission)',
              at('claims', c, i, 'attribution', 'chain', j),
            ),
          );
      }
    });
    for (const rel of ['contradicts', 'supports'] as const) {
      c[rel]?.forEach((id, j) => {
        const path = at('claims', c, i, rel, j);
        if (id === c.id) problems.add(located.problem('error', 'self-reference', `claim ${show(c.id)} ${rel} itself`, path));
        else if (!claimIds.has(id)) dangling(path, 'claim', id);
      });
    }
    const both = (c.contradicts ?? []).filter((id) => c.supports?.includes(id));
    if (both.length)
      problems.add(
        located.problem(
          'warning',
          'contradictory-relation',
          `claim ${show(c.id)} both supports and contradicts ${show(both[0])}`,
          at('claims', c, i, 'supports'),
        ),
      );
  });
  file.relations?.forEach((r: RelationDef, i) => {
    if (!isEntity(r.subject)) dangling(at('relations', r, i, 'subject'), 'subject', r.subject);
    if (!isEntity(r.object)) dangling(at('relations', r, i, 'object'), 'object', r.object);
    if (r.subject === r.object)
      problems.add(
        located.problem('warning', 'self-reference', `relation ${show(r.id)} relates ${show(r.subject)} to itself`, at('relations', r, i, 'object')),
      );
  });

  function checkSelectors(selectors: Selector[], path: (string | number)[]): void {
    let quotes = 0;
    let positions = 0;
    selectors.forEach((s, j) => {
      if (s.type === 'TextQuoteSelector') {
        if (++quotes > 1)
          problems.add(located.problem('warning', 'duplicate-selector', 'more than one TextQuoteSelector; only the first is used', [...path, j]));
      } else {
        if (++positions > 1)
          problems.add(located.problem('warning', 'duplicate-selector', 'more than one TextPositionSelector; only the first is used', [...path, j]));
        else if (s.start > s.end)
          problems.add(located.problem('error', 'invalid-range', `start ${s.start} is after end ${s.end}; the position is ignored`, [...path, j, 'start']));
        else if (s.start === s.end)
          problems.add(located.problem('error', 'invalid-range', 'empty range (start = end); the position is ignored', [...path, j, 'end']));
      }
    });
  }
}

/**
 * The items `keep` accepts. An item's index in the file text is recorded only where it differs from its place in
 * its array (parse.ts), so an item that a dropped one before it moves has its index recorded now.
 */
function keepPlaces<T extends object>(items: readonly T[], keep: (item: T, i: number) => boolean): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    if (!keep(item, i)) return;
    if (out.length !== i) setSourceIndex(item, sourceIndex(item, i));
    out.push(item);
  });
  return out;
}

/** Entries a merge left (`conflicts`, docs/collaboration.md): each is an error until resolved and removed. */
export function reportConflicts(conflicts: unknown, located: Located, problems: ProblemList): void {
  if (!Array.isArray(conflicts)) return;
  conflicts.forEach((c: unknown, i) => {
    const { kind, item, path, kept } = isObject(c) ? c : {};
    const what = (ITEM_ARRAYS as readonly unknown[]).includes(kind) ? `${singular(kind as ItemArray)} ${show(item)}` : 'the file';
    const where = Array.isArray(path) && path.length ? ` at ${show(path.join('.'))}` : '';
    const side = kept === 'ours' || kept === 'theirs' ? `; the file holds ${kept}` : '';
    problems.add(located.problem('error', 'merge-conflict', `merge conflict on ${what}${where}${side}; resolve it, then delete this entry`, ['conflicts', i]));
  });
}

/** A local id equal to a registry id: legal (the local one wins in this file), but one name for two things. */
export function checkShadowing(file: AnnotationFile, located: Located, problems: ProblemList, external: ExternalIds): void {
  const shadow = (name: ItemArray, item: { id: string }, i: number, registryIds: ReadonlySet<string> | undefined, what: string): void => {
    if (!registryIds?.has(item.id)) return;
    const here = name === 'entities' || name === 'types' ? "this file's own is used here" : 'references to it here mean this item';
    problems.add(
      located.problem(
        'warning',
        'shadowed-id',
        `${singular(name)} ${show(item.id)} shadows the registry's ${what} of the same id: ${here}; rename it, or remove it to use the registry's`,
        [name, sourceIndex(item, i), 'id'],
      ),
    );
  };
  file.types.forEach((t, i) => shadow('types', t, i, external.types, 'type'));
  for (const name of ['entities', 'mentions', 'claims', 'relations'] as const)
    file[name]?.forEach((item, i) => shadow(name, item, i, external.entities, 'entity'));
}
