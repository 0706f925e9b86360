// The article in the plain text editor: decorations, hover cards, the outline, the article language (so the
// grammar applies) for articles of known readings, and "Open Article as Text". Positions: see toolkit/convert.ts.

import * as vscode from 'vscode';
import type { AnnotationIndex } from '../annotationIndex';
import { Commands } from '../commandIds';
import type { ReadingSource } from '../current';
import type { ReaderManager } from '../reader';
import type { Reading, ReadingStore } from '../store';
import { logFailure, registerCommand } from '../toolkit/commands';
import { Disposable } from '../toolkit/disposable';
import { UserError } from '../toolkit/errors';
import { ArticleDecorations, type EditorDecorationStats } from './decorations';
import { readingOfArticle } from './documents';
import { ArticleHoverProvider, ArticleSymbolProvider } from './providers';

export const ARTICLE_LANGUAGE = 'marginalia-article';
const IS_ARTICLE_CONTEXT = 'marginalia.isArticle';
const SELECTOR: vscode.DocumentSelector = [{ language: ARTICLE_LANGUAGE }, { language: 'plaintext' }];

export interface EditorArticleDeps {
  store: ReadingStore;
  readers: ReaderManager;
  current: ReadingSource;
  index: AnnotationIndex;
  log: vscode.LogOutputChannel;
}

export class ArticleEditors extends Disposable {
  private readonly decorations: ArticleDecorations;
  private readonly pendingLookups = new Set<string>();

  constructor(private readonly deps: EditorArticleDeps) {
    super();
    const { store, readers } = deps;
    this.decorations = this._register(new ArticleDecorations(store, (r) => readers.hiddenTypes(r)));
    const lookup = (doc: vscode.TextDocument): Promise<Reading | undefined> => this.readingFor(doc);
    this._register(vscode.languages.registerHoverProvider(SELECTOR, new ArticleHoverProvider(store, lookup)));
    this._register(
      vscode.languages.registerDocumentSymbolProvider(SELECTOR, new ArticleSymbolProvider(lookup, (d) => d.languageId === ARTICLE_LANGUAGE), {
        label: 'Marginalia article',
      }),
    );
    this._register(
      store.onDidChange((r) => {
        this.updateEditors(r);
        this.setContext();
        for (const editor of vscode.window.visibleTextEditors)
          if (r.articleUri?.toString() === editor.document.uri.toString()) this.adoptLogged(editor.document);
      }),
    );
    this._register(readers.onDidChangeHiddenTypes((r) => this.updateEditors(r)));
    this._register(
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) {
          this.decorations.update(e);
          this.adoptLogged(e.document);
        }
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.setContext()));
    this._register(registerCommand(deps, Commands.openArticleAsText, 'Open Article as Text', (arg) => this.openAsText(arg)));
    for (const e of vscode.window.visibleTextEditors) {
      this.decorations.update(e);
      this.adoptLogged(e.document);
    }
    this.setContext();
  }

  /** What the decorations did, per editor (tests and benchmarks). */
  stats(): EditorDecorationStats[] {
    return [...this.decorations.stats.values()];
  }

  private updateEditors(reading?: Reading): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!reading || reading.articleUri?.toString() === editor.document.uri.toString()) this.decorations.update(editor);
    }
  }

  /** The reading of an article document, loading it when the workspace has an annotation file naming it. */
  private async readingFor(doc: vscode.TextDocument): Promise<Reading | undefined> {
    const known = readingOfArticle(this.deps.store, doc.uri);
    if (known) return known;
    const file = (await this.deps.index.annotationFilesFor(doc.uri))[0];
    return file ? this.deps.store.open(file) : undefined;
  }

  private adoptLogged(doc: vscode.TextDocument): void {
    this.adopt(doc).catch(logFailure(this.deps.log, `article lookup for ${doc.uri.toString()}`));
  }

  /** An article of a known reading gets the article language, so the grammar applies. */
  private async adopt(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-scm') return;
    let reading = readingOfArticle(this.deps.store, doc.uri);
    const key = doc.uri.toString();
    if (!reading && (doc.languageId === 'plaintext' || doc.languageId === ARTICLE_LANGUAGE) && !this.pendingLookups.has(key)) {
      this.pendingLookups.add(key);
      try {
        reading = await this.readingFor(doc);
      } finally {
        this.pendingLookups.delete(key);
      }
    }
    if (reading && doc.languageId === 'plaintext' && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE);
  }

  private setContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', IS_ARTICLE_CONTEXT, !!doc && !!readingOfArticle(this.deps.store, doc.uri));
  }

  private async openAsText(arg?: unknown): Promise<void> {
    const { store, readers, current } = this.deps;
    const reading = arg instanceof vscode.Uri ? (store.find(arg) ?? (await store.open(arg))) : (current.get() ?? readers.activeReading());
    if (!reading?.articleUri) throw new UserError('open an annotated reading first (Marginalia: Open Article)');
    const doc = await vscode.workspace.openTextDocument(reading.articleUri);
    const shown = doc.languageId === 'plaintext' ? await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE) : doc;
    const beside = readers.isOpen(reading.uri);
    await vscode.window.showTextDocument(shown, { viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: false });
  }
}
