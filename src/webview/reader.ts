// The reader's front end. Every string from the annotation file is hostile: it reaches the page only through
// `textContent` and attribute values, never through HTML parsing; type colours and cues reach CSS only after
// validation, and class names use indices, never ids from the file.

import type { ClaimCard, EntityCard } from '../core/cards';
import { visibleControls } from '../core/text';
import type { Banner, CardRef, HostToWebview, ReaderPayload, ReaderState, TargetRef, WebviewToHost } from '../shared/protocol';
import { installSuggestions } from './suggestions';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: ReaderState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const articleEl = document.getElementById('article') as HTMLElement;
const legendEl = document.getElementById('legend') as HTMLElement;
const bannerEl = document.getElementById('banner') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;

let payload: ReaderPayload | undefined;
let hidden = new Set<string>();
/** Mention ids per entity, in document order, for "next mention". */
let mentionsByEntity = new Map<string, string[]>();
const typeSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, typeSheet];

function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}
installSuggestions(post);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  // Strings from the file never smuggle bidi controls into the UI; the article's own text does not pass here.
  if (text !== undefined) e.textContent = visibleControls(text);
  return e;
}

// ---- Rendering ---------------------------------------------------------------------------------------

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
const CUES = new Set(['solid', 'dashed', 'dotted', 'double', 'wavy', 'box', 'bold', 'italic']);
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Per-type CSS from validated values only: colour as a custom property, cue as one of a fixed set of rules. */
function typeRules(p: ReaderPayload): string {
  const rules: string[] = [];
  for (const t of p.types) {
    const color = HEX.test(t.color) ? t.color : '#808080';
    const cue = CUES.has(t.cue) ? t.cue : 'solid';
    rules.push(`.t${t.index} { --c: ${color}; }`);
    const sel = `.m.t${t.index}`;
    switch (cue) {
      case 'solid':
      case 'dashed':
      case 'dotted':
      case 'double':
        rules.push(`${sel} { border-bottom-style: ${cue}; }`);
        break;
      case 'wavy':
        rules.push(`${sel} { border-bottom-style: none; text-decoration: underline wavy var(--c) 1.5px; text-underline-offset: 0.25em; }`);
        break;
      case 'box':
        rules.push(`${sel} { border: 1px solid var(--c); border-radius: 3px; }`);
        break;
      case 'bold':
        rules.push(`${sel} { font-weight: 600; }`);
        break;
      case 'italic':
        rules.push(`${sel} { font-style: italic; }`);
        break;
    }
    rules.push(`.legend-item.t${t.index} .swatch { ${cue === 'box' ? 'outline: 1px solid var(--c);' : ''} }`);
    rules.push(
      `#article.hide-t${t.index} .m.t${t.index} { background: none; border-color: transparent; text-decoration: none; font-weight: inherit; font-style: inherit; }`,
    );
  }
  return rules.join('\n');
}

interface Span {
  start: number;
  end: number;
  kind: 'claim' | 'mention';
  index: number;
  part: number;
}

/** Builds one block's inline content: nested spans for nested annotations, crossing ones split into parts. */
function fillBlock(target: HTMLElement, p: ReaderPayload, bs: number, be: number, items: Span[]): void {
  items.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === b.kind ? 0 : a.kind === 'claim' ? -1 : 1));
  const stack: { el: HTMLElement; end: number }[] = [{ el: target, end: be }];
  let pos = bs;
  const text = p.text;
  const flushTo = (to: number): void => {
    for (;;) {
      const top = stack[stack.length - 1] as { el: HTMLElement; end: number };
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
    const top = stack[stack.length - 1] as { el: HTMLElement; end: number };
    let end = item.end;
    if (end > top.end) {
      // Crossing spans: this part stops where its container stops; the rest continues as a new part.
      const rest: Span = { ...item, start: top.end, part: item.part + 1 };
      let j = i + 1;
      while (j < items.length && (items[j] as Span).start < rest.start) j++;
      items.splice(j, 0, rest);
      end = top.end;
    }
    const span = item.kind === 'mention' ? mentionEl(p, item.index, item.part) : claimEl(p, item.index, item.part);
    // Nested mentions: the outer one makes room for the inner one's underline (cheaper than a :has() rule).
    if (item.kind === 'mention' && stack.length > 1 && top.el.classList.contains('m')) top.el.classList.add('outer');
    top.el.append(span);
    stack.push({ el: span, end });
  }
  flushTo(be);
}

