// Command-palette lookups and navigation: "Look Up Entity…" (fuzzy over names and aliases), "Find Claims by
// Source…", next/previous mention or claim (in the reader or an article editor), and the internal "show a target"
// command every tree row and hover link runs: reveal in the reader and in visible editors of the article.

import * as vscode from 'vscode';
import { buildClaimTree, chainText, claimRow, truncate } from '../core/claimTree';
import { bestFuzzy } from '../core/fuzzy';
import type { Model } from '../core/resolve';
import { isTargetRef, type TargetRef } from '../shared/protocol';
import { moveInEditor, revealInEditors } from './article/documents';
import { bundledAnnotationUri } from './bundled';
import { Commands, InternalCommands } from './commandIds';
import type { ReadingSource } from './current';
import { pickerText as noIcons } from './editing/vscodePrompts';
import type { ReaderManager } from './reader';
import type { Reading, ReadingStore } from './store';
import { registerCommand } from './toolkit/commands';
import { Registrations } from './toolkit/disposable';

export interface EntityPickItem extends vscode.QuickPickItem {
  entityId: string;
  /** Name and aliases, for the fuzzy match. */
  names: string[];
}

/** The "Look Up Entity…" items: type icon, name, type and aliases, role and affiliations as detail. */
export function entityItems(model: Model): EntityPickItem[] {
  return [...model.entities.values()].map((e) => {
    const type = model.types.get(e.type);
    const affiliations = (e.affiliations ?? []).flatMap((a) => model.entities.get(a)?.name ?? []);
    const aliases = (e.aliases ?? []).filter((a) => typeof a === 'string');
    const item: EntityPickItem = {
      label: noIcons(e.name),
      iconPath: new vscode.ThemeIcon(type?.icon ?? 'symbol-misc'),
      description: noIcons([type?.label ?? e.type, ...(aliases.length ? [`also ${aliases.join(', ')}`] : [])].join(' · ')),
      entityId: e.id,
      names: [e.name, ...aliases],
    };
    const detail = [e.role, ...affiliations].filter((s): s is string => !!s).join(' · ');
    if (detail) item.detail = noIcons(detail);
    return item;
  });
}

/** Items ranked by the fuzzy score of the query over name and aliases; non-matches dropped. */
export function rankEntityItems(items: readonly EntityPickItem[], query: string): EntityPickItem[] {
  if (!query.trim()) return [...items].sort((a, b) => a.label.localeCompare(b.label));
  const scored: { item: EntityPickItem; score: number }[] = [];
  for (const item of items) {
    const m = bestFuzzy(query, item.names);
    if (!m) continue;
    // The picker's own filter knows only the label: show alias matches too.
    scored.push({ item: { ...item, alwaysShow: true }, score: m.score });
  }
  return scored.sort((a, b) => b.score - a.score || a.item.label.localeCompare(b.item.label)).map((s) => s.item);
}

export interface ClaimPickItem extends vscode.QuickPickItem {
  claimId?: string;
}

/** "Find Claims by Source…": claims under a separator per source (speaker), the chain as description. */
export function claimItems(model: Model): ClaimPickItem[] {
  const tree = buildClaimTree(model, 'speaker');
  const byId = new Map(model.claims.map((c) => [c.id, c]));
  const items: ClaimPickItem[] = [];
  for (const g of tree.groups) {
    items.push({ label: noIcons(`${g.label} · ${g.description}`), kind: vscode.QuickPickItemKind.Separator });
    for (const id of g.claimIds) {
      const claim = byId.get(id);
      if (!claim) continue;
      const row = claimRow(model, claim, tree);
      items.push({
        label: noIcons(row.label),
        description: noIcons(chainText(claim)),
        detail: noIcons(truncate(row.context.text, 160)),
        iconPath: new vscode.ThemeIcon(row.icon),
        claimId: id,
      });
    }
  }
  return items;
}

