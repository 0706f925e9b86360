// Appending whole batches of items in one edit (an import of thousands of annotations): one insertion per
// array instead of one `modify` per item, so the cost stays linear in the file.

import { applyEdits, findNodeAtLocation, modify } from 'jsonc-parser/lib/esm/main.js';
import { validate } from './draft';
import { applyReplacement, detectFormat, EditError, minimalReplacement, treeOf, type EditOutcome, type ItemKind, type TextReplacement } from './text';

/** Items to append, per top-level array, in order. */
export type ItemBatch = Partial<Record<'types' | ItemKind, readonly object[]>>;

/**
 * Appends whole batches of items in one outcome (an import of thousands of annotations): one insertion per
 * array, indented like the array's own items, with the file's line ends; a missing array is created. The
 * result is validated like every edit.
 */
export function appendItems(text: string, batch: ItemBatch): EditOutcome {
  const format = detectFormat(text);
  const unit = format.insertSpaces ? ' '.repeat(format.tabSize) : '\t';
  const root = treeOf(text);
  const replacements: TextReplacement[] = [];
  const missing: [string, readonly object[]][] = [];
  const created: string[] = [];
  for (const [kind, items] of Object.entries(batch) as [string, readonly object[]][]) {
    if (!items.length) continue;
    for (const item of items) if ('id' in item && typeof item.id === 'string' && kind !== 'types') created.push(item.id);
    const arr = findNodeAtLocation(root, [kind]);
    if (!arr) {
      missing.push([kind, items]);
      continue;
    }
    if (arr.type !== 'array') throw new EditError(`\`${kind}\` is not an array in this file`);
    const lineStart = text.lastIndexOf('\n', arr.offset - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, arr.offset))?.[0] ?? '';
    const children = arr.children ?? [];
    const last = children[children.length - 1];
    const childStart = children[0] ? text.lastIndexOf('\n', children[0].offset - 1) + 1 : -1;
    const itemIndent = children[0] ? (/^[ \t]*/.exec(text.slice(childStart, children[0].offset))?.[0] ?? indent + unit) : indent + unit;
    const serialized = items.map((item) =>
      JSON.stringify(item, null, unit)
        .split('\n')
        .join(format.eol + itemIndent),
    );
    if (last) {
      const at = last.offset + last.length;
      replacements.push({ offset: at, length: 0, content: serialized.map((s) => `,${format.eol}${itemIndent}${s}`).join('') });
    } else {
      const content = `[${format.eol}${itemIndent}${serialized.join(`,${format.eol}${itemIndent}`)}${format.eol}${indent}]`;
      replacements.push({ offset: arr.offset, length: arr.length, content });
    }
  }
  let next = text;
  for (const r of replacements.sort((x, y) => y.offset - x.offset)) next = applyReplacement(next, r);
  for (const [kind, items] of missing) next = applyEdits(next, modify(next, [kind], items, { formattingOptions: format }));
  validate(text, next);
  return { text: next, replacement: minimalReplacement(text, next), created };
}
