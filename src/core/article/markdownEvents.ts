// One Markdown chunk through micromark, and its events turned into blocks of the shared contract
// (src/core/structure.ts). micromark's events, not the mdast tree, because mdast text values are decoded
// (`&amp;` is `&`, `\*` is `*`) while their positions cover the raw source: only the events say which source
// characters are drawn, which are markup and which are replaced. Offsets here are UTF-16, like micromark's.

import { parse, postprocess, preprocess } from 'micromark';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { decodeString } from 'micromark-util-decode-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, Token } from 'micromark-util-types';
import type { InlineMark, Replacement, TextBlock } from '../structure';

/** A block with what the document-level pass needs: whether it sits in no container, and its heading depth. */
export interface ChunkBlock extends TextBlock {
  topLevel: boolean;
}

/** A link whose target is a reference (`[text][ref]`, `[ref]`): resolved once every chunk's definitions are known. */
export interface PendingLink {
  mark: InlineMark;
  ref: string;
}

export interface ChunkResult {
  blocks: ChunkBlock[];
  pending: PendingLink[];
  /** Link reference definitions of this chunk: normalized label → destination. */
  definitions: Map<string, string>;
  /** The chunk ends inside a fenced code or HTML block that the next lines may continue: it was cut too early. */
  open: boolean;
}

/** HTML blocks that may hold blank lines (CommonMark kinds 1 to 5): their start and their end. */
export const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Leaf tokens whose characters the reader draws. */
/** Unordered items' markers by nesting depth, as browsers draw them. */
const BULLETS = ['•', '◦', '▪'] as const;

const VISIBLE = new Set<string>(['data', 'codeTextData', 'characterEscapeValue', 'autolinkProtocol', 'autolinkEmail', 'codeFlowValue', 'htmlFlowData']);
/** Tokens whose whole content is markup, even where it holds `data` (a link's destination, a fence's info string). */
const HIDDEN = new Set<string>(['resource', 'reference', 'htmlText', 'codeFencedFence', 'setextHeadingLine', 'image', 'definition']);

interface Leaf {
  kind: TextBlock['kind'];
  level?: number;
  marker?: string;
  topLevel: boolean;
  /** Drawn source ranges, in order. */
  visible: [number, number][];
  replace: Replacement[];
  marks: InlineMark[];
  opener: Token;
}

interface Container {
  kind: 'quote' | 'list';
  ordered?: boolean;
  /** The next item's number (ordered lists): CommonMark numbers items from the first one's value. */
  next?: number;
  /** The marker the next leaf of the current item draws. */
  pending?: string;
}

interface LinkFrame {
  label?: [number, number];
  destination?: string;
  reference?: string;
}

export type ChunkParser = ReturnType<typeof parse>;

/** One parser for every chunk of a document (building one costs as much as parsing a paragraph). */
export function chunkParser(defined: readonly string[]): ChunkParser {
  // GFM's ~~deletion~~ only: a single tilde is "about" in prose far more often than it is markup.
  const parser = parse({ extensions: [gfmStrikethrough({ singleTilde: false })] });
  parser.defined.push(...defined);
  return parser;
}

/** Parses one chunk; `base` is its offset in the article. */
export function parseChunk(text: string, base: number, parser: ChunkParser): ChunkResult {
  // Which lines are lazy continuations is kept per line number, and every chunk starts again at line 1.
  parser.lazy = {};
  const events: Event[] = postprocess(parser.document().write(preprocess()(text, undefined, true)));
  return new Walker(text, base).walk(events);
}

/** A leaf block the line scan found on its own (see `simpleLeaves` in markdown.ts): its kind and its inline source. */
export interface SimpleLeaf {
  kind: 'paragraph' | 'heading';
  level?: number;
  /** The inline content: a heading's text after its `#`s, a paragraph's lines (no indent, no trailing spaces). */
  start: number;
  end: number;
}

