// The Claims view: the current reading's claims grouped by speaker, outlet or venue, the speaker's entity type, or
// in document order, with a filter. The tree's shape is plain data from the core (claimTree.ts); this file maps
// it onto TreeItems, keeps node objects stable for TreeView.reveal, and follows the reader and the editor.

import * as vscode from 'vscode';
import {
  GROUPINGS,
  buildClaimTree,
  claimRow,
  filterWords,
  isClaimGrouping,
  modeIcon,
  type ClaimGroup,
  type ClaimGrouping,
  type ClaimRow,
  type ClaimTree,
} from '../core/claimTree';
import { groupCorpusClaims, type CorpusClaimGroup, type CorpusClaimRef } from '../core/corpus/views';
import type { ResolvedClaim } from '../core/resolve';
import { visibleControls } from '../core/text';
import { claimTooltip } from '../core/tooltips';
import { targetsAtSelection } from './article/documents';
import { Commands, CorpusCommands, InternalCommands } from './commandIds';
import type { CorpusService } from './corpus/service';
import type { ReadingSource } from './current';
import type { ReaderManager } from './reader';
import type { Reading } from './store';
import { logFailure, registerCommand } from './toolkit/commands';
import { Disposable, Registrations } from './toolkit/disposable';
import { markdown, toMarkdownString } from './toolkit/markdown';

export const CLAIMS_VIEW_ID = 'marginalia.claims';
const GROUPING_KEY = 'marginalia.claims.grouping';
const FILTERED_CONTEXT = 'marginalia.claimsFiltered';
const HAS_READING_CONTEXT = 'marginalia.hasReading';
/** Above this many claims groups start collapsed, so the first paint stays small. */
const EXPAND_LIMIT = 400;

/** Rows of the corpus scope: a speaker (or outlet), then an article (or speaker), then a claim of that file. */
export type CorpusClaimNode =
  | { kind: 'corpusGroup'; group: CorpusClaimGroup }
  | { kind: 'corpusChild'; parent: CorpusClaimGroup; child: CorpusClaimGroup['children'][number] }
  | { kind: 'corpusClaim'; parent: Extract<CorpusClaimNode, { kind: 'corpusChild' }>; claim: CorpusClaimRef };

export type ClaimNode = { kind: 'group'; group: ClaimGroup } | { kind: 'claim'; id: string; groupId: string | undefined } | CorpusClaimNode;

export type ClaimsScope = 'article' | 'corpus';
const SCOPE_CONTEXT = 'marginalia.claimsScope';

