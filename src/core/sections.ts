// The article's outline for the editor (document symbols): the headline as the root, its sections from the
// article's own headings, and each claim under the section it starts in. Plain data with UTF-16 ranges over the
// normalized text; the adapter turns it into DocumentSymbols.

import { articleIndex } from './articleIndex';
import { chainText, truncate } from './claimTree';
import type { Model } from './resolve';
import { articleBlocks } from './structure';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: 'headline' | 'section' | 'claim';
  /** The whole range, and the part to select (the heading line; the claim itself). */
  range: { start: number; end: number };
  selection: { start: number; end: number };
  children: OutlineNode[];
}

export function articleOutline(text: string, model: Model | undefined): OutlineNode[] {
  const blocks = articleBlocks(text);
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
  const sections: OutlineNode[] = headings.map((h, i) => {
    const next = headings[i + 1];
    const end = Math.max(h.end, trimEnd(text, next ? next.start : text.length));
    return {
      name: text.slice(h.start, h.end),
      detail: 'section',
      kind: 'section',
      range: { start: h.start, end },
      selection: { start: h.start, end: h.end },
      children: claimNodes(h.start, end),
    };
  });
  if (!headline) return sections;
  const firstSection = sections[0]?.range.start ?? text.length;
  return [
    {
      name: text.slice(headline.start, headline.end),
      detail: 'headline',
      kind: 'headline',
      range: { start: headline.start, end: trimEnd(text, text.length) },
      selection: { start: headline.start, end: headline.end },
      children: [...claimNodes(headline.start, firstSection), ...sections],
    },
  ];
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--;
  return e;
}
