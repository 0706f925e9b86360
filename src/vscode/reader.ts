// The reader webview: one panel per annotation file, a locked-down HTML shell, a ready handshake, and a serializer
// that brings the reader back after a reload. The article travels as data in messages, never as HTML.

import { EarlyPanel, titleOf, webviewOptions } from './readerShell';
import * as vscode from 'vscode';
import { bannerFor, buildReaderPayload } from '../core/readerPayload';
import { Commands, EditingCommands } from './commandIds';
import { fileName, isInsideExtension } from './toolkit/files';
import {
  isReaderState,
  parseWebviewMessage,
  safeExternalUrl,
  type CardAction,
  type HostToWebview,
  type ReviewAction,
  type ReaderState,
  type TargetRef,
  type WebviewToHost,
} from '../shared/protocol';
import { packPayload, type PackedPayload } from '../shared/packedPayload';
import type { Reading, ReadingStore } from './store';
import { visibleControls } from '../core/text';

export const READER_VIEW_TYPE = 'marginalia.reader';

/** Paints seen by the host, newest last; read by benchmarks and tests through an internal command. */
export interface PaintRecord {
  source: string;
  ms: number;
  mentions: number;
  at: number;
}

class ReaderPanel implements vscode.Disposable {
  private ready = false;
  private pendingReveal: { target: TargetRef; openCard: boolean; focus: boolean } | undefined;
  /** The payload packed while the webview starts, for the snapshot it was built from (snapshots are immutable:
   * the same object is the same content, so here identity, not the key, is the test). */
  private prepared: { snapshot: Reading; packed: PackedPayload } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  /** What the webview last reported about itself (or the serializer's saved state before it is ready). */
  state: ReaderState | null;
  focused: TargetRef | undefined;
  /** The reader's current text selection, UTF-16 offsets into the model's normalized text. */
  selection: { start: number; end: number } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private snapshot: Reading,
    private readonly store: ReadingStore,
    initialState: ReaderState | null,
    private readonly hooks: {
      onFocus(panel: ReaderPanel, target: TargetRef): void;
      onHiddenTypes(panel: ReaderPanel, types: string[]): void;
      onPaint(p: PaintRecord): void;
      onReady(panel: ReaderPanel): void;
      onReview(panel: ReaderPanel, action: ReviewAction, key: string | null): void;
      log(message: string): void;
    },
  ) {
    this.state = initialState;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    // The webview takes hundreds of milliseconds to load its script and say it is ready: build the payload
    // meanwhile, so the first paint does not wait for it too.
    const timer = setTimeout(() => {
      if (!this.ready) this.prepared = { snapshot: this.reading, packed: packPayload(this.payload()) };
    }, 0);
    this.disposables.push({ dispose: () => clearTimeout(timer) });
  }

  /** The packed payload of the newest snapshot, built now unless it was prepared for that very snapshot. */
  private packed(): PackedPayload {
    const prepared = this.prepared;
    this.prepared = undefined;
    return prepared && prepared.snapshot === this.reading ? prepared.packed : packPayload(this.payload());
  }

  /** The newest snapshot of this reader's reading. */
  get reading(): Reading {
    this.snapshot = this.store.get(this.snapshot.key) ?? this.snapshot;
    return this.snapshot;
  }

  get source(): string {
    return this.snapshot.key;
  }

  /** Every webview message enters here; tests call it directly with malformed input. */
  receive(raw: unknown): boolean {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.hooks.log(`reader: rejected a message from the webview: ${parsed.reason}`);
      return false;
    }
    this.handle(parsed.message);
    return true;
  }

  private handle(message: WebviewToHost): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // A state from the webview itself (after it was hidden) beats the serializer's copy.
        if (message.state && message.state.source === this.source) this.state = message.state;
        if (this.state?.hiddenTypes) this.hooks.onHiddenTypes(this, this.state.hiddenTypes);
        this.post({ type: 'load', payload: this.packed(), banner: this.banner(), state: this.state });
        this.hooks.onReady(this);
        if (this.pendingReveal) this.post({ type: 'reveal', ...this.pendingReveal });
        this.pendingReveal = undefined;
        return;
      case 'painted':
        this.hooks.onPaint({ source: this.source, ms: message.ms, mentions: message.mentions, at: Date.now() });
        return;
      case 'openLink': {
        const url = safeExternalUrl(message.url);
        if (url) void vscode.env.openExternal(vscode.Uri.parse(url, true));
        else this.hooks.log(`reader: refused to open a link that is not http(s): ${message.url.slice(0, 200)}`);
        return;
      }
      case 'focus':
        this.focused = message.target;
        this.hooks.onFocus(this, message.target);
        return;
      case 'hiddenTypes':
        this.hooks.onHiddenTypes(this, message.types);
        return;
      case 'selection':
        if (message.source !== this.source) return;
        this.selection = message.end > message.start ? { start: message.start, end: message.end } : undefined;
        return;
      case 'action':
        void vscode.commands.executeCommand(ACTION_COMMANDS[message.action], { file: this.source, id: message.id });
        return;
      case 'review':
        this.hooks.onReview(this, message.action, message.key);
        return;
      case 'copyToWorkspace':
        void vscode.commands.executeCommand(Commands.copyToWorkspace);
        return;
      case 'openProblem': {
        // The first error of the file as the host knows it (the banner shows the same one); nothing from the webview.
        const first = this.reading.problems.find((p) => p.severity === 'error');
        const at = first ? new vscode.Position(Math.max(0, first.line - 1), Math.max(0, first.column - 1)) : undefined;
        if (at) void vscode.window.showTextDocument(this.reading.uri, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(at, at) });
        return;
      }
      case 'error':
        this.hooks.log(`reader webview error: ${message.message}`);
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  private payload() {
    const model = this.reading.model;
    if (!model) return emptyPayload(this.source);
    return buildReaderPayload(model, this.source, !isInsideExtension(this.reading.uri));
  }

  private banner() {
    return bannerFor(this.reading.problems, fileLabel(this.reading.uri), this.reading.stale);
  }

  /** The reading changed: redraw in place, or only show the banner when the new file is unusable. */
  refresh(): void {
    if (!this.ready) return;
    this.panel.title = titleOf(this.reading);
    if (this.reading.stale) this.post({ type: 'banner', banner: this.banner() });
    else this.post({ type: 'update', payload: packPayload(this.payload()), banner: this.banner() });
  }

  reveal(target: TargetRef, openCard: boolean, focus = true): void {
    this.panel.reveal(undefined, true);
    // A reader opened a moment ago is not ready yet: the reveal waits for its first paint.
    if (this.ready) this.post({ type: 'reveal', target, openCard, focus });
    else this.pendingReveal = { target, openCard, focus };
  }

  post(message: HostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function emptyPayload(source: string) {
  return { source, title: 'Article', text: '', blocks: [], types: [], mentions: [], claims: [], entityCards: {}, claimCards: {}, orphans: 0, editable: false };
}

/** Card buttons → editing commands; the only commands the reader can cause to run. */
const ACTION_COMMANDS: Record<CardAction, string> = {
  editEntity: EditingCommands.editEntity,
  annotateAll: EditingCommands.annotateAll,
  editAttribution: EditingCommands.editAttribution,
  delete: EditingCommands.deleteAnnotation,
};

function fileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

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

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ReadingStore,
    private readonly log: (message: string) => void,
  ) {
    this.disposables.push(
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
    const reader = new ReaderPanel(panel, reading, this.store, state, {
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
