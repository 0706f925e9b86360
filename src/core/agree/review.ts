// The state of a curation review: a decision per queue item, the item in front, and an undo history. Each
// decision moves on to the next item still to decide (after the current one, then from the top), as the
// suggestion review does; undo puts the last decision back and returns to its item.

import type { CurationChoice } from './curate';

export interface ReviewState {
  readonly decisions: Readonly<Record<string, CurationChoice>>;
  readonly current: string | null;
  readonly history: readonly { key: string; previous: CurationChoice | undefined }[];
}

/** A decision that still asks for attention: none yet, or skipped. */
function open(state: { decisions: Readonly<Record<string, CurationChoice>> }, key: string): boolean {
  const d = state.decisions[key];
  return d === undefined || d === 'skip';
}

export function startReview(keys: readonly string[]): ReviewState {
  return { decisions: {}, current: keys[0] ?? null, history: [] };
}

function nextOpen(keys: readonly string[], decisions: Readonly<Record<string, CurationChoice>>, after: string, includeSkipped: boolean): string | null {
  const at = keys.indexOf(after);
  const order = [...keys.slice(at + 1), ...keys.slice(0, Math.max(0, at))];
  const undecided = order.find((k) => decisions[k] === undefined);
  if (undecided !== undefined) return undecided;
  return includeSkipped ? (order.find((k) => decisions[k] === 'skip') ?? null) : null;
}

export function decide(state: ReviewState, keys: readonly string[], key: string, choice: CurationChoice): ReviewState {
  if (!keys.includes(key)) return state;
  const decisions = { ...state.decisions, [key]: choice };
  // Skipping moves on to what is undecided; once only skipped items are left, they come round again.
  const current = nextOpen(keys, decisions, key, choice !== 'skip');
  return { decisions, current, history: [...state.history, { key, previous: state.decisions[key] }] };
}

export function undo(state: ReviewState): ReviewState {
  const last = state.history[state.history.length - 1];
  if (!last) return state;
  const decisions = { ...state.decisions };
  if (last.previous === undefined) delete decisions[last.key];
  else decisions[last.key] = last.previous;
  return { decisions, current: last.key, history: state.history.slice(0, -1) };
}

export function select(state: ReviewState, keys: readonly string[], key: string): ReviewState {
  return keys.includes(key) ? { ...state, current: key } : state;
}

/** After the two files changed: decisions on items that are still queued are kept, the rest dropped. */
export function rebase(state: ReviewState, keys: readonly string[]): ReviewState {
  const decisions: Record<string, CurationChoice> = {};
  for (const k of keys) {
    const d = state.decisions[k];
    if (d !== undefined) decisions[k] = d;
  }
  const current = state.current !== null && keys.includes(state.current) ? state.current : (keys.find((k) => open({ decisions }, k)) ?? null);
  return { decisions, current, history: state.history.filter((h) => keys.includes(h.key)) };
}

export function remaining(state: ReviewState, keys: readonly string[]): number {
  return keys.filter((k) => open(state, k)).length;
}
