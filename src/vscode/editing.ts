// Annotating: the commands that create, edit, delete and re-anchor annotations. Each action computes its new
// file text in the core (src/core/edit.ts) and lands as ONE WorkspaceEdit on the annotation file's document,
// so one Undo reverts it byte for byte. An open document with unsaved changes is edited in its buffer and
// left unsaved; a file nobody had open is opened as a document, edited and saved. A read-only, missing or
// invalid file gets a clear message and no change at all.
//
// Every command also takes an optional argument object (tests, tree items, the reader's cards and code
// actions pass one) that answers the questions the multi-step input would ask.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  addClaim,
  addMentions,
  deleteById,
  EditError,
  findOccurrences,
  kindOf,
  referencesTo,
  setAttribution,
  setSelectors,
  slug,
  uniqueId,
  updateEntity,
  type EditOutcome,
  type EntityPatch,
  type NewEntity,
  type SelectorUpdate,
} from '../core/edit';
import type { ChainLinkDef, ClaimDef, ClaimMode, EntityDef, Selector } from '../core/model';
import type { Model, ResolvedClaim, ResolvedMention } from '../core/resolve';
import { normalizeText, OffsetMap, selectorsFor } from '../core/text';
import { EditingCommands } from './commandIds';
import { isInsideExtension, type ReaderManager } from './reader';
import { errorMessage, type Reading, type ReadingStore } from './store';

export interface EditingDeps {
  store: ReadingStore;
  readers: ReaderManager;
  log: vscode.LogOutputChannel;
}

/** What every editing command resolves to (tests read it from `executeCommand`). */
export type EditResult = { ok: true; created: string[]; changed: boolean } | { ok: false; message: string } | undefined;

/** Answers for the questions a command would ask; every field is optional. */
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
}

// ---- arguments -------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the argument of a command: our args object, a tree node or card target `{kind, id}`, or nothing. */
function parseArgs(arg: unknown): EditingArgs {
  if (!isObject(arg)) return {};
  const a: EditingArgs = {};
  if (typeof arg.file === 'string') a.file = arg.file;
  if (typeof arg.id === 'string') a.id = arg.id;
  if (isObject(arg.range) && typeof arg.range.start === 'number' && typeof arg.range.end === 'number') a.range = { start: arg.range.start, end: arg.range.end };
  if (typeof arg.entity === 'string') a.entity = arg.entity;
  if (isObject(arg.newEntity)) a.newEntity = arg.newEntity as unknown as NewEntity;
  if (isObject(arg.attribution)) a.attribution = arg.attribution as unknown as ClaimDef['attribution'];
  if (Array.isArray(arg.newEntities)) a.newEntities = arg.newEntities as (NewEntity & { id: string })[];
  if (typeof arg.summary === 'string') a.summary = arg.summary;
  if (isObject(arg.patch)) a.patch = arg.patch as EntityPatch;
  if (Array.isArray(arg.accept)) a.accept = arg.accept.filter((n): n is number => typeof n === 'number');
  if (arg.confirm === true) a.confirm = true;
  // Rows of the Entities and Claims views, and the reader's items under the mouse, name their item their own way.
  if (a.id === undefined) {
    const group = isObject(arg.group) ? arg.group : undefined;
    const id = [arg.entityId, arg.mentionId, arg.targetId, group?.entityId].find((v): v is string => typeof v === 'string');
    if (arg.kind === 'mention' && typeof arg.mentionId === 'string') a.id = arg.mentionId;
    else if (id !== undefined) a.id = id;
  }
  // Anchor Health rows carry their reading.
  if (a.file === undefined && isObject(arg.reading) && arg.reading.uri instanceof vscode.Uri) a.file = arg.reading.uri.toString();
  return a;
}

// ---- applying an outcome ------------------------------------------------------------------------------

class UserError extends Error {}

function isReadOnly(uri: vscode.Uri, stat: vscode.FileStat): boolean {
  if (Number(stat.permissions ?? 0) !== 0) return true;
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return true;
  if (uri.scheme === 'file') {
    // Running as root, the OS would let us write anyway; the mode bits say what the owner intends.
    try {
      return (fs.statSync(uri.fsPath).mode & 0o222) === 0;
    } catch {
      return false;
    }
  }
  return false;
}

const fileName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/**
 * Applies `compute(text)` to the annotation file as one WorkspaceEdit. Checks, right before writing, that the
 * file still exists and is writable and that the new text validates; saves only what was not dirty before.
 */
