// activate() is a table of contents: build the store, let each feature register itself, collect Disposables.

import * as vscode from 'vscode';
import { registerClaimsView } from './vscode/claimsView';
import { registerCommands } from './vscode/commands';
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
  context.subscriptions.push(
    log,
    store,
    readers,
    registerCommands({ context, store, readers, log }),
    registerClaimsView({ store, readers }),
  );

  if (vscode.workspace.getConfiguration('marginalia').get<boolean>('openOnStartup')) {
    readers.open(bundledAnnotationUri(context.extensionUri)).then(undefined, (e: unknown) => log.error(`could not open the bundled article: ${String(e)}`));
  }
  return { store, readers };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
