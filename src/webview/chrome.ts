// The sticky header above the article: the banner (a file with problems; its location opens the file there) and
// the legend (a count per type, a click hides or shows it; folded to one line when it would take more than a fifth
// of the reader, or when the user folds it).

import type { Banner, ReaderPayload } from '../shared/protocol';
import { saveState } from './scroll';
import { el, type Reader } from './state';

/** The most of the reader's height the legend may take unfolded. */
const LEGEND_SHARE = 0.2;

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
  const shown = p.types.filter((t) => t.count > 0).length;
  const toggle = el('button', 'legend-toggle');
  toggle.type = 'button';
  toggle.setAttribute('aria-controls', 'legend-items');
  const chevron = el('span', 'legend-chevron');
  chevron.setAttribute('aria-hidden', 'true');
  toggle.append(
    chevron,
    el('span', 'legend-label', 'Legend'),
    el('span', 'legend-summary', `${shown} ${shown === 1 ? 'type' : 'types'} · ${p.claims.length} ${p.claims.length === 1 ? 'claim' : 'claims'}`),
  );
  const list = el('div', 'legend-items');
  list.id = 'legend-items';
  list.append(...items, claimItem);
  if (p.orphans > 0) list.append(el('span', 'legend-orphans', `${p.orphans} not found in the text`));
  s.dom.legend.replaceChildren(toggle, list);
  if (!p.editable && p.text) {
    const copy = el('button', 'legend-readonly', 'Read-only example · Copy to workspace to annotate');
    copy.type = 'button';
    copy.addEventListener('click', () => s.post({ type: 'copyToWorkspace' }));
    s.dom.legend.append(copy);
  }
}

function setFolded(s: Reader, folded: boolean): void {
  s.dom.legend.classList.toggle('folded', folded);
  const toggle = s.dom.legend.querySelector<HTMLButtonElement>('.legend-toggle');
  toggle?.setAttribute('aria-expanded', String(!folded));
  if (toggle) toggle.title = folded ? 'Show the legend' : 'Fold the legend to one line';
}

/** Folds the legend as the user chose, or, without a choice, when unfolded it would take too much of the reader. */
export function fitLegend(s: Reader): void {
  if (s.legendCollapsed !== undefined) {
    setFolded(s, s.legendCollapsed);
    return;
  }
  setFolded(s, false);
  setFolded(s, s.dom.legend.scrollHeight > window.innerHeight * LEGEND_SHARE);
}

export function applyHidden(s: Reader): void {
  if (!s.payload) return;
  for (const t of s.payload.types) s.dom.article.classList.toggle(`hide-t${t.index}`, s.hidden.has(t.id));
}

/** A click on a legend item hides or shows its type here and, through the host, in the editor and the views. */
export function installLegend(s: Reader): void {
  s.dom.legend.addEventListener('click', (e) => {
    if ((e.target as Element).closest('.legend-toggle')) {
      s.legendCollapsed = !s.dom.legend.classList.contains('folded');
      setFolded(s, s.legendCollapsed);
      saveState(s);
      return;
    }
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
  let queued = false;
  window.addEventListener('resize', () => {
    if (queued || s.legendCollapsed !== undefined) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fitLegend(s);
    });
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
  // The location opens the file at the problem; the host knows where, the button sends nothing from the file.
  const where = el('button', 'banner-location', banner.location);
  where.type = 'button';
  where.title = 'Open the annotation file at this problem';
  where.addEventListener('click', () => s.post({ type: 'openProblem' }));
  bannerEl.replaceChildren(
    el('strong', undefined, banner.severity === 'error' ? 'Problem in the annotation file: ' : 'Warning: '),
    el('span', undefined, banner.message),
    ' — ',
    where,
  );
}
