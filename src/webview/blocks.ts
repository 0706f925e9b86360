// Drawing a long article without a long task. Every block is laid out at once as plain text (cheap, and the
// text, the scroll height and the selection offsets are right from the first frame); its highlights are drawn
// for the blocks around where the reader is, at once, and for the rest in idle slices, or as soon as a block
// comes near the viewport. Anything that looks for a mention's element asks for its block first (ensureDrawn).

import type { Block, ReaderPayload } from '../shared/protocol';
import { drawnText, pieces } from './drawnText';
import { blockSpans, fillBlock } from './inline';
import type { Reader } from './state';

const BLOCK_TAG = {
  headline: 'h1',
  standfirst: 'p',
  heading: 'h2',
  paragraph: 'p',
  boilerplate: 'p',
  sources: 'p',
  'list-item': 'li',
  quote: 'blockquote',
  code: 'pre',
} as const;
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;
/** Text drawn with its highlights before the first paint, around the block the reader is at: a few screens. */
const FIRST_PAINT_CHARS = 24_000;
/** An idle slice stops after this long, so a frame that wants to run is never kept waiting. */
const SLICE_MS = 8;

export interface Drawing {
  payload: ReaderPayload;
  blocks: HTMLElement[];
  indexOf: Map<Element, number>;
  drawn: Uint8Array;
  left: number;
  /** Per block, 4 numbers: the candidate mentions [from, to) and claims [from, to) that may overlap it. */
  ranges: Int32Array;
  /** Blocks before this one are all drawn (the idle slices' position). */
  cursor: number;
  started: number;
  observer: IntersectionObserver | undefined;
  idle: number | undefined;
}

/** Index of the block holding UTF-16 `offset` (or the last block starting before it). */
export function blockAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid] as Block).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** 1–6 from a block's level (headings and list depth); anything else is the default. */
function levelOf(b: Block, fallback: number): number {
  return Number.isInteger(b.level) ? Math.min(6, Math.max(1, b.level as number)) : fallback;
}

/** A block's element with its drawn text (no highlights yet): a heading by its level, a list item with its marker. */
function shell(b: Block, text: string, hasClaim: boolean): HTMLElement {
  const tag = b.kind === 'heading' ? (HEADINGS[levelOf(b, 2) - 1] ?? 'h2') : BLOCK_TAG[b.kind];
  const node = document.createElement(tag);
  let cls = `block ${b.kind}`;
  if (b.kind === 'list-item') {
    cls += ` lvl-${levelOf(b, 1)}`;
    // The marker is not article text: drawn by CSS from the attribute, so selections and offsets never see it.
    if (b.marker) node.setAttribute('data-marker', b.marker);
  }
  node.className = hasClaim ? `${cls} has-claim` : cls;
  node.setAttribute('data-start', String(b.start));
  if (b.kind === 'boilerplate') node.setAttribute('aria-label', 'Publisher notice');
  node.textContent = drawnText(pieces(text, b));
  return node;
}

/** Where a block goes: list items into the list they continue (a new one after any other block), the rest into the article. */
function parentFor(frag: DocumentFragment, b: Block, list: HTMLElement | undefined): HTMLElement | undefined {
  if (b.kind !== 'list-item') return undefined;
  if (list) return list;
  const ul = document.createElement('ul');
  ul.className = 'list';
  frag.append(ul);
  return ul;
}

/**
 * Lays out every block of `p` into `article`; blocks within FIRST_PAINT_CHARS of `near` (a UTF-16 offset: where
 * the reader will be scrolled to) get their highlights now, the rest when drawRest is called. Returns the blocks.
 */
export function layOut(s: Reader, p: ReaderPayload, near: number, started: number): DocumentFragment {
  stopDrawing(s);
  const n = p.blocks.length;
  const ranges = new Int32Array(n * 4);
  const blocks: HTMLElement[] = new Array<HTMLElement>(n);
  const frag = document.createDocumentFragment();
  // Mentions and claims are sorted by start: walk them with cursors, one block at a time.
  let mi = 0;
  let ci = 0;
  let list: HTMLElement | undefined;
  for (let i = 0; i < n; i++) {
    const b = p.blocks[i] as Block;
    while (mi < p.mentions.length && (p.mentions[mi] as { end: number }).end <= b.start) mi++;
    let mt = mi;
    while (mt < p.mentions.length && (p.mentions[mt] as { start: number }).start < b.end) mt++;
    while (ci < p.claims.length && (p.claims[ci] as { end: number }).end <= b.start) ci++;
    let ct = ci;
    let hasClaim = false;
    for (; ct < p.claims.length && (p.claims[ct] as { start: number }).start < b.end; ct++)
      if ((p.claims[ct] as { end: number }).end > b.start) hasClaim = true;
    ranges.set([mi, mt, ci, ct], i * 4);
    const node = shell(b, p.text, hasClaim);
    blocks[i] = node;
    list = parentFor(frag, b, list);
    (list ?? frag).append(node);
  }
  const d: Drawing = {
    payload: p,
    blocks,
    indexOf: new Map(blocks.map((b, i) => [b, i])),
    drawn: new Uint8Array(n),
    left: n,
    ranges,
    cursor: 0,
    started,
    observer: undefined,
    idle: undefined,
  };
  s.drawing = d;
  // The first paint: outwards from the block the reader is at, until a few screens of text are drawn.
  if (n) {
    const at = blockAt(p.blocks, near);
    let chars = 0;
    for (let lo = at, hi = at + 1; (lo >= 0 || hi < n) && chars < FIRST_PAINT_CHARS; lo--, hi++) {
      for (const i of [lo, hi]) {
        if (i < 0 || i >= n) continue;
        drawBlock(d, i);
        const b = p.blocks[i] as Block;
        chars += b.end - b.start;
      }
    }
  }
  return frag;
}

