// A draft of an edit: the file text and the jsonc-parser `modify` calls on it, so formatting, key order, unknown
// fields and line endings survive; `done()` checks the result by parsing it again (an edit may fix problems,
// never add any) and returns the one minimal replacement.

import { applyEdits, findNodeAtLocation, getNodeValue, modify, type Edit, type JSONPath, type Node as JsonNode } from 'jsonc-parser/lib/esm/main.js';
import type { Problem } from '../model';
import { parseAnnotationFile, type ExternalIds } from '../parse';
import { readRegistryField } from '../registry';
import { arrayItems, detectFormat, EditError, minimalReplacement, stringProp, treeOf, type EditOutcome, type FileFormat, type ItemKind } from './text';

export class Draft {
  readonly format: FileFormat;
  readonly created: string[] = [];
  constructor(
    readonly original: string,
    public text = original,
  ) {
    this.format = detectFormat(original);
    treeOf(original);
  }

  get root(): JsonNode {
    return treeOf(this.text);
  }

  private apply(path: JSONPath, value: unknown, isArrayInsertion = false): void {
    const edits: Edit[] = modify(this.text, path, value, { formattingOptions: this.format, isArrayInsertion });
    this.text = applyEdits(this.text, edits);
  }

  set(path: JSONPath, value: unknown): void {
    if (value === undefined) throw new Error('use remove() to delete');
    this.apply(path, value);
  }

  remove(path: JSONPath): void {
    if (findNodeAtLocation(this.root, path)) this.apply(path, undefined);
  }

  /** Appends to a top-level item array, creating the array when the file has none. */
  append(kind: ItemKind | 'types', value: object): void {
    const arr = findNodeAtLocation(this.root, [kind]);
    if (!arr) this.apply([kind], [value]);
    else if (arr.type !== 'array') throw new EditError(`\`${kind}\` is not an array in this file`);
    else this.apply([kind, arr.children?.length ?? 0], value, true);
  }

  /** Index of the item with `id` in the text's `kind` array. */
  indexOf(kind: ItemKind, id: string): number {
    const i = arrayItems(this.root, kind).findIndex((n) => stringProp(n, 'id') === id);
    if (i === -1) throw new EditError(`no ${singular(kind)} with id "${id}" in the file (it may have changed meanwhile)`);
    return i;
  }

  value(path: JSONPath): unknown {
    const n = findNodeAtLocation(this.root, path);
    return n ? getNodeValue(n) : undefined;
  }

  /** Removes several paths; array elements from the highest index down so the others stay valid. */
  removeAll(paths: JSONPath[]): void {
    const sorted = [...paths].sort((a, b) => comparePathsDesc(a, b));
    for (const p of sorted) this.remove(p);
  }

  done(): EditOutcome {
    validate(this.original, this.text);
    return { text: this.text, replacement: minimalReplacement(this.original, this.text), created: this.created };
  }
}

function comparePathsDesc(a: JSONPath, b: JSONPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y).localeCompare(String(x));
  }
  return b.length - a.length;
}

export function singular(kind: string): string {
  return kind === 'entities' ? 'entity' : kind.replace(/s$/, '');
}

/** Errors by code; an edit must not raise the count of any code. */
function errorCounts(problems: Problem[]): Map<string, Problem[]> {
  const m = new Map<string, Problem[]>();
  for (const p of problems) if (p.severity === 'error') m.set(p.code, [...(m.get(p.code) ?? []), p]);
  return m;
}

let registryIds: ExternalIds | undefined;

/**
 * Runs `fn` (an edit, synchronous) with the ids of the registry the edited file names, so references to them are
 * checked like local ones. Without it, an edit of a file that names a registry leaves unchecked the references the
 * registry could satisfy (the file's own diagnostics, which know the registry, still report them).
 */
export function withRegistryIds<T>(ids: ExternalIds | undefined, fn: () => T): T {
  const previous = registryIds;
  registryIds = ids;
  try {
    return fn();
  } finally {
    registryIds = previous;
  }
}

/** Refuses a result that has an error of some kind more often than the original had. */
export function validate(before: string, after: string): void {
  const external = readRegistryField(before) !== undefined || readRegistryField(after) !== undefined ? (registryIds ?? {}) : undefined;
  const old = errorCounts(parseAnnotationFile(before, external).problems);
  const now = errorCounts(parseAnnotationFile(after, external).problems);
  for (const [code, list] of now) {
    if (list.length > (old.get(code)?.length ?? 0)) {
      const p = list[list.length - 1] as Problem;
      throw new EditError(`the change would make the file invalid (${p.message}); nothing was changed`);
    }
  }
}

/** Drops undefined fields and empty optional arrays, so nothing `undefined` reaches the file. */
export function clean<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0 && k !== 'chain' && k !== 'selector')) continue;
    if (typeof v === 'string' && v === '' && k !== 'prefix' && k !== 'suffix' && k !== 'exact') continue;
    out[k] = v;
  }
  return out as T;
}

export function dedupe(paths: JSONPath[]): JSONPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
