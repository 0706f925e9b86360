// The structure of a Markdown article, in the block contract of src/core/structure.ts, over the normalized
// Markdown *source* (anchors count over the text the editor shows). micromark (CommonMark) does the parsing.
//
// Speed: micromark tokenizes every character (about 1 s per MB of prose, several for markup-dense text), so the
// document is cut into independent chunks at blank lines where no construct can continue, and a chunk that
// is one plain paragraph (no character that could be markup) is drawn without the parser. Both shortcuts are
// checked against parsing the whole document in one go by property tests (test/unit/article-markdown.test.ts).

import { publisherKind, type TextBlock } from '../structure';
import { chunkParser, HTML_BLOCKS, parseChunk, parseLeaf, type ChunkBlock, type ChunkResult, type PendingLink, type SimpleLeaf } from './markdownEvents';
import { frontMatter } from './frontMatter';
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
    // Spaces only: micromark draws any other white space (a no-break space) as text.
    const lead = line.length - line.replace(/^ +/, '').length;
    const trail = line.length - line.replace(/ +$/, '').length;
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

/** A one-line ATX heading without a closing sequence: its `#`s, the spaces after them, its text. */
const ATX = /^(#{1,6}) +(\S(?:.*\S)?) *$/;
/**
 * Lines that may start (or, under a paragraph, turn it into) a block other than a paragraph or an ATX heading:
 * containers, fences, HTML, list items, thematic breaks and setext underlines, other `#` lines.
 */
const OTHER_BLOCK = /^(?:[#>|<]|`{3}|~{3}|[-+*](?: |$)|\d{1,9}[.)](?: |$)|[-*_= ]+$)/;

/**
 * A chunk that is only paragraphs and one-line ATX headings, none in a container: their inline sources, for
 * the parser's text level alone (`parseLeaf`). Undefined when any line may be something else. Tabs, indents
 * and definitions (`]:`) are left to the whole parser, as their rules reach over lines.
 */
export function simpleLeaves(text: string, start: number, end: number): SimpleLeaf[] | undefined {
  const chunk = text.slice(start, end).replace(/[ \n]+$/, '');
  if (chunk === '' || chunk.includes('\t') || chunk.includes(']:')) return undefined;
  const leaves: SimpleLeaf[] = [];
  let paragraph: SimpleLeaf | undefined;
  for (let ls = 0; ls <= chunk.length;) {
    let le = chunk.indexOf('\n', ls);
    if (le === -1) le = chunk.length;
    const line = chunk.slice(ls, le);
    if (line === '' || line[0] === ' ') return undefined;
    const heading = ATX.exec(line);
    if (heading) {
      const marks = heading[1] as string;
      const body = heading[2] as string;
      // `# a #` closes with a sequence; `#5` and `C#` are the parser's to read.
      if (body.endsWith('#')) return undefined;
      const at = start + ls + line.indexOf(body, marks.length);
      leaves.push({ kind: 'heading', level: marks.length, start: at, end: at + body.length });
      paragraph = undefined;
    } else if (OTHER_BLOCK.test(line)) return undefined;
    else {
      // Spaces only, as above.
      const lineEnd = start + ls + line.replace(/ +$/, '').length;
      if (paragraph) paragraph.end = lineEnd;
      else leaves.push((paragraph = { kind: 'paragraph', start: start + ls, end: lineEnd }));
    }
    ls = le + 1;
  }
  return leaves;
}

/** The blocks of a chunk of simple leaves, each parsed by the parser's text level. */
function parseLeaves(text: string, leaves: readonly SimpleLeaf[], parser: ReturnType<typeof chunkParser>): ChunkResult {
  const out: ChunkResult = { blocks: [], pending: [], definitions: new Map(), open: false };
  for (const leaf of leaves) {
    const r = parseLeaf(text, leaf, parser);
    out.blocks.push(...r.blocks);
    out.pending.push(...r.pending);
  }
  return out;
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
  const meta = frontMatter(text);
  if (!meta) return classify(text, parseBlocks(text, options));
  // The front matter is parsed as blank lines (the same length, so every offset after it stays), and drawn as code.
  const masked = text.slice(0, meta.end).replace(/[^\n]/g, ' ') + text.slice(meta.end);
  const body = classify(text, parseBlocks(masked, options));
  return meta.contentEnd > meta.contentStart ? [{ kind: 'code', start: meta.contentStart, end: meta.contentEnd }, ...body] : body;
}

function parseBlocks(text: string, options: { chunked?: boolean }): ChunkBlock[] {
  const chunks = options.chunked === false ? [[0, text.length] as [number, number]] : markdownChunks(text);
  const definitions = text.includes(']:') ? definitionsOf(text, chunks) : new Map<string, string>();
  const parser = chunkParser([...definitions.keys()]);
  const blocks: ChunkBlock[] = [];
  const pending: PendingLink[] = [];
  // Per chunk: drawn without the parser, parsed by its text level only, or left to the whole parser.
  const fast = (i: number): ChunkBlock | SimpleLeaf[] | undefined => {
    if (options.chunked === false) return undefined;
    const [s, e] = chunks[i] as [number, number];
    return plainParagraph(text, s, e) ?? simpleLeaves(text, s, e);
  };
  let next = chunks.length > 0 ? fast(0) : undefined;
  for (let i = 0; i < chunks.length; i++) {
    const [s, chunkEnd] = chunks[i] as [number, number];
    const shortcut = next;
    next = i + 1 < chunks.length ? fast(i + 1) : undefined;
    if (Array.isArray(shortcut)) {
      const result = parseLeaves(text, shortcut, parser);
      blocks.push(...result.blocks);
      pending.push(...result.pending);
      continue;
    }
    if (shortcut) {
      blocks.push(shortcut);
      continue;
    }
    // Neighbouring chunks that need the parser go to it together: starting a document costs about as much
    // as parsing a paragraph, while very long documents are slower per character.
    let e = chunkEnd;
    while (i + 1 < chunks.length && e - s < BATCH_CHARS && !next) {
      i++;
      e = (chunks[i] as [number, number])[1];
      next = i + 1 < chunks.length ? fast(i + 1) : undefined;
    }
    let result = parseChunk(text.slice(s, e), s, parser);
    // The line scan cannot see every construct (a fence line inside an HTML block is no fence): a chunk the
    // parser leaves open takes in the next ones, and after a few, the rest of the text.
    for (let merged = 0; result.open && i + 1 < chunks.length; merged++) {
      i = merged < MAX_MERGES ? i + 1 : chunks.length - 1;
      e = (chunks[i] as [number, number])[1];
      result = parseChunk(text.slice(s, e), s, parser);
    }
    next = i + 1 < chunks.length ? fast(i + 1) : undefined;
    blocks.push(...result.blocks);
    pending.push(...result.pending);
  }
  for (const p of pending) {
    const href = definitions.get(p.ref);
    if (href !== undefined) p.mark.href = href;
  }
  return blocks;
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
