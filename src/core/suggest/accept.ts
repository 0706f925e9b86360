// Accepting suggestions: each batch (one suggestion, or "accept all in this group") becomes one edit of the
// annotation file made of the existing edit functions (addEntity, addMentions, addClaim), so it is validated,
// minimal and undoable like every other edit. New entities are created first, once, and named by id in the
// mentions and claims that follow; names already in the file are reused.

import { addClaim, addEntity, addMentions, EditError, idsIn, minimalReplacement, slug, uniqueId, validate, type EditOutcome, type NewMention } from '../edit';
import type { ChainLinkDef, EntityDef } from '../model';
import { parseAnnotationFile } from '../parse';
import { OffsetMap, selectorsFor } from '../text';
import type { ClaimSuggestion, MentionSuggestion, SuggestedEntity, Suggestion } from './types';

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
