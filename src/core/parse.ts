// Reading an annotation file: syntax (jsonc-parser, with positions), schema (ajv, compiled from the
// shipped JSON Schema) and semantic checks. One bad item never hides the good ones: an invalid item is
// reported and dropped from `file`; everything else, unknown fields included, is kept.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { getNodePath, parse as parseJsonc, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import schema from '../../media/schema/annotations.schema.json';
import { Located, MAX_DEPTH, show, strictJsonObject } from './json';
import { checkSemantics, checkShadowing, reportConflicts } from './parseChecks';
import { isObject, ITEM_ARRAYS, ProblemList, singular, type ItemArray } from './problemList';
import { setSourceIndex } from './source';
import type { AnnotationFile, Problem } from './model';

export { sourceIndex } from './source';
export { ITEM_ARRAYS, MAX_PROBLEMS, type ItemArray } from './problemList';

export interface ParseResult {
  file: AnnotationFile | undefined;
  problems: Problem[];
}

/** Larger files are refused outright: a reader has no use for them and parsing would stall the host. */
export const MAX_FILE_CHARS = 64 * 1024 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__']);
const SUSPICIOUS_KEYS = new Set(['constructor', 'prototype']);
/** Keys the tree reports (forbidden or suspicious): a file with any of them is read through the tree. */
const TREE_REPORTED_KEYS = new Set([...FORBIDDEN_KEYS, ...SUSPICIOUS_KEYS]);

let validator: ValidateFunction | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(value) ? [] : (validator.errors ?? []);
}

export interface ParseOptions {
  /** Always read through the syntax tree (as every file was before the native fast path); for tests and tools. */
  syntaxTree?: boolean;
}

/**
 * Ids defined outside the file: the shared registry it names (src/core/registry.ts). References may name them,
 * and a local id equal to one is reported as `shadowed-id` (the local definition is the one used). A missing
 * set means the registry could not be read: references it might hold are then not checked at all, since one
 * located `registry-*` problem already says why (a flood of dangling references would hide it).
 */
export interface ExternalIds {
  types?: ReadonlySet<string>;
  entities?: ReadonlySet<string>;
}