/**
 * Parses a paragraph or an ATX heading whose extent the line scan already knows, with micromark's inline
 * (text) tokenizer alone: about four times faster than the document tokenizer, which runs every character
 * through the container, flow and content levels before the text level sees it. The events are what the text
 * level produces inside the whole document, wrapped in the block's own tokens.
 */
export function parseLeaf(text: string, leaf: SimpleLeaf, parser: ChunkParser): ChunkResult {
  const content = text.slice(leaf.start, leaf.end);
  const events: Event[] = postprocess(parser.text().write(preprocess()(content, undefined, true)));
  const context = events[0]?.[2];
  const walker = new Walker(content, leaf.start);
  if (!context) return walker.walk([]);
  const point = (offset: number) => ({ line: 1, column: offset + 1, offset, _index: 0, _bufferIndex: offset });
  const block: Token = { type: leaf.kind === 'heading' ? 'atxHeading' : 'paragraph', start: point(0), end: point(content.length) };
  const wrapped: Event[] = [['enter', block, context]];
  if (leaf.kind === 'heading') {
    // The walker reads the heading's level from the length of its `#` sequence.
    const sequence: Token = { type: 'atxHeadingSequence', start: point(0), end: point(leaf.level ?? 1) };
    wrapped.push(['enter', sequence, context], ['exit', sequence, context]);
  }
  for (const e of events) wrapped.push(e);
  wrapped.push(['exit', block, context]);
  return walker.walk(wrapped);
}

class Walker {
  private readonly blocks: ChunkBlock[] = [];
  private readonly pending: PendingLink[] = [];
  private readonly definitions = new Map<string, string>();
  private readonly containers: Container[] = [];
  private readonly links: LinkFrame[] = [];
  private leaf: Leaf | undefined;
  private hidden = 0;
  private codeTextFrom = -1;
  private listValue: string | undefined;
  private definitionLabel: string | undefined;
  private definitionDestination: string | undefined;
  private fences = -1;
  private open = false;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  walk(events: readonly Event[]): ChunkResult {
    for (const [phase, token] of events) {
      if (phase === 'enter') this.enter(token);
      else this.exit(token);
    }
    return { blocks: this.blocks, pending: this.pending, definitions: this.definitions, open: this.open };
  }

  private slice(t: Token): string {
    return this.text.slice(t.start.offset, t.end.offset);
  }

  private openLeaf(kind: TextBlock['kind'], opener: Token, level?: number): void {
    const inner = this.containers[this.containers.length - 1];
    let marker: string | undefined;
    if (inner?.kind === 'list' && kind !== 'heading') {
      kind = kind === 'code' ? 'code' : 'list-item';
      marker = inner.pending;
      inner.pending = undefined;
    } else if (inner?.kind === 'quote' && kind === 'paragraph') kind = 'quote';
    if (kind === 'list-item') level = this.containers.filter((c) => c.kind === 'list').length;
    this.leaf = { kind, opener, topLevel: this.containers.length === 0, visible: [], replace: [], marks: [], level, marker };
  }

