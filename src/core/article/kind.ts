// Which kind of article a file is, by its name, and the structure the reader draws for each kind.

import { articleBlocks, type TextBlock } from '../structure';
import { markdownBlocks } from './markdown';

/** `text`: plain text, one paragraph a line. `markdown`: CommonMark. `page`: a saved web page, imported once into Markdown. */
export type ArticleKind = 'text' | 'markdown' | 'page';

const KINDS: Record<string, ArticleKind> = { txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'page', htm: 'page' };

/** The kind of the file by its extension (case-insensitive), undefined for anything else. */
export function articleKindOf(fileName: string): ArticleKind | undefined {
  const m = /\.([A-Za-z]+)$/.exec(fileName);
  const ext = m?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(KINDS, ext) ? KINDS[ext] : undefined;
}

/** The name without its last extension: `story.md` → `story`. */
export function baseName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const name = fileName.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The blocks the reader draws for an article of this kind (a page is read through its Markdown). */
export function structureOf(kind: ArticleKind, text: string): TextBlock[] {
  return kind === 'text' ? articleBlocks(text) : markdownBlocks(text);
}

/** Recent structures by text: the reader's payload is rebuilt on every annotation edit, the article rarely changes. */
const recent = new Map<string, TextBlock[]>();
const RECENT = 4;

/**
 * The blocks of the article an annotation file names, by the kind its path says (a Markdown article is drawn
 * from its Markdown; anything else as plain text). Remembered for the last few texts: parsing a 1 MB Markdown
 * article takes most of a second, and the same text comes back with every edit of its annotations.
 */
export function readingStructure(articlePath: string, text: string): TextBlock[] {
  if (articleKindOf(articlePath) !== 'markdown') return articleBlocks(text);
  return recent.get(text) ?? rememberStructure(text, markdownBlocks(text));
}

/**
 * Whether `readingStructure` would have to parse: a Markdown article whose text is not among the recent ones.
 * The extension then parses it on a worker thread first (src/vscode/article/structures.ts), so that the extension
 * host's own thread never spends that second.
 */
export function structureIsSlow(articlePath: string, text: string): boolean {
  return articleKindOf(articlePath) === 'markdown' && !recent.has(text);
}

/** Keeps `blocks` as the structure of the Markdown `text` (parsed elsewhere, by `markdownBlocks`); returns them. */
export function rememberStructure(text: string, blocks: TextBlock[]): TextBlock[] {
  recent.delete(text);
  recent.set(text, blocks);
  const oldest = recent.keys().next();
  if (recent.size > RECENT && !oldest.done) recent.delete(oldest.value);
  return blocks;
}
