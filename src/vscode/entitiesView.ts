// The Entities view: entity types with counts, each type's entities (role and affiliations beside the name), and
// under each entity its mentions with a line of context. Follows the reader and the editor like the Claims view.

import * as vscode from 'vscode';
import { articleIndex, mentionLabel, positionAt, type TypedSpan } from '../core/articleIndex';
import { escapeMarkdown } from '../core/markdown';
import type { EntityDef, EntityTypeDef } from '../core/model';
import type { Model } from '../core/resolve';
import { Commands, InternalCommands } from './commandIds';
import type { ReadingSource } from './current';
import { targetsAtSelection } from './editorArticle';
import type { ReaderManager } from './reader';
import type { Reading } from './store';

export const ENTITIES_VIEW_ID = 'marginalia.entities';

export type EntityNode = { kind: 'type'; typeId: string } | { kind: 'entity'; entityId: string } | { kind: 'mention'; mentionId: string; entityId: string };

interface Shape {
  types: EntityTypeDef[];
  /** type id -> entities in order of first mention (unmentioned last, by name). */
  entitiesByType: Map<string, EntityDef[]>;
  /** entity id -> anchored mentions in text order. */
  mentionsByEntity: Map<string, TypedSpan[]>;
  mentionEntity: Map<string, string>;
  mentionSpan: Map<string, TypedSpan>;
}

const shapes = new WeakMap<Model, Shape>();

/** The tree's shape for a model, computed once per model. */
export function entityShape(model: Model): Shape {
  const hit = shapes.get(model);
  if (hit) return hit;
  const index = articleIndex(model);
  const mentionsByEntity = new Map<string, TypedSpan[]>();
  const mentionEntity = new Map<string, string>();
  const mentionSpan = new Map<string, TypedSpan>();
  for (const m of index.mentions) {
    mentionSpan.set(m.id, m);
    let list = mentionsByEntity.get(m.entityId);
    if (!list) mentionsByEntity.set(m.entityId, (list = []));
    list.push(m);
    mentionEntity.set(m.id, m.entityId);
  }
  const first = (e: EntityDef): number => mentionsByEntity.get(e.id)?.[0]?.start ?? Number.POSITIVE_INFINITY;
  const entitiesByType = new Map<string, EntityDef[]>();
  for (const e of model.entities.values()) {
    let list = entitiesByType.get(e.type);
    if (!list) entitiesByType.set(e.type, (list = []));
    list.push(e);
  }
  for (const list of entitiesByType.values()) list.sort((a, b) => first(a) - first(b) || a.name.localeCompare(b.name));
  // File order of types; a type used by entities but not declared still gets a row.
  const types = [...model.types.values()].filter((t) => entitiesByType.has(t.id));
  for (const id of entitiesByType.keys()) if (!model.types.has(id)) types.push({ id, label: id, color: '#888888', cue: 'solid' });
  const shape: Shape = { types, entitiesByType, mentionsByEntity, mentionEntity, mentionSpan };
  shapes.set(model, shape);
  return shape;
}

