// Claims grouped for the claims tree, as plain data with stable ids: `speaker:<entity id>`,
// `outlet:<entity id>`, `mode:<mode>`, `document`. Groups appear in the order their first claim does in
// the text; claims within a group are in document order (orphans last).

import type { ClaimMode } from './model';
import type { Model, ResolvedClaim } from './resolve';

/** `type` groups by the claim's attribution mode (direct quote, paraphrase, reported statement, belief). */
export type GroupMode = 'speaker' | 'outlet' | 'type' | 'document';

export interface OutlineGroup {
  id: string;
  label: string;
  description?: string;
  count: number;
  claimIds: string[];
  entityId?: string;
}

export const MODE_LABELS: Record<ClaimMode, string> = {
  'direct-quote': 'Direct quote',
  paraphrase: 'Paraphrase',
  'reported-statement': 'Reported statement',
  belief: 'Belief',
};
const MODE_ORDER: ClaimMode[] = ['direct-quote', 'paraphrase', 'reported-statement', 'belief'];

/** Claims in reading order; orphans (no position) after, in file order. */
export function claimsInDocumentOrder(model: Model): ResolvedClaim[] {
  return [...model.claims].sort((a, b) => {
    const sa = a.anchor.start ?? Number.POSITIVE_INFINITY;
    const sb = b.anchor.start ?? Number.POSITIVE_INFINITY;
    return sa - sb || (a.anchor.end ?? 0) - (b.anchor.end ?? 0) || a.index - b.index;
  });
}

export function groupClaims(model: Model, mode: GroupMode): OutlineGroup[] {
  const ordered = claimsInDocumentOrder(model);
  if (mode === 'document') return [{ id: 'document', label: 'All claims', count: ordered.length, claimIds: ordered.map((c) => c.id) }];

  const groups = new Map<string, OutlineGroup>();
  const add = (key: string, make: () => Omit<OutlineGroup, 'count' | 'claimIds'>, claimId: string): void => {
    let g = groups.get(key);
    if (!g) {
      g = { ...make(), count: 0, claimIds: [] };
      groups.set(key, g);
    }
    g.claimIds.push(claimId);
    g.count++;
  };

  for (const c of ordered) {
    if (mode === 'speaker') {
      const e = c.speaker;
      if (e) add(`speaker:${e.id}`, () => ({ id: `speaker:${e.id}`, label: e.name, entityId: e.id, ...describe(model, e.id) }), c.id);
      else add('speaker:', () => ({ id: 'speaker:', label: 'Unattributed' }), c.id);
    } else if (mode === 'outlet') {
      const link = c.chain.find((l) => l.role === 'outlet');
      const e = link?.entity;
      if (e) add(`outlet:${e.id}`, () => ({ id: `outlet:${e.id}`, label: e.name, entityId: e.id, ...(link?.kind ? { description: link.kind } : {}) }), c.id);
      else if (link?.label) add(`outlet:label:${link.label}`, () => ({ id: `outlet:label:${link.label}`, label: link.label as string }), c.id);
      else add('outlet:', () => ({ id: 'outlet:', label: 'No outlet named' }), c.id);
    } else {
      const m = c.def.attribution.mode;
      add(`mode:${m}`, () => ({ id: `mode:${m}`, label: MODE_LABELS[m] ?? m }), c.id);
    }
  }
  const list = [...groups.values()];
  if (mode === 'type') list.sort((a, b) => MODE_ORDER.indexOf(a.id.slice(5) as ClaimMode) - MODE_ORDER.indexOf(b.id.slice(5) as ClaimMode));
  return list;
}

/** "role, Affiliation" for a speaker group's description. */
function describe(model: Model, id: string): { description?: string } {
  const e = model.entities.get(id);
  if (!e) return {};
  const parts = [e.role, ...(e.affiliations ?? []).map((a) => model.entities.get(a)?.name)].filter((s): s is string => !!s);
  return parts.length ? { description: parts.join(', ') } : {};
}
