// Which reading the side views show: the reader the user is looking at, else the reading of the active text
// editor's document (its article or its annotation file), else the reading opened last. Views listen to one
// event instead of each re-deriving this from editors, tabs and the store. Readings are snapshots: the current
// one is always the store's newest snapshot of the chosen reading.

import * as vscode from 'vscode';
import type { ReaderManager } from './reader';
import type { Reading, ReadingStore } from './store';
import { Disposable } from './toolkit/disposable';

/** What a view needs to follow the current reading; tests pass a fixed one. */
export interface ReadingSource {
  get(): Reading | undefined;
  /** Fires when the current reading changes to another one, or gets a new snapshot. */
  readonly onDidChange: vscode.Event<Reading | undefined>;
}

function isReaderTab(tab: vscode.Tab | undefined): boolean {
  return !!tab && tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('marginalia.reader');
}

export class CurrentReading extends Disposable implements ReadingSource {
  private currentKey: string | undefined;
  /** Readings' keys in the order they were first seen: the fallback is the newest. */
  private readonly seen: string[] = [];
  private readonly changed = this._register(new vscode.EventEmitter<Reading | undefined>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: ReadingStore,
    private readonly readers: ReaderManager,
  ) {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(vscode.window.tabGroups.onDidChangeTabs(() => this.update()));
    this._register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()));
    // Hovering or moving in a reader says which reader is active even before its view state arrives.
    this._register(readers.onDidFocus(({ reading }) => this.update(reading.key)));
    this._register(
      store.onDidChange((r) => {
        if (!this.seen.includes(r.key)) this.seen.push(r.key);
        if (r.key === this.currentKey) this.changed.fire(r);
        else this.update();
      }),
    );
    for (const r of store.all()) this.seen.push(r.key);
    this.update();
  }

  get(): Reading | undefined {
    return this.currentKey === undefined ? undefined : this.store.get(this.currentKey);
  }

  /** The reading of the active reader or editor, if that is one of ours. */
  private active(hint?: string): string | undefined {
    const reader = this.readers.activeReading();
    if (reader) return reader.key;
    // A reader tab whose panel has not reported itself active yet: keep what the reader itself told us.
    if (isReaderTab(vscode.window.tabGroups.activeTabGroup.activeTab)) return hint ?? this.currentKey;
    const doc = vscode.window.activeTextEditor?.document;
    return (doc ? this.store.find(doc.uri)?.key : undefined) ?? hint;
  }

  private update(hint?: string): void {
    for (let i = this.seen.length - 1; i >= 0; i--) if (!this.store.get(this.seen[i] as string)) this.seen.splice(i, 1);
    const live = this.currentKey !== undefined && this.store.get(this.currentKey) ? this.currentKey : undefined;
    const next = this.active(hint) ?? live ?? this.seen[this.seen.length - 1];
    if (next !== this.currentKey) {
      this.currentKey = next;
      this.changed.fire(this.get());
    }
  }
}
