// Cards: which one is open, where it sits (beside the text it explains, never over it), and when it closes
// (a hover card follows the pointer with a short grace period; a clicked or keyed card stays until Escape).

import type { CardRef } from '../shared/protocol';
import { claimCardBody, entityCardBody, type CardHandlers } from './cardBody';
import { saveState } from './scroll';
import { el, type Reader } from './state';

export function createCard(): HTMLElement {
  const card = el('div', 'card');
  card.id = 'card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-labelledby', 'card-title');
  card.hidden = true;
  card.tabIndex = -1;
  return card;
}

function handlers(s: Reader, mentionId: string | undefined, textLink: string | undefined): CardHandlers {
  return {
    textLink,
    openTextLink: (url) => s.links.openLink(url),
    openEntity: (id) => showEntityFromCard(s, id),
    revealClaim: (id) => s.links.revealClaim(id),
    nextMention: (id) => s.links.nextMention(id),
    post: (m) => s.post(m),
    editable: s.payload?.editable ?? false,
    mentionId,
  };
}

/** Opens a card for `ref` beside `anchor`, placed above or below so it never covers the text it explains. */
export function showCard(s: Reader, ref: CardRef, anchor: HTMLElement | undefined): void {
  const p = s.payload;
  if (!p || !anchor) return;
  const entity = ref.kind === 'entity' ? p.entityCards[ref.id] : undefined;
  const claim = ref.kind === 'claim' ? p.claimCards[ref.id] : undefined;
  if (!entity && !claim) return;
  cancelHide(s);
  // Only a card about the mention's own entity may offer to delete that mention (not an affiliation's card).
  const mentionId = ref.kind === 'entity' && anchor.dataset.entityId === ref.id ? anchor.dataset.mentionId : undefined;
  // A name drawn inside a Markdown link (or holding one) is the Tab stop there; its card carries the link.
  const link = ref.kind === 'entity' ? (anchor.closest<HTMLElement>('.md-link') ?? anchor.querySelector<HTMLElement>('.md-link')) : null;
  const h = handlers(s, mentionId, link?.dataset.href);
  const card = s.dom.card;
  card.replaceChildren(...(entity ? entityCardBody(entity, h) : claim ? claimCardBody(claim, h) : []));
  card.dataset.kind = ref.kind;
  card.dataset.id = ref.id;
  card.hidden = false;
  s.openCard = { ref, anchor };
  place(s, anchor);
  saveState(s);
}

/**
 * A card link to another entity: its card opens beside that entity's own mention nearest to the current card's
 * (so it never covers the text it explains), or where the current card is when that entity is not on screen.
 */
function showEntityFromCard(s: Reader, id: string): void {
  const from = s.openCard?.anchor;
  if (!from) return;
  const y = from.getBoundingClientRect().top;
  const vh = document.documentElement.clientHeight;
  let best: HTMLElement | undefined;
  let bestDistance = Infinity;
  for (const m of s.dom.article.querySelectorAll<HTMLElement>(`[data-entity-id="${CSS.escape(id)}"]:not([data-part])`)) {
    const r = m.getBoundingClientRect();
    if (r.bottom < 0 || r.top > vh) continue;
    const d = Math.abs(r.top - y);
    if (d < bestDistance) [best, bestDistance] = [m, d];
  }
  showCard(s, { kind: 'entity', id }, best ?? from);
  s.pinned = true;
}

const GAP = 6;
const MARGIN = 8;

/** The viewport box of `subject`: the union of its line boxes (a mention or claim may wrap). */
function boxOf(subject: HTMLElement): { top: number; bottom: number; left: number } {
  const rects = [...subject.getClientRects()];
  const first = rects[0] ?? subject.getBoundingClientRect();
  return { top: Math.min(first.top, ...rects.map((r) => r.top)), bottom: Math.max(first.bottom, ...rects.map((r) => r.bottom)), left: first.left };
}

/**
 * Places the card beside the text it explains, inside the text column and below the sticky header: above the
 * line if it fits there (the text already read), else below with the next line left clear (its names stay
 * reachable), else on the roomier side with its height cut to fit (it scrolls). All reads come before the writes
 * that depend on them, so a placement costs one layout of the card.
 */
export function place(s: Reader, anchor: HTMLElement): void {
  const card = s.dom.card;
  // The text the card explains: the mention itself, or the whole claim span for a claim marker.
  const subject = anchor.classList.contains('claim-marker') ? (anchor.parentElement ?? anchor) : anchor;
  const box = boxOf(subject);
  const column = s.dom.article.getBoundingClientRect();
  const header = s.dom.legend.parentElement?.getBoundingClientRect().bottom ?? 0;
  const line = parseFloat(getComputedStyle(subject).lineHeight) || box.bottom - box.top;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const left = Math.max(MARGIN, column.left);
  const right = Math.min(vw - MARGIN, column.right);
  // Never wider than the text column (CSS caps it at 26rem).
  card.style.width = `${Math.max(0, right - left)}px`;
  card.style.maxHeight = '';
  const cw = card.offsetWidth;
  const ch = card.offsetHeight;
  const roomAbove = box.top - GAP - Math.max(header, 0) - MARGIN / 2;
  const belowTop = box.bottom + line + GAP;
  const roomBelow = vh - MARGIN - belowTop;
  let above: boolean;
  if (ch <= roomAbove) above = true;
  else if (ch <= roomBelow) above = false;
  else {
    above = roomAbove > roomBelow;
    card.style.maxHeight = `${Math.max(0, above ? roomAbove : roomBelow)}px`;
  }
  const height = Math.min(ch, above ? Math.max(0, roomAbove) : ch);
  const y = above ? box.top - GAP - height : belowTop;
  const x = Math.max(left, Math.min(box.left, right - cw));
  card.style.left = `${x + window.scrollX}px`;
  card.style.top = `${y + window.scrollY}px`;
  card.classList.toggle('above', above);
}

