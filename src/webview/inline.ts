// One block's inline content: the drawn text (drawnText.ts: markup hidden, references replaced) as text nodes, with
// nested elements for mentions, claims and Markdown marks (emphasis, strong, code, delete, links); crossing ones are
// split into parts. Built with bare DOM calls: a 10k-mention article makes tens of thousands of these.

import type { Block, ReaderPayload } from '../shared/protocol';
import { appendDrawn, type Piece } from './drawnText';

export interface Span {
  start: number;
  end: number;
  kind: 'claim' | 'mention' | 'mark';
  /** Into the payload's mentions or claims, or the block's marks. */
  index: number;
  part: number;
}

/** Outer first when two spans cover the same text: a claim holds mentions, a mention holds its formatting. */
const RANK: Record<Span['kind'], number> = { claim: 0, mention: 1, mark: 2 };

/** The annotations and marks of one block, clipped to it, from the candidate ranges [mFrom, mTo) and [cFrom, cTo). */
export function blockSpans(p: ReaderPayload, b: Block, mFrom: number, mTo: number, cFrom: number, cTo: number): Span[] {
  const { start: bs, end: be } = b;
  const items: Span[] = [];
  for (let k = mFrom; k < mTo; k++) {
    const m = p.mentions[k] as { start: number; end: number };
    if (m.end > bs && m.start < be)
      items.push({ start: Math.max(m.start, bs), end: Math.min(m.end, be), kind: 'mention', index: k, part: m.start < bs ? 1 : 0 });
  }
  for (let k = cFrom; k < cTo; k++) {
    const c = p.claims[k] as { start: number; end: number };
    if (c.end > bs && c.start < be) items.push({ start: Math.max(c.start, bs), end: Math.min(c.end, be), kind: 'claim', index: k, part: c.start < bs ? 1 : 0 });
  }
  b.marks?.forEach((m, k) => {
    if (m.end > m.start && m.end > bs && m.start < be) items.push({ start: Math.max(m.start, bs), end: Math.min(m.end, be), kind: 'mark', index: k, part: 0 });
  });
  return items;
}

interface Open {
  el: HTMLElement;
  end: number;
  /** The span this element draws (undefined for the block itself). */
  item?: Span;
  /** A mention's first part is a button and a link's first part a link: nothing focusable may go inside them. */
  interactive: boolean;
}

/**
 * Fills `target` with what block `b` draws and the elements of `items`. A control (a mention's button, a link)
 * never holds another control (a nested mention, a claim marker, a link): the outer one is split there and the
 * inner control goes into a continuation part that looks the same but is not a control (axe: nested-interactive).
 * A link that would start a control with nothing before it is drawn as a continuation itself.
 */
export function fillBlock(target: HTMLElement, p: ReaderPayload, b: Block, ps: readonly Piece[], items: Span[]): void {
  items.sort((x, y) => x.start - y.start || y.end - x.end || RANK[x.kind] - RANK[y.kind]);
  const stack: Open[] = [{ el: target, end: b.end, interactive: false }];
  let pos = b.start;
  const flushTo = (to: number): void => {
    for (;;) {
      const top = stack[stack.length - 1] as Open;
      const closing = stack.length > 1 && top.end <= to;
      const until = closing ? top.end : to;
      if (until > pos) appendDrawn(ps, pos, until, (t) => top.el.append(t));
      pos = Math.max(pos, until);
      if (!closing) return;
      stack.pop();
    }
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Span;
    flushTo(item.start);
    let top = stack[stack.length - 1] as Open;
    let end = item.end;
    if (end > top.end) {
      // Crossing spans: this part stops where its container stops; the rest continues as a new part.
      const rest: Span = { ...item, start: top.end, part: item.part + 1 };
      let j = i + 1;
      while (j < items.length && (items[j] as Span).start < rest.start) j++;
      items.splice(j, 0, rest);
      end = top.end;
    }
    let part = item.part;
    const link = item.kind === 'mark' && b.marks?.[item.index]?.kind === 'link';
    const control = part === 0 && (item.kind !== 'mark' || link);
    if (control && top.interactive && top.item) {
      if (link && !top.el.hasChildNodes()) part = 1;
      else {
        const cont = elementFor(p, b, ps, { ...top.item, part: top.item.part + 1 });
        (stack[stack.length - 2] as Open).el.append(cont);
        top = { el: cont, end: top.end, item: { ...top.item, part: top.item.part + 1 }, interactive: false };
        stack[stack.length - 1] = top;
      }
    }
    const drawn = { ...item, part };
    const span = elementFor(p, b, ps, drawn);
    // Nested mentions: the outer one makes room for the inner one's underline (cheaper than a :has() rule).
    if (item.kind === 'mention' && top.item?.kind === 'mention') top.el.classList.add('outer');
    top.el.append(span);
    stack.push({ el: span, end, item: drawn, interactive: part === 0 && (item.kind === 'mention' || link) });
  }
  flushTo(b.end);
}

