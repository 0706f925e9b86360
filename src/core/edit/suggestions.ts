// Reviewing suggestions (src/core/suggest) as edits of the annotation file. Accepting a batch (one suggestion,
// or "accept all in this group") is one edit made of the existing edit functions (addEntity, addMentions,
// addClaim), so it is validated, minimal and undoable like every other edit; new entities are created first,
// once, and named by id in what follows; names already in the file are reused. Rejecting appends to the file's
// `rejectedSuggestions` (docs/format.md), anchored with the same selectors as mentions and claims, so a
// rejection follows the text through edits.

import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser/lib/esm/main.js';
import type { ChainLinkDef, EntityDef, RejectedSuggestionDef } from '../model';
import { parseAnnotationFile } from '../parse';
import type { ClaimSuggestion, MentionSuggestion, SuggestedEntity, Suggestion } from '../suggest/types';
import { OffsetMap, selectorsFor } from '../text';
import { addClaim, addEntity, addMentions, type NewMention } from './actions';
import { validate } from './draft';
import { slug, uniqueId } from './ids';
import { detectFormat, EditError, idsIn, minimalReplacement, type EditOutcome } from './text';

/** Edits the user made before accepting (Enter in the reader): another type, speaker or span. */
export interface AcceptEdits {
  type?: string;
  /** A new speaker for a claim, by name (an entity of the file, or a new one of `speakerType`). */
  speaker?: string;
  speakerType?: string;
  start?: number;
  end?: number;
}

const norm = (s: string): string => s.trim().toLowerCase();

class Batch {
  text: string;
  readonly created: string[] = [];
  private readonly byName = new Map<string, string>();
  constructor(
    readonly original: string,
    private readonly map: OffsetMap,
  ) {
    this.text = original;
    const file = parseAnnotationFile(original).file;
    if (!file) throw new EditError('the annotation file cannot be read; fix it first (see the Problems panel)');
    for (const e of file.entities) for (const n of [e.name, ...(e.aliases ?? [])]) if (!this.byName.has(norm(n))) this.byName.set(norm(n), e.id);
  }

  selector(start: number, end: number): ReturnType<typeof selectorsFor> {
    if (end <= start || end > this.map.codePointLength) throw new EditError(`the span ${start}–${end} is not in the article (it may have changed meanwhile)`);
    return selectorsFor(this.map, this.map.toUtf16(start), this.map.toUtf16(end));
  }

  /** The id of an entity by name, creating it (and its affiliation) when the file has none by that name. */
  entity(e: Pick<SuggestedEntity, 'name' | 'type'> & Partial<SuggestedEntity>): string {
    if (e.id !== undefined) return e.id;
    const found = this.byName.get(norm(e.name));
    if (found) return found;
    const affiliation = e.affiliation && e.affiliationType ? this.entity({ name: e.affiliation, type: e.affiliationType }) : undefined;
    const id = uniqueId(slug(e.name), idsIn(this.text));
    const def: EntityDef = { id, type: e.type, name: e.name };
    if (e.aliases?.length) def.aliases = [...e.aliases];
    if (e.role) def.role = e.role;
    if (affiliation) def.affiliations = [affiliation];
    this.text = addEntity(this.text, def).text;
    this.created.push(id);
    for (const n of [e.name, ...(e.aliases ?? [])]) this.byName.set(norm(n), id);
    return id;
  }

  outcome(): EditOutcome {
    validate(this.original, this.text);
    return { text: this.text, replacement: minimalReplacement(this.original, this.text), created: this.created };
  }
}

function chainOf(batch: Batch, s: ClaimSuggestion, edits: AcceptEdits): ChainLinkDef[] {
  return s.chain.map((l, i) => {
    if (i === 0 && l.role === 'speaker' && edits.speaker)
      return { role: 'speaker', entity: batch.entity({ name: edits.speaker, type: edits.speakerType ?? l.type ?? s.speaker.type ?? '' }) };
    const link: ChainLinkDef = { role: l.role };
    if (l.id !== undefined || l.type !== undefined) link.entity = batch.entity({ name: l.name, type: l.type ?? '', ...(l.id ? { id: l.id } : {}) });
    if (l.label !== undefined) link.label = l.label;
    if (l.kind !== undefined) link.kind = l.kind;
    if (link.entity === undefined && link.label === undefined) link.label = l.name;
    return link;
  });
}

/**
 * One edit accepting every suggestion given (in order), with `edits` applied when there is exactly one.
 * Throws EditError (and changes nothing) when the file or a suggestion no longer fits.
 */
export function acceptSuggestions(fileText: string, articleText: string, suggestions: readonly Suggestion[], edits: AcceptEdits = {}): EditOutcome {
  if (suggestions.length === 0) throw new EditError('nothing to accept');
  const batch = new Batch(fileText, new OffsetMap(articleText));
  const one = suggestions.length === 1 ? edits : {};
  const mentions: NewMention[] = [];
  for (const s of suggestions) {
    const start = one.start ?? s.start;
    const end = one.end ?? s.end;
    if (s.kind === 'mention') {
      const e: MentionSuggestion['entity'] = one.type && !s.entity.id ? { ...s.entity, type: one.type } : s.entity;
      mentions.push({ entity: batch.entity(e), selector: batch.selector(start, end) });
    }
  }
  if (mentions.length) {
    const out = addMentions(batch.text, mentions);
    batch.text = out.text;
    batch.created.push(...out.created);
  }
  for (const s of suggestions) {
    if (s.kind !== 'claim') continue;
    const chain = chainOf(batch, s, one);
    const out = addClaim(batch.text, { selector: batch.selector(one.start ?? s.start, one.end ?? s.end), mode: s.mode, chain, cue: s.cue });
    batch.text = out.text;
    batch.created.push(...out.created);
  }
  return batch.outcome();
}

/** What a person reading the file sees of the rejected suggestion. */
export function rejectionLabel(s: Suggestion): string {
  return s.kind === 'mention' ? `${s.entity.name} (${s.entity.type})` : `claim by ${s.speaker.name} (${s.mode})`;
}

export function rejectSuggestions(fileText: string, articleText: string, suggestions: readonly Suggestion[]): EditOutcome {
  if (suggestions.length === 0) throw new EditError('nothing to reject');
  const root = parseTree(fileText, [], { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object') throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  const map = new OffsetMap(articleText);
  const format = detectFormat(fileText);
  let text = fileText;
  for (const s of suggestions) {
    if (s.end <= s.start || s.end > map.codePointLength)
      throw new EditError(`the span ${s.start}–${s.end} is not in the article (it may have changed meanwhile)`);
    const def: RejectedSuggestionDef = { kind: s.kind, selector: selectorsFor(map, map.toUtf16(s.start), map.toUtf16(s.end)), label: rejectionLabel(s) };
    const arr = findNodeAtLocation(parseTree(text) ?? root, ['rejectedSuggestions']);
    if (arr && arr.type !== 'array') throw new EditError('`rejectedSuggestions` is not an array in this file');
    const path = arr ? ['rejectedSuggestions', arr.children?.length ?? 0] : ['rejectedSuggestions'];
    text = applyEdits(text, modify(text, path, arr ? def : [def], { formattingOptions: format, isArrayInsertion: arr !== undefined }));
  }
  validate(fileText, text);
  return { text, replacement: minimalReplacement(fileText, text), created: [] };
}
