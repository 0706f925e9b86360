// For tests and benchmarks only (a hidden command): what the views and the editor decorations show right now.

import * as vscode from 'vscode';
import type { ArticleEditors } from './article';
import type { ClaimsView } from './claimsView';
import { InternalCommands } from './commandIds';
import type { ReadingSource } from './current';
import type { EntitiesView } from './entitiesView';

export interface InspectDeps {
  current: ReadingSource;
  claims: ClaimsView;
  entities: EntitiesView;
  editors: ArticleEditors;
}

export function registerInspect(deps: InspectDeps): vscode.Disposable {
  return vscode.commands.registerCommand(InternalCommands.inspectViews, () => {
    const { claims, entities, editors, current } = deps;
    const ids = (items: readonly vscode.TreeItem[]): string[] => items.map((i) => i.id ?? '');
    return {
      current: current.get()?.key,
      claims: {
        reading: claims.provider.current?.key,
        grouping: claims.provider.grouping,
        filter: claims.provider.filter,
        message: claims.view.message,
        visible: claims.view.visible,
        selection: ids(claims.view.selection.map((n) => claims.provider.getTreeItem(n))),
        roots: claims.provider.getChildren().length,
        buildMs: claims.provider.lastBuildMs,
        scope: claims.provider.scope,
        corpus: claims.provider.corpusGroups.map((g) => ({ label: g.label, count: g.count, articles: g.articles, children: g.children.map((c) => c.label) })),
      },
      entities: {
        reading: entities.provider.current?.key,
        visible: entities.view.visible,
        selection: ids(entities.view.selection.map((n) => entities.provider.getTreeItem(n))),
      },
      editors: editors.stats(),
    };
  });
}
