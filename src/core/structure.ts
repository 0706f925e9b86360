// The article's own structure, recovered from plain text: headline, standfirst, section headings, paragraphs,
// publisher boilerplate and the source line. Offsets are UTF-16 indices into the normalized text.

export type BlockKind = 'headline' | 'standfirst' | 'heading' | 'paragraph' | 'boilerplate' | 'sources' | 'list-item' | 'quote' | 'code';

/** Inline formatting inside a block (Markdown articles): a range of source text drawn as emphasis, a link, … */
export interface InlineMark {
  kind: 'emphasis' | 'strong' | 'link' | 'code' | 'delete';
  /** UTF-16 offsets into the normalized text; the range includes only the visible content, never the markup. */
  start: number;
  end: number;
  /** Links: the URL as written. Shown as a tooltip and opened only on click, and only when it is http(s). */
  href?: string;
}

/** Source text shown as something else: a character reference (`&amp;` → `&`) or an escape (`\*` → `*`). */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * A block of the article. Offsets are UTF-16 indices into the normalized article text, which for a Markdown
 * article is the Markdown *source*: anchors count over the same text the editor shows. The reader draws
 * `[start, end)` minus the `hidden` ranges (markup such as `## `, `**`, `[`, `](url)`), with `replace`
 * applied, so every drawn character still sits at its source offset.
 */
export interface TextBlock {
  kind: BlockKind;
  start: number;
  end: number;
  /** Heading level (1–6) or list nesting depth (1 = top level). */
  level?: number;
  /** List items: the marker to draw (`•`, `1.`), which is not article text. */
  marker?: string;
  /** Markup inside [start, end) that the reader does not draw; sorted, non-overlapping. */
  hidden?: [number, number][];
  replace?: Replacement[];
  marks?: InlineMark[];
}

/** Publisher lines that are not part of the story: shown de-emphasized, never deleted. */
const BOILERPLATE = [
  /is not responsible for the content of external (sites|links)/i,
  /^(advertisement|read more|related:|subscribe\b|sign up\b|click here\b)/i,
  /all rights reserved/i,
];

const SOURCES = /^(sources?|source line|credits?)\s*:/i;

/** A publisher line (boilerplate or the source line), by its words alone; shared with structured (Markdown) articles. */
export function publisherKind(line: string): 'boilerplate' | 'sources' | undefined {
  if (SOURCES.test(line)) return 'sources';
  if (BOILERPLATE.some((r) => r.test(line))) return 'boilerplate';
  return undefined;
}

/** A short line with no sentence-ending punctuation reads as a heading. */
function looksLikeHeading(line: string): boolean {
  return line.length > 0 && line.length <= 60 && !/[.!?:;,"”’)]$/.test(line) && !/[.!?]\s/.test(line);
}

/**
 * Splits the text into blocks at line breaks (one block per non-empty line: articles put each paragraph on
 * its own line). The first block is the headline; a single short sentence right after it is the standfirst.
 */
export function articleBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    // Trim surrounding whitespace without losing the offsets.
    let s = pos;
    let e = nl;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) {
      const line = text.slice(s, e);
      let kind: BlockKind;
      if (blocks.length === 0) kind = 'headline';
      else if (SOURCES.test(line)) kind = 'sources';
      else if (BOILERPLATE.some((r) => r.test(line))) kind = 'boilerplate';
      // Right after the headline, one short sentence (with or without a full stop) is the standfirst.
      else if (blocks.length === 1 && line.length <= 300 && !/[.!?]["”’)]?\s/.test(line)) kind = 'standfirst';
      else if (looksLikeHeading(line)) kind = 'heading';
      else kind = 'paragraph';
      blocks.push({ kind, start: s, end: e });
    }
    pos = nl + 1;
  }
  return blocks;
}
