// The Corpus view: every annotated article of the workspace with its counts, health and last change, from the
// corpus index (src/core/corpus/views.ts). A row opens its reading; the title bar searches the corpus, opens the
// report and moves entities to the registry.

import * as vscode from 'vscode';
import { articleRows, type ArticleRow } from '../../core/corpus/views';
import { visibleControls } from '../../core/text';
import { Commands } from '../commandIds';
import { Disposable } from '../toolkit/disposable';
import type { CorpusService } from './service';

export const CORPUS_VIEW_ID = 'marginalia.corpus';
const HAS_CORPUS_CONTEXT = 'marginalia.hasCorpus';

const HEALTH_ICON: Record<ArticleRow['health'], vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warnings: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  errors: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unusable: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
};

const HEALTH_WORDS: Record<ArticleRow['health'], string> = { ok: 'no problems', warnings: 'warnings', errors: 'errors', unusable: 'cannot be read' };

/** "3 min ago", "yesterday", "12 Mar": when an article last changed. */
export function ago(modified: number | undefined, now = Date.now()): string {
  if (modified === undefined) return '';
  const s = Math.max(0, Math.round((now - modified) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 2 * 86_400) return 'yesterday';
  return new Date(modified).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: s > 300 * 86_400 ? 'numeric' : undefined });
}

export class CorpusProvider extends Disposable implements vscode.TreeDataProvider<ArticleRow> {
  private readonly changed = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private rows: ArticleRow[] = [];
  /** Time the last rebuild took (tests and benchmarks). */
  lastBuildMs = 0;

  constructor(private readonly corpus: CorpusService) {
    super();
    this._register(corpus.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  get shown(): readonly ArticleRow[] {
    return this.rows;
  }

  rebuild(): void {
    const t0 = performance.now();
    this.rows = articleRows(this.corpus.index);
    this.lastBuildMs = performance.now() - t0;
    void vscode.commands.executeCommand('setContext', HAS_CORPUS_CONTEXT, this.rows.length > 0);
    this.changed.fire(undefined);
  }

  getChildren(node?: ArticleRow): ArticleRow[] {
    return node ? [] : this.rows;
  }

  getTreeItem(row: ArticleRow): vscode.TreeItem {
    const uri = vscode.Uri.parse(row.file, true);
    const item = new vscode.TreeItem(visibleControls(row.title), vscode.TreeItemCollapsibleState.None);
    item.id = row.file;
    item.resourceUri = uri;
    const problems =
      row.errors + row.warnings
        ? ` · ${row.errors ? `${row.errors} errors` : ''}${row.errors && row.warnings ? ', ' : ''}${row.warnings ? `${row.warnings} warnings` : ''}`
        : '';
    const when = ago(row.modified);
    item.description = `${row.mentions} mentions · ${row.claims} claims${problems}${when ? ` · ${when}` : ''}`;
    item.iconPath = HEALTH_ICON[row.health];
    item.contextValue = 'corpusArticle';
    const path = vscode.workspace.asRelativePath(uri);
    item.tooltip = `${visibleControls(row.title)}\n${path}\n${row.entities} entities, ${row.mentions} mentions, ${row.claims} claims; ${HEALTH_WORDS[row.health]}${row.modified ? `\nchanged ${new Date(row.modified).toLocaleString()}` : ''}`;
    item.accessibilityInformation = { label: `${visibleControls(row.title)}, ${item.description}, ${HEALTH_WORDS[row.health]}` };
    item.command = { command: Commands.openReading, title: 'Open Annotated Reading', arguments: [uri] };
    return item;
  }
}

export function registerCorpusView(corpus: CorpusService): { provider: CorpusProvider; view: vscode.TreeView<ArticleRow> } & vscode.Disposable {
  const provider = new CorpusProvider(corpus);
  const view = vscode.window.createTreeView(CORPUS_VIEW_ID, { treeDataProvider: provider });
  const describe = (): void => {
    const t = corpus.index.totals();
    view.description = t.articles ? `${t.articles} articles · ${t.entities} entities · ${t.claims} claims` : undefined;
  };
  describe();
  const sub = provider.onDidChangeTreeData(describe);
  return {
    provider,
    view,
    dispose: () => {
      sub.dispose();
      view.dispose();
      provider.dispose();
    },
  };
}