export function parseAnnotationFile(text: string, external?: ExternalIds, opts: ParseOptions = {}): ParseResult {
  const problems = new ProblemList();
  if (text.length > MAX_FILE_CHARS) {
    problems.add({
      severity: 'error',
      code: 'too-large',
      message: `file is ${text.length} characters; the limit is ${MAX_FILE_CHARS}`,
      path: [],
      line: 1,
      column: 1,
      offset: 0,
      length: 0,
    });
    return { file: undefined, problems: problems.done() };
  }
  // A BOM is tolerated: replaced by a space so offsets, lines and columns stay those of the editor.
  const located = new Located(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  if (text.trim() === '') {
    problems.add(located.problem('error', 'empty-file', 'the file is empty; expected a JSON object', []));
    return { file: undefined, problems: problems.done() };
  }
  // A clean file (strict JSON, no duplicate or dangerous keys, not too deep) is read natively, with no syntax tree:
  // positions are computed only for the problems reported. Anything else takes the tree, which locates all of it.
  let value = opts.syntaxTree ? undefined : strictJsonObject(located.text, TREE_REPORTED_KEYS);
  if (!value) {
    value = treeValue(located, problems);
    if (!value) return { file: undefined, problems: problems.done() };
  }
  const dropped = new Set<string>(); // "mentions/3"
  const droppedLinks = new Set<string>(); // "entities/2/sameAs/0"

  // ---- schema ----
  const seenItems = new Map<string, number>();
  for (const err of validate(value)) {
    if (err.keyword === 'if' || err.schemaPath.includes('/contains/') || err.schemaPath.includes('/anyOf/')) continue;
    const path = pointerToPath(err.instancePath);
    const top = path[0];
    const isItem = typeof top === 'string' && (ITEM_ARRAYS as readonly string[]).includes(top) && typeof path[1] === 'number';
    if (isItem && top === 'entities' && path[2] === 'sameAs' && typeof path[3] === 'number' && path[4] === 'url' && err.keyword === 'pattern') {
      droppedLinks.add(path.slice(0, 4).join('/'));
      problems.add(located.problem('error', 'unsafe-link', `link ${show(valueAt(value, path))} is not http(s); it is ignored and never opened`, path));
      continue;
    }
    if (isItem) {
      const key = `${top}/${path[1]}`;
      dropped.add(key);
      // A broken item tends to fail many rules at once; three messages locate it well enough.
      const n = (seenItems.get(key) ?? 0) + 1;
      seenItems.set(key, n);
      if (n > 3) continue;
    }
    const message = schemaMessage(err, path) + (isItem ? ` (${singular(top as ItemArray)} ${path[1]} is ignored)` : '');
    problems.add(located.problem('error', `schema-${err.keyword}`, message, path));
  }

  // ---- assemble, dropping invalid items ----
  const file = { ...value } as AnnotationFile;
  if (value.marginalia !== 1) file.marginalia = 1;
  if (!isObject(value.article) || typeof value.article.path !== 'string')
    file.article = { path: '', ...(isObject(value.article) ? value.article : {}) } as AnnotationFile['article'];
  for (const name of ITEM_ARRAYS) {
    const arr = value[name];
    if (!Array.isArray(arr)) {
      if (name !== 'relations') (file as Record<string, unknown>)[name] = [];
      continue;
    }
    const kept: object[] = [];
    arr.forEach((item: unknown, i: number) => {
      if (dropped.has(`${name}/${i}`) || !isObject(item)) return;
      let copy = item;
      if (name === 'entities' && Array.isArray(item.sameAs) && droppedLinks.size) {
        copy = { ...item, sameAs: item.sameAs.filter((_: unknown, j: number) => !droppedLinks.has(`entities/${i}/sameAs/${j}`)) };
      }
      // Recorded only where it differs from the item's place in `file` (consumers fall back to that place):
      // a WeakMap entry per item was a tenth of a clean file's parse.
      if (kept.length !== i) setSourceIndex(copy, i);
      kept.push(copy);
    });
    (file as Record<string, unknown>)[name] = kept;
  }

  checkSemantics(file, located, problems, external);
  if (external) checkShadowing(file, located, problems, external);
  reportConflicts(value.conflicts, located, problems);
  return { file, problems: problems.done() };
}

/** The value through jsonc-parser's tree: every syntax error, key problem and depth excess located; undefined when nothing usable remains. */
function treeValue(located: Located, problems: ProblemList): Record<string, unknown> | undefined {
  const deep = located.tooDeepAt;
  if (deep !== -1) {
    const { line, column } = located.lines.position(deep);
    problems.add({ severity: 'error', code: 'too-deep', message: `nesting deeper than ${MAX_DEPTH} levels`, path: [], line, column, offset: deep, length: 1 });
    return undefined;
  }
  for (const e of located.syntaxErrors.slice(0, 20)) {
    const { line, column } = located.lines.position(e.offset);
    problems.add({
      severity: 'error',
      code: 'syntax-error',
      message: `JSON syntax: ${syntaxMessage(printParseErrorCode(e.error))}`,
      path: [],
      line,
      column,
      offset: e.offset,
      length: Math.max(1, e.length),
    });
  }
  const root = located.root;
  if (!root || root.type !== 'object') {
    if (root || located.syntaxErrors.length === 0) {
      problems.add(located.problem('error', 'not-an-object', `the file must hold a JSON object, not ${root ? articleFor(root.type) : 'nothing'}`, []));
    }
    return undefined;
  }

  return toValue(root, located, problems) as Record<string, unknown>;
}

// ---- helpers -------------------------------------------------------------------------------------

/**
 * Builds the value from the tree. Keys that could reach `Object.prototype` are reported and dropped.
 * Paths are computed only for problems: allocating one per node made large files crawl.
 */
function toValue(node: JsonNode, located: Located, problems: ProblemList): unknown {
  switch (node.type) {
    case 'array': {
      const children = node.children ?? [];
      const arr: unknown[] = new Array(children.length);
      for (let i = 0; i < children.length; i++) arr[i] = toValue(children[i] as JsonNode, located, problems);
      return arr;
    }
    case 'object': {
      const obj: Record<string, unknown> = {};
      let seen: Set<string> | undefined;
      const children = node.children ?? [];
      for (const prop of children) {
        const keyNode = prop.children?.[0];
        const valueNode = prop.children?.[1];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        if (FORBIDDEN_KEYS.has(key)) {
          problems.add(
            located.problem(
              'error',
              'forbidden-key',
              `key ${show(key)} is not allowed (it would change the object's prototype); ignored`,
              getNodePath(valueNode),
              keyNode,
            ),
          );
          continue;
        }
        if (SUSPICIOUS_KEYS.has(key))
          problems.add(located.problem('warning', 'suspicious-key', `key ${show(key)} shadows a JavaScript object member`, getNodePath(valueNode), keyNode));
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          seen ??= new Set();
          if (!seen.has(key))
            problems.add(
              located.problem('warning', 'duplicate-key', `key ${show(key)} appears twice in this object; the last one wins`, getNodePath(valueNode), keyNode),
            );
          seen.add(key);
        }
        // `__proto__` never gets here, so plain assignment always creates an own property.
        obj[key] = toValue(valueNode, located, problems);
      }
      return obj;
    }
    default:
      return node.value;
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const k of path) v = isObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function articleFor(type: string): string {
  return type === 'array' ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
}

function syntaxMessage(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: 'colon expected',
    CommaExpected: 'comma expected',
    CloseBraceExpected: '`}` expected',
    CloseBracketExpected: '`]` expected',
    EndOfFileExpected: 'end of file expected',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

function schemaMessage(err: ErrorObject, path: (string | number)[]): string {
  const last = path[path.length - 1];
  const field = typeof last === 'string' ? `\`${last}\`` : typeof last === 'number' ? `item ${last}` : 'the file';
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return `missing required property \`${String(p.missingProperty)}\``;
    case 'type':
      return `${field} must be ${p.type === 'integer' ? 'an integer' : p.type === 'object' || p.type === 'array' ? `an ${p.type}` : `a ${String(p.type)}`}`;
    case 'const':
      return `${field} must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `${field} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'maxLength':
      return `${field} is longer than ${String(p.limit)} characters`;
    case 'minItems':
      return `${field} needs at least ${String(p.limit)} item(s)`;
    case 'maxItems':
      return `${field} has more than ${String(p.limit)} items`;
    case 'minimum':
      return `${field} must be ≥ ${String(p.limit)}`;
    case 'contains':
      return `${field} needs a TextQuoteSelector (the quote is the truth of where an annotation is)`;
    case 'anyOf':
      return 'a chain link needs an `entity` or a `label`';
    case 'pattern':
      if (last === 'id') return '`id` must not contain white space';
      if (last === 'color') return '`color` must be a hex colour like "#1f77b4"';
      if (last === 'hash') return '`hash` must look like "fnv1a64:" and 16 hex digits';
      return `${field} does not match ${String(p.pattern)}`;
    default:
      return `${field} ${err.message ?? 'is invalid'}`;
  }
}

/**
 * Only `article.path` of an annotation file, read leniently and without validation: discovering which file
 * annotates which article should not cost a full parse of every file in the workspace.
 */
export function readArticlePath(text: string): string | undefined {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (typeof value !== 'object' || value === null) return undefined;
  const article = (value as { article?: unknown }).article;
  const path = typeof article === 'object' && article !== null ? (article as { path?: unknown }).path : undefined;
  return typeof path === 'string' && path !== '' ? path : undefined;
}
