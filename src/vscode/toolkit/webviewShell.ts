// The one HTML shell of every Marginalia webview: a Content Security Policy of `default-src 'none'` with a fresh
// nonce for its one script, styles, fonts (and images, when asked) only from the extension, and no data in the
// page: what it shows arrives by message and is drawn with textContent.

import * as crypto from 'node:crypto';
import * as vscode from 'vscode';

export interface ShellOptions {
  /** The bundle in dist/webview/, e.g. `reader.js`. */
  script: string;
  /** The stylesheet in media/, e.g. `reader.css`. */
  style: string;
  title: string;
  /** The body's static elements, before the script; ours only, never file text. */
  body: string;
  /** Allow images from the extension (the reader's icons). */
  images?: boolean;
}

export function webviewShell(webview: vscode.Webview, extensionUri: vscode.Uri, o: ShellOptions): string {
  const nonce = crypto.randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', o.script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', o.style));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    ...(o.images ? [`img-src ${webview.cspSource}`] : []),
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${o.title}</title>
</head>
<body>
${o.body}
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
