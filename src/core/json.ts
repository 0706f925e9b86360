// The annotation file's JSON: read natively when it is strict (JSON.parse), located lazily (paths to offsets,
// offsets to line:column), by scanning strict text or through jsonc-parser's tree otherwise. Shared by parsing
// and by the anchoring problems that resolve.ts reports at an item's selector.

import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { Problem, Severity } from './model';
import { lineAt, lineStarts } from './text';

/** Line starts (UTF-16 offsets) of a text, for offset -> 1-based line:column by binary search. */
export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = lineStarts(text);
  }
  position(offset: number): { line: number; column: number } {
    const line = lineAt(this.starts, offset);
    return { line: line + 1, column: offset - (this.starts[line] as number) + 1 };
  }
}

/** Deepest nesting allowed; jsonc-parser recurses per level, so a hostile `[[[[...` must stop here. */
export const MAX_DEPTH = 128;

/** Offset of the first bracket that nests deeper than `max`, or -1. Strings are skipped. */
export function excessiveDepthAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * Texts known to be strict JSON (JSON.parse accepted them), remembered by the parse that found out, so the
 * resolver's Located for the same text need not find out again.
 */
let knownStrict: string | undefined;

/** Records that `text` is strict JSON (called by the parser after JSON.parse accepted it). */
export function markStrictJson(text: string): void {
  knownStrict = text;
}

function isStrictJson(text: string): boolean {
  if (text === knownStrict) return true;
  try {
    JSON.parse(text);
    knownStrict = text;
    return true;
  } catch {
    return false;
  }
}

/**
 * A file text that can locate JSON paths. Nothing is computed until asked: a clean 7 MB file costs nothing here,
 * and a file with problems pays only for the paths it reports. In strict JSON a path is found by scanning the text
 * (the big top-level arrays indexed once); otherwise by jsonc-parser's tree, which also recovers from errors.
 */
export class Located {
  private lineIndex: LineIndex | undefined;
  private tree: { root: JsonNode | undefined; errors: ParseError[]; deep: number } | undefined;
  private paths: PathIndex | null | undefined;

  constructor(readonly text: string) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Offset of the first bracket nested deeper than MAX_DEPTH (then nothing is parsed), or -1. */
  get tooDeepAt(): number {
    return this.parsed().deep;
  }

  get root(): JsonNode | undefined {
    return this.parsed().root;
  }

  get syntaxErrors(): ParseError[] {
    return this.parsed().errors;
  }

  private parsed(): { root: JsonNode | undefined; errors: ParseError[]; deep: number } {
    if (!this.tree) {
      const errors: ParseError[] = [];
      const deep = excessiveDepthAt(this.text, MAX_DEPTH);
      const root = deep === -1 ? parseTree(this.text, errors, { allowTrailingComma: false, disallowComments: true }) : undefined;
      this.tree = { root, errors, deep };
    }
    return this.tree;
  }

  /** The node at `path`, or the deepest ancestor that exists (a missing property points at its object). */
  nodeAt(path: readonly (string | number)[]): JsonNode | undefined {
    if (!this.root) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.root, path.slice(0, n) as (string | number)[]);
      if (node) return node;
    }
    return this.root;
  }

  /** Offset and length of what nodeAt(path) returns, by scanning when the text is strict JSON. */
  spanAt(path: readonly (string | number)[]): { offset: number; length: number } {
    if (this.paths === undefined) this.paths = !this.tree && isStrictJson(this.text) ? new PathIndex(this.text) : null;
    if (this.paths) return this.paths.spanAt(path);
    const at = this.nodeAt(path);
    return { offset: at?.offset ?? 0, length: at?.length ?? 0 };
  }

  problem(severity: Severity, code: string, message: string, path: (string | number)[], node?: JsonNode): Problem {
    const { offset, length } = node ? { offset: node.offset, length: node.length } : this.spanAt(path);
    const { line, column } = this.lines.position(offset);
    return { severity, code, message, path, line, column, offset, length };
  }
}

