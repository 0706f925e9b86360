// Drawing the article: blocks with nested mention and claim spans, the per-type CSS, the legend and the banner.
// The article's text reaches the DOM only as text nodes; type colours and cues reach CSS only after validation,
// and class names use indices, never ids from the file.

import { visibleControls } from '../core/text';
import type { Banner, ReaderPayload } from '../shared/protocol';
import { saveState } from './scroll';
import { el, type Reader } from './state';

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

export function render(s: Reader, p: ReaderPayload): void {
  const started = performance.now();
  s.payload = p;
  s.typeSheet.replaceSync(typeRules(p));
  s.mentionsByEntity = new Map();
  for (const m of p.mentions) {
    const list = s.mentionsByEntity.get(m.entityId);
    if (list) list.push(m.id);
    else s.mentionsByEntity.set(m.entityId, [m.id]);
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
  s.dom.article.replaceChildren(frag);
  s.dom.article.setAttribute('aria-busy', 'false');
  document.title = visibleControls(p.title);
  renderLegend(s, p);
  applyHidden(s);
  requestAnimationFrame(() => {
    // The frame after this one has painted the highlights. The measure is there for benchmarks and profilers.
    requestAnimationFrame(() => {
      const measure = performance.measure('marginalia:apply-to-paint', { start: started, end: performance.now() });
      s.post({ type: 'painted', ms: measure.duration, mentions: p.mentions.length });
    });
  });
}

export function renderLegend(s: Reader, p: ReaderPayload): void {
  const items = p.types
    .filter((t) => t.count > 0)
    .map((t) => {
      const b = el('button', `legend-item t${t.index}`);
      b.type = 'button';
      b.dataset.type = t.id;
      b.setAttribute('aria-pressed', String(!s.hidden.has(t.id)));
      b.title = `${s.hidden.has(t.id) ? 'Show' : 'Hide'} ${t.label} highlights`;
      const swatch = el('span', `swatch m t${t.index}`, 'Aa');
      swatch.setAttribute('aria-hidden', 'true');
      b.append(swatch, el('span', 'legend-label', t.label), el('span', 'legend-count', String(t.count)));
      return b;
    });
  const claimItem = el('span', 'legend-claims');
  const marker = el('span', 'claim-marker');
  marker.setAttribute('aria-hidden', 'true');
  claimItem.append(marker, el('span', 'legend-label', 'Claims'), el('span', 'legend-count', String(p.claims.length)));
  s.dom.legend.replaceChildren(...items, claimItem);
  if (p.orphans > 0) s.dom.legend.append(el('span', 'legend-orphans', `${p.orphans} not found in the text`));
  if (!p.editable && p.text) {
    const copy = el('button', 'legend-readonly', 'Read-only example · Copy to workspace to annotate');
    copy.type = 'button';
    copy.addEventListener('click', () => s.post({ type: 'copyToWorkspace' }));
    s.dom.legend.append(copy);
  }
}

export function applyHidden(s: Reader): void {
  if (!s.payload) return;
  for (const t of s.payload.types) s.dom.article.classList.toggle(`hide-t${t.index}`, s.hidden.has(t.id));
}

/** A click on a legend item hides or shows its type here and, through the host, in the editor and the views. */
export function installLegend(s: Reader): void {
  s.dom.legend.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button.legend-item');
    const type = button?.dataset.type;
    if (!button || !type) return;
    if (s.hidden.has(type)) s.hidden.delete(type);
    else s.hidden.add(type);
    button.setAttribute('aria-pressed', String(!s.hidden.has(type)));
    button.title = button.title.replace(/^(Show|Hide)/, s.hidden.has(type) ? 'Show' : 'Hide');
    applyHidden(s);
    saveState(s);
    s.post({ type: 'hiddenTypes', types: [...s.hidden] });
  });
}

export function showBanner(s: Reader, banner: Banner | null): void {
  const bannerEl = s.dom.banner;
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
