// The title a new annotation file records: the first line of a text, the front matter's title or the headline of
// a Markdown article (its first heading when it has none), the page's headline for an imported page; the file's
// name when empty.

import type { TextBlock } from '../structure';
import { frontMatter } from './frontMatter';
import { drawnText } from './rendered';

/** Titles are for tabs, pickers and the outline: long first lines are cut at a word. */
const MAX_TITLE = 200;

export function shortTitle(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_TITLE) return t;
  const cut = t.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function textTitle(text: string, fallback: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '');
  return line ? shortTitle(line) : fallback;
}

export function markdownTitle(text: string, blocks: readonly TextBlock[], fallback: string): string {
  const meta = frontMatter(text)?.title;
  if (meta) return shortTitle(meta);
  const block = blocks.find((b) => b.kind === 'headline') ?? blocks.find((b) => b.kind === 'heading') ?? blocks[0];
  const title = block ? shortTitle(drawnText(text, block)) : '';
  return title || fallback;
}