// ---- strict JSON, read natively ------------------------------------------------------------------

/**
 * The object by JSON.parse, when that is exactly what jsonc-parser's tree would give without a single problem:
 * strict JSON, an object, nesting within MAX_DEPTH, none of `reportedKeys` and no key twice in one object
 * (JSON.parse keeps the last silently; counting keys in the text tells). Marks the text as strict JSON.
 */
export function strictJsonObject(text: string, reportedKeys: ReadonlySet<string>): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  let keys = 0;
  // Colons inside strings (keys and values), so that the text's other colons, one per key, count its keys.
  let quoted = 0;
  const colons = (s: string): void => {
    for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) quoted++;
  };
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x === 'string') colons(x);
        else if (typeof x === 'object' && x !== null) {
          values.push(x as object);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const k in v) {
      keys++;
      if (reportedKeys.has(k)) return undefined;
      colons(k);
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'string') colons(x);
      else if (typeof x === 'object' && x !== null) {
        values.push(x);
        depths.push(depth + 1);
      }
    }
  }
  if (keysInText(text, keys, quoted) > keys) return undefined;
  markStrictJson(text);
  return value as Record<string, unknown>;
}

/** Whether the quote at `q` ends or starts a string (not escaped inside one). */
function isDelimiter(text: string, q: number): boolean {
  let b = q - 1;
  while (text.charCodeAt(b) === 0x5c) b--;
  return (q - 1 - b) % 2 === 0;
}

/**
 * How many object keys strict JSON `text` has, or `floor` when it has no more than `floor` (the distinct keys
 * JSON.parse kept). Every key has one colon after it; the other colons of the text are inside strings, `quoted`
 * of them as JSON.parse decoded the strings. That settles it unless a colon is written as an escape (then the
 * decoded count is too high), when a scan of every string decides.
 */
function keysInText(text: string, floor: number, quoted: number): number {
  if (!/\\u003a/i.test(text)) {
    let all = 0;
    for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) all++;
    if (all - quoted <= floor) return floor;
  }
  let keys = 0;
  for (let i = text.indexOf('"'); i !== -1;) {
    let end = text.indexOf('"', i + 1);
    while (end !== -1 && !isDelimiter(text, end)) end = text.indexOf('"', end + 1);
    if (end === -1) break;
    let j = end + 1;
    while (j < text.length && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d || text.charCodeAt(j) === 0x09)) j++;
    if (text.charCodeAt(j) === 0x3a) keys++;
    i = text.indexOf('"', end + 1);
  }
  return keys;
}

// ---- paths in strict JSON, by scanning -------------------------------------------------------------

const WS = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

function skipWs(t: string, i: number): number {
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 0xfeff || (c < 128 && WS[c])) i++;
    else break;
  }
  return i;
}