/** Shows a quick pick (with an initial query) and resolves to the accepted item; disposes it either way. */
function accepted<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>, query: unknown): Promise<T | undefined> {
  if (typeof query === 'string') pick.value = query.slice(0, 200);
  return new Promise<T | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

export interface LookupsDeps {
  context: vscode.ExtensionContext;
  store: ReadingStore;
  readers: ReaderManager;
  current: ReadingSource;
  log: vscode.LogOutputChannel;
}

export function registerLookups(deps: LookupsDeps): vscode.Disposable {
  const { store, readers, current } = deps;

  /** The reading lookups act on; with none open, offers the bundled article. */
  const readingForLookup = async (): Promise<Reading | undefined> => {
    const r = current.get();
    if (r?.model) return r;
    const choice = await vscode.window.showInformationMessage('No annotated reading is open.', 'Open the Bundled Article');
    if (choice !== 'Open the Bundled Article') return undefined;
    const uri = bundledAnnotationUri(deps.context.extensionUri);
    await readers.open(uri);
    return store.get(uri);
  };

  /** Reveal in the reader when it is open, and in visible article editors; open the reader if neither shows it. */
  const showTarget = async (source: unknown, target: unknown): Promise<void> => {
    if (typeof source !== 'string' || !isTargetRef(target)) return;
    const uri = vscode.Uri.parse(source, true);
    const reading = store.get(uri) ?? (await store.open(uri));
    const inReader = readers.reveal(reading, target, true);
    const inEditors = revealInEditors(reading, target);
    if (!inReader && inEditors === 0) await vscode.commands.executeCommand(InternalCommands.reveal, source, target);
  };

  const lookUpEntity = async (query?: unknown): Promise<void> => {
    const reading = await readingForLookup();
    const model = reading?.model;
    if (!reading || !model) return;
    const all = entityItems(model);
    const pick = vscode.window.createQuickPick<EntityPickItem>();
    pick.title = 'Look Up Entity';
    pick.placeholder = 'Name or alias of a person, institution, outlet, place…';
    pick.matchOnDescription = true;
    pick.matchOnDetail = false;
    pick.items = rankEntityItems(all, '');
    const onValue = pick.onDidChangeValue((v) => {
      pick.items = rankEntityItems(all, v);
    });
    const chosen = await accepted(pick, query);
    onValue.dispose();
    if (chosen) await showTarget(reading.key, { kind: 'entity', id: chosen.entityId } satisfies TargetRef);
  };

  const findClaims = async (query?: unknown): Promise<void> => {
    const reading = await readingForLookup();
    const model = reading?.model;
    if (!reading || !model) return;
    const pick = vscode.window.createQuickPick<ClaimPickItem>();
    pick.title = 'Find Claims by Source';
    pick.placeholder = 'Type a speaker, outlet or words of the claim';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = claimItems(model);
    const chosen = await accepted(pick, query);
    if (chosen?.claimId) await showTarget(reading.key, { kind: 'claim', id: chosen.claimId } satisfies TargetRef);
  };

  const navigate = (what: 'mention' | 'claim', direction: 1 | -1) => (): void => {
    if (readers.navigate(what, direction)) return;
    const editor = vscode.window.activeTextEditor;
    if (editor && moveInEditor(store, editor, what, direction)) return;
    void vscode.window.setStatusBarMessage(`Marginalia: no ${what} to go to here (open the article in the reader or as text)`, 4000);
  };

  const r = new Registrations();
  r.add(registerCommand(deps, InternalCommands.showTarget, 'Show', showTarget));
  r.add(registerCommand(deps, Commands.lookUpEntity, 'Look Up Entity', lookUpEntity));
  r.add(registerCommand(deps, Commands.findClaimsBySource, 'Find Claims by Source', findClaims));
  r.add(registerCommand(deps, Commands.nextMention, 'Go to Next Mention', navigate('mention', 1)));
  r.add(registerCommand(deps, Commands.previousMention, 'Go to Previous Mention', navigate('mention', -1)));
  r.add(registerCommand(deps, Commands.nextClaim, 'Go to Next Claim', navigate('claim', 1)));
  r.add(registerCommand(deps, Commands.previousClaim, 'Go to Previous Claim', navigate('claim', -1)));
  return r;
}
