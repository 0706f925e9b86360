// Editing an annotation file as text: every action is a set of jsonc-parser `modify` edits, so formatting,
// key order, unknown fields and line endings survive, and the result is checked by parsing it again (an
// edit may fix problems, never add any). The caller applies the one minimal replacement this returns.
// Items are found by id in the text itself, not in the parsed model (which drops invalid items).

import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  type Edit,
  type JSONPath,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser/lib/esm/main.js';
import type { ChainLinkDef, ClaimDef, EntityDef, EntityTypeDef, MentionDef, Problem, Selector } from './model';
import { parseAnnotationFile } from './parse';
import { hashText, OffsetMap } from './text';

export type ItemKind = 'entities' | 'mentions' | 'claims' | 'relations';

/** One replacement in the file text, UTF-16 offsets: what a WorkspaceEdit or a file write applies. */
export interface TextReplacement {
  offset: number;
  length: number;
  content: string;
}

export interface EditOutcome {
  /** The whole new file text. */
  text: string;
  /** The single minimal replacement that turns the old text into `text` (empty when nothing changed). */
  replacement: TextReplacement | undefined;
  /** Ids created by the action, in order. */
  created: string[];
}

/** An action that cannot be done on this text; the message is for the user, and nothing was changed. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

export interface FileFormat {
  eol: '\n' | '\r\n';
  insertSpaces: boolean;
  tabSize: number;
}

/** The file's own line ending and indentation, so inserted text looks like the rest (CRLF stays CRLF). */
export function detectFormat(text: string): FileFormat {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  const eol = crlf > lf ? '\r\n' : '\n';
  const m = /\n([ \t]+)["{[\]}]/.exec(text);
  const indent = m?.[1];
  if (indent?.startsWith('\t')) return { eol, insertSpaces: false, tabSize: 1 };
  return { eol, insertSpaces: true, tabSize: indent ? Math.min(8, indent.length) : 2 };
}

/** The one replacement between two texts: common prefix and suffix kept, the middle replaced. */
export function minimalReplacement(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Never split a surrogate pair or a CRLF at the edges.
  if (p > 0 && p < max && isLowSurrogateOrLf(before.charCodeAt(p))) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && s < max - p && isLowSurrogateOrLf(before.charCodeAt(before.length - s))) s--;
  return { offset: p, length: before.length - p - s, content: after.slice(p, after.length - s) };
}

function isLowSurrogateOrLf(c: number): boolean {
  return (c >= 0xdc00 && c <= 0xdfff) || c === 0x0a;
}

export function applyReplacement(text: string, r: TextReplacement | undefined): string {
  return r ? text.slice(0, r.offset) + r.content + text.slice(r.offset + r.length) : text;
}

// ---- ids -------------------------------------------------------------------------------------------

/** A readable slug: lower case, accents dropped, anything else a single `-`; at most `max` characters. */
export function slug(text: string, max = 40): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(s).slice(0, max).join('').replace(/-+$/, '');
}

/** `base` itself if free, else `base-2`, `base-3`, … Stable: the same inputs give the same id. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const b = base || 'item';
  if (!taken.has(b)) return b;
  for (let n = 2; ; n++) if (!taken.has(`${b}-${n}`)) return `${b}-${n}`;
}

/** Next mention id for an entity, following the file's `m-<entity>-<n>` convention. */
export function mentionId(entityId: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`m-${entityId}-${n}`)) return `m-${entityId}-${n}`;
}

export function claimId(speakerId: string | undefined, words: string, taken: ReadonlySet<string>): string {
  const w = slug(words.split(/\s+/).slice(0, 5).join(' '), 30);
  return uniqueId(['c', speakerId, w].filter((x) => x).join('-'), taken);
}

// ---- reading the text ------------------------------------------------------------------------------

const KINDS: readonly ItemKind[] = ['entities', 'mentions', 'claims', 'relations'];