/** Places the open card again in the next frame (after a restore, a resize, blocks drawn near it). */
export function queuePlace(s: Reader): void {
  if (s.placeQueued || !s.openCard) return;
  s.placeQueued = true;
  requestAnimationFrame(() => {
    s.placeQueued = false;
    if (s.openCard && !s.dom.card.hidden) place(s, s.openCard.anchor);
  });
}

/**
 * Whether a pointer leaving `anchor` is heading for the card (the grace period lets it get there); leaving any
 * other way, e.g. along the line to the next name, closes the card at once.
 */
function towardCard(s: Reader, anchor: HTMLElement, e: PointerEvent): boolean {
  const box = boxOf(anchor);
  if (s.dom.card.classList.contains('above')) return e.clientY < box.top || e.movementY < 0;
  return e.clientY > box.bottom || e.movementY > 0;
}

export function hideCard(s: Reader, returnFocus = false): void {
  cancelHide(s);
  s.pinned = false;
  if (s.dom.card.hidden) return;
  const anchor = s.openCard?.anchor;
  s.dom.card.hidden = true;
  s.openCard = undefined;
  saveState(s);
  if (returnFocus && anchor) {
    // Focusing the mention again must not reopen the card the user just closed.
    s.suppressFocusCard = true;
    anchor.focus({ preventScroll: true });
    s.suppressFocusCard = false;
  }
}

function scheduleHide(s: Reader): void {
  cancelHide(s);
  if (s.pinned) return;
  // A short grace period lets the pointer travel from the text onto the card.
  s.hideTimer = setTimeout(() => hideCard(s), 300);
}

function cancelHide(s: Reader): void {
  if (s.hideTimer !== undefined) clearTimeout(s.hideTimer);
  s.hideTimer = undefined;
}

/** The mention or claim marker at `target`, and the card it opens. */
export function refOf(s: Reader, target: Element | null): { ref: CardRef; el: HTMLElement } | undefined {
  if (!target) return undefined;
  const mention = target.closest<HTMLElement>('[data-mention-id]');
  if (mention?.dataset.entityId && s.dom.article.contains(mention)) return { ref: { kind: 'entity', id: mention.dataset.entityId }, el: mention };
  const marker = target.closest<HTMLElement>('.claim-marker');
  if (marker?.dataset.claimId) return { ref: { kind: 'claim', id: marker.dataset.claimId }, el: marker };
  return undefined;
}

/** Tells the host what the reader is pointing at, so the trees can follow. */
function focusMessage(s: Reader, hit: { ref: CardRef; el: HTMLElement }): void {
  const mentionId = hit.el.dataset.mentionId;
  s.post({ type: 'focus', target: hit.ref.kind === 'entity' && mentionId ? { kind: 'mention', id: mentionId } : hit.ref });
}

export function installCards(s: Reader): void {
  const { article, card } = s.dom;
  article.addEventListener('pointerover', (e) => {
    const hit = refOf(s, e.target as Element);
    if (!hit) return;
    if (s.openCard?.anchor === hit.el) {
      cancelHide(s);
      return;
    }
    s.pinned = false;
    showCard(s, hit.ref, hit.el);
    focusMessage(s, hit);
  });
  article.addEventListener('pointerout', (e) => {
    const hit = refOf(s, e.target as Element);
    const to = e.relatedTarget as Node | null;
    if (!hit || s.openCard?.anchor !== hit.el || card.contains(to) || hit.el.contains(to)) return;
    if (s.pinned || towardCard(s, hit.el, e)) scheduleHide(s);
    else hideCard(s);
  });
  card.addEventListener('pointerenter', () => cancelHide(s));
  document.addEventListener('click', (e) => {
    // The path as dispatched: a card link replaces the card's content, so its button is detached by now.
    if (!card.hidden && !e.composedPath().includes(card) && !refOf(s, e.target as Element)) hideCard(s);
  });
  card.addEventListener('pointerleave', (e) => {
    if (s.openCard && s.openCard.anchor.contains(e.relatedTarget as Node | null)) return;
    scheduleHide(s);
  });
  article.addEventListener('focusin', (e) => {
    const hit = refOf(s, e.target as Element);
    if (!hit || s.suppressFocusCard) return;
    showCard(s, hit.ref, hit.el);
    focusMessage(s, hit);
    s.dom.status.textContent = hit.el.getAttribute('aria-label') ?? '';
  });
  // Layout that moves the text (blocks drawn, fonts, a restored scroll position, a narrower panel) moves the card.
  new ResizeObserver(() => queuePlace(s)).observe(article);
  window.addEventListener('resize', () => queuePlace(s));
  card.addEventListener('focusout', (e) => {
    const next = e.relatedTarget as Node | null;
    if (next && (card.contains(next) || s.openCard?.anchor === next)) return;
    if (next && refOf(s, next as Element)) return;
    hideCard(s);
  });
}
