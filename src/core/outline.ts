// Claim modes (how a claim is attributed) with their labels and explanations, and claims in reading order:
// shared by the Claims view, the cards and the editing questions.

import type { ClaimMode } from './model';
import type { Model, ResolvedClaim } from './resolve';

export const MODES: readonly { id: ClaimMode; label: string; detail: string }[] = [
  { id: 'direct-quote', label: 'Direct quote', detail: 'The speaker’s own words, in quotation marks' },
  { id: 'paraphrase', label: 'Paraphrase', detail: 'The speaker’s statement in the writer’s words' },
  { id: 'reported-statement', label: 'Reported statement', detail: 'A statement reported by an outlet (“X reported”, “according to”)' },
  { id: 'belief', label: 'Belief', detail: 'What someone believes, thinks or expects' },
];

export const MODE_LABELS = Object.fromEntries(MODES.map((m) => [m.id, m.label])) as Record<ClaimMode, string>;

/** Claims in reading order; orphans (no position) after, in file order. */
export function claimsInDocumentOrder(model: Model): ResolvedClaim[] {
  return [...model.claims].sort((a, b) => {
    const sa = a.anchor.start ?? Number.POSITIVE_INFINITY;
    const sb = b.anchor.start ?? Number.POSITIVE_INFINITY;
    return sa - sb || (a.anchor.end ?? 0) - (b.anchor.end ?? 0) || a.index - b.index;
  });
}
