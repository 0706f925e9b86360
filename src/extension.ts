// activate() is a table of contents: build the shared services, let each feature register itself, collect the
// Disposables. docs/architecture.md is the map of what goes where.

import * as vscode from 'vscode';
import { registerAnchorHealth } from './vscode/anchorHealth';
import { AnnotationIndex } from './vscode/annotationIndex';
import { ArticleEditors } from './vscode/article';
import { bundledAnnotationUri } from './vscode/bundled';
import { registerClaimsView } from './vscode/claimsView';
import { registerCollab, type CollabManager } from './vscode/collab';
import { registerCommands } from './vscode/commands';
import { registerCorpus } from './vscode/corpus';
import { CurrentReading } from './vscode/current';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerEditing } from './vscode/editing';
import { vscodePrompts } from './vscode/editing/vscodePrompts';
import { registerEntitiesView } from './vscode/entitiesView';
import { registerInspect } from './vscode/inspect';
import { registerInterop } from './vscode/interop';
import { registerLookups } from './vscode/lookups';
import { registerNewReading } from './vscode/newReading';
import { READER_VIEW_TYPE, ReaderManager } from './vscode/reader';
import { Registries } from './vscode/registries';
import { ReadingStore } from './vscode/store';
import { registerSuggestions } from './vscode/suggestions';
import { logFailure } from './vscode/toolkit/commands';

/** What tests (and other extensions) get from `extension.exports`. */
export interface MarginaliaApi {
  readonly store: ReadingStore;
  readonly readers: ReaderManager;
  readonly collab: CollabManager;
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  const log = vscode.window.createOutputChannel('Marginalia', { log: true });
  const registries = new Registries();
  const store = new ReadingStore(registries);
  const readers = new ReaderManager(context.extensionUri, store, (m) => log.warn(m));
  const current = new CurrentReading(store, readers);
  const index = new AnnotationIndex();
  const claims = registerClaimsView({ context, current, readers, log });
  const entities = registerEntitiesView({ current, readers, log });
  const editors = new ArticleEditors({ store, readers, current, index, log });
  const collab = registerCollab({ context, store, readers, index, prompts: vscodePrompts, log });
  const corpus = registerCorpus({ context, annotations: index, registries, store, log });
  claims.provider.attachCorpus(corpus.service);
  context.subscriptions.push(
    log,
    registries,
    store,
    readers,
    current,
    index,
    claims,
    entities,
    editors,
    corpus,
    registerCommands({ context, store, readers, index, log }),
    registerLookups({ context, store, readers, current, log }),
    registerEditing({ store, readers, index, log, prompts: vscodePrompts }),
    registerDiagnostics({ store, index, registries, onError: logFailure(log, 'checking annotation files') }),
    registerAnchorHealth({ store }),
    registerInspect({ current, claims, entities, editors }),
    collab.disposable,
    registerInterop({ store, readers, index, log }),
    registerSuggestions({ context, store, readers, current, index, log }),
    registerNewReading({ readers, index, log }),
  );

  if (vscode.workspace.getConfiguration('marginalia').get<boolean>('openOnStartup') && !hasReaderTab()) {
    // The side bar first (its Claims view beside the reader), then the reader, which takes the editor area. Not
    // when readers come back after a reload: the one that was in front stays in front.
    Promise.resolve(vscode.commands.executeCommand('workbench.view.extension.marginalia'))
      .then(() => readers.open(bundledAnnotationUri(context.extensionUri)))
      .then(undefined, logFailure(log, 'opening the bundled article'));
  }
  return { store, readers, collab: collab.manager };
}

function hasReaderTab(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(READER_VIEW_TYPE)));
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
