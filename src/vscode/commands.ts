// The palette and menu commands for opening readings. Each command body is small: the work lives in the store,
// the reader manager and the core.

import * as vscode from 'vscode';
import { isTargetRef } from '../shared/protocol';
import type { AnnotationIndex } from './annotationIndex';
import { bundledAnnotationUri } from './bundled';
import { Commands, InternalCommands } from './commandIds';
import type { ReaderManager } from './reader';
import type { ReadingStore } from './store';
import { registerCommand } from './toolkit/commands';
import { Registrations } from './toolkit/disposable';
import { UserError } from './toolkit/errors';
import { disk, exists, fileName } from './toolkit/files';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  store: ReadingStore;
  readers: ReaderManager;
  index: AnnotationIndex;
  log: vscode.LogOutputChannel;
}

async function pickAnnotationFile(index: AnnotationIndex, extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = await index.files();
  if (files.length === 0) {
    const choice = await vscode.window.showInformationMessage('No *.annotations.json file in this workspace.', 'Open the Bundled Article', 'Browse…');
    if (choice === 'Open the Bundled Article') return bundledAnnotationUri(extensionUri);
    if (choice === 'Browse…') return (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Marginalia annotations': ['json'] } }))?.[0];
    return undefined;
  }
  const items = files.map((uri) => ({
    label: fileName(uri),
    description: vscode.workspace.asRelativePath(uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) })),
    uri,
  }));
  return (await vscode.window.showQuickPick(items, { title: 'Open Annotated Reading', placeHolder: 'Choose an annotation file', matchOnDescription: true }))
    ?.uri;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const { context, readers, index } = deps;
  const r = new Registrations();

  r.add(registerCommand(deps, Commands.openArticle, 'Open Article', () => readers.open(bundledAnnotationUri(context.extensionUri))));

  r.add(
    registerCommand(deps, Commands.openReading, 'Open Annotated Reading', async (arg?: unknown) => {
      let uri = arg instanceof vscode.Uri ? arg : undefined;
      if (uri && !uri.path.endsWith('.annotations.json')) {
        // Invoked on an article: find the annotation file that names it.
        const files = await index.annotationFilesFor(uri);
        if (files.length === 0) throw new UserError(`no annotation file in this workspace names ${vscode.workspace.asRelativePath(uri)} as its article`);
        uri =
          files.length === 1
            ? files[0]
            : (
                await vscode.window.showQuickPick(
                  files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
                  { title: 'Several annotation files name this article' },
                )
              )?.uri;
      }
      uri ??= await pickAnnotationFile(index, context.extensionUri);
      if (uri) await readers.open(uri);
    }),
  );

  r.add(
    registerCommand(deps, Commands.copyToWorkspace, 'Copy Article to Workspace', async () => {
      // The bundled article lives inside the extension and is read-only: annotate a copy in the workspace.
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new UserError('open a folder first: Marginalia copies the article and its annotation file into it');
      const source = readers.activeReading() ?? (await deps.store.open(bundledAnnotationUri(context.extensionUri)));
      const article = source.articleUri;
      if (!article) throw new UserError('the reading has no article to copy');
      const target = vscode.Uri.joinPath(folder.uri, fileName(source.uri));
      const targetArticle = vscode.Uri.joinPath(folder.uri, fileName(article));
      // Never overwrite: an existing copy is the researcher's work. Say so, and open it.
      if (await exists(target)) {
        void vscode.window.showInformationMessage(`Marginalia: ${vscode.workspace.asRelativePath(target)} already exists; opening your copy.`);
      } else {
        if (!(await exists(targetArticle))) await disk.copy(article, targetArticle);
        await disk.copy(source.uri, target);
      }
      await readers.open(target);
    }),
  );

  r.add(
    registerCommand(deps, InternalCommands.reveal, 'Reveal in Reader', async (source?: unknown, target?: unknown) => {
      // Arguments arrive from tree items and hover links: check them like any other input.
      if (typeof source !== 'string' || !isTargetRef(target)) return;
      const uri = vscode.Uri.parse(source, true);
      if (!readers.isOpen(uri)) await readers.open(uri, vscode.ViewColumn.Active);
      const reading = deps.store.get(uri);
      if (reading) readers.reveal(reading, target, true);
    }),
  );
  return r;
}
