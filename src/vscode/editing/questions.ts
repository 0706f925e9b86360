// The question flows of the editing commands, over the Prompts interface (no `vscode` import), so unit tests run
// them with scripted answers: which entity a mention is of (or a new one, with a new type if needed), and a
// claim's attribution (speaker, outlet or venue, mode, cue, summary).

import type { NewEntity } from '../../core/edit';
import { slug, uniqueId } from '../../core/edit';
import type { ChainLinkDef, ClaimDef, EntityDef, EntityTypeDef } from '../../core/model';
import { MODES } from '../../core/outline';
import { CUES, DEFAULT_TYPES } from '../../core/palette';
import type { Model } from '../../core/resolve';
import type { PromptItem, Prompts } from './prompts';

export const NEW_ENTITY = '＋ New entity…';
export const NEW_TYPE = '＋ New type…';

type EntityChoice = { id: string } | { entity: NewEntity } | { none: true };

export function entityItems(model: Model, prefer?: (e: EntityDef) => boolean): PromptItem<{ id: string }>[] {
  return [...model.entities.values()]
    .sort((a, b) => Number(prefer?.(b) ?? 0) - Number(prefer?.(a) ?? 0) || a.name.localeCompare(b.name))
    .map((e) => {
      const detail = [e.role, e.aliases?.length ? `also: ${e.aliases.join(', ')}` : ''].filter((x) => x).join(' · ');
      return { label: e.name, description: model.types.get(e.type)?.label ?? e.type, ...(detail ? { detail } : {}), value: { id: e.id } };
    });
}

/** Picks an entity or describes a new one. `undefined` when cancelled. */
export async function pickEntity(
  prompts: Prompts,
  model: Model,
  title: string,
  selected: string,
  opts: { allowNone?: string; defaultType?: string } = {},
): Promise<EntityChoice | undefined> {
  const lower = selected.toLowerCase();
  const matches = (e: EntityDef): boolean => !!lower && (e.name.toLowerCase() === lower || (e.aliases ?? []).some((a) => a.toLowerCase() === lower));
  const items: PromptItem<EntityChoice | 'new'>[] = [{ label: NEW_ENTITY, ...(selected ? { detail: `named “${selected}”` } : {}), value: 'new' }];
  if (opts.allowNone) items.unshift({ label: opts.allowNone, value: { none: true } });
  items.push({ label: '', separator: true }, ...entityItems(model, matches));
  const pick = await prompts.pick(items, { title, placeHolder: 'Pick an entity, or create one' });
  if (pick === undefined) return undefined;
  if (pick !== 'new') return pick;
  const entity = await askNewEntity(prompts, model, selected, opts.defaultType);
  return entity ? { entity } : undefined;
}

/** The type of a new entity: one of the file's, a new one, or (for a file without types) one of the default palette. */
async function askType(prompts: Prompts, model: Model, title: string, defaultType?: string): Promise<{ id: string; newType?: EntityTypeDef } | undefined> {
  const own = [...model.types.values()];
  const offered = own.length ? own : DEFAULT_TYPES;
  const items: PromptItem<EntityTypeDef | 'new'>[] = offered.map((t) => ({
    label: t.label,
    description: t.id,
    ...(t.description ? { detail: t.description } : {}),
    value: t,
  }));
  const preferred = items.findIndex((t) => t.description === defaultType);
  if (preferred > 0) items.unshift(...items.splice(preferred, 1));
  if (!own.length) items.unshift({ label: 'This file has no types yet: pick one of the default palette, or create one', separator: true });
  items.push({ label: '', separator: true }, { label: NEW_TYPE, detail: 'A label, a colour and a non-colour cue', value: 'new' });
  const pick = await prompts.pick(items, { title });
  if (pick === undefined) return undefined;
  if (pick !== 'new') return own.some((t) => t.id === pick.id) ? { id: pick.id } : { id: pick.id, newType: pick };
  const newType = await askNewType(prompts, model);
  return newType ? { id: newType.id, newType } : undefined;
}

const COLOURS = ['#8a63d2', '#2f81f7', '#bf3989', '#1a7f37', '#d4a72c', '#0e8a87', '#cf222e', '#6e40c9', '#bc4c00', '#6e7781'];

