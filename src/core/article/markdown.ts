// The structure of a Markdown article, in the block contract of src/core/structure.ts, over the normalized
// Markdown *source* (anchors count over the text the editor shows). micromark (CommonMark) does the parsing.
//
// Speed: micromark tokenizes every character (about 1 s per MB of prose, several for markup-dense text), so the
// document is cut into independent chunks at blank lines where no construct can continue, and a chunk that
// is one plain paragraph (no character that could be markup) is drawn without the parser. Both shortcuts are
// checked against parsing the whole document in one go by property tests (test/unit/article-markdown.test.ts).

import { publisherKind, type TextBlock } from '../structure';
import { chunkParser, HTML_BLOCKS, parseChunk, type ChunkBlock, type PendingLink } from './markdownEvents';
import { drawnText } from './rendered';

/** A line that starts a list item: chunks never start there (the list would restart, and so its numbering). */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** How much text neighbouring chunks that need the parser are given to it at once. */
const BATCH_CHARS = 16 * 1024;
/** Chunks a chunk left open by the parser takes in one by one before it takes the rest of the text. */
const MAX_MERGES = 8;
/** Characters that may be markup anywhere in a line; a chunk without them (and without block markers) is plain. */
const INLINE_MARKUP = /[\\`*_[\]<>&~\t]/;
/** Lines that may start or end a block other than a paragraph. */
const BLOCK_START = /^ *(?:[#=\-+*>~_<|]|\d{1,9}[.)](?:[ \t]|$))/;

/**
 * `[start, end)` ranges that parse the same alone as inside the whole document: each starts at a line after a
 * blank line, at the left margin, outside a fenced code or multi-line HTML block, and not with a list item.
 * The scan is a proposal: the parser says when a chunk was cut inside a block, and it is then merged.
 */
export function markdownChunks(text: string): [number, number][] {
  const chunks: [number, number][] = [];
  let chunkStart = 0;
  let previousBlank = false;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let afterIndented = false;
  for (let ls = 0; ls < text.length;) {
    let le = text.indexOf('\n', ls);
    if (le === -1) le = text.length;
    const line = text.slice(ls, le);
    const blank = !/[^ \t]/.test(line);
    const first = line[0];
    // Nor right after indented code: micromark reads an empty list item that follows it as text, and so must we.
    if (previousBlank && !blank && !fence && !htmlEnd && !afterIndented && ls > chunkStart && first !== ' ' && first !== '\t' && !LIST_ITEM.test(line)) {
      chunks.push([chunkStart, ls]);
      chunkStart = ls;
    }
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]?.[0] === fence.char && (close[1]?.length ?? 0) >= fence.length && (close[2] ?? '').trim() === '') fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const open = FENCE.exec(line);
      const marks = open?.[1];
      if (marks && !(marks[0] === '`' && (open?.[2] ?? '').includes('`'))) fence = { char: marks[0] as string, length: marks.length };
      else {
        const html = HTML_BLOCKS.find(([start]) => start.test(line));
        if (html && !html[1].test(line)) htmlEnd = html[1];
      }
    }
    previousBlank = blank;
    if (!blank) afterIndented = /^(?: {4}|\t)/.test(line);
    ls = le + 1;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push([chunkStart, text.length]);
  return chunks;
}

/**
 * A chunk that is one paragraph of plain text, drawn as micromark would: each line without its leading and
 * trailing spaces, the line breaks kept. Undefined when the chunk needs the parser.
 */
export function plainParagraph(text: string, start: number, end: number): ChunkBlock | undefined {
  const chunk = text.slice(start, end);
  if (INLINE_MARKUP.test(chunk) || chunk[0] === ' ' || chunk.trim() === '') return undefined;
  const body = chunk.replace(/[ \n]+$/, '');
  const lines = body.split('\n');
  const hidden: [number, number][] = [];
  let at = start;
  let blockEnd = start;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '' || BLOCK_START.test(line)) return undefined;
    const lead = line.length - line.trimStart().length;
    const trail = line.length - line.trimEnd().length;
    // The previous line's trailing spaces and this line's indent are two hidden ranges around the drawn break.
    if (lead > 0) hidden.push([at, at + lead]);
    blockEnd = at + line.length - trail;
    if (trail > 0 && i < lines.length - 1) hidden.push([blockEnd, at + line.length]);
    at += line.length + 1;
  }
  const block: ChunkBlock = { kind: 'paragraph', start, end: blockEnd, topLevel: true };
  if (hidden.length > 0) block.hidden = hidden;
  return block;
}

/** Labels of the link reference definitions anywhere in the text, and their destinations. */
function definitionsOf(text: string, chunks: readonly [number, number][]): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const [s, e] of chunks) {
    const chunk = text.slice(s, e);
    if (!chunk.includes(']:')) continue;
    for (const [label, destination] of parseChunk(chunk, s, chunkParser([])).definitions) if (!definitions.has(label)) definitions.set(label, destination);
  }
  return definitions;
}

/** The blocks of a Markdown article. Offsets are UTF-16 indices into `text`, the normalized source. */
export function markdownBlocks(text: string, options: { chunked?: boolean } = {}): TextBlock[] {
  const chunks = options.chunked === false ? [[0, text.length] as [number, number]] : markdownChunks(text);
  const definitions = text.includes(']:') ? definitionsOf(text, chunks) : new Map<string, string>();
  const parser = chunkParser([...definitions.keys()]);
  const blocks: ChunkBlock[] = [];
  const pending: PendingLink[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const [s, chunkEnd] = chunks[i] as [number, number];
    const plain = options.chunked === false ? undefined : plainParagraph(text, s, chunkEnd);
    if (plain) {
      blocks.push(plain);
      continue;
    }
    // Neighbouring chunks that need the parser go to it together: starting a document costs about as much
    // as parsing a paragraph, while very long documents are slower per character.
    let e = chunkEnd;
    while (i + 1 < chunks.length && e - s < BATCH_CHARS) {
      const [ns, ne] = chunks[i + 1] as [number, number];
      if (plainParagraph(text, ns, ne)) break;
      i++;
      e = ne;
    }
    let result = parseChunk(text.slice(s, e), s, parser);
    // The line scan cannot see every construct (a fence line inside an HTML block is no fence): a chunk the
    // parser leaves open takes in the next ones, and after a few, the rest of the text.
    for (let merged = 0; result.open && i + 1 < chunks.length; merged++) {
      i = merged < MAX_MERGES ? i + 1 : chunks.length - 1;
      e = (chunks[i] as [number, number])[1];
      result = parseChunk(text.slice(s, e), s, parser);
    }
    blocks.push(...result.blocks);
    pending.push(...result.pending);
  }
  for (const p of pending) {
    const href = definitions.get(p.ref);
    if (href !== undefined) p.mark.href = href;
  }
  return classify(text, blocks);
}

/** Headline, standfirst and publisher lines: the article roles a Markdown file states only by position. */
function classify(text: string, blocks: ChunkBlock[]): TextBlock[] {
  const out: TextBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const { topLevel, ...block } = blocks[i] as ChunkBlock;
    if (i === 0 && topLevel && block.kind === 'heading' && block.level === 1) block.kind = 'headline';
    else if (i === 1 && topLevel && block.kind === 'paragraph' && out[0]?.kind === 'headline' && wholly(block, ['emphasis', 'strong']))
      block.kind = 'standfirst';
    else if (topLevel && block.kind === 'paragraph') block.kind = publisherKind(drawnText(text, block)) ?? 'paragraph';
    out.push(block);
  }
  return out;
}

/** True when one mark of these kinds covers every drawn character of the block (`*A standfirst.*`). */
function wholly(block: TextBlock, kinds: readonly string[]): boolean {
  return (block.marks ?? []).some((m) => kinds.includes(m.kind) && m.start <= block.start && m.end >= block.end);
}