function elementFor(p: ReaderPayload, b: Block, ps: readonly Piece[], item: Span): HTMLElement {
  if (item.kind === 'mention') return mentionEl(p, ps, item.index, item.part);
  if (item.kind === 'claim') return claimEl(p, item.index, item.part);
  return markEl(b, item.index, item.part);
}

const MARK_TAG = { emphasis: 'em', strong: 'strong', code: 'code', delete: 'del', link: 'span' } as const;

function markEl(b: Block, index: number, part: number): HTMLElement {
  const m = b.marks?.[index];
  const e = document.createElement(m ? MARK_TAG[m.kind] : 'span');
  if (m?.kind !== 'link') return e;
  // A link is drawn as text: its URL is a tooltip, and it opens only on a click, through the host, only http(s).
  e.className = 'md-link';
  const href = m.href ?? '';
  e.setAttribute('data-href', href);
  e.title = href;
  if (part === 0) {
    e.tabIndex = 0;
    e.setAttribute('role', 'link');
  } else e.setAttribute('data-part', String(part));
  return e;
}

/** The name as the reader shows it: the source text, or for a Markdown block what it draws of it. */
function nameOf(p: ReaderPayload, ps: readonly Piece[], start: number, end: number): string {
  if (ps.length === 1 && ps[0]?.literal) return p.text.slice(start, end);
  let name = '';
  appendDrawn(ps, start, end, (t) => (name += t));
  return name;
}

function mentionEl(p: ReaderPayload, ps: readonly Piece[], index: number, part: number): HTMLElement {
  const m = p.mentions[index];
  const span = document.createElement('span');
  if (!m) {
    span.className = 'm t0';
    return span;
  }
  span.className = m.status === 'anchored' ? `m t${m.type}` : `m t${m.type} st-${m.status}`;
  span.setAttribute('data-mention-id', m.id);
  span.setAttribute('data-entity-id', m.entityId);
  span.setAttribute('data-type', p.types[m.type]?.id ?? '');
  if (part === 0) {
    span.tabIndex = 0;
    span.setAttribute('role', 'button');
    const card = p.entityCards[m.entityId];
    span.setAttribute('aria-label', `${nameOf(p, ps, m.start, m.end)}: ${card?.typeLabel ?? p.types[m.type]?.label ?? 'entity'}`);
  } else span.setAttribute('data-part', String(part));
  return span;
}

function claimEl(p: ReaderPayload, index: number, part: number): HTMLElement {
  const c = p.claims[index];
  const span = document.createElement('span');
  span.className = c && c.status !== 'anchored' ? `claim st-${c.status}` : 'claim';
  if (!c) return span;
  span.setAttribute('data-claim-id', c.id);
  if (part === 0) {
    // The marker is the claim's handle for pointer and keyboard; its glyph is CSS, so the text stays the article's.
    const marker = document.createElement('span');
    marker.className = 'claim-marker';
    marker.setAttribute('data-claim-id', c.id);
    marker.tabIndex = 0;
    marker.setAttribute('role', 'button');
    marker.setAttribute('aria-haspopup', 'dialog');
    marker.setAttribute('aria-label', c.label);
    span.append(marker);
  } else span.setAttribute('data-part', String(part));
  return span;
}