export class EntitiesProvider implements vscode.TreeDataProvider<EntityNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EntityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private reading: Reading | undefined;
  private readonly nodes = new Map<string, EntityNode>();

  constructor(
    private readonly source: ReadingSource,
    private readonly hidden: (reading: Reading) => ReadonlySet<string>,
  ) {
    this.disposables.push(source.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  get current(): Reading | undefined {
    return this.reading;
  }

  rebuild(): void {
    this.reading = this.source.get();
    this.nodes.clear();
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
    return entityId === undefined ? undefined : this.node(`m:${mentionId}`, () => ({ kind: 'mention', mentionId, entityId }));
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
    const source = reading.uri.toString();
    if (node.kind === 'type') {
      const type = shape.types.find((t) => t.id === node.typeId);
      const entities = shape.entitiesByType.get(node.typeId) ?? [];
      const mentions = entities.reduce((n, e) => n + (shape.mentionsByEntity.get(e.id)?.length ?? 0), 0);
      const hidden = this.hidden(reading).has(node.typeId);
      const item = new vscode.TreeItem(type?.label ?? node.typeId, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `t:${node.typeId}`;
      item.description = `${entities.length} ${entities.length === 1 ? 'entity' : 'entities'} · ${mentions} ${mentions === 1 ? 'mention' : 'mentions'}${hidden ? ' · hidden' : ''}`;
      item.iconPath = new vscode.ThemeIcon(type?.icon ?? 'symbol-misc');
      item.contextValue = hidden ? 'entityType.hidden' : 'entityType';
      if (type?.description) item.tooltip = type.description;
      return item;
    }
    if (node.kind === 'entity') {
      const e = model.entities.get(node.entityId);
      const mentions = shape.mentionsByEntity.get(node.entityId) ?? [];
      const item = new vscode.TreeItem(
        e?.name ?? node.entityId,
        mentions.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `e:${node.entityId}`;
      const affiliations = (e?.affiliations ?? []).flatMap((a) => model.entities.get(a)?.name ?? []);
      item.description = [e?.role, affiliations.length ? `(${affiliations.join(', ')})` : undefined, String(mentions.length)].filter(Boolean).join(' ');
      item.contextValue = 'entity';
      item.iconPath = new vscode.ThemeIcon(model.types.get(e?.type ?? '')?.icon ?? 'symbol-misc');
      if (e) item.tooltip = entityTooltip(model, e);
      if (mentions.length)
        item.command = { command: InternalCommands.showTarget, title: 'Show Entity', arguments: [source, { kind: 'entity', id: node.entityId }] };
      return item;
    }
    const span = shape.mentionSpan.get(node.mentionId);
    if (!span) return new vscode.TreeItem(node.mentionId);
    const { label, highlight } = mentionLabel(model.text, span);
    const item = new vscode.TreeItem({ label, highlights: [highlight] }, vscode.TreeItemCollapsibleState.None);
    item.id = `m:${node.mentionId}`;
    item.description = `line ${positionAt(articleIndex(model), span.start).line + 1}`;
    item.contextValue = 'mention';
    item.command = { command: InternalCommands.showTarget, title: 'Show Mention', arguments: [source, { kind: 'mention', id: node.mentionId }] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function entityTooltip(model: Model, e: EntityDef): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.supportHtml = false;
  md.isTrusted = false;
  const type = model.types.get(e.type);
  md.appendMarkdown(`**${escapeMarkdown(e.name)}** · *${escapeMarkdown(type?.label ?? e.type)}*`);
  const affiliations = (e.affiliations ?? []).flatMap((a) => model.entities.get(a)?.name ?? []);
  const line = [e.role, ...affiliations].filter((s): s is string => !!s);
  if (line.length) md.appendMarkdown(`\n\n${line.map(escapeMarkdown).join(' · ')}`);
  if (e.aliases?.length) md.appendMarkdown(`\n\nAlso: ${e.aliases.map(escapeMarkdown).join(', ')}`);
  if (e.description) md.appendMarkdown(`\n\n${escapeMarkdown(e.description)}`);
  return md;
}

export interface EntitiesViewDeps {
  current: ReadingSource;
  readers: ReaderManager;
}

export interface EntitiesView extends vscode.Disposable {
  provider: EntitiesProvider;
  view: vscode.TreeView<EntityNode>;
  revealMention(reading: Reading, mentionId: string): Promise<boolean>;
}

export function registerEntitiesView(deps: EntitiesViewDeps): EntitiesView {
  const provider = new EntitiesProvider(deps.current, (r) => deps.readers.hiddenTypes(r));
  const view = vscode.window.createTreeView(ENTITIES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const describe = (): void => {
    view.description = provider.current?.model?.file.article.title ?? undefined;
    const model = provider.current?.model;
    view.message =
      provider.current && model && model.entities.size === 0 ? 'No entities in this reading yet: select a name and run “Annotate as Mention of…”.' : undefined;
  };
  describe();

  const revealMention = async (reading: Reading, mentionId: string): Promise<boolean> => {
    if (!view.visible || provider.current !== reading) return false;
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
    if (!reading || !model) {
      void vscode.window.showInformationMessage('Open an annotated reading first.');
      return;
    }
    const hidden = new Set(deps.readers.hiddenTypes(reading));
    // From a type row's inline action: flip that one type.
    if (typeof arg === 'object' && arg !== null && (arg as EntityNode).kind === 'type') {
      const id = (arg as { typeId: string }).typeId;
      if (hidden.has(id)) hidden.delete(id);
      else hidden.add(id);
      deps.readers.setHiddenTypes(reading, hidden);
      return;
    }
    if (Array.isArray(arg) && arg.every((x) => typeof x === 'string')) {
      deps.readers.setHiddenTypes(reading, arg as string[]);
      return;
    }
    const items = entityShape(model).types.map((t) => ({
      label: t.label,
      description: t.description ?? '',
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

  const disposables: vscode.Disposable[] = [
    provider,
    view,
    provider.onDidChangeTreeData(describe),
    deps.readers.onDidChangeHiddenTypes((r) => {
      if (r === provider.current) provider.rebuild();
    }),
    deps.readers.onDidFocus(({ reading, target }) => {
      if (target.kind === 'mention') void revealMention(reading, target.id).catch(() => undefined);
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (!view.visible) return;
      const hit = targetsAtSelection(e.textEditor, provider.current);
      if (hit?.mention) void revealMention(hit.reading, hit.mention).catch(() => undefined);
    }),
    vscode.commands.registerCommand(Commands.toggleEntityTypes, toggleTypes),
  ];
  return {
    provider,
    view,
    revealMention,
    dispose: () => {
      for (const d of disposables.splice(0)) d.dispose();
    },
  };
}