export async function askNewType(prompts: Prompts, model: Model): Promise<EntityTypeDef | undefined> {
  const label = await prompts.input({
    title: 'New type (1/3): label',
    placeHolder: 'e.g. Think tank',
    validate: (v) => (v.trim() ? undefined : 'a label is needed'),
  });
  if (label === undefined) return undefined;
  const taken = new Set(model.types.keys());
  const id = uniqueId(slug(label), taken);
  const used = new Set([...model.types.values()].map((t) => t.color.toLowerCase()));
  const suggested = COLOURS.find((c) => !used.has(c)) ?? (COLOURS[0] as string);
  const color = await prompts.input({
    title: 'New type (2/3): colour',
    value: suggested,
    prompt: 'A hex colour like #2f81f7; it tints the highlights on every theme',
    validate: (v) => (/^#[0-9a-fA-F]{6}$/.test(v.trim()) ? undefined : 'a colour like #2f81f7'),
  });
  if (color === undefined) return undefined;
  const usedCues = new Set([...model.types.values()].map((t) => t.cue));
  const cue = await prompts.pick(
    CUES.map((c) => ({ label: c.label, description: usedCues.has(c.id) ? 'used by another type' : '', value: c.id })),
    { title: 'New type (3/3): a non-colour cue, so the type reads without colour vision' },
  );
  if (cue === undefined) return undefined;
  return { id, label: label.trim(), color: color.trim().toLowerCase(), cue };
}

export async function askNewEntity(prompts: Prompts, model: Model, name: string, defaultType?: string): Promise<NewEntity | undefined> {
  const title = 'New entity';
  const n = await prompts.input({ title: `${title} (1/4): name`, value: name, validate: (v) => (v.trim() ? undefined : 'a name is needed') });
  if (n === undefined) return undefined;
  const type = await askType(prompts, model, `${title} (2/4): type`, defaultType);
  if (!type) return undefined;
  const role = await prompts.input({ title: `${title} (3/4): role or title as the article states it (optional)`, placeHolder: 'e.g. associate professor' });
  if (role === undefined) return undefined;
  const institutions = [...model.entities.values()]
    .filter((e) => e.type !== type.id)
    .map((e) => ({ label: e.name, description: model.types.get(e.type)?.label ?? e.type, value: e.id }));
  let affiliations: string[] = [];
  if (institutions.length) {
    const picked = await prompts.pickMany(institutions, { title: `${title} (4/4): affiliations (optional; Enter with none selected to skip)` });
    if (!picked) return undefined;
    affiliations = picked;
  }
  const e: NewEntity = { type: type.id, name: n.trim() };
  if (type.newType) e.newType = type.newType;
  if (role.trim()) e.role = role.trim();
  if (affiliations.length) e.affiliations = affiliations;
  return e;
}

export const CUE_WORDS = ['according to', 'reported', 'said', 'says', 'told', 'wrote', 'believes', 'thinks', 'argued', 'added', 'noted', 'warned'];

export interface AttributionAnswers {
  attribution: ClaimDef['attribution'];
  /** Entities to create first; the chain names them by these ids. */
  newEntities: (NewEntity & { id: string })[];
  summary?: string;
}

/** Asks for speaker, outlet or venue, mode, cue and summary. New entities get ids here so the chain can name them. */
export async function askAttribution(
  prompts: Prompts,
  model: Model,
  selected: string,
  current?: ClaimDef['attribution'],
  withSummary = true,
): Promise<AttributionAnswers | undefined> {
  const newEntities: (NewEntity & { id: string })[] = [];
  const taken = new Set([...model.entities.keys(), ...model.mentionById.keys(), ...model.claimById.keys()]);
  const withId = (e: NewEntity): string => {
    const id = uniqueId(slug(e.name), taken);
    taken.add(id);
    newEntities.push({ ...e, id });
    return id;
  };
  const speakerNow = current?.chain.find((l) => l.role === 'speaker');
  const now = speakerNow?.entity ? ` (now: ${model.entities.get(speakerNow.entity)?.name ?? speakerNow.entity})` : '';
  const speakerPick = await pickEntity(prompts, model, `Claim: who said it?${now}`, '', { defaultType: 'person' });
  if (!speakerPick || 'none' in speakerPick) return undefined;
  const chain: ChainLinkDef[] = [{ role: 'speaker', entity: 'id' in speakerPick ? speakerPick.id : withId(speakerPick.entity) }];

  const via = await prompts.pick(
    [
      { label: 'No outlet or venue', value: 'none' as const },
      { label: 'An outlet (a named medium that reported it)…', value: 'outlet' as const },
      { label: 'A venue (a briefing, essay, talk, interview)…', value: 'venue' as const },
    ],
    { title: 'Claim: through which outlet or venue?' },
  );
  if (via === undefined) return undefined;
  if (via === 'outlet') {
    const outlet = await pickEntity(prompts, model, 'Claim: which outlet?', '', { defaultType: 'outlet' });
    if (!outlet || 'none' in outlet) return undefined;
    chain.push({ role: 'outlet', entity: 'id' in outlet ? outlet.id : withId(outlet.entity) });
  } else if (via === 'venue') {
    const label = await prompts.input({
      title: 'Claim: the venue, as the article names it',
      placeHolder: 'e.g. a media briefing',
      validate: (v) => (v.trim() ? undefined : 'a label is needed'),
    });
    if (label === undefined) return undefined;
    const kind = await prompts.input({ title: 'Claim: what kind of venue (optional)', placeHolder: 'briefing, essay, virtual talk, interview' });
    if (kind === undefined) return undefined;
    chain.push({ role: 'venue', label: label.trim(), ...(kind.trim() ? { kind: kind.trim() } : {}) });
  }

  const mode = await prompts.pick(
    MODES.map((m) => ({ label: m.label, detail: m.detail, value: m.id, picked: m.id === current?.mode })),
    { title: 'Claim: how is it attributed?' },
  );
  if (mode === undefined) return undefined;
  const guess = current?.cue ?? CUE_WORDS.find((c) => new RegExp(`\\b${c}\\b`, 'i').test(selected));
  const cue = await prompts.input({ title: 'Claim: the attribution cue in the text (optional)', value: guess ?? '', placeHolder: 'said, told, according to' });
  if (cue === undefined) return undefined;
  let summary: string | undefined;
  if (withSummary) {
    summary = await prompts.input({ title: 'Claim: one line saying what is claimed (optional)' });
    if (summary === undefined) return undefined;
  }
  const attribution: ClaimDef['attribution'] = { mode, chain, ...(cue.trim() ? { cue: cue.trim() } : {}) };
  return { attribution, newEntities, ...(summary?.trim() ? { summary: summary.trim() } : {}) };
}