  private enter(t: Token): void {
    const type = t.type;
    if (HIDDEN.has(type)) this.hidden++;
    switch (type) {
      case 'blockQuote':
      case 'listOrdered':
      case 'listUnordered': {
        // A list or quote that opens an item is drawn with its own marker; the outer item's would be drawn late.
        const outer = this.containers[this.containers.length - 1];
        if (outer) outer.pending = undefined;
        this.containers.push(type === 'blockQuote' ? { kind: 'quote' } : { kind: 'list', ordered: type === 'listOrdered' });
        return;
      }
      case 'listItemValue':
        this.listValue = this.slice(t);
        return;
      case 'paragraph':
        if (!this.leaf) this.openLeaf('paragraph', t);
        return;
      case 'atxHeading':
      case 'setextHeading':
        this.openLeaf('heading', t, 1);
        return;
      case 'atxHeadingSequence':
        if (this.leaf && this.leaf.visible.length === 0) this.leaf.level = t.end.offset - t.start.offset;
        return;
      case 'setextHeadingLineSequence':
        if (this.leaf) this.leaf.level = this.text[t.start.offset] === '=' ? 1 : 2;
        return;
      case 'codeFenced':
        if (this.containers.length === 0) this.fences = 0;
        this.openLeaf('code', t);
        return;
      case 'codeFencedFence':
        if (this.fences >= 0) this.fences++;
        return;
      case 'codeIndented':
        this.openLeaf('code', t);
        return;
      case 'htmlFlow':
        // A comment is a note to the author, not article text; other HTML blocks are shown as written.
        if (this.text.startsWith('<!--', t.start.offset)) this.hidden++;
        else this.openLeaf('code', t);
        return;
      case 'link':
      case 'image':
        this.links.push({});
        return;
      case 'labelText':
        if (this.hidden === 0 && this.links.length > 0) (this.links[this.links.length - 1] as LinkFrame).label = [t.start.offset, t.end.offset];
        return;
      case 'resourceDestinationString':
        if (this.links.length > 0) (this.links[this.links.length - 1] as LinkFrame).destination = decodeString(this.slice(t));
        return;
      case 'referenceString':
        if (this.links.length > 0) (this.links[this.links.length - 1] as LinkFrame).reference = normalizeIdentifier(this.slice(t));
        return;
      case 'definitionLabelString':
        this.definitionLabel = normalizeIdentifier(this.slice(t));
        return;
      case 'definitionDestinationString':
        this.definitionDestination = decodeString(this.slice(t));
        return;
      case 'codeText':
        this.codeTextFrom = this.leaf ? this.leaf.visible.length : -1;
        return;
      case 'characterReference':
        if (this.hidden === 0 && this.leaf) {
          this.draw(t.start.offset, t.end.offset);
          this.leaf.replace.push({ start: this.base + t.start.offset, end: this.base + t.end.offset, text: decodeString(this.slice(t)) });
        }
        this.hidden++;
        return;
      case 'lineEnding':
        // Inside a block, a line ending is drawn (as the space between two lines, or a new line of code); only
        // its first character is the line break (in a container, micromark's token can run over the next prefix).
        if (this.hidden === 0 && this.leaf && this.leaf.visible.length > 0) this.draw(t.start.offset, t.start.offset + 1);
        return;
      default:
        if (this.hidden === 0 && this.leaf && VISIBLE.has(type)) this.draw(t.start.offset, t.end.offset);
    }
  }

