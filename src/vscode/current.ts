// Which reading the side views show: the reader the user is looking at, else the reading of the active text
// editor's document (its article or its annotation file), else the reading opened last. Views listen to one
// event instead of each re-deriving this from editors, tabs and the store.

import * as vscode from 'vscode';
import type { ReaderManager } from './reader';
import type { Reading, ReadingStore } from './store';

/** What a view needs to follow the current reading; tests pass a fixed one. */
export interface ReadingSource {
  get(): Reading | undefined;
  /** Fires when the current reading changes to another one, or its model changed. */
  readonly onDidChange: vscode.Event<Reading | undefined>;
}

function isReaderTab(tab: vscode.Tab | undefined): boolean {
  return !!tab && tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('marginalia.reader');
}

export class CurrentReading implements ReadingSource, vscode.Disposable {
  private current: Reading | undefined;
  /** Readings in the order they were first seen: the fallback is the newest. */
  private readonly seen: Reading[] = [];
  private readonly changed = new vscode.EventEmitter<Reading | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly store: ReadingStore,
    private readonly readers: ReaderManager,
  ) {
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.update()));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()));
    // Hovering or moving in a reader says which reader is active even before its view state arrives.
    this.register(readers.onDidFocus(({ reading }) => this.update(reading)));
    this.register(
      store.onDidChange((r) => {
        if (!this.seen.includes(r)) this.seen.push(r);
        if (r === this.current) this.changed.fire(r);
        else this.update();
      }),
    );
    for (const r of store.all()) this.seen.push(r);
    this.update();
  }

  private register(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  get(): Reading | undefined {
    return this.current;
  }

  /** The reading of the active reader or editor, if that is one of ours. */
  private active(hint?: Reading): Reading | undefined {
    const reader = this.readers.activeReading();
    if (reader) return reader;
    const activeTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    // A reader tab whose panel has not reported itself active yet: keep what the reader itself told us.
    if (isReaderTab(activeTab)) return hint ?? this.current;
    const doc = vscode.window.activeTextEditor?.document;
    const reading = doc ? this.store.find(doc.uri) : undefined;
    return reading ?? hint;
  }

  private update(hint?: Reading): void {
    const live = new Set(this.store.all());
    for (let i = this.seen.length - 1; i >= 0; i--) if (!live.has(this.seen[i] as Reading)) this.seen.splice(i, 1);
    const next = this.active(hint) ?? (this.current && live.has(this.current) ? this.current : this.seen[this.seen.length - 1]);
    if (next !== this.current) {
      this.current = next;
      this.changed.fire(next);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
