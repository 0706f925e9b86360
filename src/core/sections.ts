// The article's outline for the editor (document symbols): the headline as the root, its sections from the
// article's own headings, nested by level (a Markdown `###` under the `##` before it), and each claim under the
// section it starts in. A Markdown article's headings are its Markdown headings (with their markup hidden), so
// the outline matches the reader; a text article's are the plain-text structure's. Plain data with UTF-16
// ranges over the normalized text; the adapter turns it into DocumentSymbols.

import { readingStructure } from './article/kind';
import { drawnText } from './article/rendered';
import { articleIndex } from './articleIndex';
import { chainText, truncate } from './claimTree';
import type { Model } from './resolve';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: 'headline' | 'section' | 'claim';
  /** The whole range, and the part to select (the heading line; the claim itself). */
  range: { start: number; end: number };
  selection: { start: number; end: number };
  children: OutlineNode[];
}

/** A heading's level where the structure gives none (plain-text headings): all sections side by side. */
const FLAT = 2;

/**
 * The outline of `text`; `articlePath` (the article's file name or path) says its kind, as for the reader
 * (src/core/article/kind.ts), and the structure is the reader's, so an article the reader drew costs nothing.
 */
export function articleOutline(text: string, model: Model | undefined, articlePath = ''): OutlineNode[] {
  const blocks = readingStructure(articlePath, text);
  const headline = blocks.find((b) => b.kind === 'headline');
  const headings = blocks.filter((b) => b.kind === 'heading');
  const claims = model ? articleIndex(model).claims : [];
  const claimNodes = (start: number, end: number): OutlineNode[] =>
    claims
      .filter((c) => c.start >= start && c.start < end)
      .map((c) => {
        const resolved = model?.claimById.get(c.id);
        const name = truncate(resolved?.def.summary ?? text.slice(c.start, c.end), 80) || c.id;
        const span = { start: c.start, end: c.end };
        return { name, detail: resolved ? chainText(resolved) : '', kind: 'claim', range: span, selection: span, children: [] };
      });
  const sections: OutlineNode[] = [];
  const open: { level: number; node: OutlineNode }[] = [];
  headings.forEach((h, i) => {
    const level = h.level ?? FLAT;
    // A section runs to the next heading of its level or above; its own claims, to the next heading of any level.
    const closing = headings.find((g, j) => j > i && (g.level ?? FLAT) <= level);
    const end = Math.max(h.end, trimEnd(text, closing ? lineStart(text, closing.start) : text.length));
    const node: OutlineNode = {
      name: drawnText(text, h),
      detail: 'section',
      kind: 'section',
      range: { start: lineStart(text, h.start), end },
      selection: { start: h.start, end: h.end },
      children: claimNodes(h.start, headings[i + 1]?.start ?? text.length),
    };
    while (open.length > 0 && (open[open.length - 1] as { level: number }).level >= level) open.pop();
    (open[open.length - 1]?.node.children ?? sections).push(node);
    open.push({ level, node });
  });
  if (!headline) return sections;
  const firstSection = sections[0]?.range.start ?? text.length;
  return [
    {
      name: drawnText(text, headline),
      detail: 'headline',
      kind: 'headline',
      range: { start: lineStart(text, headline.start), end: trimEnd(text, text.length) },
      selection: { start: headline.start, end: headline.end },
      children: [...claimNodes(headline.start, firstSection), ...sections],
    },
  ];
}

/** The start of the line `at` is on: a Markdown heading's range takes in its `#`s. */
function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--;
  return e;
}
