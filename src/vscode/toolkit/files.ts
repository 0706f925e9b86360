// Reading files the way the extension must: through open documents first (unsaved edits count), then the disk
// (`disk` below: node's fs for file: URIs, workspace.fs for other schemes, so virtual workspaces work), and the
// project root that article paths must stay inside.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const decoder = new TextDecoder('utf-8');

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/**
 * File operations for the extension's own files. The extension host runs where the files are (the extension is a
 * node extension), but workspace.fs travels through the workbench and back: in a remote or web window each call
 * measured 13–335 ms (and seconds while the workbench was busy drawing a reader), against under 1 ms for node's
 * fs. So file: URIs go to the disk directly and only other schemes through workspace.fs. Edits of documents still
 * go through WorkspaceEdit (undo, unsaved work); this is for reads and for files written whole.
 */
export const disk = {
  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return uri.scheme === 'file' ? fs.promises.readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri);
  },
  async writeFile(uri: vscode.Uri, content: Uint8Array | string): Promise<void> {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    if (uri.scheme !== 'file') return vscode.workspace.fs.writeFile(uri, bytes);
    // As workspace.fs does: the folders on the way are made.
    await fs.promises.mkdir(path.dirname(uri.fsPath), { recursive: true });
    await fs.promises.writeFile(uri.fsPath, bytes);
  },
  async stat(uri: vscode.Uri): Promise<{ mtime: number; size: number }> {
    if (uri.scheme !== 'file') return vscode.workspace.fs.stat(uri);
    const st = await fs.promises.stat(uri.fsPath);
    return { mtime: st.mtimeMs, size: st.size };
  },
  async createDirectory(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file') return vscode.workspace.fs.createDirectory(uri);
    await fs.promises.mkdir(uri.fsPath, { recursive: true });
  },
  /** Copies a file; never over an existing one (it throws instead). */
  async copy(from: vscode.Uri, to: vscode.Uri): Promise<void> {
    if (from.scheme !== 'file' || to.scheme !== 'file') return vscode.workspace.fs.copy(from, to, { overwrite: false });
    await fs.promises.mkdir(path.dirname(to.fsPath), { recursive: true });
    await fs.promises.copyFile(from.fsPath, to.fsPath, fs.constants.COPYFILE_EXCL);
  },
};

export async function readText(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  return decoder.decode(await disk.readFile(uri));
}

export async function readDisk(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await disk.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  return disk.stat(uri).then(
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