function mentionEl(p: ReaderPayload, index: number, part: number): HTMLElement {
  const m = p.mentions[index];
  const span = el('span', `m t${m?.type ?? 0}${m && m.status !== 'anchored' ? ` st-${m.status}` : ''}`);
  if (!m) return span;
  span.dataset.mentionId = m.id;
  span.dataset.entityId = m.entityId;
  span.dataset.type = p.types[m.type]?.id ?? '';
  if (part === 0) {
    span.tabIndex = 0;
    span.setAttribute('role', 'button');
    const card = p.entityCards[m.entityId];
    span.setAttribute('aria-label', `${p.text.slice(m.start, m.end)}: ${card?.typeLabel ?? p.types[m.type]?.label ?? 'entity'}`);
  } else span.dataset.part = String(part);
  return span;
}

function claimEl(p: ReaderPayload, index: number, part: number): HTMLElement {
  const c = p.claims[index];
  const span = el('span', `claim${c && c.status !== 'anchored' ? ` st-${c.status}` : ''}`);
  if (!c) return span;
  span.dataset.claimId = c.id;
  if (part === 0) {
    // The marker is the claim's handle for pointer and keyboard; its glyph is CSS, so the text stays the article's.
    const marker = el('span', 'claim-marker');
    marker.dataset.claimId = c.id;
    marker.tabIndex = 0;
    marker.setAttribute('role', 'button');
    marker.setAttribute('aria-haspopup', 'dialog');
    marker.setAttribute('aria-label', c.label);
    span.append(marker);
  } else span.dataset.part = String(part);
  return span;
}

function render(p: ReaderPayload): void {
  const started = performance.now();
  payload = p;
  typeSheet.replaceSync(typeRules(p));
  mentionsByEntity = new Map();
  for (const m of p.mentions) {
    const list = mentionsByEntity.get(m.entityId);
    if (list) list.push(m.id);
    else mentionsByEntity.set(m.entityId, [m.id]);
  }

  const frag = document.createDocumentFragment();
  // Mentions and claims are sorted by start: walk them with cursors, one block at a time.
  let mi = 0;
  let ci = 0;
  for (const b of p.blocks) {
    const node = el(BLOCK_TAG[b.kind], `block ${b.kind}`);
    node.dataset.start = String(b.start);
    const items: Span[] = [];
    while (mi < p.mentions.length && (p.mentions[mi] as { end: number }).end <= b.start) mi++;
    for (let k = mi; k < p.mentions.length && (p.mentions[k] as { start: number }).start < b.end; k++) {
      const m = p.mentions[k] as { start: number; end: number };
      if (m.end > b.start)
        items.push({ start: Math.max(m.start, b.start), end: Math.min(m.end, b.end), kind: 'mention', index: k, part: m.start < b.start ? 1 : 0 });
    }
    while (ci < p.claims.length && (p.claims[ci] as { end: number }).end <= b.start) ci++;
    for (let k = ci; k < p.claims.length && (p.claims[k] as { start: number }).start < b.end; k++) {
      const c = p.claims[k] as { start: number; end: number };
      if (c.end > b.start)
        items.push({ start: Math.max(c.start, b.start), end: Math.min(c.end, b.end), kind: 'claim', index: k, part: c.start < b.start ? 1 : 0 });
    }
    if (items.some((i) => i.kind === 'claim')) node.classList.add('has-claim');
    if (b.kind === 'boilerplate') node.setAttribute('aria-label', 'Publisher notice');
    fillBlock(node, p, b.start, b.end, items);
    frag.append(node);
  }
  performance.measure('marginalia:build', { start: started, end: performance.now() });
  articleEl.replaceChildren(frag);
  articleEl.setAttribute('aria-busy', 'false');
  document.title = visibleControls(p.title);
  renderLegend(p);
  applyHidden();
  requestAnimationFrame(() => {
    // The frame after this one has painted the highlights. The measure is there for benchmarks and profilers.
    requestAnimationFrame(() => {
      const measure = performance.measure('marginalia:apply-to-paint', { start: started, end: performance.now() });
      post({ type: 'painted', ms: measure.duration, mentions: p.mentions.length });
    });
  });
}

