import * as vscode from 'vscode';

/** The article that ships with the extension, and its annotation file. */
export const BUNDLED_ANNOTATION = ['media', 'articles', 'beijing-moscow-push-back.annotations.json'] as const;

export function bundledAnnotationUri(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...BUNDLED_ANNOTATION);
}
