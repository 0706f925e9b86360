// Repairing anchors: re-attach an annotation to the selection, accept where anchoring found it now, write back
// every exact relocation at once, create an entity for a dangling id (a Quick Fix), and, when the article is
// saved, refresh the stored positions of what the edits moved exactly.

import * as vscode from 'vscode';
import { addMentions, setSelectors, type SelectorUpdate } from '../../core/edit';
import { healthItems, movedByEdits, selectorUpdate } from '../../core/health';
import type { Model } from '../../core/resolve';
import type { Reading } from '../store';
import { UserError } from '../toolkit/errors';
import { fileName, openDocument } from '../toolkit/files';
import type { EditingArgs } from './args';
import { applyToFile, whyNotEditable } from './apply';
import { ok, type EditingDeps, type EditResult } from './common';
import { pickItem } from './pickItem';
import { editableModel, readingFor, readingWithItem, selectionTarget, selectorOf } from './target';

/** Re-attaches a mention or claim to the current selection. */
export async function reanchor(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const item = await pickItem(deps, args, ['mention', 'claim'], 'Re-anchor which annotation to the selection?', false);
  if (!item) return undefined;
  const t = await selectionTarget(deps, { ...args, file: item.reading.key });
  if (t.reading.key !== item.reading.key) throw new UserError('the selection is in another article');
  const kind = item.model.claimById.has(item.id) ? 'claims' : 'mentions';
  const selector = selectorOf(t);
  return ok(await applyToFile(item.reading.uri, (text) => setSelectors(text, [{ kind, id: item.id, selector }])));
}

/** Accepts where anchoring found an item now (relocated or fuzzy): its selectors are rewritten there. */
export async function acceptAnchor(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  if (!args.id) throw new UserError('which annotation?');
  const found = await readingWithItem(deps, args, args.id);
  if (!found) throw new UserError(`no open reading has "${args.id}"`);
  const { reading, model } = await editableModel(deps, found);
  const update = selectorUpdate(model, args.id);
  if (!update) throw new UserError(`"${args.id}" has no place to accept (it is an orphan: re-attach it to a selection instead)`);
  return ok(await applyToFile(reading.uri, (text) => setSelectors(text, [update])));
}

/** Updates for every relocated item whose quote sits exactly at its new place, and whether the hash may be written. */
function exactUpdates(model: Model): { updates: SelectorUpdate[]; current: boolean } {
  const items = [...model.mentions, ...model.claims].filter((x) => x.anchor.status === 'relocated');
  const updates = items.flatMap((x) => selectorUpdate(model, x.id) ?? []);
  // The hash says "positions match this text": only true when nothing is left fuzzy or orphaned.
  const current = !healthItems(model).some((h) => h.severity !== 'relocated');
  return { updates, current };
}

/** Writes back every exact relocation as one edit; records the article hash when nothing fuzzy is left. */
export async function acceptAllRelocations(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const relocated = (r: Reading): boolean => !!r.model && [...r.model.mentions, ...r.model.claims].some((x) => x.anchor.status === 'relocated');
  let reading = await readingFor(deps, args);
  if (!reading || (!args.file && !relocated(reading))) {
    const candidates = deps.store.all().filter(relocated);
    if (candidates.length <= 1) reading = candidates[0] ?? reading;
    else
      reading = await deps.prompts.pick(
        candidates.map((r) => ({ label: fileName(r.uri), description: vscode.workspace.asRelativePath(r.uri), value: r })),
        { title: 'Accept the relocations of which reading?' },
      );
  }
  if (!reading) throw new UserError('open an annotated reading first');
  const { reading: r, model } = await editableModel(deps, reading);
  const { updates, current } = exactUpdates(model);
  if (updates.length === 0 && !current) throw new UserError('no exact relocation to accept; review the fuzzy anchors one by one');
  return ok(await applyToFile(r.uri, (text) => setSelectors(text, updates, current ? model.text : undefined)));
}

/** Quick Fix: creates an entity for a dangling id (asks the type unless given). */
export async function createEntity(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  if (!args.file || !args.id) throw new UserError('which file and id?');
  const reading = await deps.store.open(vscode.Uri.parse(args.file, true));
  const model = reading.model;
  let type = args.newEntity?.type;
  if (!type) {
    type = await deps.prompts.pick(model ? [...model.types.values()].map((t) => ({ label: t.label, description: t.id, value: t.id })) : [], {
      title: `Type of the new entity "${args.id}"`,
    });
    if (type === undefined) return undefined;
  }
  const name = args.newEntity?.name ?? (await deps.prompts.input({ title: `Name of "${args.id}"`, value: args.id.replace(/-/g, ' ') }));
  if (!name) return undefined;
  const id = args.id;
  const entityType = type;
  return ok(await applyToFile(reading.uri, (text) => addMentions(text, [], { id, type: entityType, name })));
}

/**
 * When an article is saved, annotations the editor's edits moved exactly get their stored positions refreshed, as
 * one undoable edit of the annotation file (saved too unless it had unsaved changes of its own). So the file on
 * disk always describes the article on disk: the next session, a collaborator or the CLI take the fast path.
 * Until the save nothing is written, and an Undo in the article needs no counterpart in the annotation file.
 */
export async function refreshMovedOnSave(deps: EditingDeps, article: vscode.TextDocument): Promise<void> {
  const key = article.uri.toString();
  for (const reading of deps.store.all()) {
    if (reading.articleUri?.toString() !== key || !reading.model || reading.stale) continue;
    if (await whyNotEditable(reading.uri)) continue;
    const model = reading.model;
    const moved = movedByEdits(model);
    if (moved.length === 0) continue;
    const updates = moved.flatMap((x) => selectorUpdate(model, x.id) ?? []);
    const current = healthItems(model).length === 0;
    // An annotation file mid-edit by the user is theirs: leave it alone.
    if (openDocument(reading.uri)?.isDirty) continue;
    await applyToFile(reading.uri, (text) => setSelectors(text, updates, current ? model.text : undefined));
  }
}
