// The Corpus Search view: keyword-in-context hits over every article (src/core/corpus/search.ts), grouped by
// article, by the entity already annotated there, or by speaker. Each hit has a check box: the checked ones are
// what "Annotate Selected Hits as Mentions of…" annotates. Hits not annotated yet start checked.

import * as vscode from 'vscode';
import type { CorpusIndex } from '../../core/corpus/index';
import { groupHits, type HitGrouping, type HitGroup, type SearchHit, type SearchResult } from '../../core/corpus/search';
import { visibleControls } from '../../core/text';
import { InternalCommands } from '../commandIds';
import { Disposable } from '../toolkit/disposable';

export const CORPUS_SEARCH_VIEW_ID = 'marginalia.corpusSearch';
const HAS_HITS_CONTEXT = 'marginalia.hasSearchHits';

export type SearchNode = { kind: 'group'; group: HitGroup } | { kind: 'hit'; hit: SearchHit; key: string };

export function hitKey(h: Pick<SearchHit, 'file' | 'start' | 'end'>): string {
  return `${h.file}#${h.start}:${h.end}`;
}

export class CorpusSearchProvider extends Disposable implements vscode.TreeDataProvider<SearchNode> {
  private readonly changed = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  result: SearchResult | undefined;
  grouping: HitGrouping = 'article';
  private groups: HitGroup[] = [];
  /** Keys of the checked hits. */
  readonly checked = new Set<string>();
  private readonly nodes = new Map<string, Extract<SearchNode, { kind: 'hit' }>>();

  constructor(private readonly index: CorpusIndex) {
    super();
  }

  show(result: SearchResult, grouping: HitGrouping = this.grouping): void {
    this.result = result;
    this.grouping = grouping;
    this.groups = groupHits(this.index, result.hits, grouping);
    this.checked.clear();
    this.nodes.clear();
    for (const h of result.hits) if (!h.mentionOf) this.checked.add(hitKey(h));
    void vscode.commands.executeCommand('setContext', HAS_HITS_CONTEXT, result.hits.length > 0);
    this.changed.fire(undefined);
  }

  /** The checked hits, in result order. */
  selected(): SearchHit[] {
    return (this.result?.hits ?? []).filter((h) => this.checked.has(hitKey(h)));
  }

  setChecked(node: SearchNode, on: boolean): void {
    const hits = node.kind === 'hit' ? [node.hit] : node.group.hits;
    for (const h of hits) {
      if (on) this.checked.add(hitKey(h));
      else this.checked.delete(hitKey(h));
    }
  }

  getChildren(node?: SearchNode): SearchNode[] {
    if (!node) return this.groups.map((group) => ({ kind: 'group', group }));
    if (node.kind === 'hit') return [];
    return node.group.hits.map((hit) => {
      const key = hitKey(hit);
      let n = this.nodes.get(key);
      if (!n) this.nodes.set(key, (n = { kind: 'hit', hit, key }));
      return n;
    });
  }

  getTreeItem(node: SearchNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const g = node.group;
      const item = new vscode.TreeItem(visibleControls(g.label), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group/${this.grouping}/${g.key}`;
      item.description = `${g.hits.length} hit${g.hits.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'article' ? 'book' : this.grouping === 'entity' ? 'symbol-class' : 'person');
      const all = g.hits.every((h) => this.checked.has(hitKey(h)));
      item.checkboxState = all ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
      return item;
    }
    const h = node.hit;
    const label: vscode.TreeItemLabel = {
      label: visibleControls(`${h.before}${h.match}${h.after}`),
      highlights: [[visibleControls(h.before).length, visibleControls(h.before).length + visibleControls(h.match).length]],
    };
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `hit/${this.grouping}/${node.key}`;
    const where = [
      h.mentionOf ? `annotated as ${this.name(h.mentionOf)}` : h.inMentionOf ? `inside ${this.name(h.inMentionOf)}` : '',
      h.claim ? `claim by ${h.claim.speakerName}` : '',
    ]
      .filter((s) => s)
      .join(' · ');
    item.description = visibleControls(this.grouping === 'article' ? where : [h.title, where].filter((s) => s).join(' · '));
    item.tooltip = visibleControls(`${h.title}\n…${h.before}[${h.match}]${h.after}…${where ? `\n${where}` : ''}`);
    item.iconPath = new vscode.ThemeIcon(h.mentionOf ? 'tag' : 'search');
    item.checkboxState = this.checked.has(node.key) ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    item.command = { command: InternalCommands.showCorpusInstances, title: 'Show Hit', arguments: [{ file: h.file, start: h.start, end: h.end }] };
    return item;
  }

  getParent(node: SearchNode): SearchNode | undefined {
    if (node.kind === 'group') return undefined;
    const group = this.groups.find((g) => g.hits.includes(node.hit));
    return group ? { kind: 'group', group } : undefined;
  }

  private name(key: string): string {
    return this.index.entity(key)?.name ?? key;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }
}
