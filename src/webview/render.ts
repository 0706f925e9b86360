// Drawing the article: blocks with nested mention and claim spans, the per-type CSS, the legend and the banner.
// The article's text reaches the DOM only as text nodes; type colours and cues reach CSS only after validation,
// and class names use indices, never ids from the file.

import { visibleControls } from '../core/text';
import type { Banner, ReaderPayload } from '../shared/protocol';
import { drawRest, layOut } from './blocks';
import { saveState } from './scroll';
import { el, type Reader } from './state';

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

/**
 * Draws a payload: the per-type CSS, every block (highlights first around UTF-16 offset `near`, where the reader is
 * about to be scrolled to), the title and the legend. Posts 'painted' once the first highlighted frame is on screen.
 */
export function render(s: Reader, p: ReaderPayload, near = 0): void {
  const started = performance.now();
  s.payload = p;
  s.typeSheet.replaceSync(typeRules(p));
  s.mentionsByEntity = new Map();
  for (const m of p.mentions) {
    const list = s.mentionsByEntity.get(m.entityId);
    if (list) list.push(m.id);
    else s.mentionsByEntity.set(m.entityId, [m.id]);
  }
  const frag = layOut(s, p, near, started);
  performance.measure('marginalia:build', { start: started, end: performance.now() });
  s.dom.article.replaceChildren(frag);
  s.dom.article.setAttribute('aria-busy', 'false');
  document.title = visibleControls(p.title);
  renderLegend(s, p);
  applyHidden(s);
  const drawing = s.drawing;
  requestAnimationFrame(() => {
    // The frame after this one has painted the highlights. The measure is there for benchmarks and profilers.
    requestAnimationFrame(() => {
      const measure = performance.measure('marginalia:apply-to-paint', { start: started, end: performance.now() });
      s.post({ type: 'painted', ms: measure.duration, mentions: p.mentions.length });
      // The rest of the article is drawn after the first paint, never before it; unless a newer payload came.
      if (s.drawing === drawing) drawRest(s);
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
