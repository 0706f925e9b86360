// The Suggestions view: the current reading's review queue grouped as new entities (each with its mentions),
// mentions of known entities, and claims, with counts; each row's tooltip gives the score, the source and why.
// Node objects are kept stable per key for TreeView.reveal.

import * as vscode from 'vscode';
import { mentionLabel } from '../../core/articleIndex';
import { groupSuggestions, type EntityGroup, type SuggestionGroups } from '../../core/suggest/review';
import type { Suggestion } from '../../core/suggest/types';
import { visibleControls } from '../../core/text';
import { InternalCommands } from '../commandIds';
import type { ReadingSource } from '../current';
import type { Reading } from '../store';
import { Disposable } from '../toolkit/disposable';
import { markdown, toMarkdownString } from '../toolkit/markdown';
import type { SuggestionService } from './service';

export const SUGGESTIONS_VIEW_ID = 'marginalia.suggestions';

export type SuggestionNode = { kind: 'section'; section: 'new' | 'known' | 'claims' } | { kind: 'entity'; group: EntityGroup } | { kind: 'item'; key: string };

const SECTION_LABELS = { new: 'New entities', known: 'Mentions of known entities', claims: 'Claims' } as const;

export class SuggestionsProvider extends Disposable implements vscode.TreeDataProvider<SuggestionNode> {
  private readonly changed = this._register(new vscode.EventEmitter<SuggestionNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private reading: Reading | undefined;
  private groups: SuggestionGroups = { newEntities: [], known: [], claims: [] };
  private byKey = new Map<string, Suggestion>();
  private readonly sections = new Map<string, Extract<SuggestionNode, { kind: 'section' }>>();
  private readonly entityNodes = new Map<string, Extract<SuggestionNode, { kind: 'entity' }>>();
  private readonly itemNodes = new Map<string, Extract<SuggestionNode, { kind: 'item' }>>();
  private readonly parents = new Map<string, SuggestionNode>();

  constructor(
    private readonly source: ReadingSource,
    private readonly service: SuggestionService,
  ) {
    super();
    this._register(source.onDidChange(() => this.rebuild()));
    this._register(service.onDidChange((key) => key === this.source.get()?.key && this.rebuild()));
    this.rebuild();
  }

  get current(): Reading | undefined {
    return this.reading;
  }

  get shape(): SuggestionGroups {
    return this.groups;
  }

  rebuild(): void {
    this.reading = this.source.get();
    const queue = this.reading ? this.service.queue(this.reading) : undefined;
    this.groups = groupSuggestions(queue?.items ?? []);
    this.byKey = new Map((queue?.items ?? []).map((s) => [s.key, s]));
    this.parents.clear();
    this.changed.fire(undefined);
    void vscode.commands.executeCommand('setContext', 'marginalia.hasSuggestions', (queue?.items.length ?? 0) > 0);
  }

  suggestion(key: string): Suggestion | undefined {
    return this.byKey.get(key);
  }

  /** The node of a suggestion, for TreeView.reveal. */
  nodeOf(key: string): SuggestionNode | undefined {
    return this.byKey.has(key) ? this.item(key) : undefined;
  }

  private section(section: 'new' | 'known' | 'claims'): Extract<SuggestionNode, { kind: 'section' }> {
    let n = this.sections.get(section);
    if (!n) this.sections.set(section, (n = { kind: 'section', section }));
    return n;
  }

  private entity(group: EntityGroup): Extract<SuggestionNode, { kind: 'entity' }> {
    let n = this.entityNodes.get(group.key);
    if (!n) this.entityNodes.set(group.key, (n = { kind: 'entity', group }));
    n.group = group;
    return n;
  }

  private item(key: string): Extract<SuggestionNode, { kind: 'item' }> {
    let n = this.itemNodes.get(key);
    if (!n) this.itemNodes.set(key, (n = { kind: 'item', key }));
    return n;
  }

  getChildren(node?: SuggestionNode): SuggestionNode[] {
    if (!node) {
      const out: SuggestionNode[] = [];
      if (this.groups.newEntities.length) out.push(this.section('new'));
      if (this.groups.known.length) out.push(this.section('known'));
      if (this.groups.claims.length) out.push(this.section('claims'));
      return out;
    }
    const adopt = <T extends SuggestionNode>(children: T[]): T[] => {
      for (const c of children) this.parents.set(idOf(c), node);
      return children;
    };
    if (node.kind === 'section') {
      if (node.section === 'claims') return adopt(this.groups.claims.map((c) => this.item(c.key)));
      return adopt((node.section === 'new' ? this.groups.newEntities : this.groups.known).map((g) => this.entity(g)));
    }
    if (node.kind === 'entity') return adopt(node.group.items.map((m) => this.item(m.key)));
    return [];
  }

  getParent(node: SuggestionNode): SuggestionNode | undefined {
    if (node.kind === 'section') return undefined;
    const known = this.parents.get(idOf(node));
    if (known) return known;
    if (node.kind === 'entity') return this.section(node.group.key.startsWith('new:') ? 'new' : 'known');
    const s = this.byKey.get(node.key);
    if (!s) return undefined;
    if (s.kind === 'claim') return this.section('claims');
    const g = [...this.groups.newEntities, ...this.groups.known].find((x) => x.items.some((i) => i.key === s.key));
    return g ? this.entity(g) : undefined;
  }

  getTreeItem(node: SuggestionNode): vscode.TreeItem {
    if (node.kind === 'section') {
      const count =
        node.section === 'claims'
          ? this.groups.claims.length
          : (node.section === 'new' ? this.groups.newEntities : this.groups.known).reduce((n, g) => n + g.items.length, 0);
      const item = new vscode.TreeItem(SECTION_LABELS[node.section], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `section:${node.section}`;
      item.description = String(count);
      item.contextValue = `suggestionSection.${node.section}`;
      return item;
    }
    if (node.kind === 'entity') {
      const g = node.group;
      const item = new vscode.TreeItem(visibleControls(g.name), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `entity:${g.key}`;
      item.description = `${visibleControls(this.typeLabel(g.type))} · ${g.items.length}`;
      item.contextValue = g.key.startsWith('new:') ? 'suggestionEntity.new' : 'suggestionEntity.known';
      item.iconPath = new vscode.ThemeIcon(g.key.startsWith('new:') ? 'add' : 'symbol-reference');
      const md = markdown()
        .bold(g.name)
        .raw(` — ${g.key.startsWith('new:') ? 'a new entity' : 'already known'}, `)
        .text(this.typeLabel(g.type));
      const first = g.items[0];
      if (first?.entity.role) md.raw('\n\n').text(`Role: ${first.entity.role}`);
      if (first?.entity.affiliation) md.raw('\n\n').text(`Affiliation: ${first.entity.affiliation}`);
      item.tooltip = toMarkdownString(md);
      return item;
    }
    const s = this.byKey.get(node.key);
    const item = new vscode.TreeItem(s ? this.rowLabel(s) : node.key, vscode.TreeItemCollapsibleState.None);
    item.id = `item:${node.key}`;
    if (!s) return item;
    item.description = `${Math.round(s.score * 100)}% · ${s.source}`;
    item.contextValue = `suggestion.${s.kind}`;
    item.iconPath = new vscode.ThemeIcon(s.kind === 'claim' ? 'quote' : 'circle-outline');
    item.command = { command: InternalCommands.revealSuggestion, title: 'Show Suggestion', arguments: [{ file: this.reading?.key, key: s.key }] };
    const md = markdown().bold(s.kind === 'claim' ? `Claim by ${s.speaker.name}` : `${s.entity.name} (${this.typeLabel(s.entity.type)})`);
    md.raw(`\n\nScore ${Math.round(s.score * 100)}% · source: `).text(s.source);
    if (s.kind === 'claim') {
      md.raw('\n\n').text(`${s.mode}, “${s.cue}”; chain: ${s.chain.map((l) => `${l.role} ${l.name}`).join(' → ')}`);
    }
    md.raw('\n\nWhy: ').text(s.why);
    item.tooltip = toMarkdownString(md);
    return item;
  }

  private rowLabel(s: Suggestion): string {
    const text = this.reading?.model?.text;
    if (s.kind === 'claim') return visibleControls(`${s.speaker.name}: ${s.exact.length > 80 ? `${s.exact.slice(0, 79)}…` : s.exact}`);
    if (!text || !this.reading?.model) return visibleControls(s.exact);
    const map = this.reading.model.map;
    return visibleControls(mentionLabel(text, { start: map.toUtf16(s.start), end: map.toUtf16(s.end) }, 28).label);
  }

  private typeLabel(type: string): string {
    return this.reading?.model?.types.get(type)?.label ?? type;
  }
}

function idOf(n: SuggestionNode): string {
  return n.kind === 'section' ? `section:${n.section}` : n.kind === 'entity' ? `entity:${n.group.key}` : `item:${n.key}`;
}
