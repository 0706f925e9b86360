// Moving through the article without a mouse: n/p (j/k) between mentions, ]/[ between claims, Enter into a
// card, Escape out of it; and revealing a mention or claim the host asks for (trees, commands, card links).

import { safeExternalUrl, type CardRef, type TargetRef } from '../shared/protocol';
import { hideCard, refOf, showCard } from './cards';
import { drawAll, ensureDrawnAt } from './blocks';
import { cancelRestore } from './scroll';
import type { Reader } from './state';

export const MENTIONS = '.m[data-mention-id]';
export const CLAIM_MARKERS = '.claim-marker';

function focusables(s: Reader, selector: string): HTMLElement[] {
  drawAll(s);
  return [...s.dom.article.querySelectorAll<HTMLElement>(selector)].filter((e) => !e.dataset.part);
}

/** The first element of `list` whose top is at or below the viewport's top (binary search: reading order). */
function firstOnScreen(list: readonly HTMLElement[]): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as HTMLElement).getBoundingClientRect().top >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Focuses the next (or previous) mention or claim marker after the focused one, or after what is on screen. */
export function move(s: Reader, selector: string, direction: 1 | -1): void {
  const list = focusables(s, selector);
  if (!list.length) return;
  const current = document.activeElement as HTMLElement | null;
  let index = current ? list.indexOf(current) : -1;
  // Start from what is on screen rather than from the top.
  if (index === -1) {
    const at = firstOnScreen(list);
    const first = at === list.length ? -1 : at;
    index = direction === 1 ? first - 1 : first;
  }
  // Only elements that are laid out can take the focus; a long article is checked one step at a time, not all at once.
  for (let step = 1; step <= list.length; step++) {
    const next = list[(((index + direction * step) % list.length) + list.length) % list.length] as HTMLElement;
    if (next.offsetParent === null) continue;
    cancelRestore(s);
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
    return;
  }
}

/** Where `ref` starts in the text (UTF-16), so its block can be drawn before its element is looked for. */
function offsetOf(s: Reader, ref: TargetRef): number | undefined {
  const p = s.payload;
  if (!p) return undefined;
  if (ref.kind === 'claim') return p.claims.find((c) => c.id === ref.id)?.start;
  const id = ref.kind === 'mention' ? ref.id : s.mentionsByEntity.get(ref.id)?.[0];
  return id === undefined ? undefined : p.mentions.find((m) => m.id === id)?.start;
}

function findTarget(s: Reader, ref: TargetRef): HTMLElement | null {
  const at = offsetOf(s, ref);
  if (at !== undefined) ensureDrawnAt(s, at);
  const id = CSS.escape(ref.id);
  const article = s.dom.article;
  switch (ref.kind) {
    case 'claim':
      return article.querySelector<HTMLElement>(`.claim-marker[data-claim-id="${id}"]`);
    case 'mention':
      return article.querySelector<HTMLElement>(`[data-mention-id="${id}"]:not([data-part])`);
    case 'entity':
      return article.querySelector<HTMLElement>(`[data-entity-id="${id}"]:not([data-part])`);
  }
}

/** The element a card is anchored to: the open card's mention when the card is an entity's, else its marker. */
export function anchorFor(s: Reader, ref: CardRef, hint?: string): HTMLElement | null {
  if (ref.kind === 'claim') return findTarget(s, ref);
  return (hint ? findTarget(s, { kind: 'mention', id: hint }) : null) ?? findTarget(s, ref);
}

export function revealTarget(s: Reader, ref: TargetRef, open: boolean, focus = true): void {
  const target = findTarget(s, ref);
  if (!target) return;
  cancelRestore(s);
  target.scrollIntoView({ block: 'center' });
  const flash = ref.kind === 'claim' ? (target.parentElement ?? target) : target;
  flash.classList.remove('flash');
  void flash.offsetWidth; // restart the animation
  flash.classList.add('flash');
  // A reveal the person did not ask for (what a command just created) leaves the focus where it is: it may arrive
  // while the next prompt is open, which the focus would close.
  if (focus) target.focus({ preventScroll: true });
  if (open) {
    const hit = refOf(s, target);
    if (hit) {
      showCard(s, hit.ref, target);
      s.pinned = true;
    }
  }
}

export function nextMentionOf(s: Reader, entityId: string): void {
  const ids = s.mentionsByEntity.get(entityId) ?? [];
  if (!ids.length) return;
  const current = s.openCard?.anchor.dataset.mentionId;
  const i = current ? ids.indexOf(current) : -1;
  revealTarget(s, { kind: 'mention', id: ids[(i + 1) % ids.length] as string }, true);
}

/** A Markdown link drawn as text opens on a click or Enter, through the host, and only when it is http(s). */
export function openLink(s: Reader, href: string): void {
  const url = safeExternalUrl(href);
  if (url) s.post({ type: 'openLink', url });
  else s.dom.status.textContent = 'Not opened: only http and https links open from the reader';
}

/** The link at `target`, unless a mention or claim marker is nearer (a click on a name opens its card). */
function linkAt(target: Element | null): HTMLElement | undefined {
  const hit = target?.closest<HTMLElement>('.md-link, [data-mention-id], .claim-marker');
  return hit?.classList.contains('md-link') ? hit : undefined;
}

export function installLinks(s: Reader): void {
  s.dom.article.addEventListener('click', (e) => {
    const link = linkAt(e.target as Element);
    if (link) openLink(s, link.dataset.href ?? '');
  });
}

export function installKeyboard(s: Reader): void {
  const keys: Record<string, () => void> = {
    n: () => move(s, MENTIONS, 1),
    p: () => move(s, MENTIONS, -1),
    j: () => move(s, MENTIONS, 1),
    k: () => move(s, MENTIONS, -1),
    ']': () => move(s, CLAIM_MARKERS, 1),
    '[': () => move(s, CLAIM_MARKERS, -1),
  };
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const card = s.dom.card;
    if (e.key === 'Escape') {
      if (!card.hidden) {
        hideCard(s, true);
        e.preventDefault();
      }
      return;
    }
    const active = document.activeElement as HTMLElement | null;
    if (e.key === 'Enter' && active?.classList.contains('md-link') && s.dom.article.contains(active)) {
      openLink(s, active.dataset.href ?? '');
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      const hit = refOf(s, active);
      if (hit && s.dom.article.contains(hit.el)) {
        showCard(s, hit.ref, hit.el);
        s.pinned = true;
        (card.querySelector<HTMLElement>('button') ?? card).focus();
        e.preventDefault();
      }
      return;
    }
    const action = keys[e.key];
    if (action && !(active instanceof HTMLInputElement)) {
      action();
      e.preventDefault();
    }
  });
}
