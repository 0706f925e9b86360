// "Edit Types…": add a type (or the default palette to a file without types), rename, recolour, change the cue of,
// or remove a type (its entities move to a type you pick, in the same edit). Each change is one undoable edit;
// Escape ends. With `typeId` and `typePatch`, `removeType` or `defaults` in the arguments nothing is asked.

import { addTypes, entitiesOfType, removeType, updateType, type EditOutcome, type TypePatch } from '../../core/edit';
import type { EntityTypeDef } from '../../core/model';
import { CUES, DEFAULT_TYPES } from '../../core/palette';
import type { Model } from '../../core/resolve';
import type { Reading } from '../store';
import { UserError } from '../toolkit/errors';
import { readText } from '../toolkit/files';
import type { EditingArgs } from './args';
import { applyToFile } from './apply';
import { ok, type EditingDeps, type EditResult } from './common';
import { askNewType, NEW_TYPE } from './questions';
import { editableModel, readingFor } from './target';

type Choice = { type: EntityTypeDef } | 'new' | 'defaults';
type Action = 'rename' | 'colour' | 'cue' | 'remove';

async function oneChange(deps: EditingDeps, reading: Reading, model: Model): Promise<((text: string) => EditOutcome) | 'done' | 'skip'> {
  const counts = new Map<string, number>();
  for (const e of model.entities.values()) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const cueLabel = (cue: string): string => CUES.find((c) => c.id === cue)?.label ?? cue;
  const types = [...model.types.values()];
  const items = [
    ...types.map((t) => ({
      label: t.label,
      description: `${t.id} · ${t.color} · ${cueLabel(t.cue)}`,
      detail: `${counts.get(t.id) ?? 0} entities${t.parent ? ` · refines ${model.types.get(t.parent)?.label ?? t.parent}` : ''}`,
      value: { type: t } as Choice,
    })),
    { label: '', separator: true },
    { label: NEW_TYPE, detail: 'A label, a colour and a non-colour cue', value: 'new' as Choice },
    ...(types.length === 0
      ? [{ label: `＋ The default palette (${DEFAULT_TYPES.length} types)`, detail: DEFAULT_TYPES.map((t) => t.label).join(', '), value: 'defaults' as Choice }]
      : []),
  ];
  const choice = await deps.prompts.pick(items, { title: 'Edit Types (Escape when done)', placeHolder: 'Pick a type to change, or add one' });
  if (choice === undefined) return 'done';
  if (choice === 'defaults') return (text) => addTypes(text, DEFAULT_TYPES);
  if (choice === 'new') {
    const t = await askNewType(deps.prompts, model);
    return t ? (text) => addTypes(text, [t]) : 'skip';
  }
  const type = choice.type;
  const action = await deps.prompts.pick<Action>(
    [
      { label: 'Rename…', description: type.label, value: 'rename' },
      { label: 'Change colour…', description: type.color, value: 'colour' },
      { label: 'Change cue…', description: cueLabel(type.cue), value: 'cue' },
      { label: 'Remove…', description: `${counts.get(type.id) ?? 0} entities use it`, value: 'remove' },
    ],
    { title: `Type ${type.label}` },
  );
  if (action === undefined) return 'skip';
  const patch = async (p: Promise<TypePatch | undefined>): Promise<((text: string) => EditOutcome) | 'skip'> => {
    const value = await p;
    return value ? (text) => updateType(text, type.id, value) : 'skip';
  };
  if (action === 'rename')
    return patch(
      deps.prompts
        .input({ title: `Rename ${type.label}`, value: type.label, validate: (v) => (v.trim() ? undefined : 'a label is needed') })
        .then((v) => (v === undefined ? undefined : { label: v.trim() })),
    );
  if (action === 'colour')
    return patch(
      deps.prompts
        .input({
          title: `Colour of ${type.label}`,
          value: type.color,
          validate: (v) => (/^#[0-9a-fA-F]{6}$/.test(v.trim()) ? undefined : 'a colour like #2f81f7'),
        })
        .then((v) => (v === undefined ? undefined : { color: v.trim().toLowerCase() })),
    );
  if (action === 'cue')
    return patch(
      deps.prompts
        .pick(
          CUES.map((c) => ({ label: c.label, picked: c.id === type.cue, value: c.id })),
          { title: `Cue of ${type.label}` },
        )
        .then((v) => (v === undefined ? undefined : { cue: v })),
    );
  const users = entitiesOfType(await readText(reading.uri), type.id);
  if (users.length === 0) {
    const sure = await deps.prompts.pick([{ label: `Remove ${type.label}`, value: true }], { title: `Remove the type ${type.label}? No entity uses it.` });
    return sure ? (text) => removeType(text, type.id) : 'skip';
  }
  const others = types.filter((t) => t.id !== type.id);
  if (others.length === 0) throw new UserError(`${users.length} entities are of type ${type.label} and there is no other type to move them to: add one first`);
  const replacement = await deps.prompts.pick(
    others.map((t) => ({ label: t.label, description: t.id, value: t.id })),
    { title: `${users.length} entities are of type ${type.label}: which type do they get instead?` },
  );
  return replacement === undefined ? 'skip' : (text) => removeType(text, type.id, replacement);
}

export async function editTypes(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const found = await readingFor(deps, args);
  if (!found) throw new UserError('open an annotated reading first');
  const { reading } = await editableModel(deps, found);
  if (args.defaults) return ok(await applyToFile(reading.uri, (text) => addTypes(text, DEFAULT_TYPES)));
  if (args.typeId && args.typePatch) {
    const { typeId, typePatch } = args;
    return ok(await applyToFile(reading.uri, (text) => updateType(text, typeId, typePatch)));
  }
  if (args.typeId && args.removeType) {
    const { typeId, removeType: how } = args;
    return ok(await applyToFile(reading.uri, (text) => removeType(text, typeId, how.replacement)));
  }
  let last: EditResult;
  for (;;) {
    const { model } = await editableModel(deps, reading);
    const change = await oneChange(deps, reading, model);
    if (change === 'done') return last;
    if (change !== 'skip') last = ok(await applyToFile(reading.uri, change));
  }
}
