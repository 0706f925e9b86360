// The Corpus Report: a webview with the same security rules as the reader (a CSP of default-src 'none', a fresh
// nonce for its one script, resources only from dist/webview and media, no command links, every message checked
// field by field). It draws the payload of src/core/corpus/reportView.ts and follows the index as it changes.

import { webviewShell } from '../toolkit/webviewShell';
import * as vscode from 'vscode';
import { buildReport, instances, reportCsv, type Instance, type ReportTable } from '../../core/corpus/report';
import { reportPayload } from '../../core/corpus/reportView';
import { parseReportMessage, type ReportHostMessage } from '../../shared/reportProtocol';
import { webviewOptions } from '../readerShell';
import { logFailure } from '../toolkit/commands';
import { Disposable } from '../toolkit/disposable';
import type { CorpusService } from './service';
import { disk } from '../toolkit/files';

export const REPORT_VIEW_TYPE = 'marginalia.corpusReport';

const CSV_NAMES: Record<ReportTable, string> = {
  articles: 'articles.csv',
  frequency: 'entity-frequency.csv',
  speakersByOutlet: 'speakers-outlets.csv',
  cooccurrence: 'cooccurrence.csv',
  network: 'attribution-network.csv',
};

export class CorpusReportPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What the last paint reported, and how long building the payload took (tests). */
  lastPaint: { ms: number; buildMs: number; opens: number } | undefined;
  private opens = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
    private readonly log: vscode.LogOutputChannel,
    private readonly show: (place: Instance) => Promise<void>,
  ) {
    super();
    this._register(corpus.onDidChange(() => this.schedule()));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  async open(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Corpus Report', vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'reader.svg');
    panel.webview.html = shell(panel.webview, this.extensionUri);
    const logged = logFailure(this.log, 'the Corpus Report');
    const subs = [
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw).catch(logged)),
      panel.onDidDispose(() => {
        subs.forEach((s) => s.dispose());
        this.panel = undefined;
      }),
    ];
  }

  private schedule(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.post(), 300);
  }

  private async post(): Promise<void> {
    await this.corpus.ready();
    const payload = reportPayload(this.corpus.index);
    const message: ReportHostMessage = { type: 'report', payload };
    this.lastPaint = { ms: this.lastPaint?.ms ?? 0, buildMs: payload.buildMs, opens: this.opens };
    await this.panel?.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const m = parseReportMessage(raw);
    if (!m) {
      this.log.warn('Corpus Report: ignored a malformed message from the webview');
      return;
    }
    switch (m.type) {
      case 'ready':
        return this.post();
      case 'painted':
        this.lastPaint = { ms: m.ms, buildMs: this.lastPaint?.buildMs ?? 0, opens: this.opens };
        return;
      case 'open': {
        this.opens++;
        const places = instances(this.corpus.index, m.cell);
        if (places.length === 1) return this.show(places[0] as Instance);
        if (places.length) await vscode.commands.executeCommand('marginalia.showCorpusInstances', { cell: m.cell });
        return;
      }
      case 'export':
        return this.export(m.table);
    }
  }

  private async export(table: ReportTable | 'all'): Promise<void> {
    const full = buildReport(this.corpus.index);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (table === 'all') {
      await vscode.commands.executeCommand('marginalia.exportCorpusCsv');
      return;
    }
    const target = await vscode.window.showSaveDialog({
      title: `Export ${table} as CSV`,
      filters: { CSV: ['csv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, CSV_NAMES[table]) } : {}),
    });
    if (!target) return;
    await disk.writeFile(target, reportCsv(this.corpus.index, full, table));
    void vscode.window.showInformationMessage(`Marginalia: ${vscode.workspace.asRelativePath(target)} written.`);
  }
}

/** The HTML shell: strict CSP with a fresh nonce; no data in it (the report arrives by message). */
function shell(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewShell(webview, extensionUri, {
    script: 'report.js',
    style: 'report.css',
    title: 'Corpus Report',
    body: `<main id="report" aria-busy="true" aria-label="Corpus Report"></main>
<div id="status" class="visually-hidden" aria-live="polite"></div>`,
  });
}
