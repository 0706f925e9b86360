// The review queue behind the Suggestions view and the reader's keys, as plain data: suggestions grouped the
// way the view shows them (new entities, mentions of known entities, claims), a current suggestion that
// advances by itself, and a history of decisions that backspace walks back. The edits of the file are made
// elsewhere (core/edit/suggestions.ts); this only remembers what to undo.

import type { ClaimSuggestion, MentionSuggestion, Suggestion } from './types';

export interface EntityGroup {
  /** `new:` or `known:` and the entity's id or name: stable across recomputations. */
  key: string;
  name: string;
  type: string;
  id?: string;
  items: MentionSuggestion[];
}

export interface SuggestionGroups {
  newEntities: EntityGroup[];
  known: EntityGroup[];
  claims: ClaimSuggestion[];
}

/** Mentions of a known entity (this file's, or a registry hit from another file) vs. entities the file lacks. */
export function isKnown(s: MentionSuggestion): boolean {
  return s.entity.id !== undefined || s.source === 'registry';
}

export function groupSuggestions(list: readonly Suggestion[]): SuggestionGroups {
  const groups = new Map<string, EntityGroup>();
  const claims: ClaimSuggestion[] = [];
  for (const s of list) {
    if (s.kind === 'claim') {
      claims.push(s);
      continue;
    }
    const key = `${isKnown(s) ? 'known' : 'new'}:${s.entity.id ?? s.entity.name}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, name: s.entity.name, type: s.entity.type, items: [], ...(s.entity.id !== undefined ? { id: s.entity.id } : {}) };
      groups.set(key, g);
    }
    g.items.push(s);
  }
  const all = [...groups.values()];
  return { newEntities: all.filter((g) => g.key.startsWith('new:')), known: all.filter((g) => g.key.startsWith('known:')), claims };
}

export type Decision = 'accept' | 'reject' | 'skip';

export interface Step {
  decision: Decision;
  items: Suggestion[];
  /** The file text before and after the edit the decision made (none for a skip). */
  before?: string;
  after?: string;
  /** The suggestion that was current before the step. */
  current: string | undefined;
}

/** The pending suggestions of one reading, in text order, with a current one and the steps taken. */
export class ReviewQueue {
  private list: Suggestion[] = [];
  private cursor: string | undefined;
  private readonly steps: Step[] = [];

  constructor(items: readonly Suggestion[] = []) {
    this.replace(items);
  }

  get items(): readonly Suggestion[] {
    return this.list;
  }

  get current(): Suggestion | undefined {
    return this.list.find((s) => s.key === this.cursor);
  }

  get history(): readonly Step[] {
    return this.steps;
  }

  /** New results (the article or the file changed): the current suggestion stays current if it is still there. */
  replace(items: readonly Suggestion[]): void {
    const was = this.current;
    this.list = [...items];
    if (this.list.some((s) => s.key === this.cursor)) return;
    // Gone (accepted elsewhere, or its text edited): the next one in the text from where it was, as a reader expects.
    const from = was?.start ?? 0;
    this.cursor = (this.list.find((s) => s.start >= from) ?? this.list[this.list.length - 1])?.key;
  }

  select(key: string): boolean {
    if (!this.list.some((s) => s.key === key)) return false;
    this.cursor = key;
    return true;
  }

  /** Moves to the next (or previous) suggestion, wrapping around. */
  move(direction: 1 | -1): Suggestion | undefined {
    if (this.list.length === 0) return undefined;
    const i = this.list.findIndex((s) => s.key === this.cursor);
    const next = this.list[(i + direction + this.list.length) % this.list.length] as Suggestion;
    this.cursor = next.key;
    return next;
  }

  /** Records a decision on `items` (removed from the queue unless skipped) and advances past them. */
  decide(decision: Decision, items: readonly Suggestion[], edit?: { before: string; after: string }): void {
    const keys = new Set(items.map((s) => s.key));
    const step: Step = { decision, items: [...items], current: this.cursor, ...(edit ?? {}) };
    this.steps.push(step);
    if (this.steps.length > 200) this.steps.shift();
    if (decision === 'skip') {
      this.move(1);
      return;
    }
    const at = this.list.findIndex((s) => keys.has(s.key));
    this.list = this.list.filter((s) => !keys.has(s.key));
    if (this.cursor === undefined || keys.has(this.cursor)) this.cursor = (this.list[Math.max(0, at)] ?? this.list[0])?.key;
  }

  /** Takes the last step back: its suggestions return to the queue and the one that was current is again. */
  undo(): Step | undefined {
    const step = this.steps.pop();
    if (!step) return undefined;
    if (step.decision !== 'skip') {
      const have = new Set(this.list.map((s) => s.key));
      this.list = [...this.list, ...step.items.filter((s) => !have.has(s.key))].sort((a, b) => a.start - b.start || a.end - b.end);
    }
    this.cursor = step.current ?? step.items[0]?.key;
    return step;
  }
}
