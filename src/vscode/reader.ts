// The reader webview: one panel per annotation file, a locked-down HTML shell, a ready handshake, and a serializer
// that brings the reader back after a reload. The article travels as data in messages, never as HTML.

import { webviewShell } from './toolkit/webviewShell';
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
import { packPayload } from '../shared/packedPayload';
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
  private pendingReveal: { target: TargetRef; openCard: boolean } | undefined;
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
    private readonly extensionUri: vscode.Uri,
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
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'reader.svg');
    panel.webview.html = renderShell(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
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
        this.post({ type: 'load', payload: packPayload(this.payload()), banner: this.banner(), state: this.state });
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

  reveal(target: TargetRef, openCard: boolean): void {
    this.panel.reveal(undefined, true);
    // A reader opened a moment ago is not ready yet: the reveal waits for its first paint.
    if (this.ready) this.post({ type: 'reveal', target, openCard });
    else this.pendingReveal = { target, openCard };
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

/** The tab's title says which reader it is, and that the bundled one is a read-only example. */
export function titleOf(reading: Reading): string {
  const title = reading.model?.file.article.title ?? fileName(reading.uri);
  return `Reader: ${visibleControls(title)}${isInsideExtension(reading.uri) ? ' (read-only)' : ''}`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The HTML shell: strict CSP with a fresh nonce; no data in it (the article arrives by message). */
export function renderShell(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewShell(webview, extensionUri, {
    script: 'reader.js',
    style: 'reader.css',
    title: 'Marginalia reader',
    images: true,
    body: `<header id="chrome">
<div id="banner" role="alert" hidden></div>
<nav id="legend" aria-label="Entity types"></nav>
</header>
<main id="article" aria-label="Article" aria-busy="true" data-vscode-context='{"webviewSection":"article","preventDefaultContextMenuItems":false}'></main>
<div id="status" class="visually-hidden" aria-live="polite"></div>`,
  });
}

export class ReaderManager implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, ReaderPanel>();
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
    const existing = this.panels.get(uri.toString());
    if (existing) {
      existing.panel.reveal(column);
      return;
    }
    const reading = await this.store.open(uri);
    const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, titleOf(reading), column, webviewOptions(this.extensionUri));
    this.adopt(panel, reading, null);
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
    const reading = await this.store.open(uri);
    panel.title = titleOf(reading);
    this.adopt(panel, reading, state);
  }

  private adopt(panel: vscode.WebviewPanel, reading: Reading, state: ReaderState | null): void {
    const reader = new ReaderPanel(panel, reading, this.store, this.extensionUri, state, {
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
  }

  /** Shows a mention or claim in the reader of `reading`, if one is open. Returns whether it was. */
  reveal(reading: Reading, target: TargetRef, openCard = false): boolean {
    const reader = this.panels.get(reading.uri.toString());
    if (!reader) return false;
    reader.reveal(target, openCard);
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