/** Every id in the shared namespace (entities, mentions, claims, relations), as the text has them. */
export function idsIn(text: string): Set<string> {
  const root = treeOf(text);
  const ids = new Set<string>();
  for (const kind of KINDS)
    for (const item of arrayItems(root, kind)) {
      const id = stringProp(item, 'id');
      if (id !== undefined) ids.add(id);
    }
  return ids;
}

function treeOf(text: string): JsonNode {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object' || errors.length > 0) throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  return root;
}

function arrayItems(root: JsonNode, kind: string): JsonNode[] {
  const arr = findNodeAtLocation(root, [kind]);
  return arr?.type === 'array' ? (arr.children ?? []) : [];
}

function stringProp(node: JsonNode, key: string): string | undefined {
  if (node.type !== 'object') return undefined;
  const v = findNodeAtLocation(node, [key]);
  return v?.type === 'string' ? (v.value as string) : undefined;
}

/** A place that names an id. */
export interface Reference {
  path: JSONPath;
  /** What holds the reference. */
  what: 'mention' | 'affiliation' | 'chain' | 'relation' | 'contradicts' | 'supports' | 'parent';
  /** Id of the item holding it. */
  owner: string;
}

/** Everything in the text that points at `id` (not counting the item's own definition). */
export function referencesTo(text: string, id: string): Reference[] {
  const root = treeOf(text);
  const refs: Reference[] = [];
  const each = (kind: ItemKind, fn: (item: JsonNode, i: number, owner: string) => void): void =>
    arrayItems(root, kind).forEach((item, i) => fn(item, i, stringProp(item, 'id') ?? `#${i}`));
  each('mentions', (m, i, owner) => {
    if (stringProp(m, 'entity') === id) refs.push({ path: ['mentions', i, 'entity'], what: 'mention', owner });
  });
  each('entities', (e, i, owner) => {
    const aff = findNodeAtLocation(e, ['affiliations']);
    aff?.children?.forEach((a, j) => {
      if (a.value === id) refs.push({ path: ['entities', i, 'affiliations', j], what: 'affiliation', owner });
    });
  });
  each('claims', (c, i, owner) => {
    findNodeAtLocation(c, ['attribution', 'chain'])?.children?.forEach((l, j) => {
      if (stringProp(l, 'entity') === id) refs.push({ path: ['claims', i, 'attribution', 'chain', j, 'entity'], what: 'chain', owner });
    });
    for (const rel of ['contradicts', 'supports'] as const) {
      findNodeAtLocation(c, [rel])?.children?.forEach((x, j) => {
        if (x.value === id) refs.push({ path: ['claims', i, rel, j], what: rel, owner });
      });
    }
  });
  each('relations', (r, i, owner) => {
    for (const end of ['subject', 'object'] as const) if (stringProp(r, end) === id) refs.push({ path: ['relations', i, end], what: 'relation', owner });
  });
  return refs;
}

// ---- the draft: a text and the modify calls on it ----------------------------------------------------

class Draft {
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

function singular(kind: string): string {
  return kind === 'entities' ? 'entity' : kind.replace(/s$/, '');
}

/** Errors by code; an edit must not raise the count of any code. */
function errorCounts(problems: Problem[]): Map<string, Problem[]> {
  const m = new Map<string, Problem[]>();
  for (const p of problems) if (p.severity === 'error') m.set(p.code, [...(m.get(p.code) ?? []), p]);
  return m;
}

/** Refuses a result that has an error of some kind more often than the original had. */
export function validate(before: string, after: string): void {
  const old = errorCounts(parseAnnotationFile(before).problems);
  const now = errorCounts(parseAnnotationFile(after).problems);
  for (const [code, list] of now) {
    if (list.length > (old.get(code)?.length ?? 0)) {
      const p = list[list.length - 1] as Problem;
      throw new EditError(`the change would make the file invalid (${p.message}); nothing was changed`);
    }
  }
}

// ---- actions -------------------------------------------------------------------------------------------

/** Drops undefined fields and empty optional arrays, so nothing `undefined` reaches the file. */
function clean<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0 && k !== 'chain' && k !== 'selector')) continue;
    if (typeof v === 'string' && v === '' && k !== 'prefix' && k !== 'suffix' && k !== 'exact') continue;
    out[k] = v;
  }
  return out as T;
}

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

