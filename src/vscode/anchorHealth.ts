// The Anchor Health view: the annotations of the loaded readings that need a human (core/health.ts), grouped by
// severity (orphans, fuzzy anchors, relocations found by search), with the stored quote beside the text now at
// that place. Annotations moved exactly by edits are healthy and not listed; their positions are refreshed when
// the article is saved. The badge counts what is listed, which is what the Problems panel reports too.

import * as vscode from 'vscode';
import { healthItems, SEVERITIES, type HealthItem, type HealthSeverity } from '../core/health';
import { visibleControls } from '../core/text';
import { healthTooltip } from '../core/tooltips';
import { InternalCommands } from './commandIds';
import type { Reading, ReadingStore } from './store';
import { Disposable, Registrations } from './toolkit/disposable';
import { fileName } from './toolkit/files';
import { markdown, toMarkdownString } from './toolkit/markdown';

export const ANCHOR_HEALTH_VIEW_ID = 'marginalia.anchorHealth';

export type HealthNode =
  | { kind: 'reading'; readingKey: string }
  | { kind: 'severity'; readingKey: string; severity: HealthSeverity }
  | { kind: 'item'; readingKey: string; id: string; item: HealthItem };

const ICON: Record<HealthSeverity, vscode.ThemeIcon> = {
  orphan: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  fuzzy: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  relocated: new vscode.ThemeIcon('arrow-swap', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

const GROUP_LABEL: Record<HealthSeverity, string> = {
  orphan: 'Not found in the article',
  fuzzy: 'Found only approximately',
  relocated: 'Found elsewhere by searching',
};

function oneLine(s: string, max = 60): string {
  const t = visibleControls(s).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The items of a reading that need attention. */
export function unhealthy(reading: Reading): HealthItem[] {
  return reading.model ? healthItems(reading.model) : [];
}

export class AnchorHealthProvider extends Disposable implements vscode.TreeDataProvider<HealthNode> {
  private readonly changed = this._register(new vscode.EventEmitter<HealthNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ReadingStore) {
    super();
    this._register(store.onDidChange(() => this.changed.fire(undefined)));
  }

  private groups(key: string): HealthNode[] {
    const reading = this.store.get(key);
    const items = reading ? unhealthy(reading) : [];
    return SEVERITIES.filter((s) => items.some((i) => i.severity === s)).map((severity) => ({ kind: 'severity', readingKey: key, severity }));
  }

  getChildren(node?: HealthNode): HealthNode[] {
    if (!node) {
      const readings = this.store.all().filter((r) => unhealthy(r).length > 0);
      // One reading: its severity groups directly; several: one group each.
      if (readings.length === 1) return this.groups((readings[0] as Reading).key);
      return readings.map((r) => ({ kind: 'reading', readingKey: r.key }));
    }
    if (node.kind === 'reading') return this.groups(node.readingKey);
    if (node.kind === 'severity') {
      const reading = this.store.get(node.readingKey);
      return (reading ? unhealthy(reading) : [])
        .filter((i) => i.severity === node.severity)
        .map((item) => ({ kind: 'item', readingKey: node.readingKey, id: item.id, item }));
    }
    return [];
  }

  getTreeItem(node: HealthNode): vscode.TreeItem {
    const reading = this.store.get(node.readingKey);
    if (node.kind === 'reading') {
      const title = reading?.model?.file.article.title ?? (reading ? fileName(reading.uri) : node.readingKey);
      const item = new vscode.TreeItem(visibleControls(title), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${reading ? unhealthy(reading).length : 0} to review`;
      if (reading) {
        item.resourceUri = reading.uri;
        item.tooltip = vscode.workspace.asRelativePath(reading.uri);
      }
      item.contextValue = 'anchorHealth.reading';
      return item;
    }
    if (node.kind === 'severity') {
      const count = reading ? unhealthy(reading).filter((i) => i.severity === node.severity).length : 0;
      const item = new vscode.TreeItem(GROUP_LABEL[node.severity], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.readingKey}#${node.severity}`;
      item.description = String(count);
      item.iconPath = ICON[node.severity];
      item.contextValue = `anchorHealth.group.${node.severity}`;
      return item;
    }
    const h = node.item;
    const item = new vscode.TreeItem(oneLine(h.stored || h.id));
    item.id = `${node.readingKey}#${h.id}`;
    item.iconPath = ICON[h.severity];
    const status = h.severity === 'fuzzy' ? `fuzzy ${(h.score ?? 0).toFixed(2)}` : h.severity;
    item.description = `${h.what} · ${status}${h.now !== undefined && h.now !== h.stored ? ` → “${oneLine(h.now, 30)}”` : ''}`;
    item.tooltip = toMarkdownString(healthTooltip(markdown(), h));
    item.contextValue = `anchorHealth.${h.severity}`;
    if (h.severity !== 'orphan')
      item.command = { command: InternalCommands.showTarget, title: 'Show', arguments: [node.readingKey, { kind: h.what, id: h.id }] };
    return item;
  }
}

export interface AnchorHealthDeps {
  store: ReadingStore;
}

export function registerAnchorHealth(deps: AnchorHealthDeps): vscode.Disposable {
  const r = new Registrations();
  const provider = r.add(new AnchorHealthProvider(deps.store));
  const view = r.add(vscode.window.createTreeView(ANCHOR_HEALTH_VIEW_ID, { treeDataProvider: provider }));
  const update = (): void => {
    const count = deps.store.all().reduce((n, reading) => n + unhealthy(reading).length, 0);
    view.badge = count ? { value: count, tooltip: `${count} annotation(s) need review` } : undefined;
    view.message = deps.store.all().length && !count ? 'Every annotation is where its selectors say, or was moved exactly by your edits.' : undefined;
  };
  update();
  // Row actions (view/item/context) are the editing commands themselves: they read `readingKey` and `id` of a row.
  r.add(deps.store.onDidChange(update));
  return r;
}
