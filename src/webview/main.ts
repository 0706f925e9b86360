// The reader's entry point: finds the shell's elements, creates the one Reader state, wires the modules' listeners,
// handles the host's messages and starts the ready handshake. Every string from the annotation file is hostile: it
// reaches the page only through `textContent` and attribute values, never through HTML parsing.

import { unpackPayload } from '../shared/packedPayload';
import type { HostToWebview, ReaderState } from '../shared/protocol';
import { anchorFor, CLAIM_MARKERS, installKeyboard, installLinks, MENTIONS, move, nextMentionOf, openLink, revealTarget } from './navigation';
import { createCard, hideCard, installCards, place, queuePlace, showCard } from './cards';
import { applyHidden, fitLegend, installLegend, renderLegend, showBanner } from './chrome';
import { render } from './render';
import { installScroll, restoreScroll, saveState, scrollPosition } from './scroll';
import { installSelection } from './selection';
import { installSuggestions, showSuggestions } from './suggestions';
import { Reader, type VsCodeApi } from './state';

declare function acquireVsCodeApi(): VsCodeApi;

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the reader shell has no #${id}`);
  return e;
}

const card = createCard();
document.body.append(card);
const s = new Reader(acquireVsCodeApi(), { article: byId('article'), legend: byId('legend'), banner: byId('banner'), status: byId('status'), card }, (r) => ({
  revealClaim: (id) => revealTarget(r, { kind: 'claim', id }, true),
  nextMention: (id) => nextMentionOf(r, id),
  openLink: (url) => openLink(r, url),
}));
document.adoptedStyleSheets = [...document.adoptedStyleSheets, s.typeSheet];

installLegend(s);
installCards(s);
installKeyboard(s);
installLinks(s);
installSelection(s);
installSuggestions(s);
installScroll(s, () => {
  if (s.openCard && !s.dom.card.hidden) place(s, s.openCard.anchor);
});

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'load': {
      const state = message.state;
      if (state?.hiddenTypes) s.hidden = new Set(state.hiddenTypes);
      if (state?.legendCollapsed !== undefined) s.legendCollapsed = state.legendCollapsed;
      render(s, unpackPayload(message.payload), state?.scrollOffset ?? 0);
      showBanner(s, message.banner);
      if (state) {
        restoreScroll(s, state);
        if (state.openCard) {
          const target = anchorFor(s, state.openCard, state.openMention);
          if (target) showCard(s, state.openCard, target);
          // Placed again once the restored scroll position and the blocks around it have settled.
          queuePlace(s);
        }
      }
      saveState(s);
      return;
    }
    case 'update': {
      const before = scrollPosition(s);
      const open = s.openCard?.ref;
      const openMention = s.openCard?.anchor.dataset.mentionId;
      hideCard(s);
      const payload = unpackPayload(message.payload);
      render(s, payload, before.scrollOffset ?? 0);
      showBanner(s, message.banner);
      restoreScroll(s, { source: payload.source, ...before });
      if (open) {
        const target = anchorFor(s, open, openMention);
        if (target) showCard(s, open, target);
      }
      saveState(s);
      return;
    }
    case 'banner':
      showBanner(s, message.banner);
      return;
    case 'reveal':
      revealTarget(s, message.target, message.openCard, message.focus !== false);
      return;
    case 'navigate':
      move(s, message.what === 'claim' ? CLAIM_MARKERS : MENTIONS, message.direction);
      return;
    case 'setHiddenTypes':
      s.hidden = new Set(message.types);
      if (s.payload) {
        renderLegend(s, s.payload);
        fitLegend(s);
      }
      applyHidden(s);
      saveState(s);
      return;
    case 'suggestions':
      showSuggestions(message);
      return;
    default: {
      const never: never = message;
      return never;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  // For benchmarks: ready → received is the host's payload work plus the message's trip.
  if (event.data.type === 'load') performance.mark('marginalia:received');
  try {
    handle(event.data);
  } catch (e) {
    s.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});

const saved = s.savedState();
performance.mark('marginalia:ready');
s.post({ type: 'ready', state: saved && typeof saved === 'object' ? (saved as ReaderState) : null });
