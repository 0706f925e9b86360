// Writing the frozen Markdown of an imported page: text escaped so that it reads back as exactly that text,
// inline emphasis and links kept, one block per line. What is written is checked by reading it back with the
// same Markdown parser the reader uses; a block that does not read back as its text is written plain.

import { markdownBlocks } from './markdown';
import { drawnText } from './rendered';

/** Inline content: text, emphasis, strong emphasis or a link (http(s) only), nested. */
export type Inline = string | { kind: 'emphasis' | 'strong'; children: Inline[] } | { kind: 'link'; href: string; children: Inline[] };

export interface PageBlock {
  kind: 'headline' | 'standfirst' | 'heading' | 'paragraph' | 'quote' | 'list-item';
  /** Headings: 2–6. List items: nesting depth from 1. */
  level?: number;
  /** List items: `-` or the item's number. */
  ordered?: number;
  content: Inline[];
}

/** The text of inline content as the reader draws it: white space collapsed. */
export function inlineText(content: readonly Inline[]): string {
  return content
    .map((c) => (typeof c === 'string' ? c : inlineText(c.children)))
    .join('')
    .replace(/\s+/g, ' ');
}

/** Backslash-escapes what Markdown would read as markup inside a line of text. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Escapes what would start a block at the beginning of a line (`# `, `> `, `- `, `1. `, a fence). */
function escapeLineStart(line: string): string {
  return line.replace(/^(#|>|[-+](?=\s|$)|~~~|=)/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** A heading's trailing `#`s would be read as its closing sequence. */
function escapeClosing(text: string): string {
  return text.replace(/(^|[^\\])(#+)$/, (_m, before: string, run: string) => before + run.replace(/#/g, '\\#'));
}

/** Delimiters must touch their content, so surrounding spaces move outside them. */
function wrap(inner: string, open: string, close: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, lead = '', body = '', trail = ''] = m ?? [];
  return body === '' ? inner : `${lead}${open}${body}${close}${trail}`;
}

function linkTarget(href: string): string {
  return href.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function inlineMarkdown(content: readonly Inline[], plain: boolean): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escapeText(c.replace(/\s+/g, ' '));
      const inner = inlineMarkdown(c.children, plain);
      if (plain) return inner;
      if (c.kind === 'link') return inner.trim() === '' ? inner : wrap(inner, '[', `](${linkTarget(c.href)})`);
      return c.kind === 'emphasis' ? wrap(inner, '*', '*') : wrap(inner, '**', '**');
    })
    .join('');
}

function blockLine(block: PageBlock, plain: boolean, widths: number[]): string {
  const text = escapeLineStart(inlineMarkdown(block.content, plain).replace(/\s+/g, ' ').trim());
  switch (block.kind) {
    case 'headline':
      return `# ${escapeClosing(text)}`;
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(2, block.level ?? 2)))} ${escapeClosing(text)}`;
    case 'standfirst':
      return plain ? text : wrap(text, '*', '*');
    case 'quote':
      return `> ${text}`;
    case 'list-item': {
      const depth = Math.max(1, block.level ?? 1);
      // Each level is indented to the content of the item above it.
      const indent = widths.slice(0, depth - 1).reduce((n, width) => n + width, 0);
      const marker = block.ordered !== undefined ? `${block.ordered}.` : '-';
      widths[depth - 1] = marker.length + 1;
      widths.length = depth;
      return `${' '.repeat(indent)}${marker} ${text}`;
    }
    default:
      return text;
  }
}

/** Consecutive list items sit on consecutive lines (one list); every other block is a paragraph of its own. */
function join(lines: readonly string[], blocks: readonly PageBlock[]): string {
  let out = '';
  for (const [i, line] of lines.entries()) {
    if (i > 0) out += blocks[i]?.kind === 'list-item' && blocks[i - 1]?.kind === 'list-item' ? '\n' : '\n\n';
    out += line;
  }
  return out === '' ? '' : out + '\n';
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The Markdown for the blocks; every block reads back (with the reader's parser) as its own text. */
export function writeMarkdown(blocks: readonly PageBlock[]): string {
  const formatted = linesOf(blocks, false);
  const md = join(formatted, blocks);
  const read = markdownBlocks(md);
  if (read.length === blocks.length && read.every((r, i) => squash(drawnText(md, r)) === squash(inlineText((blocks[i] as PageBlock).content)))) return md;
  // Some inline markup did not survive (a delimiter that cannot open next to punctuation, say): those blocks plain.
  const plain = linesOf(blocks, true);
  const safe = blocks.map((b, i) => {
    const line = formatted[i] as string;
    const alone = markdownBlocks(line);
    const first = alone[0];
    return alone.length === 1 && first && squash(drawnText(line, first)) === squash(inlineText(b.content)) ? line : (plain[i] as string);
  });
  return join(safe, blocks);
}

function linesOf(blocks: readonly PageBlock[], plain: boolean): string[] {
  const widths: number[] = [];
  return blocks.map((b) => blockLine(b, plain, widths));
}
