// The reader's page and its panel before the reading is known: the locked-down HTML shell (toolkit/webviewShell),
// the panel's options, its title, and a panel that keeps what its page says while the reading still loads.

import * as vscode from 'vscode';
import { visibleControls } from '../core/text';
import type { Reading } from './store';
import { fileName, isInsideExtension } from './toolkit/files';
import { webviewShell } from './toolkit/webviewShell';

/** The tab's title says which reader it is, and that the bundled one is a read-only example. */
export function titleOf(reading: Reading): string {
  const title = reading.model?.file.article.title ?? fileName(reading.uri);
  return `Reader: ${visibleControls(title)}${isInsideExtension(reading.uri) ? ' (read-only)' : ''}`;
}

/** Gives a panel the reader's page: it starts loading its script at once, before the reading is known. */
export function startShell(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  panel.webview.options = webviewOptions(extensionUri);
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'reader.svg');
  panel.webview.html = renderShell(panel.webview, extensionUri);
}

/** A panel whose page is loading while its reading loads: the messages it sends meanwhile are kept, in order. */
export class EarlyPanel {
  readonly messages: unknown[] = [];
  disposed = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    this.subscriptions = [panel.webview.onDidReceiveMessage((m) => this.messages.push(m)), panel.onDidDispose(() => (this.disposed = true))];
    startShell(panel, extensionUri);
  }

  /** Stops keeping messages: from now on the reader panel receives them. */
  release(): unknown[] {
    for (const s of this.subscriptions) s.dispose();
    return this.messages;
  }
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
