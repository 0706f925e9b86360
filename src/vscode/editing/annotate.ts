// Annotating from a selection: a mention of an entity (existing or new), every occurrence of an entity's names,
// and a claim with its attribution. Each lands as one undoable edit of the annotation file.

import { addClaim, addMentions, findOccurrences } from '../../core/edit';
import { mentionLabel } from '../../core/articleIndex';
import type { Selector } from '../../core/model';
import { selectorsFor } from '../../core/text';
import { UserError } from '../toolkit/errors';
import { fileName } from '../toolkit/files';
import type { EditingArgs } from './args';
import { applyToFile } from './apply';
import { ok, revealCreated, short, type EditingDeps, type EditResult } from './common';
import { askAttribution, entityItems, pickEntity } from './questions';
import { editableModel, readingWithItem, revealInArticleEditor, selectionTarget, selectorOf } from './target';

export async function annotateMention(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const t = await selectionTarget(deps, args);
  const selected = t.model.text.slice(t.start, t.end);
  let entity = args.entity;
  let newEntity = args.newEntity;
  if (!entity && !newEntity) {
    const pick = await pickEntity(deps.prompts, t.model, `Annotate “${short(selected)}” as a mention of…`, selected);
    if (!pick || 'none' in pick) return undefined;
    if ('id' in pick) entity = pick.id;
    else newEntity = pick.entity;
  }
  const selector = selectorOf(t);
  const outcome = await applyToFile(t.reading.uri, (text) => addMentions(text, [{ entity: entity ?? '', selector }], newEntity));
  revealCreated(deps, t.reading, outcome.created);
  return ok(outcome);
}

export async function annotateAll(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  let entityId = args.entity ?? args.id;
  let reading;
  if (entityId) reading = await readingWithItem(deps, args, entityId);
  else {
    const t = await selectionTarget(deps, args);
    reading = t.reading;
    const lower = t.model.text.slice(t.start, t.end).toLowerCase();
    const match = [...t.model.entities.values()].find((e) => e.name.toLowerCase() === lower || (e.aliases ?? []).some((a) => a.toLowerCase() === lower));
    entityId = (
      await deps.prompts.pick(
        entityItems(t.model, (e) => e === match),
        { title: 'Annotate all occurrences of which entity?' },
      )
    )?.id;
  }
  if (!reading || !entityId) return undefined;
  const { reading: r, model } = await editableModel(deps, reading);
  const e = model.entities.get(entityId);
  if (!e) throw new UserError(`no entity "${entityId}" in ${fileName(r.uri)}`);
  const taken = model.mentions.flatMap((m) => model.utf16Range(m) ?? []);
  const found = findOccurrences(model.text, [e.name, ...(e.aliases ?? [])], taken);
  if (found.length === 0) throw new UserError(`no unannotated occurrence of ${e.name} or its aliases`);
  let accepted: { start: number; end: number }[] | undefined;
  if (args.accept) accepted = found.filter((_, i) => args.accept?.includes(i));
  else {
    const items = found.map((range, i) => {
      const { label } = mentionLabel(model.text, range, 30);
      return { label: `${i + 1}. ${label}`, picked: true, value: range };
    });
    accepted = await deps.prompts.pickMany(items, {
      title: `Annotate ${found.length} occurrence(s) of ${e.name}: review each, untick the wrong ones`,
      onActive: (range) => revealInArticleEditor(r, model, range.start, range.end),
    });
    if (!accepted) return undefined;
  }
  if (accepted.length === 0) return { ok: true, created: [], changed: false };
  const mentions = accepted.map((range) => ({ entity: e.id, selector: selectorsFor(model.map, range.start, range.end) as Selector[] }));
  return ok(await applyToFile(r.uri, (text) => addMentions(text, mentions)));
}

export async function addClaimCommand(deps: EditingDeps, args: EditingArgs): Promise<EditResult> {
  const t = await selectionTarget(deps, args);
  const selected = t.model.text.slice(t.start, t.end);
  let attribution = args.attribution;
  let newEntities = args.newEntities ?? [];
  let summary = args.summary;
  if (!attribution) {
    const answers = await askAttribution(deps.prompts, t.model, selected);
    if (!answers) return undefined;
    ({ attribution, newEntities } = answers);
    summary = answers.summary;
  }
  const claim = {
    selector: selectorOf(t),
    mode: attribution.mode,
    chain: attribution.chain,
    ...(attribution.cue ? { cue: attribution.cue } : {}),
    ...(summary ? { summary } : {}),
  };
  const outcome = await applyToFile(t.reading.uri, (text) => addClaim(text, claim, newEntities));
  revealCreated(deps, t.reading, outcome.created);
  return ok(outcome);
}