/** Index just past the string whose opening quote is at `i`. */
function skipString(t: string, i: number): number {
  for (let j = i + 1; ;) {
    const q = t.indexOf('"', j);
    if (q === -1) return t.length;
    let b = q - 1;
    while (t.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just past the value starting at `i` (strict JSON: no error handling needed). */
function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return skipString(t, i);
  if (c !== 0x7b && c !== 0x5b) {
    let j = i;
    while (j < t.length) {
      const d = t.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || (d < 128 && WS[d])) break;
      j++;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (d === 0x22) j = skipString(t, j) - 1;
    else if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
  }
  return t.length;
}

function keyAt(t: string, i: number, end: number): string {
  const raw = t.slice(i + 1, end - 1);
  return raw.indexOf('\\') === -1 ? raw : (JSON.parse(t.slice(i, end)) as string);
}

/**
 * Spans of JSON paths in a strict JSON text, the same as jsonc-parser's nodes: the first property of a name,
 * the deepest node that exists. The elements of the top-level arrays are indexed once (10,000 claims are
 * reported one by one); everything deeper is scanned within its element.
 */
class PathIndex {
  private readonly root: { start: number; end: number };
  private readonly members = new Map<string, { start: number; end: number; elements?: Int32Array }>();

  constructor(private readonly t: string) {
    const start = skipWs(t, 0);
    this.root = { start, end: skipValue(t, start) };
    if (t.charCodeAt(start) !== 0x7b) return;
    this.forEachMember(start, (key, vs, ve) => {
      if (this.members.has(key)) return;
      this.members.set(key, t.charCodeAt(vs) === 0x5b ? { start: vs, end: ve, elements: this.elements(vs) } : { start: vs, end: ve });
    });
  }

  /** Calls `f` with each member's key and value span until it returns true. */
  private forEachMember(at: number, f: (key: string, start: number, end: number) => boolean | void): void {
    const t = this.t;
    let i = skipWs(t, at + 1);
    while (i < t.length && t.charCodeAt(i) === 0x22) {
      const ke = skipString(t, i);
      const key = keyAt(t, i, ke);
      const vs = skipWs(t, skipWs(t, ke) + 1);
      const ve = skipValue(t, vs);
      if (f(key, vs, ve)) return;
      i = skipWs(t, ve);
      if (t.charCodeAt(i) !== 0x2c) break;
      i = skipWs(t, i + 1);
    }
  }

  /** Start and end of each element of the array at `at`, as pairs. */
  private elements(at: number): Int32Array {
    const t = this.t;
    const out: number[] = [];
    let i = skipWs(t, at + 1);
    while (i < t.length && t.charCodeAt(i) !== 0x5d) {
      const e = skipValue(t, i);
      out.push(i, e);
      i = skipWs(t, e);
      if (t.charCodeAt(i) !== 0x2c) break;
      i = skipWs(t, i + 1);
    }
    return Int32Array.from(out);
  }

  spanAt(path: readonly (string | number)[]): { offset: number; length: number } {
    const t = this.t;
    let node = this.root;
    let k = 0;
    const top = path[0];
    if (typeof top === 'string' && t.charCodeAt(node.start) === 0x7b) {
      const m = this.members.get(top);
      if (m) {
        node = m;
        k = 1;
        const i = path[1];
        if (m.elements && typeof i === 'number') {
          if (i >= 0 && i * 2 < m.elements.length) {
            node = { start: m.elements[i * 2] as number, end: m.elements[i * 2 + 1] as number };
            k = 2;
          } else k = path.length;
        }
      } else k = path.length;
    }
    for (; k < path.length; k++) {
      const seg = path[k] as string | number;
      const c = t.charCodeAt(node.start);
      let next: { start: number; end: number } | undefined;
      if (typeof seg === 'string' && c === 0x7b) {
        this.forEachMember(node.start, (key, vs, ve) => {
          if (key !== seg) return false;
          next = { start: vs, end: ve };
          return true;
        });
      } else if (typeof seg === 'number' && c === 0x5b && seg >= 0) {
        let i = skipWs(t, node.start + 1);
        for (let n = 0; i < node.end && t.charCodeAt(i) !== 0x5d; n++) {
          const e = skipValue(t, i);
          if (n === seg) {
            next = { start: i, end: e };
            break;
          }
          i = skipWs(t, e);
          if (t.charCodeAt(i) !== 0x2c) break;
          i = skipWs(t, i + 1);
        }
      }
      if (!next) break;
      node = next;
    }
    return { offset: node.start, length: node.end - node.start };
  }
}

/** A problem with no file text to locate it in (1:1), e.g. when a model is built from objects. */
export function unlocatedProblem(severity: Severity, code: string, message: string, path: (string | number)[]): Problem {
  return { severity, code, message, path, line: 1, column: 1, offset: 0, length: 0 };
}

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_MESSAGE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Shows a user-supplied value inside a message: quoted, truncated, with control, bidi and line-break
 * characters escaped so a hostile id can neither spoof the terminal nor reorder the message.
 */
export function show(value: unknown, max = 60): string {
  let s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const chars = Array.from(s.length > max * 2 ? s.slice(0, max * 2) : s);
  s = chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
  s = s.replace(UNSAFE_IN_MESSAGE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${s}"`;
}