function renderLegend(p: ReaderPayload): void {
  const items = p.types
    .filter((t) => t.count > 0)
    .map((t) => {
      const b = el('button', `legend-item t${t.index}`);
      b.type = 'button';
      b.dataset.type = t.id;
      b.setAttribute('aria-pressed', String(!hidden.has(t.id)));
      b.title = `${hidden.has(t.id) ? 'Show' : 'Hide'} ${t.label} highlights`;
      const swatch = el('span', `swatch m t${t.index}`, 'Aa');
      swatch.setAttribute('aria-hidden', 'true');
      b.append(swatch, el('span', 'legend-label', t.label), el('span', 'legend-count', String(t.count)));
      return b;
    });
  const claims = p.claims.length;
  const claimItem = el('span', 'legend-claims');
  const marker = el('span', 'claim-marker');
  marker.setAttribute('aria-hidden', 'true');
  claimItem.append(marker, el('span', 'legend-label', 'Claims'), el('span', 'legend-count', String(claims)));
  legendEl.replaceChildren(...items, claimItem);
  if (p.orphans > 0) legendEl.append(el('span', 'legend-orphans', `${p.orphans} not found in the text`));
  if (!p.editable && p.text) {
    const copy = el('button', 'legend-readonly', 'Read-only example · Copy to workspace to annotate');
    copy.type = 'button';
    copy.addEventListener('click', () => post({ type: 'copyToWorkspace' }));
    legendEl.append(copy);
  }
}

function applyHidden(): void {
  if (!payload) return;
  for (const t of payload.types) articleEl.classList.toggle(`hide-t${t.index}`, hidden.has(t.id));
}

legendEl.addEventListener('click', (e) => {
  const button = (e.target as Element).closest<HTMLButtonElement>('button.legend-item');
  const type = button?.dataset.type;
  if (!button || !type) return;
  if (hidden.has(type)) hidden.delete(type);
  else hidden.add(type);
  button.setAttribute('aria-pressed', String(!hidden.has(type)));
  button.title = button.title.replace(/^(Show|Hide)/, hidden.has(type) ? 'Show' : 'Hide');
  applyHidden();
  saveState();
  post({ type: 'hiddenTypes', types: [...hidden] });
});

function showBanner(banner: Banner | null): void {
  bannerEl.hidden = !banner;
  if (!banner) {
    bannerEl.replaceChildren();
    return;
  }
  bannerEl.className = `banner ${banner.severity}`;
  bannerEl.replaceChildren(
    el('strong', undefined, banner.severity === 'error' ? 'Problem in the annotation file: ' : 'Warning: '),
    el('span', undefined, banner.message),
    el('span', 'banner-location', ` — ${banner.location}`),
  );
}

// ---- Cards ------------------------------------------------------------------------------------------

const cardEl = el('div', 'card');
cardEl.id = 'card';
cardEl.setAttribute('role', 'dialog');
cardEl.setAttribute('aria-labelledby', 'card-title');
cardEl.hidden = true;
document.body.append(cardEl);
let openCard: { ref: CardRef; anchor: HTMLElement } | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
let suppressFocusCard = false;
/** A card opened by a click or a key stays until Escape or a click elsewhere; a hover card follows the pointer. */
let pinned = false;
/** The mention a card is being built for (its "Delete this mention" button). */
let pendingMention: string | undefined;

