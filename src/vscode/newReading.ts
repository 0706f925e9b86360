// "New Annotated Reading…" and "Import Web Page as Article…": the core plans the files (src/core/article/
// newReading.ts), this writes them beside the article, never over an existing file, adds the schema copy the
// `$schema` points at when the workspace folder lacks it, and opens the reader.

import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { newReadingTargets, planNewReading } from '../core/article/newReading';
import { SCHEMA_COPY, schemaCopyText } from '../core/article/template';
import type { AnnotationIndex } from './annotationIndex';
import { Commands } from './commandIds';
import type { ReaderManager } from './reader';
import { logFailure, registerCommand, type CommandContext } from './toolkit/commands';
import { Registrations } from './toolkit/disposable';
import { UserError } from './toolkit/errors';
import { disk, exists, fileName, folderSegments, openDocument } from './toolkit/files';

export interface NewReadingDeps extends CommandContext {
  readers: ReaderManager;
  index: AnnotationIndex;
}

const ARTICLE_FILTERS = { Articles: ['txt', 'md', 'html', 'htm'] };
const PAGE_FILTERS = { 'Saved web pages': ['html', 'htm'] };

/** The file a command was run on: its argument (Explorer, tests), else the active editor's, else one picked. */
async function articleUri(arg: unknown, filters: Record<string, string[]>, title: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  const ext = doc ? (/\.([^./]+)$/.exec(doc.uri.path)?.[1]?.toLowerCase() ?? '') : '';
  if (doc && !doc.isUntitled && Object.values(filters).some((exts) => exts.includes(ext))) return doc.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters, title, openLabel: title });
  return picked?.[0];
}

/** The article's bytes as the reading will see them: an open document's text (unsaved edits count), else the disk. */
async function articleContent(uri: vscode.Uri, page: boolean): Promise<Uint8Array | string> {
  const doc = openDocument(uri);
  // A page is imported from the bytes the browser saved (their charset, their sha256), never from an editor.
  if (doc && !page) return doc.getText();
  return disk.readFile(uri);
}

/** Creates the reading's files; returns the annotation file, which is then open in the reader. */
export async function createReading(deps: NewReadingDeps, uri: vscode.Uri): Promise<vscode.Uri> {
  const targets = newReadingTargets(fileName(uri));
  if ('error' in targets) throw new UserError(targets.error);
  const folder = vscode.Uri.joinPath(uri, '..');
  const annotations = vscode.Uri.joinPath(folder, targets.annotations);
  // Never overwrite: an existing annotation file is someone's work, so it is opened instead (when asked to).
  const existing = (await exists(annotations)) ? [annotations] : await deps.index.annotationFilesFor(vscode.Uri.joinPath(folder, targets.article));
  if (existing[0]) {
    const open = 'Open It';
    const rel = vscode.workspace.asRelativePath(existing[0]);
    const found = existing[0];
    // Not awaited: the message stays until the user answers, and the command is done.
    void vscode.window
      .showInformationMessage(`Marginalia: ${rel} already exists for this article; it was not overwritten.`, open)
      .then((choice) => (choice === open ? deps.readers.open(found) : undefined))
      .then(undefined, logFailure(deps.log, 'opening the existing reading'));
    return found;
  }
  for (const name of targets.writes.filter((n) => n !== targets.annotations))
    if (await exists(vscode.Uri.joinPath(folder, name)))
      throw new UserError(`${name} already exists beside ${fileName(uri)}; importing would overwrite it, so nothing was written (move it away first)`);

  const page = targets.kind === 'page';
  const content = await articleContent(uri, page);
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? folder;
  const plan = planNewReading({
    fileName: fileName(uri),
    content,
    sha256: page && typeof content !== 'string' ? createHash('sha256').update(content).digest('hex') : undefined,
    dir: folderSegments(root, uri),
  });
  if (!plan.ok) throw new UserError(plan.message);

  const schema = vscode.Uri.joinPath(root, ...SCHEMA_COPY);
  if (!(await exists(schema))) {
    await disk.writeFile(schema, schemaCopyText());
  }
  for (const file of plan.files) {
    const target = vscode.Uri.joinPath(folder, file.name);
    // Checked again just before writing: another window may have written it since.
    if (await exists(target)) throw new UserError(`${file.name} appeared while the reading was prepared; nothing more was written`);
    await disk.writeFile(target, file.text);
  }
  await deps.readers.open(annotations);
  return annotations;
}

export function registerNewReading(deps: NewReadingDeps): vscode.Disposable {
  const r = new Registrations();
  r.add(
    registerCommand(deps, Commands.newReading, 'New Annotated Reading', async (arg?: unknown) => {
      const uri = await articleUri(arg, ARTICLE_FILTERS, 'New Annotated Reading');
      return uri ? createReading(deps, uri) : undefined;
    }),
  );
  r.add(
    registerCommand(deps, Commands.importWebPage, 'Import Web Page as Article', async (arg?: unknown) => {
      const uri = await articleUri(arg, PAGE_FILTERS, 'Import Web Page');
      if (!uri) return undefined;
      const targets = newReadingTargets(fileName(uri));
      if ('error' in targets || targets.kind !== 'page') throw new UserError(`${fileName(uri)} is not a saved web page (.html or .htm)`);
      return createReading(deps, uri);
    }),
  );
  return r;
}
