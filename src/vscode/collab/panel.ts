// The Compare / Curate panel: one per pair of annotation files. The host holds the two models (B anchored on
// A's article), the report, the curation queue and the review state; the webview draws what it is sent and
// sends back keys and clicks, checked by parseCollabMessage.

import { webviewShell } from '../toolkit/webviewShell';
import * as vscode from 'vscode';
import { agree } from '../../core/agree/agree';
import { curationQueue, type Curation } from '../../core/agree/curate';
import { decide, rebase, remaining, select, startReview, undo, type ReviewState } from '../../core/agree/review';
import type { Model } from '../../core/resolve';
import { visibleControls } from '../../core/text';
import { parseCollabMessage, type CollabMode, type CollabPayload, type CollabToHost, type HostToCollab } from '../../shared/collabProtocol';
import { Disposable } from '../toolkit/disposable';
import { fileName } from '../toolkit/files';

export const COLLAB_VIEW_TYPE = 'marginalia.collab';

/** The two sides, as loaded: A's reading model, and B's file anchored on A's article. */
export interface Sides {
  a: { uri: vscode.Uri; model: Model; readOnly: boolean };
  b: { uri: vscode.Uri; model: Model };
}

export interface PanelHooks {
  /** Reloads both sides (after a file changed or was written). */
  load(a: vscode.Uri, b: vscode.Uri): Promise<Sides>;
  reveal(sides: Sides, key: string, curation: Curation): Promise<void>;
  /** Writes the curated result; `saveAs` skips the save dialog (tests). Resolves to what was done. */
  write(sides: Sides, curation: Curation, state: ReviewState, target: 'a' | 'new', saveAs?: vscode.Uri): Promise<string | undefined>;
  log(message: string): void;
}

export class CollabPanel extends Disposable {
  private ready = false;
  private curation: Curation;
  private state: ReviewState;
  private readonly disposedEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private sides: Sides,
    private mode: CollabMode,
    extensionUri: vscode.Uri,
    private readonly hooks: PanelHooks,
    restored?: { decisions: ReviewState['decisions']; current: string | null },
  ) {
    super();
    panel.webview.options = {
      enableScripts: true,
      enableForms: false,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'reader.svg');
    panel.webview.html = renderShell(panel.webview, extensionUri);
    this.curation = curationQueue(sides.a.model, sides.b.model);
    // A panel brought back after a reload keeps the decisions on items that are still queued.
    this.state = restored ? rebase({ ...restored, history: [] }, this.keys()) : startReview(this.keys());
    this._register(panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)));
    this._register(panel.onDidDispose(() => this.dispose()));
    this.retitle();
  }

  get key(): string {
    return pairKey(this.sides.a.uri, this.sides.b.uri);
  }

  get files(): { a: vscode.Uri; b: vscode.Uri } {
    return { a: this.sides.a.uri, b: this.sides.b.uri };
  }

  private keys(): string[] {
    return this.curation.queue.map((q) => q.key);
  }

  setMode(mode: CollabMode): void {
    this.mode = mode;
    this.retitle();
    this.post(this.loadMessage());
  }

  /** The files changed: recompute, keeping the decisions on items still queued. */
  async refresh(): Promise<void> {
    this.sides = await this.hooks.load(this.sides.a.uri, this.sides.b.uri);
    this.curation = curationQueue(this.sides.a.model, this.sides.b.model);
    this.state = rebase(this.state, this.keys());
    this.retitle();
    this.post(this.loadMessage());
  }

  /** Every webview message enters here; tests call it directly, malformed input included. */
  async receive(raw: unknown): Promise<boolean> {
    const parsed = parseCollabMessage(raw);
    if (!parsed.ok) {
      this.hooks.log(`compare: rejected a message from the webview: ${parsed.reason}`);
      return false;
    }
    await this.handle(parsed.message);
    return true;
  }

  private async handle(m: CollabToHost): Promise<void> {
    const keys = this.keys();
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post(this.loadMessage());
        return;
      case 'reveal':
        if (keys.includes(m.key)) await this.hooks.reveal(this.sides, m.key, this.curation);
        return;
      case 'decide':
        this.state = decide(this.state, keys, m.key, m.choice);
        break;
      case 'undo':
        this.state = undo(this.state);
        break;
      case 'select':
        this.state = select(this.state, keys, m.key);
        break;
      case 'mode':
        this.setMode(m.mode);
        return;
      case 'write':
        await this.writeTo(m.target);
        return;
      case 'error':
        this.hooks.log(`compare webview error: ${m.message}`);
        return;
    }
    this.post({ type: 'decisions', decisions: { ...this.state.decisions }, current: this.state.current });
    this.retitle();
  }

  /** Writes the curated result into A or as a new file (`saveAs`, else the save dialog asks). */
  async writeTo(target: 'a' | 'new', saveAs?: vscode.Uri): Promise<string | undefined> {
    const message = await this.hooks.write(this.sides, this.curation, this.state, target, saveAs);
    if (message) this.post({ type: 'status', message });
    return message;
  }

  private payload(): CollabPayload {
    const report = agree(this.sides.a.model, this.sides.b.model);
    const { disagreements: _d, ...measures } = report;
    return {
      mode: this.mode,
      a: vscode.workspace.asRelativePath(this.sides.a.uri, false),
      b: vscode.workspace.asRelativePath(this.sides.b.uri, false),
      title: this.sides.a.model.file.article.title ?? fileName(this.sides.a.uri),
      report: measures,
      agreed: this.curation.agreed,
      queue: this.curation.queue,
      aReadOnly: this.sides.a.readOnly,
    };
  }

  private loadMessage(): HostToCollab {
    return {
      type: 'load',
      payload: this.payload(),
      decisions: { ...this.state.decisions },
      current: this.state.current,
      files: { a: this.sides.a.uri.toString(), b: this.sides.b.uri.toString() },
    };
  }

  private retitle(): void {
    const title = visibleControls(this.sides.a.model.file.article.title ?? fileName(this.sides.a.uri));
    const left = this.mode === 'curate' ? ` (${remaining(this.state, this.keys())} to decide)` : '';
    this.panel.title = `${this.mode === 'curate' ? 'Curate' : 'Compare'}: ${title}${left}`;
  }

  private post(message: HostToCollab): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** For tests: what the panel holds. */
  inspect(): { mode: CollabMode; payload: CollabPayload; state: ReviewState; html: string } {
    return { mode: this.mode, payload: this.payload(), state: this.state, html: this.panel.webview.html };
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposedEmitter.fire();
    super.dispose();
  }
}

export function pairKey(a: vscode.Uri, b: vscode.Uri): string {
  return `${a.toString()}\n${b.toString()}`;
}

function renderShell(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewShell(webview, extensionUri, {
    script: 'collab.js',
    style: 'collab.css',
    title: 'Marginalia: compare annotations',
    body: `<main id="collab" aria-busy="true" aria-label="Compare annotations"></main>
<div id="status" class="visually-hidden" aria-live="polite"></div>`,
  });
}
