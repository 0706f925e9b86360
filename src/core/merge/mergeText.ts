// The merge of three annotation file texts (base, ours, theirs), as a git merge driver sees them. Pure:
// the command line reads and writes the files, the editor reads the versions from git.

import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { LineIndex } from '../json';
import type { ConflictDef } from '../model';
import { mergeDocuments } from './merge';
import { equal, isObject, parseJson, type JsonObject } from './values';
import { writeMerged } from './write';

export type TextMergeResult =
  | { ok: true; text: string; conflicts: ConflictDef[]; notes: string[] }
  | {
      ok: false;
      /** Which version cannot be merged by id, and why (with its line:column). */
      side: 'base' | 'ours' | 'theirs';
      message: string;
    };

/** Lines git writes around a conflict (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`, and diff3's `|||||||`). */
const MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/m;

export function hasConflictMarkers(text: string): boolean {
  return MARKER.test(text);
}

type Side = 'base' | 'ours' | 'theirs';
export type Read = { ok: true; value: JsonObject } | { ok: false; side: Side; message: string };

function readSide(text: string, side: Side): Read {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // git hands the driver an empty base when both sides added the file.
  if (side === 'base' && body.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    // Strict JSON, as the file format is; a `__proto__` key is dropped (parse.ts reports it).
    value = parseJson(body);
  } catch {
    return { ok: false, side, message: locatedError(body, side) };
  }
  if (!isObject(value)) return { ok: false, side, message: `${side} is not a JSON object` };
  return { ok: true, value };
}

/** Where the text stops being JSON, found again with the tree parser (which locates errors). */
function locatedError(body: string, side: Side): string {
  const errors: ParseError[] = [];
  parseTree(body, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  const markers = hasConflictMarkers(body) ? ' (it holds git conflict markers)' : '';
  if (!first) return `${side} is not valid JSON${markers}`;
  const { line, column } = new LineIndex(body).position(first.offset);
  return `${side} is not valid JSON at ${line}:${column}: ${printParseErrorCode(first.error)}${markers}`;
}

/** An annotation file's text as a plain JSON object (for edits made on values, then written by write.ts). */
export function readDocument(text: string): Read {
  return readSide(text, 'ours');
}

export function mergeTexts(baseText: string, oursText: string, theirsText: string): TextMergeResult {
  const base = readSide(baseText, 'base');
  const ours = readSide(oursText, 'ours');
  const theirs = readSide(theirsText, 'theirs');
  if (!ours.ok) return ours;
  if (!theirs.ok) return theirs;
  if (!base.ok) return base;
  const outcome = mergeDocuments(base.value, ours.value, theirs.value);
  const text = writeMerged(oursText, outcome.value, ours.value);
  // The writer edits text; what it wrote must read back as exactly the merged value.
  const check = readSide(text, 'ours');
  if (!check.ok || !equal(check.value, outcome.value)) throw new Error('internal error: the merged text does not hold the merged value');
  return { ok: true, text, conflicts: outcome.conflicts, notes: outcome.notes };
}
