// The review of suggested annotations, per reading: the queue (core/suggest/review.ts) filled by the worker,
// decisions made as one undoable edit of the annotation file each (core/edit/suggestions.ts through
// applyToFile), and the queue recomputed whenever the reading reloads, so accepted and rejected suggestions
// leave and the rest follow the text. Views, the reader and editors listen to `onDidChange`.

import * as vscode from 'vscode';
import { minimalReplacement, EditError } from '../../core/edit';
import { acceptSuggestions, rejectSuggestions, type AcceptEdits } from '../../core/edit/suggestions';
import type { AnnotationFile } from '../../core/model';
import { parseAnnotationFile } from '../../core/parse';
import { inputFromModel, type WorkspaceFile } from '../../core/suggest/input';
import { ReviewQueue, type Decision } from '../../core/suggest/review';
import type { Suggestion } from '../../core/suggest/types';
import { ANNOTATION_GLOB, type AnnotationIndex } from '../annotationIndex';
import { applyToFile } from '../editing/apply';
import type { Reading, ReadingStore } from '../store';
import { logFailure } from '../toolkit/commands';
import { Disposable } from '../toolkit/disposable';
import { UserError } from '../toolkit/errors';
import { readText } from '../toolkit/files';
import type { SuggestEngine } from './engine';

/** Other annotation files read for their entities, at most. */
const MAX_WORKSPACE_FILES = 200;
/** A burst of reloads (typing in the file) recomputes once. */
const RECOMPUTE_DELAY_MS = 300;

export interface ServiceDeps {
  store: ReadingStore;
  index: AnnotationIndex;
  log: vscode.LogOutputChannel;
}

export class SuggestionService extends Disposable {
  private readonly queues = new Map<string, ReviewQueue>();
  private readonly unmapped = new Map<string, string[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** The review of a reading changed (its key). */
  readonly onDidChange = this.changed.event;
  /** Runs of the engine so far, for tests. */
  runs = 0;
  /** Decisions on one reading run one after another: keys pressed quickly (x, then backspace) keep their order. */
  private readonly chains = new Map<string, Promise<unknown>>();

  private serial<T>(reading: Reading, work: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(reading.key) ?? Promise.resolve()).then(work);
    // The caller gets `next` and its failure; the chain only needs to go on after it.
    this.chains.set(
      reading.key,
      next.catch(() => undefined),
    );
    return next;
  }

  constructor(
    private readonly deps: ServiceDeps,
    private readonly engine: SuggestEngine,
  ) {
    super();
    this._register(
      deps.store.onDidChange((r) => {
        if (!this.queues.has(r.key) || r.stale) return;
        clearTimeout(this.timers.get(r.key));
        this.timers.set(
          r.key,
          setTimeout(() => {
            this.timers.delete(r.key);
            void this.compute(r).catch(logFailure(deps.log, 'updating suggestions'));
          }, RECOMPUTE_DELAY_MS),
        );
      }),
    );
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
  }

  queue(reading: Reading): ReviewQueue | undefined {
    return this.queues.get(reading.key);
  }

  unmappedTypes(reading: Reading): readonly string[] {
    return this.unmapped.get(reading.key) ?? [];
  }

  /** Fills (or refills) the reading's queue; resolves with the number of suggestions. */
  async suggest(reading: Reading): Promise<number> {
    if (!reading.model) throw new UserError(`${vscode.workspace.asRelativePath(reading.uri)} cannot be read; fix it first (see the Problems panel)`);
    await this.compute(reading);
    return this.queues.get(reading.key)?.items.length ?? 0;
  }

  private async compute(reading: Reading): Promise<void> {
    const latest = this.deps.store.get(reading.key) ?? reading;
    const model = latest.model;
    if (!model) return;
    const input = inputFromModel(model, await this.workspaceFiles(latest));
    const result = await this.engine.run(input);
    this.runs++;
    // The reading may have moved on while the worker ran: a newer run follows (the store fired again).
    const queue = this.queues.get(reading.key) ?? new ReviewQueue();
    queue.replace(result.suggestions);
    this.queues.set(reading.key, queue);
    this.unmapped.set(reading.key, result.unmapped);
    this.changed.fire(reading.key);
  }

  private async workspaceFiles(reading: Reading): Promise<WorkspaceFile[]> {
    // Searched afresh each time (not the index's list): a file copied in a moment ago counts at once.
    const found = await vscode.workspace.findFiles(ANNOTATION_GLOB, '**/node_modules/**', MAX_WORKSPACE_FILES + 1);
    const files = found.filter((f) => f.toString() !== reading.key).slice(0, MAX_WORKSPACE_FILES);
    const out: WorkspaceFile[] = [];
    for (const f of files) {
      try {
        const file: AnnotationFile | undefined = parseAnnotationFile(await readText(f)).file;
        if (file) out.push({ name: vscode.workspace.asRelativePath(f), file });
      } catch {
        // An unreadable file is reported in the Problems panel; its entities are simply not offered.
      }
    }
    return out;
  }

  select(reading: Reading, key: string): boolean {
    const ok = this.queues.get(reading.key)?.select(key) ?? false;
    if (ok) this.changed.fire(reading.key);
    return ok;
  }

  move(reading: Reading, direction: 1 | -1): Suggestion | undefined {
    const s = this.queues.get(reading.key)?.move(direction);
    this.changed.fire(reading.key);
    return s;
  }

  /** Accepts, rejects or skips `items`: one edit of the file for an accept or a reject, then the next suggestion. */
  decide(reading: Reading, decision: Decision, items: readonly Suggestion[], edits: AcceptEdits = {}): Promise<void> {
    return this.serial(reading, () => this.decideNow(reading, decision, items, edits));
  }

  private async decideNow(reading: Reading, decision: Decision, items: readonly Suggestion[], edits: AcceptEdits): Promise<void> {
    const queue = this.queues.get(reading.key);
    if (!queue || items.length === 0) throw new UserError('no suggestion to act on; run "Marginalia: Suggest Annotations" first');
    if (decision === 'skip') {
      queue.decide('skip', items);
      this.changed.fire(reading.key);
      return;
    }
    const model = (this.deps.store.get(reading.key) ?? reading).model;
    if (!model) throw new UserError('the annotation file cannot be read; fix it first (see the Problems panel)');
    let before = '';
    const outcome = await applyToFile(reading.uri, (text) => {
      before = text;
      return decision === 'accept' ? acceptSuggestions(text, model.text, items, edits) : rejectSuggestions(text, model.text, items);
    });
    queue.decide(decision, items, { before, after: outcome.text });
    this.changed.fire(reading.key);
  }

  /** Takes the last decision back; an accept or reject is undone by restoring the file text it replaced. */
  undo(reading: Reading): Promise<void> {
    return this.serial(reading, () => this.undoNow(reading));
  }

  private async undoNow(reading: Reading): Promise<void> {
    const queue = this.queues.get(reading.key);
    const step = queue?.history.at(-1);
    if (!queue || !step) throw new UserError('nothing to undo in this review');
    const { before, after } = step;
    if (before !== undefined && after !== undefined) {
      await applyToFile(reading.uri, (text) => {
        if (text !== after) throw new EditError('the file changed after that decision; undo it in the file’s editor');
        return { text: before, replacement: minimalReplacement(text, before), created: [] };
      });
    }
    queue.undo();
    this.changed.fire(reading.key);
  }

  clear(reading: Reading): void {
    if (this.queues.delete(reading.key)) this.changed.fire(reading.key);
  }
}