export async function applyToFile(uri: vscode.Uri, compute: (text: string) => EditOutcome): Promise<EditOutcome> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    throw new UserError(`${fileName(uri)} no longer exists (deleted or renamed); nothing was changed`);
  }
  if (isReadOnly(uri, stat)) throw new UserError(`${fileName(uri)} is read-only; nothing was changed`);
  // Files inside an installed extension (the bundled article) are replaced on every update: never edit them.
  if (isInsideExtension(uri)) {
    throw new UserError(
      `${fileName(uri)} ships with the extension and is read-only; run "Marginalia: Copy Article to Workspace" to annotate your own copy. Nothing was changed`,
    );
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const wasDirty = open?.isDirty ?? false;
  const doc = open ?? (await vscode.workspace.openTextDocument(uri));
  for (let attempt = 0; ; attempt++) {
    const before = doc.getText();
    const version = doc.version;
    let outcome: EditOutcome;
    try {
      outcome = compute(before);
    } catch (e) {
      if (e instanceof EditError) throw new UserError(`${fileName(uri)}: ${e.message}`);
      throw e;
    }
    const r = outcome.replacement;
    if (!r) return outcome;
    // The document changed while the action was computed (another edit landed): compute again.
    if (doc.version !== version) {
      if (attempt < 2) continue;
      throw new UserError(`${fileName(uri)} keeps changing; nothing was changed`);
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length)), r.content);
    if (!(await vscode.workspace.applyEdit(edit))) throw new UserError(`VS Code refused to edit ${fileName(uri)} (is it read-only?); nothing was changed`);
    if (doc.getText() !== outcome.text) {
      // Not what was validated (an edit raced ours): leave the document as the user can see and undo it.
      throw new UserError(`${fileName(uri)} changed during the edit; check it and undo if needed`);
    }
    if (!wasDirty) {
      const saved = await doc.save();
      if (!saved) throw new UserError(`${fileName(uri)} could not be saved; the change is in the open document (undo reverts it)`);
    }
    return outcome;
  }
}

// ---- where the user is ------------------------------------------------------------------------------------

interface Target {
  reading: Reading;
  model: Model;
  /** UTF-16 range in `model.text`. */
  start: number;
  end: number;
}

/** The reading named by `args.file`, the active reader's, or the active editor's. */
async function readingFor(deps: EditingDeps, args: EditingArgs): Promise<Reading | undefined> {
  if (args.file) return deps.store.open(vscode.Uri.parse(args.file, true));
  const fromReader = deps.readers.activeReading();
  if (fromReader) return fromReader;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc) return deps.store.find(doc.uri);
  return undefined;
}

/** The reading whose model has an item with `id`: the active one first, else the only one that has it. */
async function readingWithItem(deps: EditingDeps, args: EditingArgs, id: string): Promise<Reading | undefined> {
  const first = await readingFor(deps, args);
  const has = (r: Reading | undefined): boolean =>
    !!r?.model && (r.model.entities.has(id) || r.model.mentions.some((m) => m.id === id) || r.model.claims.some((c) => c.id === id));
  if (has(first)) return first;
  const all = deps.store.all().filter(has);
  if (all.length <= 1) return all[0];
  return (
    await vscode.window.showQuickPick(
      all.map((r) => ({ label: fileName(r.uri), description: vscode.workspace.asRelativePath(r.uri), r })),
      { title: `Several readings have "${id}"` },
    )
  )?.r;
}

/** A reading's model as of the text now in its article document (re-resolved if the store lags behind). */
async function freshModel(deps: EditingDeps, reading: Reading): Promise<Model> {
  const articleDoc = reading.articleUri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === reading.articleUri?.toString());
  if (articleDoc && reading.model && normalizeText(articleDoc.getText()) !== reading.model.text) await deps.store.reload(reading.uri);
  if (!reading.model) throw new UserError(`${fileName(reading.uri)} has no usable model; see the Problems panel`);
  return reading.model;
}

/** The selected text: from args, the active text editor on the article, or the reader. */
async function selectionTarget(deps: EditingDeps, args: EditingArgs): Promise<Target> {
  const editor = vscode.window.activeTextEditor;
  let reading = await readingFor(deps, args);
  if (args.range) {
    if (!reading) throw new UserError('no annotated reading is open for this range');
    const model = await freshModel(deps, reading);
    return checkedTarget(reading, model, args.range.start, args.range.end);
  }
  const fromReader = deps.readers.activeReading();
  if (fromReader) {
    reading = fromReader;
    const sel = deps.readers.selection(reading);
    if (!sel) throw new UserError('select some text in the reader first');
    return checkedTarget(reading, await freshModel(deps, reading), sel.start, sel.end);
  }
  if (editor) {
    reading = deps.store.find(editor.document.uri);
    if (reading && reading.articleUri?.toString() === editor.document.uri.toString()) {
      const model = await freshModel(deps, reading);
      if (editor.selection.isEmpty) throw new UserError('select some text in the article first');
      const doc = editor.document;
      // Offsets count over the normalized text: a CRLF document has one more unit per line break before.
      const crlf = doc.eol === vscode.EndOfLine.CRLF;
      const at = (p: vscode.Position): number => doc.offsetAt(p) - (crlf ? p.line : 0);
      return checkedTarget(reading, model, at(editor.selection.start), at(editor.selection.end));
    }
  }
  throw new UserError('select text in an annotated article (in the reader or in its text editor) first');
}

