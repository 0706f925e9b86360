// What the editing commands share: their dependencies, their result, and showing what an edit created.

import type * as vscode from 'vscode';
import type { EditOutcome } from '../../core/edit';
import type { Reading } from '../store';
import type { CommandFailure } from '../toolkit/commands';
import type { Prompts } from './prompts';
import type { TargetDeps } from './target';

export interface EditingDeps extends TargetDeps {
  log: vscode.LogOutputChannel;
  prompts: Prompts;
}

/** What every editing command resolves to (tests read it from `executeCommand`); undefined when cancelled. */
export type EditResult = { ok: true; created: string[]; changed: boolean } | CommandFailure | undefined;

export const ok = (outcome: EditOutcome): EditResult => ({ ok: true, created: outcome.created, changed: outcome.replacement !== undefined });

/** After the store has re-read the file, shows the newest created item in the reader (if one is open). */
export function revealCreated(deps: EditingDeps, reading: Reading, created: readonly string[]): void {
  const last = created[created.length - 1];
  if (!last) return;
  let waits = 0;
  const sub = deps.store.onDidChange((r) => {
    if (r.key !== reading.key || !r.model) return;
    const model = r.model;
    const kind = model.claimById.has(last) ? 'claim' : model.mentionById.has(last) ? 'mention' : model.entities.has(last) ? 'entity' : undefined;
    // The snapshot may predate the edit (a reload already under way): wait for a few more.
    if (!kind && ++waits < 3) return;
    sub.dispose();
    // Without the focus: it may arrive after the next command's prompt has opened, which the focus would close.
    if (kind) deps.readers.reveal(r, { kind, id: last }, false, false);
  });
}

export function short(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
