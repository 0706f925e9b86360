// Turns a resolved model into what the reader webview draws: UTF-16 offsets (the webview works on JS strings),
// type indices instead of type ids (so no file data ever reaches a CSS selector), and every card precomputed so a
// hover opens its card within one frame, with no round trip to the host.

import { cardIndex, claimCard, entityCard, type ClaimCard, type EntityCard } from './cards';
import type { Problem } from './model';
import type { Model } from './resolve';
import { readingStructure } from './article/kind';
import type { TextBlock } from './structure';

/** A block of the article as the reader lays it out; offsets are UTF-16 indices into `ReaderPayload.text`. */
export type Block = TextBlock;

export interface ReaderType {
  id: string;
  label: string;
  /** `#rrggbb`, validated by the host; anything else is replaced by a neutral colour. */
  color: string;
  cue: string;
  /** Index into the payload's type list; used for CSS class names so no file data reaches a selector. */
  index: number;
  count: number;
  parentLabel?: string;
}

export interface ReaderMention {
  id: string;
  entityId: string;
  /** Index into `types`. */
  type: number;
  start: number;
  end: number;
  status: 'anchored' | 'relocated' | 'fuzzy';
}

export interface ReaderClaim {
  id: string;
  start: number;
  end: number;
  status: 'anchored' | 'relocated' | 'fuzzy';
  label: string;
}

export interface Banner {
  severity: 'error' | 'warning';
  message: string;
  /** Where in the annotation file: `file:line:col`. */
  location: string;
  count: number;
}

export interface ReaderPayload {
  /** The annotation file this reader shows (a URI string); the identity of the reader. */
  source: string;
  title: string;
  text: string;
  blocks: Block[];
  types: ReaderType[];
  mentions: ReaderMention[];
  claims: ReaderClaim[];
  entityCards: Record<string, EntityCard>;
  claimCards: Record<string, ClaimCard>;
  orphans: number;
  /** False for files that must not be edited (the bundled article): the reader then offers no edit actions. */
  editable: boolean;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const NEUTRAL = '#808080';

export function buildReaderPayload(model: Model, source: string, editable = true, title?: string): ReaderPayload {
  const map = model.map;
  const typeIds = [...model.types.keys()];
  const typeIndex = new Map(typeIds.map((id, i) => [id, i]));
  const counts = new Array<number>(typeIds.length).fill(0);

  const mentions: ReaderMention[] = [];
  for (const m of model.mentions) {
    const { anchor } = m;
    if (anchor.status === 'orphan' || anchor.start === undefined || anchor.end === undefined || !m.entity) continue;
    const type = typeIndex.get(m.entity.type);
    if (type === undefined) continue;
    counts[type] = (counts[type] ?? 0) + 1;
    mentions.push({ id: m.id, entityId: m.entity.id, type, start: map.toUtf16(anchor.start), end: map.toUtf16(anchor.end), status: anchor.status });
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);

  const claims: ReaderClaim[] = [];
  for (const c of model.claims) {
    const { anchor } = c;
    if (anchor.status === 'orphan' || anchor.start === undefined || anchor.end === undefined) continue;
    const speaker = c.speaker?.name ?? 'unattributed';
    claims.push({ id: c.id, start: map.toUtf16(anchor.start), end: map.toUtf16(anchor.end), status: anchor.status, label: `Claim by ${speaker}` });
  }
  claims.sort((a, b) => a.start - b.start || b.end - a.end);

  const types: ReaderType[] = typeIds.map((id, index) => {
    const t = model.types.get(id);
    const parent = t?.parent ? model.types.get(t.parent) : undefined;
    return {
      id,
      label: t?.label ?? id,
      color: t && HEX_COLOR.test(t.color) ? t.color : NEUTRAL,
      cue: t?.cue ?? 'solid',
      index,
      count: counts[index] ?? 0,
      ...(parent ? { parentLabel: parent.label } : {}),
    };
  });

  const index = cardIndex(model);
  const entityCards: Record<string, EntityCard> = Object.create(null);
  for (const id of model.entities.keys()) {
    const card = entityCard(model, id, index);
    if (card) entityCards[id] = card;
  }
  const claimCards: Record<string, ClaimCard> = Object.create(null);
  for (const c of model.claims) {
    const card = claimCard(model, c.id, index);
    if (card) claimCards[c.id] = card;
  }

  return {
    source,
    title: title ?? model.file.article.title ?? 'Article',
    text: model.text,
    blocks: readingStructure(model.file.article.path, model.text),
    types,
    mentions,
    claims,
    entityCards,
    claimCards,
    orphans: model.summary.orphan,
    editable,
  };
}

/** The banner for a file with errors: the first error, where it is, and how many there are. */
export function bannerFor(problems: readonly Problem[], fileLabel: string, keptLastGood: boolean): Banner | null {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (!first) return null;
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return {
    severity: 'error',
    message: `${keptLastGood ? 'Showing the last good version. ' : ''}${first.message}${more}`,
    location: `${fileLabel}:${first.line}:${first.column}`,
    count: errors.length,
  };
}