function checkedTarget(reading: Reading, model: Model, start: number, end: number): Target {
  // Trim whitespace so a sloppy double-click selection does not anchor on a trailing space.
  while (start < end && /\s/.test(model.text[start] ?? '')) start++;
  while (end > start && /\s/.test(model.text[end - 1] ?? '')) end--;
  if (!(start >= 0 && end <= model.text.length && start < end)) throw new UserError('the selection is empty or outside the article');
  return { reading, model, start, end };
}

function selectorOf(t: Target): Selector[] {
  return selectorsFor(new OffsetMap(t.model.text), t.start, t.end);
}

// ---- questions ----------------------------------------------------------------------------------------------

const NEW_ENTITY = '＋ New entity…';

interface EntityItem extends vscode.QuickPickItem {
  id?: string;
}

function entityItems(model: Model, prefer?: (e: EntityDef) => boolean): EntityItem[] {
  const items = [...model.entities.values()]
    .sort((a, b) => Number(prefer?.(b) ?? 0) - Number(prefer?.(a) ?? 0) || a.name.localeCompare(b.name))
    .map((e) => ({
      label: e.name,
      description: model.types.get(e.type)?.label ?? e.type,
      detail: [e.role, e.aliases?.length ? `also: ${e.aliases.join(', ')}` : ''].filter((x) => x).join(' · ') || undefined,
      id: e.id,
    }));
  return items;
}

/** Picks an entity or describes a new one. `undefined` when cancelled. */
async function pickEntity(
  model: Model,
  title: string,
  selected: string,
  opts: { allowNone?: string; defaultType?: string } = {},
): Promise<{ id: string } | { entity: NewEntity } | { none: true } | undefined> {
  const lower = selected.toLowerCase();
  const matches = (e: EntityDef): boolean => !!lower && (e.name.toLowerCase() === lower || (e.aliases ?? []).some((a) => a.toLowerCase() === lower));
  const items: EntityItem[] = [{ label: NEW_ENTITY, detail: selected ? `named “${selected}”` : undefined }];
  if (opts.allowNone) items.unshift({ label: opts.allowNone });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, ...entityItems(model, matches));
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick an entity, or create one', matchOnDescription: true, matchOnDetail: true });
  if (!pick) return undefined;
  if (pick.id) return { id: pick.id };
  if (opts.allowNone && pick.label === opts.allowNone) return { none: true };
  const entity = await askNewEntity(model, selected, opts.defaultType);
  return entity ? { entity } : undefined;
}

async function askNewEntity(model: Model, name: string, defaultType?: string): Promise<NewEntity | undefined> {
  const title = 'New entity';
  const n = await vscode.window.showInputBox({ title: `${title} (1/4): name`, value: name, validateInput: (v) => (v.trim() ? undefined : 'a name is needed') });
  if (n === undefined) return undefined;
  const types = [...model.types.values()].map((t) => ({ label: t.label, description: t.id, detail: t.description, id: t.id }));
  const preferred = types.findIndex((t) => t.id === defaultType);
  if (preferred > 0) types.unshift(...types.splice(preferred, 1));
  const type = await vscode.window.showQuickPick(types, { title: `${title} (2/4): type` });
  if (!type) return undefined;
  const role = await vscode.window.showInputBox({
    title: `${title} (3/4): role or title as the article states it (optional)`,
    placeHolder: 'e.g. associate professor',
  });
  if (role === undefined) return undefined;
  const institutions = [...model.entities.values()]
    .filter((e) => e.type !== type.id)
    .map((e) => ({ label: e.name, description: model.types.get(e.type)?.label, id: e.id }));
  let affiliations: string[] = [];
  if (institutions.length) {
    const picked = await vscode.window.showQuickPick(institutions, {
      title: `${title} (4/4): affiliations (optional; Enter with none selected to skip)`,
      canPickMany: true,
    });
    if (!picked) return undefined;
    affiliations = picked.map((p) => p.id);
  }
  const e: NewEntity = { type: type.id, name: n.trim() };
  if (role.trim()) e.role = role.trim();
  if (affiliations.length) e.affiliations = affiliations;
  return e;
}

const MODES: { id: ClaimMode; label: string; detail: string }[] = [
  { id: 'direct-quote', label: 'Direct quote', detail: 'The speaker’s own words, in quotation marks' },
  { id: 'paraphrase', label: 'Paraphrase', detail: 'The speaker’s statement in the writer’s words' },
  { id: 'reported-statement', label: 'Reported statement', detail: 'A statement reported by an outlet (“X reported”, “according to”)' },
  { id: 'belief', label: 'Belief', detail: 'What someone believes, thinks or expects' },
];

const CUES = ['according to', 'reported', 'said', 'says', 'told', 'wrote', 'believes', 'thinks', 'argued', 'added', 'noted', 'warned'];

