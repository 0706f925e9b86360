// Writing selectors (re-anchoring, accepting relocations, refreshing positions after edits), removing a dangling
// reference, and finding the unannotated occurrences of names in the text.

import { findNodeAtLocation, getNodeValue, type JSONPath } from 'jsonc-parser/lib/esm/main.js';
import type { Selector } from '../model';
import { codePointLength, hashText } from '../text';
import { Draft, singular } from './draft';
import { applyReplacement, arrayItems, detectFormat, EditError, stringProp, treeOf, type EditOutcome, type TextReplacement } from './text';

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
    const length = codePointLength(article);
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