  private exit(t: Token): void {
    const type = t.type;
    if (HIDDEN.has(type) || type === 'characterReference') this.hidden--;
    switch (type) {
      case 'blockQuote':
      case 'listOrdered':
      case 'listUnordered':
        this.containers.pop();
        return;
      case 'listItemPrefix': {
        const list = this.containers[this.containers.length - 1];
        if (list?.kind === 'list') {
          if (list.ordered) {
            const n = list.next ?? Number(this.listValue ?? '1');
            list.pending = `${n}${this.text[t.start.offset + (this.listValue?.length ?? 0)] ?? '.'}`;
            list.next = n + 1;
          } else list.pending = BULLETS[(this.containers.filter((c) => c.kind === 'list' && !c.ordered).length - 1) % BULLETS.length];
        }
        this.listValue = undefined;
        return;
      }
      case 'htmlFlow': {
        if (this.text.startsWith('<!--', t.start.offset)) this.hidden--;
        else this.close(t);
        const html = this.containers.length === 0 ? this.slice(t) : '';
        const kind = HTML_BLOCKS.find(([start]) => start.test(html));
        if (kind && !kind[1].test(html)) this.open = true;
        return;
      }
      case 'codeFenced':
        if (this.fences >= 0 && this.fences < 2) this.open = true;
        this.fences = -1;
        this.close(t);
        return;
      case 'paragraph':
      case 'atxHeading':
      case 'setextHeading':
      case 'codeIndented':
        this.close(t);
        return;
      case 'emphasisText':
      case 'strongText':
        this.mark(type === 'emphasisText' ? 'emphasis' : 'strong', t.start.offset, t.end.offset);
        return;
      case 'strikethroughText':
        this.mark('delete', t.start.offset, t.end.offset);
        return;
      case 'codeText': {
        const from = this.codeTextFrom;
        const visible = this.leaf?.visible;
        if (visible && from >= 0 && visible.length > from)
          this.mark('code', (visible[from] as [number, number])[0], (visible[visible.length - 1] as [number, number])[1]);
        this.codeTextFrom = -1;
        return;
      }
      case 'autolink': {
        const inner = this.text.slice(t.start.offset + 1, t.end.offset - 1);
        this.mark('link', t.start.offset + 1, t.end.offset - 1, /^[a-z][a-z0-9+.-]{1,31}:/i.test(inner) ? inner : `mailto:${inner}`);
        return;
      }
      case 'link': {
        const frame = this.links.pop();
        if (!frame?.label) return;
        const mark = this.mark('link', frame.label[0], frame.label[1], frame.destination);
        if (mark && frame.destination === undefined)
          this.pending.push({ mark, ref: frame.reference || normalizeIdentifier(this.text.slice(frame.label[0], frame.label[1])) });
        return;
      }
      case 'image':
        this.links.pop();
        return;
      case 'definition':
        if (this.definitionLabel !== undefined && !this.definitions.has(this.definitionLabel))
          this.definitions.set(this.definitionLabel, this.definitionDestination ?? '');
        this.definitionLabel = this.definitionDestination = undefined;
        return;
    }
  }

  private draw(start: number, end: number): void {
    if (end <= start || !this.leaf) return;
    const v = this.leaf.visible;
    const last = v[v.length - 1];
    if (last && last[1] === start) last[1] = end;
    else v.push([start, end]);
  }

  private mark(kind: InlineMark['kind'], start: number, end: number, href?: string): InlineMark | undefined {
    if (!this.leaf || this.hidden > 0 || end <= start) return undefined;
    const mark: InlineMark = { kind, start: this.base + start, end: this.base + end, ...(href !== undefined ? { href } : {}) };
    this.leaf.marks.push(mark);
    return mark;
  }

  private close(t: Token): void {
    const leaf = this.leaf;
    if (!leaf || leaf.opener !== t) return;
    this.leaf = undefined;
    // A line ending drawn last (code before its closing fence) is the block's edge, not its content.
    const v = leaf.visible;
    while (v.length > 0) {
      const last = v[v.length - 1] as [number, number];
      if (this.text[last[1] - 1] !== '\n') break;
      if (last[1] - last[0] === 1) v.pop();
      else last[1]--;
    }
    const first = v[0];
    const last = v[v.length - 1];
    // Nothing but spaces drawn (an image and a tag, say): no block, as there is no text to read or anchor.
    if (!first || !last || (leaf.replace.length === 0 && v.every(([s, e]) => this.text.slice(s, e).trim() === ''))) return;
    const hidden: [number, number][] = [];
    for (let i = 1; i < v.length; i++) hidden.push([this.base + (v[i - 1] as [number, number])[1], this.base + (v[i] as [number, number])[0]]);
    const block: ChunkBlock = { kind: leaf.kind, start: this.base + first[0], end: this.base + last[1], topLevel: leaf.topLevel };
    if (leaf.level !== undefined) block.level = leaf.level;
    if (leaf.marker !== undefined) block.marker = leaf.marker;
    if (hidden.length > 0) block.hidden = hidden;
    if (leaf.replace.length > 0) block.replace = leaf.replace;
    if (leaf.marks.length > 0) block.marks = leaf.marks.sort((a, b) => a.start - b.start || b.end - a.end);
    this.blocks.push(block);
  }
}
