// Where the reader is and what it persists: the first visible block as the scroll anchor, the open card and the
// hidden types, saved with setState so a reload (or a hidden panel coming back) restores them.

import type { ReaderState } from '../shared/protocol';
import type { Reader } from './state';

/** The first block whose bottom is below the viewport's top, by binary search: blocks are in reading order. */
function firstVisibleBlock(s: Reader): HTMLElement | undefined {
  const blocks = s.drawing?.blocks ?? [];
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((blocks[mid] as HTMLElement).getBoundingClientRect().bottom > 0) hi = mid;
    else lo = mid + 1;
  }
  return blocks[lo] as HTMLElement | undefined;
}

export function scrollPosition(s: Reader): { scrollOffset?: number; scrollDelta?: number; scrollTop: number } {
  const b = firstVisibleBlock(s);
  if (!b) return { scrollTop: window.scrollY };
  return { scrollOffset: Number(b.dataset.start), scrollDelta: b.getBoundingClientRect().top, scrollTop: window.scrollY };
}

/**
 * Puts the same block at the same place in the viewport. Off-screen blocks have estimated heights
 * (content-visibility), so a pixel scrollTop alone would land elsewhere; the block is the anchor.
 */
export function restoreScroll(s: Reader, state: ReaderState): void {
  const block = state.scrollOffset !== undefined ? s.dom.article.querySelector<HTMLElement>(`.block[data-start="${state.scrollOffset}"]`) : null;
  if (block) {
    const place = (): void => {
      block.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -(state.scrollDelta ?? 0));
    };
    place();
    // Blocks drawn for the first time near the viewport replace their estimated heights in the next frame; place
    // the anchor block once more after that (unless a reveal has moved the reader meanwhile: cancelRestore).
    cancelRestore(s);
    s.restoreFrame = requestAnimationFrame(() => {
      s.restoreFrame = undefined;
      place();
    });
    return;
  }
  if (state.scrollTop !== undefined) window.scrollTo(0, state.scrollTop);
}

/** Something moves the reader on purpose (a reveal, a key): a restore still due must not move it back. */
export function cancelRestore(s: Reader): void {
  if (s.restoreFrame !== undefined) cancelAnimationFrame(s.restoreFrame);
  s.restoreFrame = undefined;
}

function currentState(s: Reader): ReaderState | null {
  if (!s.payload) return null;
  const open = s.openCard;
  const openMention = open?.anchor.dataset.mentionId;
  return {
    source: s.payload.source,
    ...scrollPosition(s),
    ...(open ? { openCard: open.ref } : {}),
    ...(openMention ? { openMention } : {}),
    hiddenTypes: [...s.hidden],
    ...(s.legendCollapsed !== undefined ? { legendCollapsed: s.legendCollapsed } : {}),
  };
}

export function saveState(s: Reader): void {
  const state = currentState(s);
  if (state) s.setState(state);
}

/** Saves the position once per frame while scrolling, then runs `each` (the open card follows its text). */
export function installScroll(s: Reader, each: () => void): void {
  window.addEventListener(
    'scroll',
    () => {
      if (s.scrollQueued) return;
      s.scrollQueued = true;
      requestAnimationFrame(() => {
        s.scrollQueued = false;
        saveState(s);
        each();
      });
    },
    { passive: true },
  );
}
