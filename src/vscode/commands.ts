// The palette and menu commands for opening readings. Each command body is small: the work lives in the
// store, the reader manager and the core.

import * as vscode from 'vscode';
import type { AnnotationIndex } from './annotationIndex';
import { bundledAnnotationUri } from './bundled';
import { guardedCommand } from './guard';
import { Commands, InternalCommands } from './commandIds';
import { isTargetRef } from '../shared/protocol';
import type { ReaderManager } from './reader';
import type { ReadingStore } from './store';

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
  const items = files
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((uri) => ({
      label: uri.path.slice(uri.path.lastIndexOf('/') + 1),
      description: vscode.workspace.asRelativePath(uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) })),
      uri,
    }));
  return (await vscode.window.showQuickPick(items, { title: 'Open Annotated Reading', placeHolder: 'Choose an annotation file', matchOnDescription: true }))
    ?.uri;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const { context, readers, log } = deps;
  const guarded = guardedCommand(log);

  return vscode.Disposable.from(
    vscode.commands.registerCommand(
      Commands.openArticle,
      guarded('Open Article', async () => readers.open(bundledAnnotationUri(context.extensionUri))),
    ),
    vscode.commands.registerCommand(
      Commands.openReading,
      guarded('Open Annotated Reading', async (arg?: unknown) => {
        let uri = arg instanceof vscode.Uri ? arg : undefined;
        if (uri && !uri.path.endsWith('.annotations.json')) {
          // Invoked on an article: find the annotation file that names it.
          const files = await deps.index.annotationFilesFor(uri);
          if (files.length === 0) {
            void vscode.window.showWarningMessage(`No annotation file in this workspace names ${vscode.workspace.asRelativePath(uri)} as its article.`);
            return;
          }
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
        uri ??= await pickAnnotationFile(deps.index, context.extensionUri);
        if (uri) await readers.open(uri);
      }),
    ),
    vscode.commands.registerCommand(
      Commands.copyToWorkspace,
      guarded('Copy Article to Workspace', async () => {
        // The bundled article lives inside the extension and is read-only: annotate a copy in the workspace.
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) {
          void vscode.window.showWarningMessage('Open a folder first: Marginalia copies the article and its annotation file into it.');
          return;
        }
        const source = deps.readers.activeReading() ?? (await deps.store.open(bundledAnnotationUri(context.extensionUri)));
        const article = source.articleUri;
        if (!article) throw new Error('the reading has no article');
        const name = (u: vscode.Uri) => u.path.slice(u.path.lastIndexOf('/') + 1);
        const target = vscode.Uri.joinPath(folder.uri, name(source.uri));
        const targetArticle = vscode.Uri.joinPath(folder.uri, name(article));
        const exists = async (u: vscode.Uri) =>
          vscode.workspace.fs.stat(u).then(
            () => true,
            () => false,
          );
        // Never overwrite: an existing copy is the researcher's work.
        if (!(await exists(target))) {
          if (!(await exists(targetArticle))) await vscode.workspace.fs.copy(article, targetArticle);
          await vscode.workspace.fs.copy(source.uri, target);
        }
        await readers.open(target);
      }),
    ),
    vscode.commands.registerCommand(
      InternalCommands.reveal,
      guarded('Reveal in Reader', async (source?: unknown, target?: unknown) => {
        // Arguments arrive from tree items and hover links: check them like any other input.
        if (typeof source !== 'string' || !isTargetRef(target)) return;
        const uri = vscode.Uri.parse(source, true);
        if (!readers.isOpen(uri)) await readers.open(uri, vscode.ViewColumn.Active);
        const reading = deps.store.get(uri);
        if (reading) readers.reveal(reading, target, true);
      }),
    ),
  );
}
