// Which annotation a command is about: the argument's id, else what is annotated under the selection, else a
// pick from everything in the reading.

import type { Model } from '../../core/resolve';
import type { Reading } from '../store';
import { UserError } from '../toolkit/errors';
import type { EditingArgs } from './args';
import { short, type EditingDeps } from './common';
import type { PromptItem } from './prompts';
import { editableModel, readingFor, readingWithItem, selectionTarget } from './target';

export type ItemKind = 'entity' | 'mention' | 'claim';

export interface PickedItem {
  reading: Reading;
  model: Model;
  id: string;
}

export async function pickItem(
  deps: EditingDeps,
  args: EditingArgs,
  kinds: readonly ItemKind[],
  title: string,
  atSelection = true,
): Promise<PickedItem | undefined> {
  if (args.id) {
    const reading = await readingWithItem(deps, args, args.id);
    if (!reading) throw new UserError(`no open reading has "${args.id}"`);
    return { ...(await editableModel(deps, reading)), id: args.id };
  }
  const found = await readingFor(deps, args);
  if (!found) throw new UserError('open an annotated reading first');
  const { reading, model } = await editableModel(deps, found);
  let here: { start: number; end: number } | undefined;
  if (atSelection) {
    try {
      const t = await selectionTarget(deps, args);
      if (t.reading.key === reading.key) here = { start: t.start, end: t.end };
    } catch (e) {
      // No usable selection: pick from everything.
      if (!(e instanceof UserError)) throw e;
    }
  }
  const overlaps = (x: Parameters<Model['utf16Range']>[0]): boolean => {
    if (!here) return true;
    const r = model.utf16Range(x);
    return !!r && r.start < here.end && here.start < r.end;
  };
  const items: PromptItem<string>[] = [];
  if (kinds.includes('claim'))
    for (const c of model.claims.filter(overlaps))
      items.push({ label: `❝ ${short(model.textOf(c), 70)}`, description: `claim · ${c.speaker?.name ?? ''}`, value: c.id });
  if (kinds.includes('mention'))
    for (const m of model.mentions.filter(overlaps))
      items.push({ label: short(model.textOf(m), 50), description: `mention of ${m.entity?.name ?? m.def.entity}`, value: m.id });
  if (kinds.includes('entity')) {
    const entityIds = here ? new Set(model.mentions.filter(overlaps).map((m) => m.def.entity)) : undefined;
    for (const e of model.entities.values())
      if (!entityIds || entityIds.has(e.id)) items.push({ label: e.name, description: `entity · ${model.types.get(e.type)?.label ?? e.type}`, value: e.id });
  }
  if (items.length === 0) throw new UserError(here ? 'nothing of that kind is annotated at the selection' : 'nothing to pick');
  if (items.length === 1 && here) return { reading, model, id: items[0]?.value as string };
  const id = await deps.prompts.pick(items, { title });
  return id === undefined ? undefined : { reading, model, id };
}
