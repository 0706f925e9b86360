// Writes a merged document as an edit of ours' text, so the merge commits a small diff: items both sides
// left alone stay byte for byte, a changed item gets jsonc-parser edits of just the changed fields, new
// items are written in the file's own indentation and line endings, and each array keeps its separators.

import { applyEdits, modify, parseTree, type JSONPath, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { detectFormat, type FileFormat, type TextReplacement } from '../edit';
import { idOf, KINDS } from './refs';
import { canonical, equal, isObject, toValue, type JsonObject } from './values';

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

/** Ours' text with `merged` written into it. Ours must be valid JSON (the caller parsed it). */
export function writeMerged(oursText: string, merged: JsonObject): string {
  const bom = oursText.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = bom ? oursText.slice(1) : oursText;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object' || errors.length) throw new Error('ours is not a JSON object');
  const format = detectFormat(text);
  const unit = format.insertSpaces ? ' '.repeat(format.tabSize) : '\t';

  const replacements: TextReplacement[] = [];
  const later: Edit[] = [];
  const props = new Map<string, JsonNode>();
  for (const p of root.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) props.set(String(k.value), v);
  }
  for (const key of props.keys()) if (!Object.hasOwn(merged, key)) later.push({ path: [key], value: undefined });
  for (const [key, value] of Object.entries(merged)) {
    const node = props.get(key);
    if (node && LISTS.includes(key) && node.type === 'array' && Array.isArray(value)) replacements.push(...writeList(text, node, value, format, unit));
    else if (!node) later.push({ path: [key], value });
    else later.push(...diffEdits(toValue(node), value, [key]));
  }
  let out = text;
  for (const r of replacements.sort((x, y) => y.offset - x.offset)) out = out.slice(0, r.offset) + r.content + out.slice(r.offset + r.length);
  return bom + applyAll(out, later, format);
}

/** One item array: changed items edited in place, or the whole array rebuilt when items come or go. */
function writeList(text: string, node: JsonNode, merged: readonly unknown[], format: FileFormat, unit: string): TextReplacement[] {
  const items = node.children ?? [];
  const values = items.map(toValue);
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
    const n = items[i] as JsonNode;
    const own = text.slice(n.offset, n.offset + n.length);
    if (equal(values[i], v)) return { index: i, text: own };
    const lead = ownLine(text, n.offset) ?? '';
    return { index: i, text: applyAll(lead + own, diffEdits(values[i], v), format).slice(lead.length) };
  });

  const sameShape = parts.length === items.length && parts.every((p, i) => p.index === i);
  if (sameShape)
    return parts.flatMap((p, i) => {
      const n = items[i] as JsonNode;
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
