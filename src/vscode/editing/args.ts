// The optional argument object of the editing commands (tests, tree rows, the reader's cards and Quick Fixes pass
// one): it answers the questions a command would ask. Arguments are untrusted input, so every field is checked
// here, never cast: a malformed field is dropped (and the command asks instead) or refused with a message.

import type { EntityPatch, NewEntity, TypePatch } from '../../core/edit';
import type { ChainLinkDef, ClaimDef, EntityTypeDef } from '../../core/model';
import { MODES } from '../../core/outline';
import { CUES } from '../../core/palette';
import { UserError } from '../toolkit/errors';

export interface EditingArgs {
  /** The annotation file (URI string) whose reading is meant. */
  file?: string;
  /** A UTF-16 range in the reading's normalized article text, instead of the editor's or reader's selection. */
  range?: { start: number; end: number };
  /** The item the command is about (entity, mention, claim). */
  id?: string;
  /** Mention: an existing entity id, or a new entity. */
  entity?: string;
  newEntity?: NewEntity;
  /** Claims: the attribution, and entities to create first (named in the chain by id). */
  attribution?: ClaimDef['attribution'];
  newEntities?: (NewEntity & { id: string })[];
  summary?: string;
  /** Edit Entity: the fields to change (`null` removes one). */
  patch?: EntityPatch;
  /** Annotate All Occurrences: which of the found occurrences to write (indexes; default all). */
  accept?: number[];
  /** Skips the confirmation of a delete that others point to. */
  confirm?: boolean;
  /** Edit Types: the type, and what to do with it (change fields, or remove it moving its entities). */
  typeId?: string;
  typePatch?: TypePatch;
  removeType?: { replacement?: string };
  /** Edit Types: add the default palette. */
  defaults?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Copies the optional string (array) fields that are well-formed; anything else is a refusal. */
function optional<T extends object>(from: Json, to: T, strings: readonly string[], arrays: readonly string[], what: string): T {
  const out = to as Json;
  for (const k of strings) {
    if (from[k] === undefined) continue;
    if (!isString(from[k])) throw new UserError(`${what}: \`${k}\` must be a string`);
    out[k] = from[k];
  }
  for (const k of arrays) {
    if (from[k] === undefined) continue;
    if (!isStrings(from[k])) throw new UserError(`${what}: \`${k}\` must be a list of strings`);
    out[k] = from[k];
  }
  return to;
}

export function typeDefOf(v: unknown): EntityTypeDef {
  if (!isObject(v) || !isString(v.id) || !isString(v.label) || !isString(v.color) || !CUES.some((c) => c.id === v.cue))
    throw new UserError('a new type needs an id, a label, a colour and a cue');
  return optional(v, { id: v.id, label: v.label, color: v.color, cue: v.cue as EntityTypeDef['cue'] }, ['icon', 'parent', 'description'], [], 'new type');
}

export function newEntityOf(v: unknown): NewEntity {
  if (!isObject(v) || !isString(v.name) || !isString(v.type)) throw new UserError('a new entity needs a name and a type');
  const e = optional<NewEntity>(v, { name: v.name, type: v.type }, ['id', 'role', 'description'], ['aliases', 'affiliations'], 'new entity');
  if (v.newType !== undefined) e.newType = typeDefOf(v.newType);
  return e;
}

function chainLinkOf(v: unknown): ChainLinkDef {
  if (!isObject(v) || (v.role !== 'speaker' && v.role !== 'outlet' && v.role !== 'venue'))
    throw new UserError('a chain link needs a role: speaker, outlet or venue');
  return optional<ChainLinkDef>(v, { role: v.role }, ['entity', 'label', 'kind'], [], 'chain link');
}

export function attributionOf(v: unknown): ClaimDef['attribution'] {
  if (!isObject(v) || !MODES.some((m) => m.id === v.mode) || !Array.isArray(v.chain)) throw new UserError('an attribution needs a mode and a chain');
  const a: ClaimDef['attribution'] = { mode: v.mode as ClaimDef['attribution']['mode'], chain: v.chain.map(chainLinkOf) };
  if (v.cue !== undefined) {
    if (!isString(v.cue)) throw new UserError('attribution: `cue` must be a string');
    a.cue = v.cue;
  }
  return a;
}

const PATCH_FIELDS = ['type', 'name', 'aliases', 'role', 'affiliations', 'description'] as const;

export function patchOf(v: unknown): EntityPatch {
  if (!isObject(v)) throw new UserError('an entity patch must be an object');
  const patch: Json = {};
  for (const [k, value] of Object.entries(v)) {
    if (!(PATCH_FIELDS as readonly string[]).includes(k)) throw new UserError(`an entity patch cannot change \`${k}\``);
    const list = k === 'aliases' || k === 'affiliations';
    if (value !== null && !(list ? isStrings(value) : isString(value)))
      throw new UserError(`entity patch: \`${k}\` must be ${list ? 'a list of strings' : 'a string'} or null`);
    patch[k] = value;
  }
  return patch as EntityPatch;
}

const TYPE_FIELDS = ['label', 'color', 'cue', 'icon', 'parent', 'description'] as const;

export function typePatchOf(v: unknown): TypePatch {
  if (!isObject(v)) throw new UserError('a type patch must be an object');
  const patch: Json = {};
  for (const [k, value] of Object.entries(v)) {
    if (!(TYPE_FIELDS as readonly string[]).includes(k)) throw new UserError(`a type patch cannot change \`${k}\``);
    if (value !== null && !isString(value)) throw new UserError(`type patch: \`${k}\` must be a string or null`);
    if (k === 'cue' && value !== null && !CUES.some((c) => c.id === value))
      throw new UserError(`type patch: \`cue\` must be one of ${CUES.map((c) => c.id).join(', ')}`);
    if (k === 'color' && value !== null && !/^#[0-9a-fA-F]{6}$/.test(String(value))) throw new UserError('type patch: `color` must be like #2f81f7');
    patch[k] = value;
  }
  return patch as TypePatch;
}

/** Reads the argument of a command: our args object, a tree node or card target `{kind, id}`, or nothing. */
export function parseArgs(arg: unknown): EditingArgs {
  if (!isObject(arg)) return {};
  const a: EditingArgs = {};
  if (isString(arg.file)) a.file = arg.file;
  if (isString(arg.id)) a.id = arg.id;
  if (isObject(arg.range) && isOffset(arg.range.start) && isOffset(arg.range.end)) a.range = { start: arg.range.start, end: arg.range.end };
  if (isString(arg.entity)) a.entity = arg.entity;
  if (arg.newEntity !== undefined) a.newEntity = newEntityOf(arg.newEntity);
  if (arg.attribution !== undefined) a.attribution = attributionOf(arg.attribution);
  if (arg.newEntities !== undefined) {
    if (!Array.isArray(arg.newEntities)) throw new UserError('`newEntities` must be a list');
    a.newEntities = arg.newEntities.map((e) => {
      const entity = newEntityOf(e);
      if (entity.id === undefined) throw new UserError('entities created for a chain need an id');
      return { ...entity, id: entity.id };
    });
  }
  if (isString(arg.summary)) a.summary = arg.summary;
  if (arg.patch !== undefined) a.patch = patchOf(arg.patch);
  if (Array.isArray(arg.accept)) a.accept = arg.accept.filter(isOffset);
  if (arg.confirm === true) a.confirm = true;
  if (isString(arg.typeId)) a.typeId = arg.typeId;
  if (arg.typePatch !== undefined) a.typePatch = typePatchOf(arg.typePatch);
  if (isObject(arg.removeType)) a.removeType = isString(arg.removeType.replacement) ? { replacement: arg.removeType.replacement } : {};
  if (arg.defaults === true) a.defaults = true;
  // Rows of the Entities and Claims views, and the reader's items under the mouse, name their item their own way.
  if (a.id === undefined) {
    const group = isObject(arg.group) ? arg.group : undefined;
    const id = [arg.entityId, arg.mentionId, arg.targetId, group?.entityId].find(isString);
    if (arg.kind === 'mention' && isString(arg.mentionId)) a.id = arg.mentionId;
    else if (id !== undefined) a.id = id;
  }
  // Anchor Health rows carry their reading's key.
  if (a.file === undefined && isString(arg.readingKey)) a.file = arg.readingKey;
  return a;
}
