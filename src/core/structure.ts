// The article's own structure, recovered from plain text: headline, standfirst, section headings, paragraphs,
// publisher boilerplate and the source line. Offsets are UTF-16 indices into the normalized text.

export type BlockKind = 'headline' | 'standfirst' | 'heading' | 'paragraph' | 'boilerplate' | 'sources';

export interface TextBlock {
  kind: BlockKind;
  start: number;
  end: number;
}

/** Publisher lines that are not part of the story: shown de-emphasized, never deleted. */
const BOILERPLATE = [
  /is not responsible for the content of external (sites|links)/i,
  /^(advertisement|read more|related:|subscribe\b|sign up\b|click here\b)/i,
  /all rights reserved/i,
];

const SOURCES = /^(sources?|source line|credits?)\s*:/i;

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
