// Reading foreign files defensively: size and nesting limits before parsing, every problem located in the
// foreign file (line:column, and the JSON path for JSON formats), and a cap on how many are listed so a
// hostile file with a million bad items cannot flood the output.

import { printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { excessiveDepthAt, Located, LineIndex, MAX_DEPTH, show } from '../json';
import type { Severity } from '../model';
import { ImportError, type ForeignFile, type InteropProblem } from './types';

/** Characters read at most from one foreign file (UTF-16 units). */
export const MAX_FOREIGN_CHARS = 32 * 1024 * 1024;
/** Items (annotations, denotations, standoff lines) taken at most from one foreign file. */
export const MAX_ITEMS = 200_000;
/** Problems listed at most; the rest are counted in one last problem. */
export const MAX_LISTED = 1000;

export class ProblemList {
  private readonly items: InteropProblem[] = [];
  private unlisted = 0;

  add(p: InteropProblem): void {
    if (this.items.length < MAX_LISTED) this.items.push(p);
    else this.unlisted++;
  }

  addAll(ps: readonly InteropProblem[]): void {
    for (const p of ps) this.add(p);
  }

  get errors(): number {
    return this.items.filter((p) => p.severity === 'error').length;
  }

  list(): InteropProblem[] {
    if (this.unlisted === 0) return [...this.items];
    const last = this.items[this.items.length - 1] as InteropProblem;
    return [...this.items, { ...last, severity: 'warning', code: 'too-many-problems', message: `${this.unlisted} more problems not listed` }];
  }
}

/** Refuses a foreign file that is too large to be read safely; the message says so. */
export function checkSize(file: ForeignFile): void {
  if (file.text.length > MAX_FOREIGN_CHARS)
    throw new ImportError(`${file.name}: the file has ${file.text.length} characters; the limit is ${MAX_FOREIGN_CHARS}; nothing was imported`);
}

/** Locates problems in a line-oriented file (brat standoff). */
export class LineFile {
  private readonly lines: LineIndex;
  constructor(readonly file: ForeignFile) {
    this.lines = new LineIndex(file.text);
  }
  /** `offset` is a UTF-16 offset in the file text. */
  problem(severity: Severity, code: string, message: string, offset: number, length = 0): InteropProblem {
    const { line, column } = this.lines.position(offset);
    return { file: this.file.name, severity, code, message, path: [], line, column, offset, length };
  }
}

/** A parsed JSON foreign file: its value, and (built only when a problem needs one) the locations of its paths. */
export class JsonFile {
  private located: Located | undefined;
  private constructor(
    readonly file: ForeignFile,
    readonly value: unknown,
    private readonly text: string,
  ) {}

  /** Parses, or throws an ImportError located at the first syntax error (nothing is imported then). */
  static parse(file: ForeignFile): JsonFile {
    checkSize(file);
    const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
    // Depth first: a value nested deeper than any annotation needs would overflow the stack of whoever walks it.
    const deep = excessiveDepthAt(text, MAX_DEPTH);
    if (deep !== -1) {
      const { line, column } = new LineIndex(text).position(deep);
      throw new ImportError(`${file.name}:${line}:${column}: nesting deeper than ${MAX_DEPTH} levels; nothing was imported`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Only a broken file pays for a second, locating parse.
      const located = new Located(text);
      const err = located.syntaxErrors[0];
      const { line, column } = located.lines.position(err?.offset ?? 0);
      const what = err ? printParseErrorCode(err.error) : 'empty file';
      throw new ImportError(`${file.name}:${line}:${column}: not valid JSON (${text.trim() === '' ? 'empty file' : what}); nothing was imported`);
    }
    return new JsonFile(file, value, text);
  }

  problem(severity: Severity, code: string, message: string, path: (string | number)[]): InteropProblem {
    this.located ??= new Located(this.text);
    return { file: this.file.name, ...this.located.problem(severity, code, message, path) };
  }
}

// ---- reading untrusted JSON values ------------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: JsonObject, key: string): string | undefined {
  const v = Object.hasOwn(o, key) ? o[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A value that is an array, or one element, as an array (W3C allows both for body, target, selector). */
export function many(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A non-negative integer offset, or undefined (strings, fractions and negatives are refused by the caller). */
export function offset(v: Json | undefined): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Copies a foreign object into an `x-…` field, dropping keys that would be refused in an annotation file. */
export function keepable(v: Json): Json {
  if (Array.isArray(v)) return v.map(keepable);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!RESERVED_KEYS.has(k)) out[k] = keepable(x);
  return out;
}

export { show };
