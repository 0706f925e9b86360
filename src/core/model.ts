// The annotation file format (`*.annotations.json`, format version 1) and the resolved model built from it.
// The file is the user's: every type here mirrors docs/format.md and media/schema/annotations.schema.json.
// Offsets are Unicode code points over the *normalized* article text (UTF-8, BOM removed, CRLF/CR -> LF).

/** W3C Web Annotation TextQuoteSelector: the truth of where an annotation is. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** W3C Web Annotation TextPositionSelector: a hint, in code points, end exclusive. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** A non-colour cue so types stay distinguishable without colour vision. */
export type TypeCue = 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy' | 'box' | 'bold' | 'italic';

export interface EntityTypeDef {
  id: string;
  label: string;
  /** `#rrggbb`, used as a tint over theme colours. */
  color: string;
  cue: TypeCue;
  /** A codicon name (e.g. `person`, `organization`). */
  icon?: string;
  /** The type this refines: `analyst` refines `person`. */
  parent?: string;
  description?: string;
}

export interface ExternalLink {
  /** http(s) only; anything else is reported and never opened. */
  url: string;
  label?: string;
}

export interface EntityDef {
  id: string;
  type: string;
  name: string;
  aliases?: string[];
  /** Role or title as the article states it: "associate professor". */
  role?: string;
  /** Entity ids of institutions the entity belongs to. */
  affiliations?: string[];
  description?: string;
  sameAs?: ExternalLink[];
}

export interface MentionDef {
  id: string;
  entity: string;
  selector: Selector[];
}

export type ClaimMode = 'direct-quote' | 'paraphrase' | 'reported-statement' | 'belief';

/** speaker: who made it; outlet: the medium that reported it; venue: briefing, essay, talk, interview. */
export type ChainRole = 'speaker' | 'outlet' | 'venue';

export interface ChainLinkDef {
  role: ChainRole;
  /** An entity id; unnamed sources ("analysts say") are entities of an unnamed-source type. */
  entity?: string;
  /** For a venue that is no named entity: "a media briefing", "an essay". */
  label?: string;
  /** What kind of venue or outlet: "briefing", "essay", "virtual talk", "interview", "news service". */
  kind?: string;
}

export interface ClaimDef {
  id: string;
  selector: Selector[];
  /** One line saying what is claimed, in the annotator's words. */
  summary?: string;
  attribution: {
    mode: ClaimMode;
    /** In order of transmission: speaker first, then the venue or outlet it came through. */
    chain: ChainLinkDef[];
    /** The attribution cue in the text: "said", "told", "according to". */
    cue?: string;
  };
  /** Claims this one contradicts or supports, by id. */
  contradicts?: string[];
  supports?: string[];
}

export interface RelationDef {
  id: string;
  type: string;
  subject: string;
  object: string;
}

export interface ArticleRef {
  /** Path of the article, relative to the annotation file, with `/` separators. */
  path: string;
  title?: string;
  /** `fnv1a64:<hex>` of the normalized text, so an unchanged article is detected in O(1). */
  hash?: string;
  /** Length of the normalized text in code points. */
  length?: number;
}

/** A suggestion the user rejected, so the suggester does not offer it again (see docs/format.md). */
export interface RejectedSuggestionDef {
  kind: 'mention' | 'claim';
  /** Where it was: the quote is the truth, as for mentions and claims. */
  selector: Selector[];
  /** What was proposed, for people reading the file: "Alan Chong (analyst)". */
  label?: string;
}

export interface AnnotationFile {
  /** Format version. */
  marginalia: 1;
  article: ArticleRef;
  types: EntityTypeDef[];
  entities: EntityDef[];
  mentions: MentionDef[];
  claims: ClaimDef[];
  relations?: RelationDef[];
  /** Suggestions rejected in review; they are not offered again. */
  rejectedSuggestions?: RejectedSuggestionDef[];
  /** Conflicts a merge could not decide (`marginalia merge`), kept until they are resolved. */
  conflicts?: ConflictDef[];
  /** Anything else is preserved untouched on round trip. */
  [unknown: string]: unknown;
}

/**
 * One conflict left by a three-way merge (docs/collaboration.md): the file holds the `kept` side's version
 * of the value at `path` in the item (or in the file, for `kind: "file"`); `base`, `ours` and `theirs` are
 * the three versions, each absent where that side has no value there (deleted, or never added).
 */
export interface ConflictDef {
  id: string;
  kind: 'types' | 'entities' | 'mentions' | 'claims' | 'relations' | 'file';
  /** The item's id; absent for `kind: "file"`. */
  item?: string;
  /** Inside the item (or the file); empty for the whole item. */
  path: (string | number)[];
  base?: unknown;
  ours?: unknown;
  theirs?: unknown;
  kept: 'ours' | 'theirs';
  message?: string;
}

// ---- Problems --------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  severity: Severity;
  /** A stable code, e.g. `duplicate-id`, `dangling-reference`, `quote-mismatch`. */
  code: string;
  message: string;
  /** JSON path into the file, e.g. `["mentions", 3, "entity"]`. */
  path: (string | number)[];
  /** 1-based line and column in the annotation file (UTF-16 columns, as editors count). */
  line: number;
  column: number;
  /** 0-based UTF-16 offset and length in the annotation file, for editor ranges. */
  offset: number;
  length: number;
}

// ---- Anchoring -------------------------------------------------------------------------------------

export type AnchorStatus = 'anchored' | 'relocated' | 'fuzzy' | 'orphan';

export interface Anchor {
  status: AnchorStatus;
  /** Code-point range in the current normalized text; absent for orphans. */
  start?: number;
  end?: number;
  /** 0..1 similarity for fuzzy anchors (1 = exact). */
  score?: number;
  /**
   * How it was found: at its stored position, `mapped` through known edits (an editor's changes or a diff of the
   * previous text) with the quote verified there, by `search` (or `normalized` search) elsewhere, `fuzzy`.
   */
  method?: 'position' | 'mapped' | 'search' | 'normalized' | 'fuzzy' | 'none';
}
