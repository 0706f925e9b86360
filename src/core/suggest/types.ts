// The suggester's input and output. Everything here is plain data (structured-clone safe), so the engine can
// run in a worker thread: text and spans in, suggestions out. Offsets are code points over the normalized
// article text, as in the annotation file.

import type { ChainRole, ClaimMode, EntityTypeDef } from '../model';

/** What the suggester can tell things apart as; mapped onto the file's own types by typemap.ts. */
export type Category = 'person' | 'analyst' | 'official' | 'institution' | 'outlet' | 'place' | 'event' | 'treaty' | 'weapon' | 'unnamed-source';

export type SuggestionSource = 'registry' | 'nlp' | 'rules';

/** An entity the suggester may match: one of this file's (with `id`) or of another annotation file. */
export interface KnownEntity {
  /** Its id in this file; absent for an entity from another file of the workspace. */
  id?: string;
  name: string;
  /** A type id of this file, or (for another file's entity) of that file. */
  type: string;
  aliases?: string[];
  role?: string;
  /** Names of its affiliations, for the suggestion's `affiliation`. */
  affiliations?: string[];
  /** The annotation file it comes from, when it is not this one. */
  origin?: string;
  /** Its category when known (another file's type may not exist here). */
  category?: Category;
}

export interface Span {
  start: number;
  end: number;
}

export interface RejectedSpan extends Span {
  kind: 'mention' | 'claim';
}

export interface SuggestInput {
  /** The normalized article text. */
  text: string;
  /** The file's types (suggestions use their ids). */
  types: readonly EntityTypeDef[];
  entities: readonly KnownEntity[];
  /** Annotated mentions and claims (code points): never suggested again. */
  mentions: readonly (Span & { entity?: string })[];
  claims: readonly Span[];
  /** Rejected suggestions, anchored in the current text. */
  rejected: readonly RejectedSpan[];
}

export interface SuggestedEntity {
  /** Its id in this file, when it is already there. */
  id?: string;
  name: string;
  /** A type id of this file. */
  type: string;
  category: Category;
  /** Other names the text uses for it ("Chong", "VOA"). */
  aliases?: string[];
  role?: string;
  /** The institution the text gives it ("a senior fellow at the …"), by name. */
  affiliation?: string;
  /** The type the affiliation would get as a new entity. */
  affiliationType?: string;
  /** Where it comes from when it is another file's entity. */
  origin?: string;
}

interface Common {
  /** Stable within one run and across runs on the same text: kind, span and what is proposed. */
  key: string;
  start: number;
  end: number;
  exact: string;
  /** 0..1: how sure the rule that made it is. */
  score: number;
  source: SuggestionSource;
  /** One sentence saying why, for the tooltip. */
  why: string;
}

export interface MentionSuggestion extends Common {
  kind: 'mention';
  entity: SuggestedEntity;
}

export interface SuggestedLink {
  role: ChainRole;
  name: string;
  id?: string;
  /** For a venue that is no entity ("a media briefing"). */
  label?: string;
  kind?: string;
  /** The type a new entity in this link would get. */
  type?: string;
}

export interface ClaimSuggestion extends Common {
  kind: 'claim';
  speaker: { id?: string; name: string; type?: string };
  chain: SuggestedLink[];
  mode: ClaimMode;
  cue: string;
}

export type Suggestion = MentionSuggestion | ClaimSuggestion;

export interface SuggestResult {
  suggestions: Suggestion[];
  /** Types the suggester could not map onto the file's types (their suggestions are left out). */
  unmapped: Category[];
}

export type { EntityTypeDef };