export class ClaimsProvider extends Disposable implements vscode.TreeDataProvider<ClaimNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ClaimNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private reading: Reading | undefined;
  private tree: ClaimTree | undefined;
  private claims = new Map<string, ResolvedClaim>();
  private readonly groupNodes = new Map<string, Extract<ClaimNode, { kind: 'group' }>>();
  private readonly claimNodes = new Map<string, Extract<ClaimNode, { kind: 'claim' }>>();
  private readonly rows = new Map<string, ClaimRow>();
  grouping: ClaimGrouping;
  filter = '';
  /** Time the last rebuild of the first level took (tests and benchmarks). */
  lastBuildMs = 0;
  /** This article's claims, or every article's (grouped speaker → article → claim, or outlet → speaker → claim). */
  scope: ClaimsScope = 'article';
  private corpus: CorpusService | undefined;
  corpusGroups: CorpusClaimGroup[] = [];

  constructor(
    private readonly source: ReadingSource,
    private readonly memento: vscode.Memento,
  ) {
    super();
    const saved = memento.get<unknown>(GROUPING_KEY);
    this.grouping = isClaimGrouping(saved) ? saved : 'speaker';
    this._register(source.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  get current(): Reading | undefined {
    return this.reading;
  }

  get shape(): ClaimTree | undefined {
    return this.tree;
  }

  async setGrouping(grouping: ClaimGrouping): Promise<void> {
    this.grouping = grouping;
    await this.memento.update(GROUPING_KEY, grouping);
    this.rebuild();
  }

  /** The corpus index the corpus scope draws from. */
  attachCorpus(corpus: CorpusService): void {
    this.corpus = corpus;
    this._register(corpus.onDidChange(() => this.scope === 'corpus' && this.rebuild()));
  }

  setScope(scope: ClaimsScope): void {
    this.scope = scope;
    void vscode.commands.executeCommand('setContext', SCOPE_CONTEXT, scope);
    this.rebuild();
  }

  setFilter(filter: string): void {
    this.filter = filter.trim();
    this.rebuild();
  }

  /** Recomputes the first level; rows are formatted when their group is expanded. */
  rebuild(): void {
    const t0 = performance.now();
    const previous = this.reading?.key;
    this.reading = this.source.get();
    const model = this.reading?.model;
    this.tree = model ? buildClaimTree(model, this.grouping, this.filter) : undefined;
    this.claims = new Map(model?.claims.map((c) => [c.id, c]) ?? []);
    this.rows.clear();
    // Node objects stay the same across rebuilds of one reading while their ids exist: the tree view resolves its
    // rows (its selection, a reveal under way) by object, and fresh objects make it lose them.
    if (previous !== this.reading?.key) {
      this.groupNodes.clear();
      this.claimNodes.clear();
    }
    const live = new Set<string>();
    for (const g of this.tree?.groups ?? []) {
      live.add(g.id);
      const node = this.groupNodes.get(g.id);
      if (node) node.group = g;
      else this.groupNodes.set(g.id, { kind: 'group', group: g });
    }
    for (const id of [...this.groupNodes.keys()]) if (!live.has(id)) this.groupNodes.delete(id);
    for (const [id, node] of [...this.claimNodes]) if (!this.tree?.groupOf.has(id) || this.tree.groupOf.get(id) !== node.groupId) this.claimNodes.delete(id);
    this.corpusGroups =
      this.scope === 'corpus' && this.corpus
        ? groupCorpusClaims(this.corpus.index, this.grouping === 'outlet' ? 'outlet' : 'speaker', filterWords(this.filter))
        : [];
    this.lastBuildMs = performance.now() - t0;
    this.changed.fire(undefined);
  }

  private claimNode(id: string): ClaimNode | undefined {
    let node = this.claimNodes.get(id);
    if (!node && this.tree?.groupOf.has(id)) {
      node = { kind: 'claim', id, groupId: this.tree.groupOf.get(id) };
      this.claimNodes.set(id, node);
    }
    return node;
  }

  getChildren(node?: ClaimNode): ClaimNode[] {
    if (this.scope === 'corpus') return this.corpusChildren(node);
    const tree = this.tree;
    if (!tree) return [];
    if (!node) {
      if (tree.grouping === 'document') return tree.rootClaimIds.flatMap((id) => this.claimNode(id) ?? []);
      return tree.groups.flatMap((g) => this.groupNodes.get(g.id) ?? []);
    }
    if (node.kind !== 'group') return [];
    return node.group.claimIds.flatMap((id) => this.claimNode(id) ?? []);
  }

  getParent(node: ClaimNode): ClaimNode | undefined {
    if (node.kind === 'corpusChild') return { kind: 'corpusGroup', group: node.parent };
    if (node.kind === 'corpusClaim') return node.parent;
    return node.kind === 'claim' && node.groupId !== undefined ? this.groupNodes.get(node.groupId) : undefined;
  }

  private corpusChildren(node?: ClaimNode): ClaimNode[] {
    if (!node) return this.corpusGroups.map((group) => ({ kind: 'corpusGroup', group }));
    if (node.kind === 'corpusGroup') return node.group.children.map((child) => ({ kind: 'corpusChild', parent: node.group, child }));
    if (node.kind === 'corpusChild') return node.child.claims.map((claim) => ({ kind: 'corpusClaim', parent: node, claim }));
    return [];
  }

  private corpusItem(node: CorpusClaimNode): vscode.TreeItem {
    const byOutlet = this.grouping === 'outlet';
    if (node.kind === 'corpusGroup') {
      const g = node.group;
      const item = new vscode.TreeItem(visibleControls(g.label), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `corpus/${byOutlet ? 'outlet' : 'speaker'}/${g.key}`;
      item.description = `${g.count} claim${g.count === 1 ? '' : 's'} in ${g.articles} article${g.articles === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(byOutlet ? 'broadcast' : 'person');
      item.contextValue = 'corpusClaimGroup';
      return item;
    }
    if (node.kind === 'corpusChild') {
      const c = node.child;
      const item = new vscode.TreeItem(visibleControls(c.label), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `corpus/${byOutlet ? 'outlet' : 'speaker'}/${node.parent.key}/${c.key}`;
      item.description = `${c.claims.length}`;
      item.iconPath = new vscode.ThemeIcon(byOutlet ? 'person' : 'book');
      return item;
    }
    const c = node.claim;
    const label = c.summary ?? c.text;
    const item = new vscode.TreeItem(visibleControls(label.length > 90 ? `${label.slice(0, 89)}…` : label), vscode.TreeItemCollapsibleState.None);
    item.id = `corpus/${byOutlet ? 'outlet' : 'speaker'}/${node.parent.parent.key}/${node.parent.child.key}/${c.file}#${c.id}`;
    item.description = visibleControls(byOutlet ? c.title : c.via);
    item.tooltip = visibleControls(`${c.speakerName}${c.via ? ` · ${c.via}` : ''}\n${c.title}\n\n${c.text}`);
    item.iconPath = new vscode.ThemeIcon(modeIcon(c.mode));
    item.contextValue = 'corpusClaim';
    item.command = { command: InternalCommands.showTarget, title: 'Show Claim', arguments: [c.file, { kind: 'claim', id: c.id }] };
    return item;
  }

  /** The node of a claim in the current tree (undefined when filtered out). */
  nodeForClaim(id: string): ClaimNode | undefined {
    return this.claimNode(id);
  }

  row(id: string): ClaimRow | undefined {
    let row = this.rows.get(id);
    const claim = this.claims.get(id);
    const model = this.reading?.model;
    if (!row && claim && model && this.tree) {
      row = claimRow(model, claim, this.tree);
      this.rows.set(id, row);
    }
    return row;
  }

  getTreeItem(node: ClaimNode): vscode.TreeItem {
    if (node.kind === 'corpusGroup' || node.kind === 'corpusChild' || node.kind === 'corpusClaim') return this.corpusItem(node);
    const grouping = this.tree?.grouping ?? this.grouping;
    if (node.kind === 'group') {
      const g = node.group;
      const label = visibleControls(g.label);
      const description = visibleControls(g.description);
      const collapsed = (this.tree?.shown ?? 0) > EXPAND_LIMIT && !this.filter;
      const item = new vscode.TreeItem(label, collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${grouping}/${g.id}`;
      item.description = description;
      item.iconPath = new vscode.ThemeIcon(g.icon);
      item.contextValue = g.entityId !== undefined ? 'claimGroup.entity' : 'claimGroup';
      item.tooltip = `${label} — ${description}`;
      item.accessibilityInformation = { label: `${label}, ${description.replace(/ · (\d+)$/, ', $1 claims')}` };
      return item;
    }
    const row = this.row(node.id);
    const item = new vscode.TreeItem(visibleControls(row?.label ?? node.id), vscode.TreeItemCollapsibleState.None);
    item.id = `${grouping}/${node.groupId ?? ''}/${node.id}`;
    item.contextValue = 'claim';
    if (!row) return item;
    item.description = visibleControls(row.orphan ? `${row.description} · not found in the text` : row.description);
    item.iconPath = new vscode.ThemeIcon(row.orphan ? 'warning' : row.icon);
    item.tooltip = toMarkdownString(claimTooltip(markdown(), row));
    item.accessibilityInformation = { label: visibleControls(`${row.label}. ${row.chain}, ${row.description}`) };
    if (this.reading)
      item.command = { command: InternalCommands.showTarget, title: 'Show Claim', arguments: [this.reading.key, { kind: 'claim', id: node.id }] };
    return item;
  }
}

export interface ClaimsViewDeps {
  context: vscode.ExtensionContext;
  current: ReadingSource;
  readers: ReaderManager;
  log: vscode.LogOutputChannel;
}

export interface ClaimsView extends vscode.Disposable {
  provider: ClaimsProvider;
  view: vscode.TreeView<ClaimNode>;
  /** Selects a claim's row without taking focus; only when the view is visible. Resolves to whether it did. */
  revealClaim(reading: Reading, id: string): Promise<boolean>;
}

export function registerClaimsView(deps: ClaimsViewDeps): ClaimsView {
  const r = new Registrations();
  const provider = r.add(new ClaimsProvider(deps.current, deps.context.workspaceState));
  const view = r.add(vscode.window.createTreeView(CLAIMS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));

  const updateMessage = (): void => {
    if (provider.scope === 'corpus') {
      const count = provider.corpusGroups.reduce((n, g) => n + g.count, 0);
      view.description = 'all articles';
      view.message = provider.filter
        ? `Filter “${provider.filter}”: ${count} claims across the corpus.`
        : count
          ? undefined
          : 'No claims in the corpus yet (or the corpus is still being indexed).';
      void vscode.commands.executeCommand('setContext', HAS_READING_CONTEXT, true);
      return;
    }
    const tree = provider.shape;
    const filtered = provider.filter !== '';
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, filtered);
    // The welcome content ("open the bundled article") is for when no reading is open, not for an empty one.
    void vscode.commands.executeCommand('setContext', HAS_READING_CONTEXT, provider.current !== undefined);
    if (filtered && tree)
      view.message = `Filter “${provider.filter}”: ${tree.shown} of ${tree.total} claims. Clear it with “Clear Claims Filter” in the title bar.`;
    else if (provider.current && provider.current.model === undefined) view.message = 'This reading has no usable model yet: see the Problems panel.';
    else if (tree && tree.total === 0) view.message = 'No claims in this reading yet: select a sentence in the reader or the article and run “Add Claim…”.';
    else view.message = undefined;
    const title = provider.current?.model?.file.article.title;
    view.description = title === undefined ? undefined : visibleControls(title);
  };
  updateMessage();
  r.add(provider.onDidChangeTreeData(updateMessage));

  const revealClaim = async (reading: Reading, id: string): Promise<boolean> => {
    if (!view.visible || provider.current?.key !== reading.key) return false;
    const node = provider.nodeForClaim(id);
    if (!node) return false;
    // Already showing it: no reveal, so moving within one claim does not fight the user's scrolling.
    const sel = view.selection[0];
    if (sel?.kind === 'claim' && sel.id === id) return true;
    await view.reveal(node, { select: true, focus: false, expand: true });
    return true;
  };
  const logged = logFailure(deps.log, 'revealing a claim in the Claims view');
  r.add(
    deps.readers.onDidFocus(({ reading, target }) => {
      if (target.kind === 'claim') revealClaim(reading, target.id).catch(logged);
    }),
  );
  r.add(
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (!view.visible) return;
      const hit = targetsAtSelection(e.textEditor, provider.current);
      if (hit?.claim) revealClaim(hit.reading, hit.claim).catch(logged);
    }),
  );
  r.add(
    registerCommand(deps, Commands.groupClaimsBy, 'Group Claims By', async (arg?: unknown) => {
      let grouping = isClaimGrouping(arg) ? arg : undefined;
      if (!grouping) {
        const items = GROUPINGS.map((g) => ({ label: g.label, detail: g.detail, id: g.id, description: g.id === provider.grouping ? '(current)' : '' }));
        grouping = (await vscode.window.showQuickPick(items, { title: 'Group Claims By', placeHolder: 'How the Claims view groups claims' }))?.id;
      }
      if (grouping) await provider.setGrouping(grouping);
    }),
  );
  r.add(
    registerCommand(deps, Commands.filterClaims, 'Filter Claims', async (arg?: unknown) => {
      const value =
        typeof arg === 'string'
          ? arg
          : await vscode.window.showInputBox({
              title: 'Filter Claims',
              prompt: 'Words to find in the claim, its summary, speaker, outlet or venue (all must match)',
              value: provider.filter,
              placeHolder: 'e.g. chong taiwan',
            });
      if (value !== undefined) provider.setFilter(value.slice(0, 500));
    }),
  );
  r.add(registerCommand(deps, Commands.clearClaimsFilter, 'Clear Claims Filter', () => provider.setFilter('')));
  r.add(
    registerCommand(deps, CorpusCommands.showCorpusClaims, 'Show Claims Across the Corpus', async () => {
      provider.setScope('corpus');
      await vscode.commands.executeCommand(`${CLAIMS_VIEW_ID}.focus`);
    }),
  );
  r.add(registerCommand(deps, CorpusCommands.showArticleClaims, 'Show Claims of This Article', () => provider.setScope('article')));
  return { provider, view, revealClaim, dispose: () => r.dispose() };
}