function linkButton(label: string, onClick: () => void, className = 'card-link'): HTMLButtonElement {
  // el() makes bidi controls visible in the label.
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function section(title: string, ...children: Node[]): HTMLElement {
  const s = el('section', 'card-section');
  s.append(el('h3', undefined, title), ...children);
  return s;
}

function entityCardBody(card: EntityCard): Node[] {
  const nodes: Node[] = [];
  const head = el('header', 'card-head');
  const title = el('h2', 'card-title', card.name);
  title.id = 'card-title';
  head.append(el('span', 'card-type', card.typeLabel), title);
  nodes.push(head);
  if (card.role || card.affiliations.length) {
    const role = el('p', 'card-role');
    if (card.role) role.append(card.role);
    card.affiliations.forEach((a, i) => {
      role.append(i === 0 ? (card.role ? ', ' : '') : '; ');
      role.append(linkButton(a.name, () => showEntityFromCard(a.id)));
    });
    nodes.push(role);
  }
  if (card.description) nodes.push(el('p', 'card-description', card.description));
  if (card.claimCount > 0) {
    const list = el('ul', 'card-claims');
    for (const c of card.claims.slice(0, 3)) {
      const li = el('li');
      li.append(linkButton(`“${truncate(c.text, 140)}”`, () => revealTarget({ kind: 'claim', id: c.id }, true)));
      list.append(li);
    }
    nodes.push(section(`${card.claimCount} ${card.claimCount === 1 ? 'claim' : 'claims'}`, list));
  }
  const mentions = el('p', 'card-mentions', `${card.mentionCount} ${card.mentionCount === 1 ? 'mention' : 'mentions'} `);
  if (card.mentionCount > 0) mentions.append(linkButton('Next mention ›', () => nextMentionOf(card.id)));
  nodes.push(mentions);
  // Affiliations are already on the role line; the rest of the relations are listed here.
  const affiliated = new Set(card.affiliations.map((a) => a.id));
  const related = card.relations.filter((r) => !affiliated.has(r.id));
  if (related.length) {
    const list = el('ul', 'card-related');
    for (const r of related) {
      const li = el('li');
      const words = r.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      const link = linkButton(r.name, () => showEntityFromCard(r.id));
      // "located in Singapore" for this entity's own relations; "Alan Chong — affiliated with this" for others'.
      if (r.direction === 'out') li.append(el('span', 'card-relation', `${words} `), link);
      else li.append(link, el('span', 'card-relation', ` — ${words} this`));
      list.append(li);
    }
    nodes.push(section('Related', list));
  }
  if (payload?.editable) {
    const actions = el('div', 'card-actions');
    const mentionId = pendingMention;
    actions.append(
      linkButton('Edit entity…', () => post({ type: 'action', action: 'editEntity', id: card.id }), 'card-action'),
      linkButton('Annotate all occurrences…', () => post({ type: 'action', action: 'annotateAll', id: card.id }), 'card-action'),
    );
    if (mentionId) actions.append(linkButton('Delete this mention…', () => post({ type: 'action', action: 'delete', id: mentionId }), 'card-action'));
    nodes.push(actions);
  }
  if (card.links.length) {
    const list = el('ul', 'card-links');
    for (const l of card.links) {
      const li = el('li');
      li.append(linkButton(l.label ?? l.url, () => post({ type: 'openLink', url: l.url })));
      list.append(li);
    }
    nodes.push(section('Links', list));
  }
  return nodes;
}

function claimCardBody(card: ClaimCard): Node[] {
  const head = el('header', 'card-head');
  const title = el('h2', 'card-title', card.speaker ? `${card.speaker.name}` : 'Unattributed claim');
  title.id = 'card-title';
  head.append(el('span', 'card-type', `Claim · ${card.modeLabel}`), title);
  const nodes: Node[] = [head];
  if (card.speaker?.role) nodes.push(el('p', 'card-role', card.speaker.role));
  if (card.summary) nodes.push(el('p', 'card-description', card.summary));
  const chain = el('ol', 'card-chain');
  chain.setAttribute('aria-label', 'Attribution chain');
  for (const link of card.chain) {
    const li = el('li');
    li.append(el('span', 'chain-role', `${link.role}${link.kind ? ` (${link.kind})` : ''}: `));
    const id = link.id;
    li.append(id ? linkButton(link.name, () => showEntityFromCard(id)) : el('span', undefined, link.name));
    chain.append(li);
  }
  nodes.push(section('Attribution', chain));
  if (card.status !== 'anchored') nodes.push(el('p', 'card-status', `Anchor: ${card.status}`));
  if (payload?.editable) {
    const actions = el('div', 'card-actions');
    actions.append(
      linkButton('Edit attribution…', () => post({ type: 'action', action: 'editAttribution', id: card.id }), 'card-action'),
      linkButton('Delete claim…', () => post({ type: 'action', action: 'delete', id: card.id }), 'card-action'),
    );
    nodes.push(actions);
  }
  return nodes;
}

/**
 * A card link to another entity: its card opens beside that entity's own mention nearest to the current card's
 * (so it never covers the text it explains), or where the current card is when that entity is not on screen.
 */
function showEntityFromCard(id: string): void {
  const from = openCard?.anchor;
  if (!from) return;
  const y = from.getBoundingClientRect().top;
  const vh = document.documentElement.clientHeight;
  let best: HTMLElement | undefined;
  let bestDistance = Infinity;
  for (const m of articleEl.querySelectorAll<HTMLElement>(`[data-entity-id="${CSS.escape(id)}"]:not([data-part])`)) {
    const r = m.getBoundingClientRect();
    if (r.bottom < 0 || r.top > vh) continue;
    const d = Math.abs(r.top - y);
    if (d < bestDistance) [best, bestDistance] = [m, d];
  }
  showCard({ kind: 'entity', id }, best ?? from);
  pinned = true;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Opens a card for `ref` beside `anchor`, placed above or below so it never covers the text it explains. */
function showCard(ref: CardRef, anchor: HTMLElement | undefined): void {
  if (!payload) return;
  const body = ref.kind === 'entity' ? payload.entityCards[ref.id] : payload.claimCards[ref.id];
  if (!body || !anchor) return;
  cancelHide();
  // Only a card about the mention's own entity may offer to delete that mention (not an affiliation's card).
  pendingMention = ref.kind === 'entity' && anchor.dataset.entityId === ref.id ? anchor.dataset.mentionId : undefined;
  cardEl.replaceChildren(...(ref.kind === 'entity' ? entityCardBody(body as EntityCard) : claimCardBody(body as ClaimCard)));
  pendingMention = undefined;
  cardEl.dataset.kind = ref.kind;
  cardEl.dataset.id = ref.id;
  cardEl.hidden = false;
  openCard = { ref, anchor };
  place(anchor);
  saveState();
}

function place(anchor: HTMLElement): void {
  // The text the card explains: the mention itself, or the whole claim span for a claim marker.
  const subject = anchor.classList.contains('claim-marker') ? (anchor.parentElement ?? anchor) : anchor;
  const rects = [...subject.getClientRects()];
  const first = rects[0] ?? subject.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? first;
  const top = Math.min(...rects.map((r) => r.top), first.top);
  const bottom = Math.max(...rects.map((r) => r.bottom), last.bottom);
  cardEl.style.left = '0px';
  cardEl.style.top = '0px';
  const cw = cardEl.offsetWidth;
  const ch = cardEl.offsetHeight;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const below = vh - bottom;
  const y = below >= ch + 8 || below >= top ? bottom + 6 : top - ch - 6;
  const x = Math.max(8, Math.min(first.left, vw - cw - 8));
  cardEl.style.left = `${x + window.scrollX}px`;
  cardEl.style.top = `${y + window.scrollY}px`;
  cardEl.classList.toggle('above', y < top);
}

function hideCard(returnFocus = false): void {
  cancelHide();
  pinned = false;
  if (cardEl.hidden) return;
  const anchor = openCard?.anchor;
  cardEl.hidden = true;
  openCard = undefined;
  saveState();
  if (returnFocus && anchor) {
    // Focusing the mention again must not reopen the card the user just closed.
    suppressFocusCard = true;
    anchor.focus({ preventScroll: true });
    suppressFocusCard = false;
  }
}

function scheduleHide(): void {
  cancelHide();
  if (pinned) return;
  // A short grace period lets the pointer travel from the text onto the card.
  hideTimer = setTimeout(() => hideCard(), 300);
}

function cancelHide(): void {
  if (hideTimer !== undefined) clearTimeout(hideTimer);
  hideTimer = undefined;
}

function refOf(target: Element | null): { ref: CardRef; el: HTMLElement } | undefined {
  if (!target) return undefined;
  const mention = target.closest<HTMLElement>('[data-mention-id]');
  if (mention?.dataset.entityId && articleEl.contains(mention)) return { ref: { kind: 'entity', id: mention.dataset.entityId }, el: mention };
  const marker = target.closest<HTMLElement>('.claim-marker');
  if (marker?.dataset.claimId) return { ref: { kind: 'claim', id: marker.dataset.claimId }, el: marker };
  return undefined;
}

function focusMessage(hit: { ref: CardRef; el: HTMLElement }): void {
  const mentionId = hit.el.dataset.mentionId;
  post({ type: 'focus', target: hit.ref.kind === 'entity' && mentionId ? { kind: 'mention', id: mentionId } : hit.ref });
}

articleEl.addEventListener('pointerover', (e) => {
  const hit = refOf(e.target as Element);
  if (!hit) return;
  if (openCard?.anchor === hit.el) {
    cancelHide();
    return;
  }
  pinned = false;
  showCard(hit.ref, hit.el);
  focusMessage(hit);
});
articleEl.addEventListener('pointerout', (e) => {
  const hit = refOf(e.target as Element);
  if (hit && openCard?.anchor === hit.el && !cardEl.contains(e.relatedTarget as Node | null)) scheduleHide();
});
cardEl.addEventListener('pointerenter', cancelHide);
document.addEventListener('click', (e) => {
  // The path as dispatched: a card link replaces the card's content, so its button is detached by now.
  if (!cardEl.hidden && !e.composedPath().includes(cardEl) && !refOf(e.target as Element)) hideCard();
});
cardEl.addEventListener('pointerleave', (e) => {
  if (openCard && openCard.anchor.contains(e.relatedTarget as Node | null)) return;
  scheduleHide();
});
articleEl.addEventListener('focusin', (e) => {
  const hit = refOf(e.target as Element);
  if (!hit || suppressFocusCard) return;
  showCard(hit.ref, hit.el);
  focusMessage(hit);
  statusEl.textContent = hit.el.getAttribute('aria-label') ?? '';
});
cardEl.addEventListener('focusout', (e) => {
  const next = e.relatedTarget as Node | null;
  if (next && (cardEl.contains(next) || openCard?.anchor === next)) return;
  if (next && refOf(next as Element)) return;
  hideCard();
});

// ---- Navigation --------------------------------------------------------------------------------------

function focusables(selector: string): HTMLElement[] {
  return [...articleEl.querySelectorAll<HTMLElement>(selector)].filter((e) => !e.dataset.part && e.offsetParent !== null);
}

function move(selector: string, direction: 1 | -1): void {
  const list = focusables(selector);
  if (!list.length) return;
  const current = document.activeElement as HTMLElement | null;
  let index = current ? list.indexOf(current) : -1;
  if (index === -1) {
    // Start from what is on screen rather than from the top.
    const first = list.findIndex((e) => e.getBoundingClientRect().top >= 0);
    index = direction === 1 ? first - 1 : first;
  }
  const next = list[(index + direction + list.length) % list.length];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}

function findTarget(ref: TargetRef): HTMLElement | null {
  const id = CSS.escape(ref.id);
  switch (ref.kind) {
    case 'claim':
      return articleEl.querySelector<HTMLElement>(`.claim-marker[data-claim-id="${id}"]`);
    case 'mention':
      return articleEl.querySelector<HTMLElement>(`[data-mention-id="${id}"]:not([data-part])`);
    case 'entity':
      return articleEl.querySelector<HTMLElement>(`[data-entity-id="${id}"]:not([data-part])`);
  }
}

/** The element a card is anchored to: the open card's mention when the card is an entity's, else its marker. */
function anchorFor(ref: CardRef, hint?: string): HTMLElement | null {
  if (ref.kind === 'claim') return findTarget(ref);
  return (hint ? findTarget({ kind: 'mention', id: hint }) : null) ?? findTarget(ref);
}

function revealTarget(ref: TargetRef, open: boolean): void {
  const target = findTarget(ref);
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  const flash = ref.kind === 'claim' ? (target.parentElement ?? target) : target;
  flash.classList.remove('flash');
  void flash.offsetWidth; // restart the animation
  flash.classList.add('flash');
  target.focus({ preventScroll: true });
  if (open) {
    const hit = refOf(target);
    if (hit) {
      showCard(hit.ref, target);
      pinned = true;
    }
  }
}

function nextMentionOf(entityId: string): void {
  const ids = mentionsByEntity.get(entityId) ?? [];
  if (!ids.length) return;
  const current = openCard?.anchor.dataset.mentionId;
  const i = current ? ids.indexOf(current) : -1;
  revealTarget({ kind: 'mention', id: ids[(i + 1) % ids.length] as string }, true);
}

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'Escape') {
    if (!cardEl.hidden) {
      hideCard(true);
      e.preventDefault();
    }
    return;
  }
  const active = document.activeElement as HTMLElement | null;
  if (e.key === 'Enter' || e.key === ' ') {
    const hit = refOf(active);
    if (hit && articleEl.contains(hit.el)) {
      showCard(hit.ref, hit.el);
      pinned = true;
      (cardEl.querySelector<HTMLElement>('button') ?? cardEl).focus();
      e.preventDefault();
    }
    return;
  }
  const keys: Record<string, () => void> = {
    n: () => move('.m[data-mention-id]', 1),
    p: () => move('.m[data-mention-id]', -1),
    j: () => move('.m[data-mention-id]', 1),
    k: () => move('.m[data-mention-id]', -1),
    ']': () => move('.claim-marker', 1),
    '[': () => move('.claim-marker', -1),
  };
  const action = keys[e.key];
  if (action && !(active instanceof HTMLInputElement)) {
    action();
    e.preventDefault();
  }
});
cardEl.tabIndex = -1;

