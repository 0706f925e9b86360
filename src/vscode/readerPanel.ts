// One reader: a webview panel over one annotation file's reading. It answers the page's ready handshake with the
// packed payload (built while the page loads), redraws when the reading changes, and turns the page's messages
// (focus, selection, card buttons, review keys, links) into host actions, never trusting what they carry.

import * as vscode from 'vscode';
import { titleOf } from './readerShell';
import { bannerFor, buildReaderPayload } from '../core/readerPayload';
import { Commands, EditingCommands } from './commandIds';
import { isInsideExtension } from './toolkit/files';
import {
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
import type { Structures } from './article/structures';

/** Paints seen by the host, newest last; read by benchmarks and tests through an internal command. */
export interface PaintRecord {
  source: string;
  ms: number;
  mentions: number;
  at: number;
}

export class ReaderPanel implements vscode.Disposable {
  private ready = false;
  private isDisposed = false;
  private pendingReveal: { target: TargetRef; openCard: boolean; focus: boolean } | undefined;
  /** The payload packed while the webview starts, for the snapshot it was built from (snapshots are immutable:
   * the same object is the same content, so here identity, not the key, is the test). */
  private prepared: { snapshot: Reading; packed: PackedPayload } | undefined;
  /**
   * Messages held back, in order, while a load or update waits for its article's Markdown structure from the
   * worker: a reveal posted after an update must reach the page after it. Undefined when nothing waits.
   */
  private outbox: (HostToWebview | (() => HostToWebview))[] | undefined;
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
    private readonly structures: Structures,
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
    // A large Markdown article is parsed on the worker meanwhile, so that packing it here is quick.
    const reading = this.reading;
    void this.structured(reading).then(() => {
      if (!this.ready && !this.isDisposed && this.reading === reading) this.prepared = { snapshot: reading, packed: packPayload(this.payload()) };
    });
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
        this.postStructured(() => ({ type: 'load', payload: this.packed(), banner: this.banner(), state: this.state }));
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
    else this.postStructured(() => ({ type: 'update', payload: packPayload(this.payload()), banner: this.banner() }));
  }

  reveal(target: TargetRef, openCard: boolean, focus = true): void {
    // A reveal nobody asked for (what a command just created) brings a hidden reader forward but leaves a visible
    // one alone: revealing it opens its editor again, which keeps the focus yet can close a prompt open meanwhile.
    if (focus || !this.panel.visible) this.panel.reveal(undefined, true);
    // A reader opened a moment ago is not ready yet: the reveal waits for its first paint.
    if (this.ready) this.post({ type: 'reveal', target, openCard, focus });
    else this.pendingReveal = { target, openCard, focus };
  }

  post(message: HostToWebview): void {
    if (!this.ready) return;
    if (this.outbox) this.outbox.push(message);
    else void this.panel.webview.postMessage(message);
  }

  /** Resolves when the reading's article structure is known (at once for text articles and known Markdown). */
  private structured(reading: Reading): Promise<void> {
    const model = reading.model;
    return model ? this.structures.prepare(model.file.article.path, model.text) : Promise.resolve();
  }

  /** Posts a message built from the newest reading once its structure is known; later posts wait behind it. */
  private postStructured(build: () => HostToWebview): void {
    if (!this.outbox && !this.structuresPending()) {
      void this.panel.webview.postMessage(build());
      return;
    }
    const first = !this.outbox;
    (this.outbox ??= []).push(build);
    if (first) void this.drain();
  }

  private async drain(): Promise<void> {
    const outbox = this.outbox ?? [];
    for (let item = outbox.shift(); item !== undefined; item = outbox.shift()) {
      // The newest reading may have changed its text while the last one was parsed: wait for that one too.
      if (typeof item === 'function') while (this.structuresPending()) await this.structured(this.reading);
      if (this.isDisposed) return;
      void this.panel.webview.postMessage(typeof item === 'function' ? item() : item);
    }
    this.outbox = undefined;
  }

  private structuresPending(): boolean {
    const model = this.reading.model;
    return model !== undefined && this.structures.pending(model.file.article.path, model.text);
  }

  dispose(): void {
    this.isDisposed = true;
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
