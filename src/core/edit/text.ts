// The annotation file as text: the one replacement an edit makes, the file's own format (line endings,
// indentation), and reading items by id from the syntax tree of the text itself (not from the parsed model,
// which drops invalid items).

import { findNodeAtLocation, parseTree, type JSONPath, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';

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

// ---- reading the text ------------------------------------------------------------------------------

export const KINDS: readonly ItemKind[] = ['entities', 'mentions', 'claims', 'relations'];

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

export function treeOf(text: string): JsonNode {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object' || errors.length > 0) throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  return root;
}

export function arrayItems(root: JsonNode, kind: string): JsonNode[] {
  const arr = findNodeAtLocation(root, [kind]);
  return arr?.type === 'array' ? (arr.children ?? []) : [];
}

export function stringProp(node: JsonNode, key: string): string | undefined {
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

export function kindOf(text: string, id: string): ItemKind | undefined {
  const root = treeOf(text);
  return KINDS.find((k) => arrayItems(root, k).some((n) => stringProp(n, 'id') === id));
}
