// The shared entity registry: one file per project (by convention `.marginalia/entities.json` at its root) that
// holds the types and entities every article uses, so Alan Chong is defined once for fifty articles. An
// annotation file opts in by naming it (`"registry": "../.marginalia/entities.json"`, relative to the file like
// `article.path`); a file that names none is self-contained, exactly as before.
//
// A registry is an annotation file without an article: its types and entities are checked by the same parser
// (src/core/parse.ts) with the same codes and locations, so a registry entity is never held to other rules than
// a local one.

import { Located, show } from './json';
import type { EntityDef, EntityTypeDef, Problem } from './model';
import { parseAnnotationFile, type ExternalIds } from './parse';

/** Where "Move Entities to the Registry" puts the registry, below the project root. */
export const REGISTRY_SEGMENTS: readonly string[] = ['.marginalia', 'entities.json'];

/** Whether a path (any separators) names a registry by the convention: `entities.json` in a `.marginalia` folder. */
export function isRegistryFile(path: string): boolean {
  return /(^|[\\/])\.marginalia[\\/]entities\.json$/.test(path);
}

export interface Registry {
  types: EntityTypeDef[];
  entities: EntityDef[];
  typeById: ReadonlyMap<string, EntityTypeDef>;
  entityById: ReadonlyMap<string, EntityDef>;
  /** What annotation files naming this registry may refer to. */
  ids: Required<ExternalIds>;
}

export interface RegistryParse {
  /** Undefined when the registry cannot be used (not JSON, mid-edit); its problems say why. */
  registry: Registry | undefined;
  /** The registry file's own problems, located in it. */
  problems: Problem[];
}

/** Top-level keys of an annotation file that a registry ignores: mentions and claims stay with their article. */
const ARTICLE_ONLY = ['article', 'mentions', 'claims', 'relations'] as const;

export function parseRegistry(text: string): RegistryParse {
  const parsed = parseAnnotationFile(text);
  const problems = parsed.problems.filter((p) => !isArticleOnlyRequirement(p));
  const file = parsed.file;
  // Half a registry would turn every reference to the other half into an error in every article: a registry
  // with a syntax error is not used at all (the store keeps the last good one while it is being edited).
  if (!file || problems.some((p) => p.code === 'syntax-error')) return { registry: undefined, problems };
  // The parser fills in the arrays a file must have, so what the registry's text itself holds is read from it.
  const own = topLevelKeys(text);
  let located: Located | undefined;
  for (const key of ARTICLE_ONLY) {
    if (!own.has(key)) continue;
    located ??= new Located(text);
    problems.push(
      located.problem(
        'warning',
        'registry-misplaced',
        `a registry holds types and entities only; \`${key}\` belongs in an annotation file and is ignored here`,
        [key],
      ),
    );
  }
  return { registry: makeRegistry(file.types, file.entities), problems };
}

/** A registry from definitions already checked (tests, migration). */
export function makeRegistry(types: EntityTypeDef[], entities: EntityDef[]): Registry {
  const typeById = new Map(types.map((t) => [t.id, t]));
  const entityById = new Map(entities.map((e) => [e.id, e]));
  return { types, entities, typeById, entityById, ids: { types: new Set(typeById.keys()), entities: new Set(entityById.keys()) } };
}

function topLevelKeys(text: string): Set<string> {
  try {
    const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return new Set(typeof value === 'object' && value !== null ? Object.keys(value) : []);
  } catch {
    return new Set();
  }
}

/** The parser asks every file for an article, mentions and claims; a registry has none of them. */
function isArticleOnlyRequirement(p: Problem): boolean {
  return p.code === 'schema-required' && p.path.length === 0 && /`(article|mentions|claims)`$/.test(p.message);
}

/**
 * The `registry` field of an annotation file, read cheaply before the file is parsed (its references can only
 * be checked once the registry is known): the first `"registry"` key at the top level, found by scanning only as
 * far as it (Marginalia writes it beside `article`, near the top). Undefined when the file names none; a value
 * that is not a string is returned as is, for the parser to report.
 */
export function readRegistryField(text: string): unknown {
  let from = 0;
  for (;;) {
    const at = text.indexOf('"registry"', from);
    if (at === -1) return undefined;
    from = at + 10;
    const value = /^\s*:\s*("(?:[^"\\\n]|\\.)*"|[^,}\s]+)/.exec(text.slice(from, from + 2048));
    if (!value || depthAt(text, at) !== 1) continue;
    try {
      return JSON.parse(value[1] as string) as unknown;
    } catch {
      // An object or array, or a broken value: not a path, which the caller reports.
      return null;
    }
  }
}

/** Nesting depth at `offset` (outside strings), and -1 when `offset` is inside a string. */
function depthAt(text: string, offset: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return inString ? -1 : depth;
}

/** The `registry` value that leads from a file in `fileDir` to the registry at `registry` (both below the root). */
export function relativeRegistryPath(fileDir: readonly string[], registry: readonly string[] = REGISTRY_SEGMENTS): string {
  let common = 0;
  while (common < fileDir.length && common < registry.length - 1 && fileDir[common] === registry[common]) common++;
  return [...fileDir.slice(common).map(() => '..'), ...registry.slice(common)].join('/');
}

/** "registry "…" (Alan Chong)": how a message names a registry entity. */
export function registryName(registry: Registry, id: string): string {
  const e = registry.entityById.get(id);
  return e ? `${show(id)} (${show(e.name).slice(1, -1)})` : show(id);
}
