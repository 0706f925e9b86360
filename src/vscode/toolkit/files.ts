// Reading files the way the extension must: through open documents first (unsaved edits count), then
// workspace.fs (so virtual workspaces work), and the project root that article paths must stay inside.

import * as fs from 'node:fs';
import * as vscode from 'vscode';

const decoder = new TextDecoder('utf-8');

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

export async function readDisk(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** Files inside an installed extension (the bundled article) are replaced on update: they are not for editing. */
export function isInsideExtension(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.extensions.all.some((e) => key.startsWith(`${e.extensionUri.toString()}/`));
}

/**
 * The folder an annotation file's article must lie in: its workspace folder, the extension that ships it, or
 * (for a file opened from outside the workspace) its own folder.
 */
export function projectRoot(uri: vscode.Uri): vscode.Uri {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) return folder.uri;
  const key = uri.toString();
  const extension = vscode.extensions.all.find((e) => key.startsWith(`${e.extensionUri.toString()}/`));
  return extension?.extensionUri ?? vscode.Uri.joinPath(uri, '..');
}

/** The annotation file's folder as path segments below its project root. */
export function folderSegments(root: vscode.Uri, uri: vscode.Uri): string[] {
  const rootPath = root.path.endsWith('/') ? root.path : `${root.path}/`;
  const dir = uri.path.slice(0, uri.path.lastIndexOf('/') + 1);
  if (!dir.startsWith(rootPath)) return [];
  return dir
    .slice(rootPath.length)
    .split('/')
    .filter((s) => s !== '');
}

/**
 * False when a file-system article resolves, through a symbolic link, to a place outside the project root.
 * Other schemes (virtual workspaces) have no links the extension could follow.
 */
export function staysInside(root: vscode.Uri, target: vscode.Uri): boolean {
  if (root.scheme !== 'file' || target.scheme !== 'file') return true;
  try {
    const realRoot = fs.realpathSync(root.fsPath);
    const real = fs.realpathSync(target.fsPath);
    return real === realRoot || real.startsWith(realRoot.endsWith('/') ? realRoot : `${realRoot}/`);
  } catch {
    // Missing: the read reports it.
    return true;
  }
}
