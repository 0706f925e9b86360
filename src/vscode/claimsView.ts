// The Claims view: claims of the current reading grouped by source. The tree shape comes from the core's
// outline (plain data with stable ids); this file only maps it onto TreeItems.

import * as vscode from 'vscode';
import { groupClaims, type GroupMode, type OutlineGroup } from '../core/outline';
import type { ResolvedClaim } from '../core/resolve';
import { InternalCommands } from './commandIds';
import type { ReaderManager } from './reader';
import type { Reading, ReadingStore } from './store';

export const CLAIMS_VIEW_ID = 'marginalia.claims';

type Node = { kind: 'group'; group: OutlineGroup } | { kind: 'claim'; claim: ResolvedClaim; groupId: string };

export class ClaimsProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  reading: Reading | undefined;
  mode: GroupMode = 'speaker';
  private groups: OutlineGroup[] = [];
  private readonly groupNodes = new Map<string, Node>();
  private readonly claimNodes = new Map<string, Node>();

  constructor(private readonly store: ReadingStore) {
    this.disposables.push(
      store.onDidChange((r) => {
        if (!this.reading || r === this.reading) this.show(r);
      }),
    );
  }

  show(reading: Reading | undefined): void {
    this.reading = reading;
    this.rebuild();
  }

  setMode(mode: GroupMode): void {
    this.mode = mode;
    this.rebuild();
  }

  private rebuild(): void {
    const model = this.reading?.model;
    this.groups = model ? groupClaims(model, this.mode) : [];
    this.groupNodes.clear();
    this.claimNodes.clear();
    const claims = new Map(model?.claims.map((c) => [c.id, c]) ?? []);
    for (const group of this.groups) {
      this.groupNodes.set(group.id, { kind: 'group', group });
      for (const id of group.claimIds) {
        const claim = claims.get(id);
        // A claim appears once per group it belongs to; reveal goes to its first group.
        if (claim && !this.claimNodes.has(id)) this.claimNodes.set(id, { kind: 'claim', claim, groupId: group.id });
      }
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups.map((g) => this.groupNodes.get(g.id) as Node);
    if (node.kind === 'claim') return [];
    const model = this.reading?.model;
    if (!model) return [];
    const byId = new Map(model.claims.map((c) => [c.id, c]));
    return node.group.claimIds.flatMap((id) => {
      const claim = byId.get(id);
      if (!claim) return [];
      const existing = this.claimNodes.get(id);
      return [existing && existing.kind === 'claim' && existing.groupId === node.group.id ? existing : ({ kind: 'claim', claim, groupId: node.group.id } as Node)];
    });
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'claim' ? this.groupNodes.get(node.groupId) : undefined;
  }

  nodeForClaim(id: string): Node | undefined {
    return this.claimNodes.get(id);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `g:${node.group.id}`;
      item.description = [node.group.description, `${node.group.count}`].filter(Boolean).join(' · ');
      item.contextValue = 'claimGroup';
      item.iconPath = new vscode.ThemeIcon('person');
      return item;
    }
    const { claim } = node;
    const exact = claim.anchor.start !== undefined ? sliceCp(this.reading?.model?.text ?? '', claim.anchor.start, claim.anchor.end ?? claim.anchor.start) : (claim.def.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '');
    const item = new vscode.TreeItem(claim.def.summary ?? exact, vscode.TreeItemCollapsibleState.None);
    item.id = `c:${node.groupId}:${claim.id}`;
    item.description = claim.def.attribution.mode.replace('-', ' ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(exact);
    item.tooltip = tooltip;
    item.contextValue = 'claim';
    item.iconPath = new vscode.ThemeIcon(claim.def.attribution.mode === 'direct-quote' ? 'quote' : 'comment');
    item.command = { command: InternalCommands.reveal, title: 'Show Claim', arguments: [this.reading?.uri.toString(), { kind: 'claim', id: claim.id }] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function sliceCp(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

export function registerClaimsView(deps: { store: ReadingStore; readers: ReaderManager }): vscode.Disposable {
  const provider = new ClaimsProvider(deps.store);
  const view = vscode.window.createTreeView(CLAIMS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  return vscode.Disposable.from(provider, view);
}
