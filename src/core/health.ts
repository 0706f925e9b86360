// Anchor health: which annotations need a human. An annotation at its stored place, or moved exactly by known
// edits (an editor's changes, or a diff of the previous article text) with its quote verified at the new place,
// is healthy. The rest, by severity: orphans (not found), fuzzy anchors (found approximately), and relocations
// found by searching the text. This is exactly what resolve.ts reports in the Problems panel.

import type { SelectorUpdate } from './edit';
import type { AnchoredItem, Model } from './resolve';
import { positionOf, quoteOf, selectorsFor } from './text';

export type HealthSeverity = 'orphan' | 'fuzzy' | 'relocated';
export const SEVERITIES: readonly HealthSeverity[] = ['orphan', 'fuzzy', 'relocated'];

export interface HealthItem {
  id: string;
  what: 'mention' | 'claim';
  severity: HealthSeverity;
  /** The stored quote. */
  stored: string;
  /** The text at the place found now; absent for orphans. */
  now?: string;
  score?: number;
}

export function severityOf(item: AnchoredItem): HealthSeverity | undefined {
  const a = item.anchor;
  if (a.status === 'orphan') return 'orphan';
  if (a.status === 'fuzzy') return 'fuzzy';
  // Found by search away from its stored position; a quote-only selector has no position to be away from.
  if (a.status === 'relocated' && a.method !== 'mapped' && positionOf(item.def.selector) !== undefined) return 'relocated';
  return undefined;
}

const cache = new WeakMap<Model, HealthItem[]>();

/** Items that need review, in text order (orphans, which have no place, last). */
export function healthItems(model: Model): HealthItem[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const out: { item: HealthItem; at: number }[] = [];
  const add = (x: AnchoredItem, what: 'mention' | 'claim'): void => {
    const severity = severityOf(x);
    if (!severity) return;
    const item: HealthItem = { id: x.id, what, severity, stored: quoteOf(x.def.selector)?.exact ?? '' };
    if (model.utf16Range(x)) item.now = model.textOf(x);
    if (x.anchor.score !== undefined) item.score = x.anchor.score;
    out.push({ item, at: x.anchor.start ?? Number.MAX_SAFE_INTEGER });
  };
  for (const m of model.mentions) add(m, 'mention');
  for (const c of model.claims) add(c, 'claim');
  const items = out.sort((a, b) => a.at - b.at).map((x) => x.item);
  cache.set(model, items);
  return items;
}

/** Annotations the edits moved exactly: healthy, but their stored positions are stale until written back. */
export function movedByEdits(model: Model): AnchoredItem[] {
  return [...model.mentions, ...model.claims].filter((x) => x.anchor.status === 'relocated' && x.anchor.method === 'mapped');
}

/** New selectors at where an item is anchored now; undefined for orphans and unknown ids. */
export function selectorUpdate(model: Model, id: string): SelectorUpdate | undefined {
  const mention = model.mentionById.get(id);
  const item = mention ?? model.claimById.get(id);
  const r = item ? model.utf16Range(item) : undefined;
  if (!item || !r) return undefined;
  return { kind: mention ? 'mentions' : 'claims', id, selector: selectorsFor(model.map, r.start, r.end) };
}
