// Locations in the annotation file: JSON paths to nodes, nodes to line:column. Shared by parsing and
// by the anchoring problems that resolve.ts reports at an item's selector.

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

/** A parsed file text that can locate JSON paths. */
export class Located {
  readonly lines: LineIndex;
  readonly root: JsonNode | undefined;
  readonly syntaxErrors: ParseError[] = [];
  /** Offset of the first bracket nested deeper than MAX_DEPTH (then nothing is parsed), or -1. */
  readonly tooDeepAt: number;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.tooDeepAt = excessiveDepthAt(text, MAX_DEPTH);
    this.root = this.tooDeepAt === -1 ? parseTree(text, this.syntaxErrors, { allowTrailingComma: false, disallowComments: true }) : undefined;
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

  problem(severity: Severity, code: string, message: string, path: (string | number)[], node?: JsonNode): Problem {
    const at = node ?? this.nodeAt(path);
    const offset = at?.offset ?? 0;
    const { line, column } = this.lines.position(offset);
    return { severity, code, message, path, line, column, offset, length: at?.length ?? 0 };
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