/** Asks for speaker, outlet or venue, mode, cue and summary. New entities get ids here so the chain can name them. */
async function askAttribution(
  model: Model,
  selected: string,
  current?: ClaimDef['attribution'],
  withSummary = true,
): Promise<{ attribution: ClaimDef['attribution']; newEntities: (NewEntity & { id: string })[]; summary?: string } | undefined> {
  const newEntities: (NewEntity & { id: string })[] = [];
  const taken = new Set([...model.entities.keys(), ...model.mentions.map((m) => m.id), ...model.claims.map((c) => c.id)]);
  const withId = (e: NewEntity): string => {
    const id = uniqueId(slug(e.name), taken);
    taken.add(id);
    newEntities.push({ ...e, id });
    return id;
  };
  const speakerNow = current?.chain.find((l) => l.role === 'speaker');
  const speakerPick = await pickEntity(
    model,
    `Claim: who said it?${speakerNow?.entity ? ` (now: ${model.entities.get(speakerNow.entity)?.name ?? speakerNow.entity})` : ''}`,
    '',
    { defaultType: 'person' },
  );
  if (!speakerPick || 'none' in speakerPick) return undefined;
  const chain: ChainLinkDef[] = [{ role: 'speaker', entity: 'id' in speakerPick ? speakerPick.id : withId(speakerPick.entity) }];

  const via = await vscode.window.showQuickPick(
    [
      { label: 'No outlet or venue', id: 'none' },
      { label: 'An outlet (a named medium that reported it)…', id: 'outlet' },
      { label: 'A venue (a briefing, essay, talk, interview)…', id: 'venue' },
    ],
    { title: 'Claim: through which outlet or venue?' },
  );
  if (!via) return undefined;
  if (via.id === 'outlet') {
    const outlet = await pickEntity(model, 'Claim: which outlet?', '', { defaultType: 'outlet' });
    if (!outlet || 'none' in outlet) return undefined;
    chain.push({ role: 'outlet', entity: 'id' in outlet ? outlet.id : withId(outlet.entity) });
  } else if (via.id === 'venue') {
    const label = await vscode.window.showInputBox({
      title: 'Claim: the venue, as the article names it',
      placeHolder: 'e.g. a media briefing',
      validateInput: (v) => (v.trim() ? undefined : 'a label is needed'),
    });
    if (label === undefined) return undefined;
    const kind = await vscode.window.showInputBox({ title: 'Claim: what kind of venue (optional)', placeHolder: 'briefing, essay, virtual talk, interview' });
    if (kind === undefined) return undefined;
    chain.push({ role: 'venue', label: label.trim(), ...(kind.trim() ? { kind: kind.trim() } : {}) });
  }

  const modes = MODES.map((m) => ({ ...m, picked: m.id === current?.mode }));
  const mode = await vscode.window.showQuickPick(modes, { title: 'Claim: how is it attributed?' });
  if (!mode) return undefined;
  const guess = current?.cue ?? CUES.find((c) => new RegExp(`\\b${c}\\b`, 'i').test(selected));
  const cue = await vscode.window.showInputBox({
    title: 'Claim: the attribution cue in the text (optional)',
    value: guess ?? '',
    placeHolder: 'said, told, according to',
  });
  if (cue === undefined) return undefined;
  let summary: string | undefined;
  if (withSummary) {
    summary = await vscode.window.showInputBox({ title: 'Claim: one line saying what is claimed (optional)' });
    if (summary === undefined) return undefined;
  }
  const attribution: ClaimDef['attribution'] = { mode: mode.id, chain, ...(cue.trim() ? { cue: cue.trim() } : {}) };
  return { attribution, newEntities, ...(summary?.trim() ? { summary: summary.trim() } : {}) };
}

// ---- the commands -------------------------------------------------------------------------------------------

const ok = (outcome: EditOutcome): EditResult => ({ ok: true, created: outcome.created, changed: outcome.replacement !== undefined });

