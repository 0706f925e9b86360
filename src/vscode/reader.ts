// The readers: one panel per annotation file (readerPanel.ts), opened while its page loads (readerShell.ts), and
// a serializer that brings a reader back after a reload. The article travels as data in messages, never as HTML.

import * as vscode from 'vscode';
import { EarlyPanel, titleOf, webviewOptions } from './readerShell';
import { ReaderPanel, type PaintRecord } from './readerPanel';
import { Structures } from './article/structures';
import { fileName } from './toolkit/files';
import { isReaderState, type HostToWebview, type ReviewAction, type ReaderState, type TargetRef } from '../shared/protocol';
import type { Reading, ReadingStore } from './store';
import { visibleControls } from '../core/text';

export type { PaintRecord } from './readerPanel';

export const READER_VIEW_TYPE = 'marginalia.reader';

export class ReaderManager implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, ReaderPanel>();
  /** Readers being opened (their reading still loading), so a second open waits for the first. */
  private readonly opening = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly focusEmitter = new vscode.EventEmitter<{ reading: Reading; target: TargetRef }>();
  /** Fires when the reader focuses or hovers a mention or claim, so trees can follow. */
  readonly onDidFocus = this.focusEmitter.event;
  readonly paints: PaintRecord[] = [];
  /** Entity types the user hid, per annotation file: shared by the reader legend, commands and editor decorations. */
  private readonly hidden = new Map<string, Set<string>>();
  private readonly hiddenEmitter = new vscode.EventEmitter<Reading>();
  readonly onDidChangeHiddenTypes = this.hiddenEmitter.event;
  /** The suggestions each reader shows (src/vscode/suggestions), sent again when a reader (re)loads. */
  private readonly suggestions = new Map<string, Extract<HostToWebview, { type: 'suggestions' }>>();
  private readonly reviewEmitter = new vscode.EventEmitter<{ reading: Reading; action: ReviewAction; key: string | null }>();
  /** Fires when a review key is pressed in a reader. */
  readonly onDidReview = this.reviewEmitter.event;
  /** Large Markdown articles parsed off the extension host's thread, for every reader. */
  private readonly structures: Structures;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ReadingStore,
    private readonly log: (message: string) => void,
  ) {
    this.structures = new Structures(vscode.Uri.joinPath(extensionUri, 'dist', 'structureWorker.js').fsPath, log);
    this.disposables.push(
      this.structures,
      this.focusEmitter,
      this.hiddenEmitter,
      this.reviewEmitter,
      store.onDidChange((reading) => this.panels.get(reading.uri.toString())?.refresh()),
      vscode.window.registerWebviewPanelSerializer(READER_VIEW_TYPE, this),
    );
  }

  /** Opens the reader of an annotation file, or reveals the one already open. */
  async open(uri: vscode.Uri, column: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<void> {
    const key = uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(column);
      return;
    }
    const pending = this.opening.get(key);
    if (pending) {
      await pending;
      this.panels.get(key)?.panel.reveal(column);
      return;
    }
    const job = this.openNew(uri, column);
    this.opening.set(key, job);
    try {
      await job;
    } finally {
      this.opening.delete(key);
    }
  }

  private async openNew(uri: vscode.Uri, column: vscode.ViewColumn): Promise<void> {
    // The page starts loading its script while the file is parsed and anchored: the two overlap.
    const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, `Reader: ${visibleControls(fileName(uri))}`, column, webviewOptions(this.extensionUri));
    await this.adoptWhenLoaded(new EarlyPanel(panel, this.extensionUri), uri, null);
  }

  /** The serializer: brings a reader back after a reload, from the state the webview saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = isReaderState(raw) ? raw : null;
    if (!state) {
      panel.dispose();
      return;
    }
    const uri = vscode.Uri.parse(state.source, true);
    const existing = this.panels.get(uri.toString());
    if (existing) {
      // Two saved panels of one reading: keep one reader per article.
      panel.dispose();
      existing.panel.reveal();
      return;
    }
    await this.adoptWhenLoaded(new EarlyPanel(panel, this.extensionUri), uri, state);
  }

  /** Loads the reading, then hands the panel (and what its page said meanwhile) to a reader; closes it on failure. */
  private async adoptWhenLoaded(early: EarlyPanel, uri: vscode.Uri, state: ReaderState | null): Promise<void> {
    let reading: Reading;
    try {
      reading = await this.store.open(uri);
    } catch (e) {
      early.release();
      early.panel.dispose();
      throw e;
    }
    const messages = early.release();
    if (early.disposed) return;
    early.panel.title = titleOf(reading);
    const reader = this.adopt(early.panel, reading, state);
    for (const m of messages) reader.receive(m);
  }

  /** A reader over a panel whose page was started (`startShell`). */
  private adopt(panel: vscode.WebviewPanel, reading: Reading, state: ReaderState | null): ReaderPanel {
    const reader = new ReaderPanel(panel, reading, this.store, this.structures, state, {
      onFocus: (p, target) => this.focusEmitter.fire({ reading: p.reading, target }),
      onHiddenTypes: (p, types) => {
        this.hidden.set(p.source, new Set(types));
        this.hiddenEmitter.fire(p.reading);
      },
      onPaint: (p) => {
        this.paints.push(p);
        if (this.paints.length > 100) this.paints.shift();
      },
      onReady: (p) => {
        const shown = this.suggestions.get(p.source);
        if (shown) p.post(shown);
      },
      onReview: (p, action, key) => this.reviewEmitter.fire({ reading: p.reading, action, key }),
      log: this.log,
    });
    const key = reading.uri.toString();
    this.panels.set(key, reader);
    reader.onDidDispose(() => {
      if (this.panels.get(key) === reader) this.panels.delete(key);
    });
    return reader;
  }

  /** Shows a mention or claim in the reader of `reading`, if one is open. Returns whether it was. */
  reveal(reading: Reading, target: TargetRef, openCard = false, focus = true): boolean {
    const reader = this.panels.get(reading.uri.toString());
    if (!reader) return false;
    reader.reveal(target, openCard, focus);
    return true;
  }

  /** Shows `message`'s suggestions as ghost highlights in the reader of `reading` (now and whenever it reloads). */
  showSuggestions(reading: Reading, message: Extract<HostToWebview, { type: 'suggestions' }>): void {
    if (message.items.length) this.suggestions.set(reading.key, message);
    else this.suggestions.delete(reading.key);
    this.panels.get(reading.key)?.post(message);
  }

  /** The text selected in the reader of `reading` (UTF-16 offsets into `reading.model.text`), if any. */
  selection(reading: Reading): { start: number; end: number } | undefined {
    return this.panels.get(reading.uri.toString())?.selection;
  }

  hiddenTypes(reading: Reading): ReadonlySet<string> {
    return this.hidden.get(reading.uri.toString()) ?? new Set();
  }

  /** Hides exactly `types` of `reading` everywhere: its reader (if open) and whoever listens. */
  setHiddenTypes(reading: Reading, types: Iterable<string>): void {
    const set = new Set(types);
    this.hidden.set(reading.uri.toString(), set);
    this.panels.get(reading.uri.toString())?.post({ type: 'setHiddenTypes', types: [...set] });
    this.hiddenEmitter.fire(reading);
  }

  /** Moves the focus of the active reader to the next or previous mention or claim. Returns whether one was active. */
  navigate(what: 'mention' | 'claim', direction: 1 | -1): boolean {
    for (const reader of this.panels.values()) {
      if (reader.panel.active) {
        reader.post({ type: 'navigate', what, direction });
        return true;
      }
    }
    return false;
  }

  /** The reading of the reader the user is looking at, if any. */
  activeReading(): Reading | undefined {
    for (const reader of this.panels.values()) if (reader.panel.active) return reader.reading;
    return undefined;
  }

  isOpen(uri: vscode.Uri): boolean {
    return this.panels.has(uri.toString());
  }

  /** For tests: the HTML and state of the reader of `uri`. */
  inspect(uri: vscode.Uri): { html: string; state: ReaderState | null; focused: TargetRef | undefined } | undefined {
    const reader = this.panels.get(uri.toString());
    return reader ? { html: reader.panel.webview.html, state: reader.state, focused: reader.focused } : undefined;
  }

  /** For tests: feeds a raw message to a reader exactly as the webview would; returns whether it was accepted. */
  receive(uri: vscode.Uri, raw: unknown): boolean {
    return this.panels.get(uri.toString())?.receive(raw) ?? false;
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
