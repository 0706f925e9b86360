// activate() is a table of contents: build the store, let each feature register itself, collect Disposables.

import * as vscode from 'vscode';
import { registerAnchorHealth } from './vscode/anchorHealth';
import { registerClaimsView } from './vscode/claimsView';
import { AnnotationIndex } from './vscode/annotationIndex';
import { registerCommands } from './vscode/commands';
import { CurrentReading } from './vscode/current';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerEditing } from './vscode/editing';
import { registerEditorArticle } from './vscode/editorArticle';
import { registerEntitiesView } from './vscode/entitiesView';
import { registerLookups } from './vscode/lookups';
import { ReaderManager } from './vscode/reader';
import { ReadingStore } from './vscode/store';
import { bundledAnnotationUri } from './vscode/bundled';

/** What tests (and other extensions) get from `extension.exports`. */
export interface MarginaliaApi {
  readonly store: ReadingStore;
  readonly readers: ReaderManager;
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  const log = vscode.window.createOutputChannel('Marginalia', { log: true });
  const store = new ReadingStore();
  const readers = new ReaderManager(context.extensionUri, store, (m) => log.warn(m));
  const current = new CurrentReading(store, readers);
  const index = new AnnotationIndex();
  const claims = registerClaimsView({ context, current, readers });
  const entities = registerEntitiesView({ current, readers });
  const editor = registerEditorArticle({ store, readers, current, index, log });
  context.subscriptions.push(
    log,
    store,
    readers,
    current,
    index,
    registerCommands({ context, store, readers, index, log }),
    claims,
    entities,
    editor,
    registerLookups({ context, store, readers, current, claims, entities, editor, log }),
    registerEditing({ store, readers, log }),
    registerDiagnostics({ store, index }),
    registerAnchorHealth({ store }),
  );

  if (vscode.workspace.getConfiguration('marginalia').get<boolean>('openOnStartup')) {
    // The side bar first (its Claims view beside the reader), then the reader, which takes the editor area.
    Promise.resolve(vscode.commands.executeCommand('workbench.view.extension.marginalia'))
      .then(() => readers.open(bundledAnnotationUri(context.extensionUri)))
      .then(undefined, (e: unknown) => log.error(`could not open the bundled article: ${String(e)}`));
  }
  return { store, readers };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