export function registerEditing(deps: EditingDeps): vscode.Disposable {
  const { store, readers, log } = deps;

  /** Runs a command body: user errors become one clear message (and the result), nothing thrown into VS Code. */
  const command =
    (name: string, body: (args: EditingArgs, raw: unknown) => Promise<EditResult>) =>
    async (raw?: unknown): Promise<EditResult> => {
      try {
        return await body(parseArgs(raw), raw);
      } catch (e) {
        const message = errorMessage(e);
        if (e instanceof UserError) void vscode.window.showWarningMessage(`Marginalia: ${message}`);
        else {
          log.error(`${name}: ${message}`);
          void vscode.window.showErrorMessage(`Marginalia: ${name} failed: ${message}`);
        }
        return { ok: false, message };
      }
    };

  const revealCreated = (reading: Reading, created: string[]): void => {
    const last = created[created.length - 1];
    if (!last) return;
    // After the store re-reads the file, show the new item in the reader (if one is open).
    const sub = store.onDidChange((r) => {
      if (r !== reading || !r.model) return;
      sub.dispose();
      const kind = r.model.claims.some((c) => c.id === last) ? 'claim' : r.model.mentions.some((m) => m.id === last) ? 'mention' : 'entity';
      readers.reveal(r, { kind, id: last });
    });
    setTimeout(() => sub.dispose(), 10_000);
  };

  const annotateMention = command('Annotate as Mention', async (args) => {
    const t = await selectionTarget(deps, args);
    const selected = t.model.text.slice(t.start, t.end);
    let entity = args.entity;
    let newEntity = args.newEntity;
    if (!entity && !newEntity) {
      const pick = await pickEntity(t.model, `Annotate “${short(selected)}” as a mention of…`, selected);
      if (!pick || 'none' in pick) return undefined;
      if ('id' in pick) entity = pick.id;
      else newEntity = pick.entity;
    }
    const selector = selectorOf(t);
    const outcome = await applyToFile(t.reading.uri, (text) => addMentions(text, [{ entity: entity ?? '', selector }], newEntity));
    revealCreated(t.reading, outcome.created);
    return ok(outcome);
  });

  const annotateAll = command('Annotate All Occurrences', async (args) => {
    let reading: Reading | undefined;
    let entityId = args.entity ?? args.id;
    if (entityId) reading = await readingWithItem(deps, args, entityId);
    else {
      const t = await selectionTarget(deps, args);
      reading = t.reading;
      const selected = t.model.text.slice(t.start, t.end);
      const lower = selected.toLowerCase();
      const match = [...t.model.entities.values()].find((e) => e.name.toLowerCase() === lower || (e.aliases ?? []).some((a) => a.toLowerCase() === lower));
      const pick = await vscode.window.showQuickPick(
        entityItems(t.model, (e) => e === match),
        { title: 'Annotate all occurrences of which entity?' },
      );
      entityId = pick?.id;
    }
    if (!reading || !entityId) return undefined;
    const model = await freshModel(deps, reading);
    const e = model.entities.get(entityId);
    if (!e) throw new UserError(`no entity "${entityId}" in ${fileName(reading.uri)}`);
    const map = new OffsetMap(model.text);
    const taken = model.mentions
      .filter((m) => m.anchor.start !== undefined && m.anchor.end !== undefined)
      .map((m) => ({ start: map.toUtf16(m.anchor.start as number), end: map.toUtf16(m.anchor.end as number) }));
    const found = findOccurrences(model.text, [e.name, ...(e.aliases ?? [])], taken);
    if (found.length === 0) {
      void vscode.window.showInformationMessage(`Marginalia: no unannotated occurrence of ${e.name} or its aliases.`);
      return { ok: true, created: [], changed: false };
    }
    let accepted: { start: number; end: number }[];
    if (args.accept) accepted = found.filter((_, i) => args.accept?.includes(i));
    else {
      const items = found.map((r, i) => ({ label: `${i + 1}. …${context(model.text, r.start, r.end)}…`, picked: true, r }));
      const pick = await vscode.window.showQuickPick(items, {
        title: `Annotate ${found.length} occurrence(s) of ${e.name}: review each, untick the wrong ones`,
        canPickMany: true,
        matchOnDescription: true,
        onDidSelectItem: (item) => {
          const r = (item as (typeof items)[number]).r;
          void revealRange(reading, r.start, r.end);
        },
      });
      if (!pick) return undefined;
      accepted = pick.map((p) => p.r);
    }
    if (accepted.length === 0) return { ok: true, created: [], changed: false };
    const mentions = accepted.map((r) => ({ entity: entityId, selector: selectorsFor(map, r.start, r.end) as Selector[] }));
    const outcome = await applyToFile(reading.uri, (text) => addMentions(text, mentions));
    return ok(outcome);
  });

  /** Shows a range of a reading's text in an open editor of its article, if there is one. */
  const revealRange = async (reading: Reading, start: number, end: number): Promise<void> => {
    const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === reading.articleUri?.toString());
    if (!editor) return;
    const doc = editor.document;
    const crlf = doc.eol === vscode.EndOfLine.CRLF;
    const pos = (o: number): vscode.Position => {
      if (!crlf) return doc.positionAt(o);
      const lf = doc.positionAt(o);
      return doc.positionAt(o + lf.line);
    };
    const range = new vscode.Range(pos(start), pos(end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const addClaimCmd = command('Add Claim', async (args) => {
    const t = await selectionTarget(deps, args);
    const selected = t.model.text.slice(t.start, t.end);
    let attribution = args.attribution;
    let newEntities = args.newEntities ?? [];
    let summary = args.summary;
    if (!attribution) {
      const answers = await askAttribution(t.model, selected);
      if (!answers) return undefined;
      ({ attribution, newEntities } = answers);
      summary = answers.summary;
    }
    const selector = selectorOf(t);
    const claim = {
      selector,
      mode: attribution.mode,
      chain: attribution.chain,
      ...(attribution.cue ? { cue: attribution.cue } : {}),
      ...(summary ? { summary } : {}),
    };
    const outcome = await applyToFile(t.reading.uri, (text) => addClaim(text, claim, newEntities));
    revealCreated(t.reading, outcome.created);
    return ok(outcome);
  });

  /** The item the user means: from the argument, else the mentions/claims under the selection, else a pick. */
  const pickItem = async (
    args: EditingArgs,
    kinds: ('entity' | 'mention' | 'claim')[],
    title: string,
    atSelection = true,
  ): Promise<{ reading: Reading; model: Model; id: string } | undefined> => {
    if (args.id) {
      const reading = await readingWithItem(deps, args, args.id);
      if (!reading) throw new UserError(`no open reading has "${args.id}"`);
      return { reading, model: await freshModel(deps, reading), id: args.id };
    }
    const reading = await readingFor(deps, args);
    if (!reading) throw new UserError('open an annotated reading first');
    const model = await freshModel(deps, reading);
    let here: { start: number; end: number } | undefined;
    if (atSelection) {
      try {
        const t = await selectionTarget(deps, args);
        if (t.reading === reading) here = { start: t.start, end: t.end };
      } catch {
        // No selection: pick from everything.
      }
    }
    const map = new OffsetMap(model.text);
    const overlaps = (a: { anchor: { start?: number; end?: number } }): boolean =>
      !here || (a.anchor.start !== undefined && a.anchor.end !== undefined && map.toUtf16(a.anchor.start) < here.end && here.start < map.toUtf16(a.anchor.end));
    const items: (vscode.QuickPickItem & { id: string })[] = [];
    if (kinds.includes('claim'))
      for (const c of model.claims.filter(overlaps))
        items.push({ label: `$(comment-discussion) ${short(quoteText(model, c), 70)}`, description: `claim · ${c.speaker?.name ?? ''}`, id: c.id });
    if (kinds.includes('mention'))
      for (const m of model.mentions.filter(overlaps))
        items.push({ label: `$(symbol-field) ${short(quoteText(model, m), 50)}`, description: `mention of ${m.entity?.name ?? m.def.entity}`, id: m.id });
    if (kinds.includes('entity')) {
      const entityIds = here ? new Set(model.mentions.filter(overlaps).map((m) => m.def.entity)) : undefined;
      for (const e of model.entities.values())
        if (!entityIds || entityIds.has(e.id))
          items.push({ label: `$(symbol-class) ${e.name}`, description: `entity · ${model.types.get(e.type)?.label ?? e.type}`, id: e.id });
    }
    if (items.length === 0) throw new UserError(here ? 'nothing of that kind is annotated at the selection' : 'nothing to pick');
    if (items.length === 1 && here) return { reading, model, id: (items[0] as { id: string }).id };
    const pick = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
    return pick ? { reading, model, id: pick.id } : undefined;
  };

  const editEntity = command('Edit Entity', async (args) => {
    const picked = await pickItem(args, ['entity'], 'Edit which entity?');
    if (!picked) return undefined;
    // A mention (a row, or the item under the mouse in the reader) stands for its entity.
    const target = { ...picked, id: picked.model.mentions.find((m) => m.id === picked.id)?.def.entity ?? picked.id };
    if (args.patch) return ok(await applyToFile(target.reading.uri, (text) => updateEntity(text, target.id, args.patch as EntityPatch)));
    // One field at a time, each its own undoable edit; Escape ends.
    let last: EditResult;
    for (;;) {
      const model = await freshModel(deps, target.reading);
      const e = model.entities.get(target.id);
      if (!e) throw new UserError(`entity "${target.id}" is gone`);
      const fields = [
        { label: 'Name', description: e.name, key: 'name' },
        { label: 'Type', description: model.types.get(e.type)?.label ?? e.type, key: 'type' },
        { label: 'Aliases', description: (e.aliases ?? []).join(', ') || '—', key: 'aliases' },
        { label: 'Role', description: e.role ?? '—', key: 'role' },
        { label: 'Affiliations', description: (e.affiliations ?? []).map((a) => model.entities.get(a)?.name ?? a).join(', ') || '—', key: 'affiliations' },
        { label: 'Description', description: e.description ?? '—', key: 'description' },
      ] as const;
      const field = await vscode.window.showQuickPick(fields, { title: `Edit ${e.name} (Escape when done)` });
      if (!field) return last;
      let patch: EntityPatch | undefined;
      if (field.key === 'type') {
        const t = await vscode.window.showQuickPick(
          [...model.types.values()].map((x) => ({ label: x.label, description: x.id, id: x.id, picked: x.id === e.type })),
          { title: `Type of ${e.name}` },
        );
        if (t) patch = { type: t.id };
      } else if (field.key === 'affiliations') {
        const picked = await vscode.window.showQuickPick(
          [...model.entities.values()]
            .filter((x) => x.id !== e.id)
            .map((x) => ({ label: x.name, description: model.types.get(x.type)?.label, id: x.id, picked: (e.affiliations ?? []).includes(x.id) })),
          { title: `Affiliations of ${e.name}`, canPickMany: true },
        );
        if (picked) patch = { affiliations: picked.map((p) => p.id) };
      } else {
        const value = field.key === 'aliases' ? (e.aliases ?? []).join(', ') : (e[field.key] ?? '');
        const v = await vscode.window.showInputBox({
          title: `${field.label} of ${e.name}${field.key === 'aliases' ? ' (comma-separated)' : ''}`,
          value,
          validateInput: (x) => (field.key === 'name' && !x.trim() ? 'a name is needed' : undefined),
        });
        if (v !== undefined)
          patch =
            field.key === 'aliases'
              ? {
                  aliases: v
                    .split(',')
                    .map((s) => s.trim())
                    .filter((s) => s),
                }
              : { [field.key]: v.trim() || null };
      }
      if (patch) last = ok(await applyToFile(target.reading.uri, (text) => updateEntity(text, target.id, patch as EntityPatch)));
    }
  });

  const editAttribution = command('Edit Claim Attribution', async (args) => {
    const target = await pickItem(args, ['claim'], 'Change the attribution of which claim?');
    if (!target) return undefined;
    const claim = target.model.claims.find((c) => c.id === target.id);
    if (!claim) throw new UserError(`"${target.id}" is not a claim`);
    let attribution = args.attribution;
    let newEntities = args.newEntities ?? [];
    if (!attribution) {
      const answers = await askAttribution(target.model, quoteText(target.model, claim), claim.def.attribution, false);
      if (!answers) return undefined;
      ({ attribution, newEntities } = answers);
    }
    const a = attribution;
    return ok(await applyToFile(target.reading.uri, (text) => setAttribution(text, target.id, a, newEntities)));
  });

  const deleteAnnotation = command('Delete Annotation', async (args) => {
    const target = await pickItem(args, ['mention', 'claim', 'entity'], 'Delete which annotation?');
    if (!target) return undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.reading.uri.toString());
    const text = doc?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(target.reading.uri));
    let refs: ReturnType<typeof referencesTo>;
    let kind: ReturnType<typeof kindOf>;
    try {
      refs = referencesTo(text, target.id);
      kind = kindOf(text, target.id);
    } catch (e) {
      throw new UserError(`${fileName(target.reading.uri)}: ${errorMessage(e)}`);
    }
    if (!kind) throw new UserError(`nothing with id "${target.id}" in ${fileName(target.reading.uri)}`);
    if (refs.length && !args.confirm) {
      const count = (w: string): number => refs.filter((r) => r.what === w).length;
      const parts = [
        [count('mention'), 'mention(s) are deleted'],
        [count('chain'), 'claim attribution(s) keep its name as a label'],
        [count('affiliation'), 'affiliation(s) are removed'],
        [count('relation'), 'relation(s) are deleted'],
        [count('contradicts') + count('supports'), 'contradicts/supports reference(s) are removed'],
      ]
        .filter(([n]) => (n as number) > 0)
        .map(([n, s]) => `${n} ${s}`);
      const name = kind === 'entities' ? (target.model.entities.get(target.id)?.name ?? target.id) : target.id;
      const answer = await vscode.window.showWarningMessage(
        `Delete ${kind === 'entities' ? 'entity' : kind.replace(/s$/, '')} “${name}”? Others point to it: ${parts.join('; ')}.`,
        { modal: true, detail: 'One Undo in the annotation file restores everything.' },
        'Delete',
      );
      if (answer !== 'Delete') return undefined;
    }
    return ok(await applyToFile(target.reading.uri, (t) => deleteById(t, target.id)));
  });

  /** Re-attaches a mention or claim to the current selection. */
  const reanchor = command('Re-anchor', async (args) => {
    const item = await pickItem(args, ['mention', 'claim'], 'Re-anchor which annotation to the selection?', false);
    if (!item) return undefined;
    const t = await selectionTarget(deps, { ...args, file: item.reading.uri.toString() });
    if (t.reading !== item.reading) throw new UserError('the selection is in another article');
    const kind = item.model.claims.some((c) => c.id === item.id) ? 'claims' : 'mentions';
    const selector = selectorOf(t);
    return ok(await applyToFile(item.reading.uri, (text) => setSelectors(text, [{ kind, id: item.id, selector }])));
  });

  /** Accepts where anchoring found an item now (relocated or fuzzy): its selectors are rewritten there. */
  const acceptAnchor = command('Accept New Place', async (args) => {
    if (!args.id) throw new UserError('which annotation?');
    const reading = await readingWithItem(deps, args, args.id);
    if (!reading) throw new UserError(`no open reading has "${args.id}"`);
    const model = await freshModel(deps, reading);
    const update = selectorUpdate(model, args.id);
    if (!update) throw new UserError(`"${args.id}" has no place to accept (it is an orphan: re-attach it to a selection instead)`);
    return ok(await applyToFile(reading.uri, (text) => setSelectors(text, [update])));
  });

  /** Writes back every exact relocation as one edit; records the article hash when nothing fuzzy is left. */
  const acceptAll = command('Accept All Exact Relocations', async (args) => {
    const relocated = (r: Reading): boolean => !!r.model && [...r.model.mentions, ...r.model.claims].some((x) => x.anchor.status === 'relocated');
    let reading = await readingFor(deps, args);
    if (!reading || (!args.file && !relocated(reading))) {
      const candidates = store.all().filter(relocated);
      reading =
        candidates.length <= 1
          ? (candidates[0] ?? reading)
          : (
              await vscode.window.showQuickPick(
                candidates.map((r) => ({ label: fileName(r.uri), description: vscode.workspace.asRelativePath(r.uri), r })),
                { title: 'Accept the relocations of which reading?' },
              )
            )?.r;
    }
    if (!reading) throw new UserError('open an annotated reading first');
    const model = await freshModel(deps, reading);
    const items = [...model.mentions, ...model.claims].filter((x) => x.anchor.status === 'relocated');
    const updates = items.map((x) => selectorUpdate(model, x.id)).filter((u): u is SelectorUpdate => u !== undefined);
    const fuzzy = [...model.mentions, ...model.claims].some((x) => x.anchor.status === 'fuzzy');
    if (updates.length === 0 && fuzzy) throw new UserError('no exact relocation to accept; review the fuzzy anchors one by one');
    return ok(await applyToFile(reading.uri, (text) => setSelectors(text, updates, fuzzy ? undefined : model.text)));
  });

  /** Quick Fix: creates an entity for a dangling id (asks the type unless given). */
  const createEntity = command('Create Entity', async (args) => {
    if (!args.file || !args.id) throw new UserError('which file and id?');
    const reading = await store.open(vscode.Uri.parse(args.file, true));
    const model = reading.model;
    let type = args.newEntity?.type;
    if (!type) {
      const pick = await vscode.window.showQuickPick(model ? [...model.types.values()].map((t) => ({ label: t.label, description: t.id, id: t.id })) : [], {
        title: `Type of the new entity "${args.id}"`,
      });
      if (!pick) return undefined;
      type = pick.id;
    }
    const name = args.newEntity?.name ?? (await vscode.window.showInputBox({ title: `Name of "${args.id}"`, value: args.id.replace(/-/g, ' ') }));
    if (!name) return undefined;
    const id = args.id;
    return ok(await applyToFile(reading.uri, (text) => addMentions(text, [], { id, type, name })));
  });

  return vscode.Disposable.from(
    vscode.commands.registerCommand(EditingCommands.annotateMention, annotateMention),
    vscode.commands.registerCommand(EditingCommands.annotateAll, annotateAll),
    vscode.commands.registerCommand(EditingCommands.addClaim, addClaimCmd),
    vscode.commands.registerCommand(EditingCommands.editEntity, editEntity),
    vscode.commands.registerCommand(EditingCommands.editAttribution, editAttribution),
    vscode.commands.registerCommand(EditingCommands.deleteAnnotation, deleteAnnotation),
    vscode.commands.registerCommand(EditingCommands.reanchor, reanchor),
    vscode.commands.registerCommand(EditingCommands.acceptAnchor, acceptAnchor),
    vscode.commands.registerCommand(EditingCommands.acceptAllRelocations, acceptAll),
    vscode.commands.registerCommand(EditingCommands.createEntity, createEntity),
  );
}

/** New selectors at where an item is anchored now; undefined for orphans. */
export function selectorUpdate(model: Model, id: string): SelectorUpdate | undefined {
  const item: ResolvedMention | ResolvedClaim | undefined = model.mentions.find((m) => m.id === id) ?? model.claims.find((c) => c.id === id);
  if (!item || item.anchor.start === undefined || item.anchor.end === undefined) return undefined;
  const map = new OffsetMap(model.text);
  const kind = model.claims.includes(item as ResolvedClaim) ? 'claims' : 'mentions';
  return { kind, id, selector: selectorsFor(map, map.toUtf16(item.anchor.start), map.toUtf16(item.anchor.end)) };
}

function quoteText(model: Model, item: ResolvedMention | ResolvedClaim): string {
  if (item.anchor.start !== undefined && item.anchor.end !== undefined) {
    const map = new OffsetMap(model.text);
    return model.text.slice(map.toUtf16(item.anchor.start), map.toUtf16(item.anchor.end));
  }
  return item.def.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? item.id;
}

function short(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function context(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 30), start).replace(/\s+/g, ' ');
  const after = text.slice(end, end + 30).replace(/\s+/g, ' ');
  return `${before}[${text.slice(start, end)}]${after}`;
}