// ---- State -------------------------------------------------------------------------------------------

function scrollPosition(): { scrollOffset?: number; scrollDelta?: number; scrollTop: number } {
  for (const b of articleEl.children) {
    const r = (b as HTMLElement).getBoundingClientRect();
    if (r.bottom > 0) return { scrollOffset: Number((b as HTMLElement).dataset.start), scrollDelta: r.top, scrollTop: window.scrollY };
  }
  return { scrollTop: window.scrollY };
}

/**
 * Puts the same block at the same place in the viewport. Off-screen blocks have estimated heights
 * (content-visibility), so a pixel scrollTop alone would land elsewhere; the block is the anchor.
 */
function restoreScroll(state: ReaderState): void {
  const block = state.scrollOffset !== undefined ? articleEl.querySelector<HTMLElement>(`.block[data-start="${state.scrollOffset}"]`) : null;
  if (block) {
    const place = (): void => {
      block.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -(state.scrollDelta ?? 0));
    };
    place();
    // Blocks drawn for the first time near the viewport replace their estimated heights in the next frame; place
    // the anchor block once more after that.
    requestAnimationFrame(place);
    return;
  }
  if (state.scrollTop !== undefined) window.scrollTo(0, state.scrollTop);
}

function currentState(): ReaderState | null {
  if (!payload) return null;
  const openMention = openCard?.anchor.dataset.mentionId;
  return {
    source: payload.source,
    ...scrollPosition(),
    ...(openCard ? { openCard: openCard.ref } : {}),
    ...(openMention ? { openMention } : {}),
    hiddenTypes: [...hidden],
  };
}

