// Writes a merged document as an edit of ours' text, so the merge commits a small diff: items both sides
// left alone stay byte for byte, a changed item gets jsonc-parser edits of just the changed fields, new
// items are written in the file's own indentation and line endings, and each array keeps its separators.

import { applyEdits, modify, visit, type JSONPath } from 'jsonc-parser/lib/esm/main.js';
import { detectFormat, type FileFormat, type TextReplacement } from '../edit';
import { idOf, KINDS } from './refs';
import { canonical, equal, isObject, parseJson, type JsonObject } from './values';

const LISTS: readonly string[] = [...KINDS, 'conflicts'];

interface Edit {
  path: JSONPath;
  /** `undefined` removes. */
  value: unknown;
}

/** The edits that turn `from` into `to`: objects key by key, anything else replaced whole. */
export function diffEdits(from: unknown, to: unknown, path: JSONPath = []): Edit[] {
  if (equal(from, to)) return [];
  if (!isObject(from) || !isObject(to)) return [{ path, value: to }];
  const edits: Edit[] = [];
  for (const k of Object.keys(from)) if (!Object.hasOwn(to, k)) edits.push({ path: [...path, k], value: undefined });
  for (const k of Object.keys(to)) edits.push(...(Object.hasOwn(from, k) ? diffEdits(from[k], to[k], [...path, k]) : [{ path: [...path, k], value: to[k] }]));
  return edits;
}

function applyAll(text: string, edits: readonly Edit[], format: FileFormat): string {
  let out = text;
  for (const e of edits) out = applyEdits(out, modify(out, e.path, e.value, { formattingOptions: format }));
  return out;
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** The indentation before `offset` when nothing but white space precedes it on its line. */
function ownLine(text: string, offset: number): string | undefined {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

interface Span {
  offset: number;
  length: number;
}

interface Prop extends Span {
  isArray: boolean;
  /** For an array: where each element is. */
  items: Span[];
}

/**
 * Where each top-level value is, and each element of the top-level arrays: all the writer needs, found by
 * one scan that skips the inside of items (a full syntax tree of a large file costs seconds).
 */
function outline(text: string): Map<string, Prop> {
  const props = new Map<string, Prop>();
  let depth = 0;
  let prop: Prop | undefined;
  let itemStart = 0;
  const begin = (offset: number, array: boolean): boolean | void => {
    depth++;
    if (depth === 2 && prop) {
      prop.offset = offset;
      prop.isArray = array;
      if (!array) return false;
    } else if (depth === 3 && prop?.isArray) {
      itemStart = offset;
      return false;
    }
  };
  const end = (offset: number, length: number): void => {
    if (depth === 2 && prop) prop.length = offset + length - prop.offset;
    else if (depth === 3 && prop?.isArray) prop.items.push({ offset: itemStart, length: offset + length - itemStart });
    depth--;
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => begin(offset, false),
      onArrayBegin: (offset) => begin(offset, true),
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty: (key) => {
        if (depth !== 1) return;
        prop = { offset: 0, length: 0, isArray: false, items: [] };
        props.set(key, prop);
      },
      onLiteralValue: (_value, offset, length) => {
        if (depth === 1 && prop) {
          prop.offset = offset;
          prop.length = length;
        } else if (depth === 2 && prop?.isArray) prop.items.push({ offset, length });
      },
    },
    { allowTrailingComma: false, disallowComments: true },
  );
  return props;
}

/**
 * Ours' text with `merged` written into it. Ours must be valid JSON (the caller parsed it); `oursValue`, its
 * value, spares reading it a second time.
 */
export function writeMerged(oursText: string, merged: JsonObject, oursValue?: JsonObject): string {
  const bom = oursText.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = bom ? oursText.slice(1) : oursText;
  const ours = oursValue ?? parseJson(text);
  if (!isObject(ours)) throw new Error('ours is not a JSON object');
  const format = detectFormat(text);
  const unit = format.insertSpaces ? ' '.repeat(format.tabSize) : '\t';

  const replacements: TextReplacement[] = [];
  const later: Edit[] = [];
  const props = outline(text);
  for (const key of props.keys()) if (!Object.hasOwn(merged, key)) later.push({ path: [key], value: undefined });
  for (const [key, value] of Object.entries(merged)) {
    const prop = props.get(key);
    const known = ours[key];
    if (prop && LISTS.includes(key) && prop.isArray && Array.isArray(value) && Array.isArray(known) && known.length === prop.items.length)
      replacements.push(...writeList(text, prop, known, value, format, unit));
    else if (!prop) later.push({ path: [key], value });
    else later.push(...diffEdits(known, value, [key]));
  }
  // One pass over the text: slicing a large file once per replacement was quadratic.
  const pieces: string[] = [];
  let from = 0;
  for (const r of replacements.sort((x, y) => x.offset - y.offset)) {
    pieces.push(text.slice(from, r.offset), r.content);
    from = r.offset + r.length;
  }
  pieces.push(text.slice(from));
  return bom + applyAll(pieces.join(''), later, format);
}

/** One item array: changed items edited in place, or the whole array rebuilt when items come or go. */
function writeList(text: string, node: Prop, values: readonly unknown[], merged: readonly unknown[], format: FileFormat, unit: string): TextReplacement[] {
  const items = node.items;
  const byId = new Map<string, number>();
  values.forEach((v, i) => {
    const id = idOf(v);
    if (id !== undefined && !byId.has(id)) byId.set(id, i);
  });
  const used = new Set<number>();
  const take = (v: unknown): number | undefined => {
    const id = idOf(v);
    const i = id !== undefined ? byId.get(id) : values.findIndex((x, j) => !used.has(j) && idOf(x) === undefined && canonical(x) === canonical(v));
    if (i === undefined || i === -1 || used.has(i)) return undefined;
    used.add(i);
    return i;
  };
  const first = items[0];
  const itemIndent = (first && ownLine(text, first.offset)) ?? lineIndent(text, node.offset) + unit;
  const eolIndented = (s: string): string => s.split('\n').join(format.eol + itemIndent);

  const parts = merged.map((v) => {
    const i = take(v);
    if (i === undefined) return { index: undefined, text: eolIndented(JSON.stringify(v, null, unit)) };
    const n = items[i] as Span;
    const own = text.slice(n.offset, n.offset + n.length);
    if (equal(values[i], v)) return { index: i, text: own };
    const lead = ownLine(text, n.offset) ?? '';
    return { index: i, text: applyAll(lead + own, diffEdits(values[i], v), format).slice(lead.length) };
  });

  const sameShape = parts.length === items.length && parts.every((p, i) => p.index === i);
  if (sameShape)
    return parts.flatMap((p, i) => {
      const n = items[i] as Span;
      return p.text === text.slice(n.offset, n.offset + n.length) ? [] : [{ offset: n.offset, length: n.length, content: p.text }];
    });

  const last = items[items.length - 1];
  const second = items[1];
  const open = first ? text.slice(node.offset + 1, first.offset) : format.eol + itemIndent;
  const close = last ? text.slice(last.offset + last.length, node.offset + node.length - 1) : format.eol + lineIndent(text, node.offset);
  const sep = first && second ? text.slice(first.offset + first.length, second.offset) : `,${open.includes('\n') ? open : ' '}`;
  const content = parts.length === 0 ? '[]' : `[${open}${parts.map((p) => p.text).join(sep)}${close}]`;
  return [{ offset: node.offset, length: node.length, content }];
}
