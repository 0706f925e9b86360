// One block's inline content: the article's text as text nodes, with nested spans for nested mentions and claims
// (crossing ones split into parts). Built with bare DOM calls: a 10k-mention article makes tens of thousands of
// these, so nothing here goes through el()'s generic path.

import type { ReaderPayload } from '../shared/protocol';

export interface Span {
  start: number;
  end: number;
  kind: 'claim' | 'mention';
  index: number;
  part: number;
}

/** The annotations of one block, clipped to it, from the candidate ranges [mFrom, mTo) and [cFrom, cTo). */
export function blockSpans(p: ReaderPayload, bs: number, be: number, mFrom: number, mTo: number, cFrom: number, cTo: number): Span[] {
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
  return items;
}

interface Open {
  el: HTMLElement;
  end: number;
  /** The mention this element draws (undefined for the block and for claims). */
  mention?: number;
  /** A mention's first part is a button: nothing focusable may go inside it. */
  interactive: boolean;
}

/**
 * Fills `target` with the text [bs, be) and the spans of `items`. A mention's button never holds another control
 * (a nested mention, a claim marker): the outer mention is split there, and the inner control goes into a
 * continuation part of it that looks the same but is not a button (axe: nested-interactive).
 */
export function fillBlock(target: HTMLElement, p: ReaderPayload, bs: number, be: number, items: Span[]): void {
  items.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === b.kind ? 0 : a.kind === 'claim' ? -1 : 1));
  const stack: Open[] = [{ el: target, end: be, interactive: false }];
  let pos = bs;
  const text = p.text;
  const flushTo = (to: number): void => {
    for (;;) {
      const top = stack[stack.length - 1] as Open;
      if (stack.length > 1 && top.end <= to) {
        if (top.end > pos) top.el.append(text.slice(pos, top.end));
        pos = Math.max(pos, top.end);
        stack.pop();
      } else {
        if (to > pos) top.el.append(text.slice(pos, to));
        pos = Math.max(pos, to);
        return;
      }
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
    const mention = item.kind === 'mention';
    const interactive = item.part === 0;
    if (interactive && top.interactive && top.mention !== undefined) {
      const cont = mentionEl(p, top.mention, 1);
      (stack[stack.length - 2] as Open).el.append(cont);
      top = { el: cont, end: top.end, mention: top.mention, interactive: false };
      stack[stack.length - 1] = top;
    }
    const span = mention ? mentionEl(p, item.index, item.part) : claimEl(p, item.index, item.part);
    // Nested mentions: the outer one makes room for the inner one's underline (cheaper than a :has() rule).
    if (mention && top.mention !== undefined) top.el.classList.add('outer');
    top.el.append(span);
    stack.push(mention ? { el: span, end, mention: item.index, interactive } : { el: span, end, interactive: false });
  }
  flushTo(be);
}

function mentionEl(p: ReaderPayload, index: number, part: number): HTMLElement {
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
    span.setAttribute('aria-label', `${p.text.slice(m.start, m.end)}: ${card?.typeLabel ?? p.types[m.type]?.label ?? 'entity'}`);
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
