// The Entities view: entity types with counts, each type's entities (role and affiliations beside the name), and
// under each entity its mentions with a line of context. The shape is plain data from the core (entityTree.ts).
// Follows the reader and the editor like the Claims view.

import * as vscode from 'vscode';
import { articleIndex, mentionLabel, positionAt } from '../core/articleIndex';
import { entityDescription, entityShape } from '../core/entityTree';
import { visibleControls } from '../core/text';
import { entityTooltip } from '../core/tooltips';
import { targetsAtSelection } from './article/documents';
import { Commands, InternalCommands } from './commandIds';
import type { ReadingSource } from './current';
import type { ReaderManager } from './reader';
import type { Reading } from './store';
import { logFailure, registerCommand } from './toolkit/commands';
import { Disposable, Registrations } from './toolkit/disposable';
import { UserError } from './toolkit/errors';
import { markdown, toMarkdownString } from './toolkit/markdown';

export const ENTITIES_VIEW_ID = 'marginalia.entities';

export type EntityNode = { kind: 'type'; typeId: string } | { kind: 'entity'; entityId: string } | { kind: 'mention'; mentionId: string; entityId: string };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export class EntitiesProvider extends Disposable implements vscode.TreeDataProvider<EntityNode> {
  private readonly changed = this._register(new vscode.EventEmitter<EntityNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private reading: Reading | undefined;
  private readonly nodes = new Map<string, EntityNode>();

  constructor(
    private readonly source: ReadingSource,
    private readonly hidden: (reading: Reading) => ReadonlySet<string>,
  ) {
    super();
    this._register(source.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  get current(): Reading | undefined {
    return this.reading;
  }

  rebuild(): void {
    const previous = this.reading?.key;
    this.reading = this.source.get();
    // Node objects are kept while the reading stays: the tree view resolves rows by object.
    if (previous !== this.reading?.key) this.nodes.clear();
    this.changed.fire(undefined);
  }

  private node(key: string, make: () => EntityNode): EntityNode {
    let n = this.nodes.get(key);
    if (!n) this.nodes.set(key, (n = make()));
    return n;
  }

  typeNode(typeId: string): EntityNode {
    return this.node(`t:${typeId}`, () => ({ kind: 'type', typeId }));
  }

  entityNode(entityId: string): EntityNode {
    return this.node(`e:${entityId}`, () => ({ kind: 'entity', entityId }));
  }

  mentionNode(mentionId: string): EntityNode | undefined {
    const model = this.reading?.model;
    const entityId = model ? entityShape(model).mentionEntity.get(mentionId) : undefined;
    if (entityId === undefined) return undefined;
    const node = this.node(`m:${mentionId}`, () => ({ kind: 'mention', mentionId, entityId }));
    // A mention re-attached to another entity keeps its node object with the new parent.
    if (node.kind === 'mention') node.entityId = entityId;
    return node;
  }

  getChildren(node?: EntityNode): EntityNode[] {
    const model = this.reading?.model;
    if (!model) return [];
    const shape = entityShape(model);
    if (!node) return shape.types.map((t) => this.typeNode(t.id));
    if (node.kind === 'type') return (shape.entitiesByType.get(node.typeId) ?? []).map((e) => this.entityNode(e.id));
    if (node.kind === 'entity') return (shape.mentionsByEntity.get(node.entityId) ?? []).flatMap((m) => this.mentionNode(m.id) ?? []);
    return [];
  }

  getParent(node: EntityNode): EntityNode | undefined {
    const model = this.reading?.model;
    if (!model || node.kind === 'type') return undefined;
    if (node.kind === 'mention') return this.entityNode(node.entityId);
    const type = model.entities.get(node.entityId)?.type;
    return type === undefined ? undefined : this.typeNode(type);
  }

  getTreeItem(node: EntityNode): vscode.TreeItem {
    const reading = this.reading;
    const model = reading?.model;
    if (!reading || !model) return new vscode.TreeItem('');
    const shape = entityShape(model);
    if (node.kind === 'type') {
      const type = shape.types.find((t) => t.id === node.typeId);
      const entities = shape.entitiesByType.get(node.typeId) ?? [];
      const mentions = entities.reduce((n, e) => n + (shape.mentionsByEntity.get(e.id)?.length ?? 0), 0);
      const hidden = this.hidden(reading).has(node.typeId);
      const item = new vscode.TreeItem(visibleControls(type?.label ?? node.typeId), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `t:${node.typeId}`;
      item.description = `${plural(entities.length, 'entity', 'entities')} · ${plural(mentions, 'mention', 'mentions')}${hidden ? ' · hidden' : ''}`;
      item.iconPath = new vscode.ThemeIcon(type?.icon ?? 'symbol-misc');
      item.contextValue = hidden ? 'entityType.hidden' : 'entityType';
      if (type?.description) item.tooltip = visibleControls(type.description);
      return item;
    }
    if (node.kind === 'entity') {
      const e = model.entities.get(node.entityId);
      const mentions = shape.mentionsByEntity.get(node.entityId) ?? [];
      const collapsible = mentions.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
      const item = new vscode.TreeItem(visibleControls(e?.name ?? node.entityId), collapsible);
      item.id = `e:${node.entityId}`;
      if (e) {
        item.description = visibleControls(entityDescription(model, e, mentions.length));
        item.tooltip = toMarkdownString(entityTooltip(markdown(), model, e));
      }
      item.contextValue = 'entity';
      item.iconPath = new vscode.ThemeIcon(model.types.get(e?.type ?? '')?.icon ?? 'symbol-misc');
      if (mentions.length)
        item.command = { command: InternalCommands.showTarget, title: 'Show Entity', arguments: [reading.key, { kind: 'entity', id: node.entityId }] };
      return item;
    }
    const span = shape.mentionSpan.get(node.mentionId);
    if (!span) return new vscode.TreeItem(node.mentionId);
    const { label, highlight } = mentionLabel(model.text, span);
    const item = new vscode.TreeItem({ label, highlights: [highlight] }, vscode.TreeItemCollapsibleState.None);
    item.id = `m:${node.mentionId}`;
    item.description = `line ${positionAt(articleIndex(model), span.start).line + 1}`;
    item.contextValue = 'mention';
    item.command = { command: InternalCommands.showTarget, title: 'Show Mention', arguments: [reading.key, { kind: 'mention', id: node.mentionId }] };
    return item;
  }
}

export interface EntitiesViewDeps {
  current: ReadingSource;
  readers: ReaderManager;
  log: vscode.LogOutputChannel;
}

export interface EntitiesView extends vscode.Disposable {
  provider: EntitiesProvider;
  view: vscode.TreeView<EntityNode>;
  revealMention(reading: Reading, mentionId: string): Promise<boolean>;
}

function isTypeNode(arg: unknown): arg is Extract<EntityNode, { kind: 'type' }> {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'type' && typeof (arg as { typeId?: unknown }).typeId === 'string';
}

export function registerEntitiesView(deps: EntitiesViewDeps): EntitiesView {
  const r = new Registrations();
  const provider = r.add(new EntitiesProvider(deps.current, (reading) => deps.readers.hiddenTypes(reading)));
  const view = r.add(vscode.window.createTreeView(ENTITIES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
  const describe = (): void => {
    const title = provider.current?.model?.file.article.title;
    view.description = title === undefined ? undefined : visibleControls(title);
    const model = provider.current?.model;
    view.message =
      provider.current && model && model.entities.size === 0 ? 'No entities in this reading yet: select a name and run “Annotate as Mention of…”.' : undefined;
  };
  describe();
  r.add(provider.onDidChangeTreeData(describe));

  const revealMention = async (reading: Reading, mentionId: string): Promise<boolean> => {
    if (!view.visible || provider.current?.key !== reading.key) return false;
    const node = provider.mentionNode(mentionId);
    if (!node) return false;
    const sel = view.selection[0];
    if (sel?.kind === 'mention' && sel.mentionId === mentionId) return true;
    await view.reveal(node, { select: true, focus: false, expand: true });
    return true;
  };

  const toggleTypes = async (arg?: unknown): Promise<void> => {
    const reading = provider.current;
    const model = reading?.model;
    if (!reading || !model) throw new UserError('open an annotated reading first');
    const hidden = new Set(deps.readers.hiddenTypes(reading));
    // From a type row's inline action: flip that one type.
    if (isTypeNode(arg)) {
      if (hidden.has(arg.typeId)) hidden.delete(arg.typeId);
      else hidden.add(arg.typeId);
      deps.readers.setHiddenTypes(reading, hidden);
      return;
    }
    if (Array.isArray(arg) && arg.every((x) => typeof x === 'string')) {
      deps.readers.setHiddenTypes(reading, arg);
      return;
    }
    const items = entityShape(model).types.map((t) => ({
      label: visibleControls(t.label),
      description: visibleControls(t.description ?? ''),
      picked: !hidden.has(t.id),
      id: t.id,
      iconPath: new vscode.ThemeIcon(t.icon ?? 'symbol-misc'),
    }));
    const shown = await vscode.window.showQuickPick(items, {
      title: 'Show/Hide Entity Types',
      placeHolder: 'Checked types are highlighted in the reader and the editor',
      canPickMany: true,
    });
    if (!shown) return;
    const visible = new Set(shown.map((s) => s.id));
    deps.readers.setHiddenTypes(
      reading,
      items.filter((i) => !visible.has(i.id)).map((i) => i.id),
    );
  };

  const logged = logFailure(deps.log, 'revealing a mention in the Entities view');
  r.add(
    deps.readers.onDidChangeHiddenTypes((reading) => {
      if (reading.key === provider.current?.key) provider.rebuild();
    }),
  );
  r.add(
    deps.readers.onDidFocus(({ reading, target }) => {
      if (target.kind === 'mention') revealMention(reading, target.id).catch(logged);
    }),
  );
  r.add(
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (!view.visible) return;
      const hit = targetsAtSelection(e.textEditor, provider.current);
      if (hit?.mention) revealMention(hit.reading, hit.mention).catch(logged);
    }),
  );
  r.add(registerCommand(deps, Commands.toggleEntityTypes, 'Show/Hide Entity Types', toggleTypes));
  return { provider, view, revealMention, dispose: () => r.dispose() };
}