function saveState(): void {
  const s = currentState();
  if (s) vscode.setState(s);
}

let scrollQueued = false;
window.addEventListener(
  'scroll',
  () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      saveState();
      if (openCard && !cardEl.hidden) place(openCard.anchor);
    });
  },
  { passive: true },
);

// ---- Selection --------------------------------------------------------------------------------------

/** UTF-16 offset into the payload text of a DOM point inside the article (text nodes hold only article text). */
function textOffset(node: Node, offset: number): number | undefined {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = element?.closest<HTMLElement>('.block');
  if (!block || block.dataset.start === undefined) return undefined;
  const range = document.createRange();
  range.setStart(block, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return undefined;
  }
  return Number(block.dataset.start) + range.toString().length;
}

let selectionQueued = false;
let lastSelection = '';
document.addEventListener('selectionchange', () => {
  if (selectionQueued) return;
  selectionQueued = true;
  requestAnimationFrame(() => {
    selectionQueued = false;
    if (!payload) return;
    const sel = document.getSelection();
    let start = 0;
    let end = 0;
    if (sel && sel.rangeCount > 0 && !sel.isCollapsed && articleEl.contains(sel.anchorNode)) {
      const r = sel.getRangeAt(0);
      start = textOffset(r.startContainer, r.startOffset) ?? 0;
      end = textOffset(r.endContainer, r.endOffset) ?? start;
      if (end < start) [start, end] = [end, start];
    }
    const key = `${start}:${end}`;
    if (key === lastSelection) return;
    lastSelection = key;
    post({ type: 'selection', start, end, source: payload.source });
  });
});

