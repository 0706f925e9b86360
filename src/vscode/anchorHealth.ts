// The Anchor Health view: every mention and claim of the loaded readings that is not exactly where its selectors
// say (relocated, fuzzy with its score, orphan), with the stored quote beside the text now at that place, and
// the actions: accept the new place, re-attach to the current selection, delete; plus one title action that
// writes back all exact relocations as a single undoable edit.

import * as vscode from 'vscode';
import type { AnchorStatus } from '../core/model';
import type { ResolvedClaim, ResolvedMention } from '../core/resolve';
import { OffsetMap, quoteOf } from '../core/text';
import { InternalCommands } from './commandIds';
import type { Reading, ReadingStore } from './store';

export const ANCHOR_HEALTH_VIEW_ID = 'marginalia.anchorHealth';

export type HealthNode =
  | { kind: 'reading'; reading: Reading }
  | {
      kind: 'item';
      reading: Reading;
      id: string;
      what: 'mention' | 'claim';
      status: Exclude<AnchorStatus, 'anchored'>;
      stored: string;
      now: string | undefined;
      score: number | undefined;
    };

const ICON: Record<Exclude<AnchorStatus, 'anchored'>, vscode.ThemeIcon> = {
  relocated: new vscode.ThemeIcon('arrow-swap', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  fuzzy: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  orphan: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
};

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function oneLine(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The items of a reading that need attention, in text order (orphans last). */
export function unhealthy(reading: Reading): Extract<HealthNode, { kind: 'item' }>[] {
  const model = reading.model;
  if (!model) return [];
  const map = new OffsetMap(model.text);
  const nodes: Extract<HealthNode, { kind: 'item' }>[] = [];
  const add = (x: ResolvedMention | ResolvedClaim, what: 'mention' | 'claim'): void => {
    const a = x.anchor;
    if (a.status === 'anchored') return;
    const now = a.start !== undefined && a.end !== undefined ? model.text.slice(map.toUtf16(a.start), map.toUtf16(a.end)) : undefined;
    nodes.push({ kind: 'item', reading, id: x.id, what, status: a.status, stored: quoteOf(x.def.selector)?.exact ?? '', now, score: a.score });
  };
  for (const m of model.mentions) add(m, 'mention');
  for (const c of model.claims) add(c, 'claim');
  const pos = (n: (typeof nodes)[number]): number => {
    const item = model.mentions.find((m) => m.id === n.id) ?? model.claims.find((c) => c.id === n.id);
    return item?.anchor.start ?? Number.MAX_SAFE_INTEGER;
  };
  return nodes.sort((a, b) => pos(a) - pos(b));
}

export class AnchorHealthProvider implements vscode.TreeDataProvider<HealthNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HealthNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly store: ReadingStore) {
    this.sub = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: HealthNode): HealthNode[] {
    if (!node) {
      const readings = this.store.all().filter((r) => unhealthy(r).length > 0);
      // One reading: its items directly; several: one group each.
      if (readings.length === 1) return unhealthy(readings[0] as Reading);
      return readings.map((reading) => ({ kind: 'reading', reading }));
    }
    return node.kind === 'reading' ? unhealthy(node.reading) : [];
  }

  getTreeItem(node: HealthNode): vscode.TreeItem {
    if (node.kind === 'reading') {
      const item = new vscode.TreeItem(node.reading.model?.file.article.title ?? fileName(node.reading.uri), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${unhealthy(node.reading).length} to review`;
      item.resourceUri = node.reading.uri;
      item.contextValue = 'anchorHealth.reading';
      item.tooltip = vscode.workspace.asRelativePath(node.reading.uri);
      return item;
    }
    const item = new vscode.TreeItem(oneLine(node.stored || node.id));
    item.id = `${node.reading.uri.toString()}#${node.id}`;
    item.iconPath = ICON[node.status];
    const status = node.status === 'fuzzy' ? `fuzzy ${(node.score ?? 0).toFixed(2)}` : node.status;
    item.description = `${node.what} · ${status}${node.now !== undefined && node.now !== node.stored ? ` → “${oneLine(node.now, 30)}”` : ''}`;
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${node.what} \`${node.id}\`**: ${status}\n\n`);
    md.appendMarkdown('Stored quote:\n');
    md.appendCodeblock(node.stored, 'text');
    if (node.now !== undefined) {
      md.appendMarkdown('Text at the place found now:\n');
      md.appendCodeblock(node.now, 'text');
    } else md.appendMarkdown('Not found in the current text: re-attach it to a selection, or delete it.');
    item.tooltip = md;
    item.contextValue = `anchorHealth.${node.status}`;
    if (node.status !== 'orphan')
      item.command = { command: InternalCommands.showTarget, title: 'Show', arguments: [node.reading.uri.toString(), { kind: node.what, id: node.id }] };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

export interface AnchorHealthDeps {
  store: ReadingStore;
}

export function registerAnchorHealth(deps: AnchorHealthDeps): vscode.Disposable {
  const provider = new AnchorHealthProvider(deps.store);
  const view = vscode.window.createTreeView(ANCHOR_HEALTH_VIEW_ID, { treeDataProvider: provider });
  const update = (): void => {
    const count = deps.store.all().reduce((n, r) => n + unhealthy(r).length, 0);
    view.badge = count ? { value: count, tooltip: `${count} annotation(s) not exactly anchored` } : undefined;
    view.message = deps.store.all().length && !count ? 'Every annotation is exactly where its selectors say.' : undefined;
  };
  update();
  // Row actions (view/item/context) are the editing commands themselves: they read `reading` and `id` of a row.
  return vscode.Disposable.from(provider, view, deps.store.onDidChange(update));
}
