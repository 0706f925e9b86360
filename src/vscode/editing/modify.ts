// Changing what is annotated: an entity's fields (one undoable edit per field), a claim's attribution, and
// deleting an annotation with everything that points at it (after saying what that is).

import * as vscode from 'vscode';
import { deleteById, kindOf, referencesTo, setAttribution, updateEntity, type EntityPatch } from '../../core/edit';
import type { EntityDef } from '../../core/model';
import type { Model } from '../../core/resolve';
import { visibleControls } from '../../core/text';
import { UserError } from '../toolkit/errors';
import { fileName, readText } from '../toolkit/files';
import type { EditingArgs } from './args';
import { applyToFile } from './apply';
import { ok, type EditingDeps, type EditResult } from './common';
import { pickItem } from './pickItem';
import { askAttribution } from './questions';
import { editableModel } from './target';

type Field = 'name' | 'type' | 'aliases' | 'role' | 'affiliations' | 'description';

async function askPatch(deps: EditingDeps, e: EntityDef, field: Field, model: Model): Promise<EntityPatch | undefined> {
  if (field === 'type') {
    const t = await deps.prompts.pick(
      [...model.types.values()].map((x) => ({ label: x.label, description: x.id, value: x.id, picked: x.id === e.type })),
      { title: `Type of ${e.name}` },
    );
    return t === undefined ? undefined : { type: t };
  }
  if (field === 'affiliations') {
    const picked = await deps.prompts.pickMany(
      [...model.entities.values()]
        .filter((x) => x.id !== e.id)
        .map((x) => ({ label: x.name, description: model.types.get(x.type)?.label ?? x.type, value: x.id, picked: (e.affiliations ?? []).includes(x.id) })),
      { title: `Affiliations of ${e.name}` },
    );
    return picked === undefined ? undefined : { affiliations: picked };
  }
  const value = field === 'aliases' ? (e.aliases ?? []).join(', ') : (e[field] ?? '');
  const v = await deps.prompts.input({
    title: `${field[0]?.toUpperCase()}${field.slice(1)} of ${e.name}${field === 'aliases' ? ' (comma-separated)' : ''}`,
    value,
    validate: (x) => (field === 'name' && !x.trim() ? 'a name is needed' : undefined),
  });
  if (v === undefined) return undefined;
  if (field === 'aliases')
    return {
      aliases: v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s),
    };
  return { [field]: v.trim() || null };
}

function fieldRows(
  model: NonNullable<Awaited<ReturnType<typeof editableModel>>['model']>,
  e: EntityDef,
): { label: string; description: string; value: Field }[] {
  return [
    { label: 'Name', description: e.name, value: 'name' },
    { label: 'Type', description: model.types.get(e.type)?.label ?? e.type, value: 'type' },
    { label: 'Aliases', description: (e.aliases ?? []).join(', ') || '—', value: 'aliases' },
    { label: 'Role', description: e.role ?? '—', value: 'role' },
    { label: 'Affiliations', description: (e.affiliations ?? []).map((a) => model.entities.get(a)?.name ?? a).join(', ') || '—', value: 'affiliations' },
    { label: 'Description', description: e.description ?? '—', value: 'description' },
  ];
}

export async function editEntity(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const picked = await pickItem(deps, args, ['entity'], 'Edit which entity?');
  if (!picked) return undefined;
  // A mention (a row, or the item under the mouse in the reader) stands for its entity.
  const id = picked.model.mentionById.get(picked.id)?.def.entity ?? picked.id;
  const uri = picked.reading.uri;
  if (args.patch) {
    const patch = args.patch;
    return ok(await applyToFile(uri, (text) => updateEntity(text, id, patch)));
  }
  // One field at a time, each its own undoable edit; Escape ends.
  let last: EditResult;
  for (;;) {
    const { model } = await editableModel(deps, picked.reading);
    const e = model.entities.get(id);
    if (!e) throw new UserError(`entity "${id}" is gone`);
    const field = await deps.prompts.pick(fieldRows(model, e), { title: `Edit ${e.name} (Escape when done)` });
    if (field === undefined) return last;
    const patch = await askPatch(deps, e, field, model);
    if (patch) last = ok(await applyToFile(uri, (text) => updateEntity(text, id, patch)));
  }
}

export async function editAttribution(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const target = await pickItem(deps, args, ['claim'], 'Change the attribution of which claim?');
  if (!target) return undefined;
  const claim = target.model.claimById.get(target.id);
  if (!claim) throw new UserError(`"${target.id}" is not a claim`);
  let attribution = args.attribution;
  let newEntities = args.newEntities ?? [];
  if (!attribution) {
    const answers = await askAttribution(deps.prompts, target.model, target.model.textOf(claim), claim.def.attribution, false);
    if (!answers) return undefined;
    ({ attribution, newEntities } = answers);
  }
  const a = attribution;
  return ok(await applyToFile(target.reading.uri, (text) => setAttribution(text, target.id, a, newEntities)));
}

export async function deleteAnnotation(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const target = await pickItem(deps, args, ['mention', 'claim', 'entity'], 'Delete which annotation?');
  if (!target) return undefined;
  const text = await readText(target.reading.uri);
  const kind = kindOf(text, target.id);
  if (!kind) throw new UserError(`nothing with id "${target.id}" in ${fileName(target.reading.uri)}`);
  const refs = referencesTo(text, target.id);
  if (refs.length && !args.confirm) {
    const count = (w: string): number => refs.filter((r) => r.what === w).length;
    const parts = (
      [
        [count('mention'), 'mention(s) are deleted'],
        [count('chain'), 'claim attribution(s) keep its name as a label'],
        [count('affiliation'), 'affiliation(s) are removed'],
        [count('relation'), 'relation(s) are deleted'],
        [count('contradicts') + count('supports'), 'contradicts/supports reference(s) are removed'],
      ] as const
    )
      .filter(([n]) => n > 0)
      .map(([n, s]) => `${n} ${s}`);
    const name = kind === 'entities' ? (target.model.entities.get(target.id)?.name ?? target.id) : target.id;
    const what = kind === 'entities' ? 'entity' : kind.replace(/s$/, '');
    const answer = await vscode.window.showWarningMessage(
      `Delete ${what} “${visibleControls(name)}”? Others point to it: ${parts.join('; ')}.`,
      { modal: true, detail: 'One Undo in the annotation file restores everything.' },
      'Delete',
    );
    if (answer !== 'Delete') return undefined;
  }
  return ok(await applyToFile(target.reading.uri, (t) => deleteById(t, target.id)));
}
