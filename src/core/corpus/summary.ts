// One annotation file as the corpus sees it: what it says about which entities, and who said what through which
// venue and outlet, with the sentence and paragraph of each, so the corpus index can combine files without
// looking at their models again. Pure data: built from a loaded reading, re-built when that one file changes.

import type { LoadedReading } from '../load';
import type { ChainRole, ClaimMode, EntityDef, Problem } from '../model';
import type { Model } from '../resolve';
import { segmentAt, segmentText, type Segments } from './segments';

/**
 * Who an entity is across the corpus. A registry entity is one thing everywhere (`reg:<id>`); a file's own entity
 * is known only by its type and name (`loc:<type>:<name>`), the rule that "Move Entities to the Registry" uses to
 * propose merging them, so two articles' "Alan Chong" count together even before the migration.
 */
export function entityKey(e: EntityDef, fromRegistry: boolean): string {
  return fromRegistry ? `reg:${e.id}` : `loc:${e.type}:${nameKey(e.name)}`;
}

/** A name compared loosely: case, accents, punctuation and spacing ignored. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface CorpusEntity {
  key: string;
  /** The id in this file (the registry id for a registry entity). */
  id: string;
  name: string;
  type: string;
  typeLabel: string;
  registry: boolean;
}

export interface CorpusMention {
  id: string;
  entity: string;
  /** UTF-16 range in the normalized article text. */
  start: number;
  end: number;
  sentence: number;
  paragraph: number;
}

export interface CorpusLink {
  role: ChainRole;
  /** Entity key, when the link names an entity. */
  key?: string;
  name: string;
}

export interface CorpusClaim {
  id: string;
  /** Entity key of the speaker; undefined when the chain names no speaker entity. */
  speaker?: string;
  speakerName: string;
  /** The chain after the speaker: venues and outlets in order of transmission. */
  via: CorpusLink[];
  mode: ClaimMode;
  summary?: string;
  /** UTF-16 range; undefined for an orphan. */
  start?: number;
  end?: number;
  sentence?: number;
  paragraph?: number;
  /** Entity keys mentioned inside the claim's span (co-occurrence "in the same claim"). */
  entities: string[];
}

export type Health = 'ok' | 'warnings' | 'errors' | 'unusable';

export interface FileSummary {
  /** The caller's key for the file (a workspace-relative path, a URI). */
  file: string;
  title: string;
  health: Health;
  counts: { errors: number; warnings: number; infos: number; orphans: number; fuzzy: number };
  /** Errors and warnings, located in the file (at most MAX_PROBLEMS). */
  problems: Problem[];
  /** When the file last changed (ms since the epoch), as the caller knows it. */
  modified?: number;
  /** The normalized article text, for corpus search; undefined when the file or its article is unusable. */
  text?: string;
  /** Paragraph and sentence starts in `text`. */
  segments?: Segments;
  entities: Map<string, CorpusEntity>;
  mentions: CorpusMention[];
  claims: CorpusClaim[];
}

/** Problems kept per file: enough to show what is wrong, bounded so one hostile file cannot fill memory. */
export const MAX_PROBLEMS = 50;

export function summarize(file: string, loaded: LoadedReading, modified?: number): FileSummary {
  const counts = { errors: 0, warnings: 0, infos: 0, orphans: 0, fuzzy: 0 };
  for (const p of loaded.problems) {
    if (p.severity === 'error') counts.errors++;
    else if (p.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  const m = loaded.model;
  const title = m?.file.article.title ?? loaded.parsed.file?.article.title ?? baseName(file);
  const summary: FileSummary = {
    file,
    title: typeof title === 'string' ? title : baseName(file),
    health: !m ? 'unusable' : counts.errors ? 'errors' : counts.warnings ? 'warnings' : 'ok',
    counts,
    problems: loaded.problems.filter((p) => p.severity !== 'info').slice(0, MAX_PROBLEMS),
    entities: new Map(),
    mentions: [],
    claims: [],
  };
  if (modified !== undefined) summary.modified = modified;
  if (m) fill(summary, m);
  return summary;
}

function fill(s: FileSummary, m: Model): void {
  s.text = m.text;
  s.counts.orphans = m.summary.orphan;
  s.counts.fuzzy = m.summary.fuzzy;
  const segments = segmentText(m.text);
  s.segments = segments;
  const { paragraphs, sentences } = segments;
  const keyOf = new Map<string, string>();
  const refOf = (e: EntityDef): string => {
    let key = keyOf.get(e.id);
    if (key === undefined) {
      const registry = m.fromRegistry.entities.has(e.id);
      key = entityKey(e, registry);
      keyOf.set(e.id, key);
      if (!s.entities.has(key)) s.entities.set(key, { key, id: e.id, name: e.name, type: e.type, typeLabel: m.types.get(e.type)?.label ?? e.type, registry });
    }
    return key;
  };
  for (const x of m.mentions) {
    const r = m.utf16Range(x);
    if (!r || !x.entity) continue;
    s.mentions.push({
      id: x.id,
      entity: refOf(x.entity),
      start: r.start,
      end: r.end,
      sentence: segmentAt(sentences, r.start),
      paragraph: segmentAt(paragraphs, r.start),
    });
  }
  s.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const c of m.claims) {
    const r = m.utf16Range(c);
    const claim: CorpusClaim = {
      id: c.id,
      speakerName: c.speaker?.name ?? c.chain.find((l) => l.role === 'speaker')?.label ?? 'unattributed',
      via: [],
      mode: c.def.attribution.mode,
      entities: [],
    };
    if (c.speaker) claim.speaker = refOf(c.speaker);
    for (const l of c.chain) {
      if (l.role === 'speaker') continue;
      const link: CorpusLink = { role: l.role, name: l.entity?.name ?? l.label ?? '?' };
      if (l.entity) link.key = refOf(l.entity);
      claim.via.push(link);
    }
    if (c.def.summary !== undefined) claim.summary = c.def.summary;
    if (r) {
      claim.start = r.start;
      claim.end = r.end;
      claim.sentence = segmentAt(sentences, r.start);
      claim.paragraph = segmentAt(paragraphs, r.start);
      claim.entities = [...new Set(mentionsWithin(s.mentions, r.start, r.end).map((x) => x.entity))];
    }
    s.claims.push(claim);
  }
}

/** Mentions (sorted by start) lying inside [start, end). */
export function mentionsWithin(mentions: readonly CorpusMention[], start: number, end: number): CorpusMention[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((mentions[mid] as CorpusMention).start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: CorpusMention[] = [];
  for (let i = lo; i < mentions.length && (mentions[i] as CorpusMention).start < end; i++)
    if ((mentions[i] as CorpusMention).end <= end) out.push(mentions[i] as CorpusMention);
  return out;
}

/** The UTF-16 range of sentence (or paragraph) `unit`, without the white space that separates it from the next. */
export function unitRange(s: FileSummary, level: 'sentence' | 'paragraph', unit: number): { start: number; end: number } | undefined {
  const starts = level === 'sentence' ? s.segments?.sentences : s.segments?.paragraphs;
  const text = s.text;
  if (!starts || text === undefined || unit < 0 || unit >= starts.length) return undefined;
  const start = starts[unit] as number;
  let end = unit + 1 < starts.length ? (starts[unit + 1] as number) : text.length;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { start, end };
}

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  return last.replace(/\.annotations\.json$/, '');
}