function drawBlock(d: Drawing, i: number): void {
  if (d.drawn[i]) return;
  const node = d.blocks[i] as HTMLElement;
  const b = d.payload.blocks[i] as Block;
  const r = d.ranges;
  const items = blockSpans(d.payload, b, r[i * 4] as number, r[i * 4 + 1] as number, r[i * 4 + 2] as number, r[i * 4 + 3] as number);
  d.drawn[i] = 1;
  d.left--;
  d.observer?.unobserve(node);
  if (!items.length) return;
  node.textContent = '';
  fillBlock(node, d.payload, b, pieces(d.payload.text, b), items);
}

/** Draws the blocks that are left: now those that come near the viewport, and the others when the page is idle. */
export function drawRest(s: Reader): void {
  const d = s.drawing;
  if (!d) return;
  if (d.left === 0) {
    finished(d);
    return;
  }
  d.observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) drawIfFree(d, d.indexOf.get(e.target) ?? -1);
      if (d.left === 0) finished(d);
    },
    // Two screens ahead, so a block is drawn before it is seen.
    { rootMargin: '200% 0px' },
  );
  d.blocks.forEach((node, i) => {
    if (!d.drawn[i]) d.observer?.observe(node);
  });
  const slice = (deadline: IdleDeadline): void => {
    d.idle = undefined;
    const t0 = performance.now();
    while (d.cursor < d.blocks.length && performance.now() - t0 < SLICE_MS && (deadline.didTimeout || deadline.timeRemaining() > 1)) {
      drawIfFree(d, d.cursor);
      d.cursor++;
    }
    if (d.left === 0) finished(d);
    else if (d.cursor < d.blocks.length) d.idle = requestIdleCallback(slice, { timeout: 200 });
    else {
      // Blocks skipped because they held the selection: try them again from the top.
      d.cursor = 0;
      d.idle = requestIdleCallback(slice, { timeout: 1000 });
    }
  };
  d.idle = requestIdleCallback(slice, { timeout: 200 });
}

/** Redrawing a block replaces its text nodes, which would drop a selection inside it: such a block waits. */
function drawIfFree(d: Drawing, i: number): void {
  if (i < 0 || d.drawn[i]) return;
  const sel = document.getSelection();
  if (sel && sel.rangeCount > 0 && !sel.isCollapsed && sel.getRangeAt(0).intersectsNode(d.blocks[i] as Node)) return;
  drawBlock(d, i);
}

function finished(d: Drawing): void {
  d.observer?.disconnect();
  d.observer = undefined;
  if (d.idle !== undefined) cancelIdleCallback(d.idle);
  d.idle = undefined;
  performance.measure('marginalia:complete', { start: d.started, end: performance.now() });
}

function stopDrawing(s: Reader): void {
  const d = s.drawing;
  if (!d) return;
  d.observer?.disconnect();
  if (d.idle !== undefined) cancelIdleCallback(d.idle);
  s.drawing = undefined;
}

/** Draws the block holding UTF-16 `offset` now, so its mentions and claims have elements. */
export function ensureDrawnAt(s: Reader, offset: number): void {
  const d = s.drawing;
  if (!d || d.left === 0 || !d.payload.blocks.length) return;
  drawBlock(d, blockAt(d.payload.blocks, offset));
  if (d.left === 0) finished(d);
}

/** Draws everything now (whoever needs every mention's element: moving through all of them in order). */
export function drawAll(s: Reader): void {
  const d = s.drawing;
  if (!d || d.left === 0) return;
  for (let i = 0; i < d.blocks.length; i++) drawBlock(d, i);
  finished(d);
}