function dedupe(paths: JSONPath[]): JSONPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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

export function kindOf(text: string, id: string): ItemKind | undefined {
  const root = treeOf(text);
  return KINDS.find((k) => arrayItems(root, k).some((n) => stringProp(n, 'id') === id));
}

export interface SelectorUpdate {
  kind: 'mentions' | 'claims';
  id: string;
  selector: Selector[];
}

/**
 * Writes new selectors for mentions and claims in one outcome; with `article`, also records the text they
 * now match (hash and length), so the next load knows the positions are current.
 */
export function setSelectors(text: string, updates: SelectorUpdate[], article?: string): EditOutcome {
  // One parse for all updates: each selector array is replaced in place, indented like the line it starts on
  // (what `modify` would write), so accepting hundreds of relocations stays linear in the file.
  const format = detectFormat(text);
  const unit = format.insertSpaces ? ' '.repeat(format.tabSize) : '\t';
  const root = treeOf(text);
  const replacements: TextReplacement[] = [];
  for (const u of updates) {
    const item = arrayItems(root, u.kind).find((n) => stringProp(n, 'id') === u.id);
    if (!item) throw new EditError(`no ${singular(u.kind)} with id "${u.id}" in the file (it may have changed meanwhile)`);
    const node = findNodeAtLocation(item, ['selector']);
    if (!node) throw new EditError(`${singular(u.kind)} "${u.id}" has no selector to replace`);
    if (JSON.stringify(getNodeValue(node)) === JSON.stringify(u.selector)) continue;
    const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, node.offset))?.[0] ?? '';
    replacements.push({
      offset: node.offset,
      length: node.length,
      content: JSON.stringify(u.selector, null, unit)
        .split('\n')
        .join(format.eol + indent),
    });
  }
  let next = text;
  for (const r of replacements.sort((x, y) => y.offset - x.offset)) next = applyReplacement(next, r);
  const d = new Draft(text, next);
  if (article !== undefined) {
    const hash = hashText(article);
    const length = new OffsetMap(article).codePointLength;
    if (d.value(['article', 'hash']) !== hash) d.set(['article', 'hash'], hash);
    if (d.value(['article', 'length']) !== length) d.set(['article', 'length'], length);
  }
  return d.done();
}

/**
 * Removes a dangling reference at `path` (as a problem reports it): an array element (affiliation,
 * contradicts, supports), or the whole item when the reference is what it is about (a mention's entity,
 * a relation's end).
 */
export function removeReference(text: string, path: JSONPath): EditOutcome {
  const d = new Draft(text);
  const [top, index, key] = path;
  if (!findNodeAtLocation(d.root, path)) throw new EditError('the reference is no longer there');
  if ((top === 'mentions' && key === 'entity') || (top === 'relations' && (key === 'subject' || key === 'object'))) d.remove([top, index as number]);
  else if (typeof path[path.length - 1] === 'number') d.remove(path);
  else throw new EditError('this reference cannot be removed on its own; create the missing item instead');
  return d.done();
}

// ---- finding occurrences ------------------------------------------------------------------------------

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

/**
 * Every whole-word occurrence of any of `names` in `text` (UTF-16 ranges), longest name first so "Xi
 * Jinping" wins over "Xi", skipping ranges that overlap `taken` (existing mentions).
 */
export function findOccurrences(
  text: string,
  names: readonly string[],
  taken: readonly { start: number; end: number }[] = [],
): { start: number; end: number }[] {
  const occupied = [...taken];
  const found: { start: number; end: number }[] = [];
  const sorted = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  for (const name of sorted) {
    for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
      const end = i + name.length;
      if (isWordChar(text[i - 1]) && isWordChar(name[0])) continue;
      if (isWordChar(text[end]) && isWordChar(name[name.length - 1])) continue;
      if (occupied.some((r) => r.start < end && i < r.end)) continue;
      const range = { start: i, end };
      occupied.push(range);
      found.push(range);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