// ---- Messages ----------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'load': {
        const state = message.state;
        if (state?.hiddenTypes) hidden = new Set(state.hiddenTypes);
        render(message.payload);
        showBanner(message.banner);
        if (state) {
          restoreScroll(state);
          if (state.openCard) {
            const target = anchorFor(state.openCard, state.openMention);
            if (target) showCard(state.openCard, target);
          }
        }
        saveState();
        break;
      }
      case 'update': {
        const before = scrollPosition();
        const open = openCard?.ref;
        const openMention = openCard?.anchor.dataset.mentionId;
        hideCard();
        render(message.payload);
        showBanner(message.banner);
        restoreScroll({ source: message.payload.source, ...before });
        if (open) {
          const target = anchorFor(open, openMention);
          if (target) showCard(open, target);
        }
        saveState();
        break;
      }
      case 'banner':
        showBanner(message.banner);
        break;
      case 'reveal':
        revealTarget(message.target, message.openCard);
        break;
      case 'navigate':
        move(message.what === 'claim' ? '.claim-marker' : '.m[data-mention-id]', message.direction);
        break;
      case 'setHiddenTypes':
        hidden = new Set(message.types);
        if (payload) renderLegend(payload);
        applyHidden();
        saveState();
        break;
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? `${e.message}` : String(e) });
  }
});

const saved = vscode.getState();
post({ type: 'ready', state: saved && typeof saved === 'object' ? (saved as ReaderState) : null });
