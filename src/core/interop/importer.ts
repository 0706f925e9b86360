// The one import pipeline every format feeds: foreign types, entities, mentions, claims and relations (keyed
// by the foreign file's own ids) become items of an annotation file. Labels are matched to the file's types or
// become new types, entities are matched by name, every span is re-anchored with Marginalia's anchoring, items
// already in the file are skipped, ids are made unique, and each of these decisions that is not plain sailing
// is a located problem in the foreign file.

import { anchorAllDetailed, type AnchorDetail } from '../anchor';
import { claimId, mentionId, slug, uniqueId } from '../edit';
import type { ChainLinkDef, ChainRole, ClaimDef, ClaimMode, EntityDef, EntityTypeDef, ExternalLink, RelationDef, Selector, Severity } from '../model';
import type { Model } from '../resolve';
import { OffsetMap, quoteOf, selectorsFor } from '../text';
import { show, type Json, type ProblemList } from './foreign';
import { hasMarkup, labelId, matchType, newType } from './labels';
import { ImportError, type Additions, type ImportResult, type InteropProblem } from './types';

export type At = (severity: Severity, code: string, message: string) => InteropProblem;

export interface ForeignType {
  key: string;
  label: string;
  /** A complete definition (a Marginalia export): kept as is. */
  def?: EntityTypeDef;
  parent?: string;
  at: At;
}

export interface ForeignEntity {
  key: string;
  /** The key of its type. */
  type: string;
  name: string;
  def?: EntityDef;
  /** An id to use when it is free (brat's Marginalia normalizations carry the entity's id). */
  id?: string;
  aliases?: string[];
  description?: string;
  sameAs?: ExternalLink[];
  at: At;
}

interface ForeignSpan {
  key: string;
  /** Selectors as the foreign file gives them (positions over `ForeignDoc.text`, or hints). */
  selector: Selector[];
  /** A Marginalia id to keep (a Marginalia export). */
  id?: string;
  /** Fields kept on the item as they are (unknown fields of a Marginalia export, `x-…` fields). */
  extra?: Record<string, Json>;
  at: At;
}

export interface ForeignMention extends ForeignSpan {
  entity: string;
}

export interface ForeignLink {
  role: ChainRole;
  entity?: string;
  label?: string;
  kind?: string;
  extra?: Record<string, Json>;
}

export interface ForeignClaim extends ForeignSpan {
  mode: ClaimMode;
  chain: ForeignLink[];
  cue?: string;
  summary?: string;
  contradicts?: string[];
  supports?: string[];
  attributionExtra?: Record<string, Json>;
}

export interface ForeignRelation {
  key: string;
  type: string;
  subject: string;
  object: string;
  id?: string;
  extra?: Record<string, Json>;
  at: At;
}

export interface ForeignDoc {
  types: ForeignType[];
  entities: ForeignEntity[];
  mentions: ForeignMention[];
  claims: ForeignClaim[];
  relations: ForeignRelation[];
  problems: ProblemList;
  /** The normalized text the positions count over, when the tool ships its own; else they are hints into the article. */
  text?: string;
  /** Why the positions are expected to miss (offsets into a whole web page, another version of the text): misses are then only informative. */
  hintsElsewhere?: string;
  fileFields?: Record<string, unknown>;
  articleFields?: Record<string, unknown>;
  title?: string;
}

/** What is already in the file being merged into. */
export interface Existing {
  model: Model;
  /** Every id the file's text uses (invalid items included). */
  ids: ReadonlySet<string>;
}

/** More than this share of orphans (and at least MIN_ORPHANS) means the file is about another text. */
const MAX_ORPHAN_SHARE = 0.5;
const MIN_ORPHANS = 3;

export function resolveImport(doc: ForeignDoc, articleText: string, existing?: Existing): ImportResult {
  const p = doc.problems;
  const out: Additions = { types: [], entities: [], mentions: [], claims: [], relations: [] };
  const oldTypes = existing?.model.file.types ?? [];
  const typeIds = new Map<string, string>();
  const takenTypes = new Set(oldTypes.map((t) => t.id));
  const typeOf = (t: ForeignType): string => {
    const known = typeIds.get(t.key);
    if (known) return known;
    let id: string;
    if (t.def) {
      id = t.def.id;
      if (!takenTypes.has(id)) out.types.push(t.def);
    } else {
      const found = matchType([...oldTypes, ...out.types], t.label);
      if (found) id = found.id;
      else {
        id = uniqueId(labelId(t.label), takenTypes);
        out.types.push(newType(id, t.label, out.types.length));
        p.add(t.at(existing ? 'warning' : 'info', 'unknown-label', `label ${show(t.label)} is not a type of this file: new type ${show(id)} created`));
      }
    }
    if (hasMarkup(t.label)) p.add(t.at('warning', 'markup-in-label', `label ${show(t.label)} contains markup; it is kept as plain text and never rendered`));
    takenTypes.add(id);
    typeIds.set(t.key, id);
    return id;
  };
  const declared = new Map(doc.types.map((t) => [t.key, t]));
  for (const t of doc.types) typeOf(t);
  for (const t of doc.types) {
    const made = out.types.find((x) => x.id === typeIds.get(t.key));
    const parent = t.parent !== undefined ? declared.get(t.parent) : undefined;
    if (made && !t.def && parent) made.parent = typeOf(parent);
  }

  // Entities: a Marginalia export keeps its ids; anything else meets the file's entities by type and name.
  const taken = new Set<string>(existing?.ids ?? []);
  const entityIds = new Map<string, string>();
  const known: EntityDef[] = [...(existing?.model.file.entities ?? [])];
  for (const e of doc.entities) {
    const typeDecl = declared.get(e.type) ?? { key: e.type, label: e.type, at: e.at };
    const type = typeOf(typeDecl);
    if (e.def) {
      const same = known.find((k) => k.id === e.def?.id);
      if (!same) {
        const def = { ...e.def, type };
        out.entities.push(def);
        known.push(def);
        taken.add(def.id);
      }
      entityIds.set(e.key, e.def.id);
      continue;
    }
    const same = known.find((k) => k.type === type && (k.name === e.name || (k.aliases ?? []).includes(e.name)));
    if (same) {
      entityIds.set(e.key, same.id);
      continue;
    }
    const id = e.id && !taken.has(e.id) ? e.id : uniqueId(slug(e.name) || 'entity', taken);
    const def: EntityDef = { id, type, name: e.name };
    if (e.aliases?.length) def.aliases = [...new Set(e.aliases)].filter((a) => a !== e.name);
    if (def.aliases?.length === 0) delete def.aliases;
    if (e.description) def.description = e.description;
    if (e.sameAs?.length) def.sameAs = e.sameAs;
    out.entities.push(def);
    known.push(def);
    taken.add(id);
    entityIds.set(e.key, id);
  }

  // Every span re-anchored at once, against the article, from the foreign text when the tool shipped one.
  const spans: ForeignSpan[] = [...doc.mentions, ...doc.claims];
  const map = new OffsetMap(articleText);
  const opts = doc.text !== undefined && doc.text !== articleText ? { previousText: doc.text } : undefined;
  const details = anchorAllDetailed(
    spans.map((s) => ({ selector: fitWhitespace(s.selector, articleText) })),
    articleText,
    opts,
  );
  const orphans = details.filter((d) => d.status === 'orphan').length;
  if (orphans > 0 && orphans >= MIN_ORPHANS && orphans > spans.length * MAX_ORPHAN_SHARE)
    throw new ImportError(`${orphans} of ${spans.length} annotations are not in the article: the file seems to be about another text; nothing was imported`);
  const placed = (s: ForeignSpan, d: AnchorDetail, what: string): Selector[] => {
    const exact = show(quoteOf(s.selector)?.exact ?? '', 40);
    if (d.status === 'orphan' || d.start === undefined || d.end === undefined) {
      p.add(s.at('error', 'orphan', `${what} ${exact} is not in the article; kept as an orphan to repair`));
      const q = quoteOf(s.selector);
      return q ? [q] : s.selector;
    }
    if (d.status === 'fuzzy')
      p.add(s.at('warning', 'fuzzy-anchor', `${what} ${exact} found only approximately (score ${(d.score ?? 0).toFixed(2)}); please review`));
    else if (d.positionMismatch)
      p.add(
        s.at(
          doc.hintsElsewhere ? 'info' : 'warning',
          'position-mismatch',
          `${what} ${exact}: the file's position points elsewhere${doc.hintsElsewhere ? ` (${doc.hintsElsewhere})` : ''}; placed by its quote at ${d.start}–${d.end}`,
        ),
      );
    return selectorsFor(map, map.toUtf16(d.start), map.toUtf16(d.end));
  };
  const rangeKey = (d: AnchorDetail): string => (d.start === undefined ? '' : `${d.start}:${d.end}`);
  const seen = new Set<string>();
  for (const m of existing?.model.mentions ?? []) if (m.anchor.start !== undefined) seen.add(`${m.def.entity}@${m.anchor.start}:${m.anchor.end}`);
  for (const c of existing?.model.claims ?? []) if (c.anchor.start !== undefined) seen.add(`claim:${c.speaker?.id ?? ''}@${c.anchor.start}:${c.anchor.end}`);

  doc.mentions.forEach((m, i) => {
    const d = details[i] as AnchorDetail;
    const entity = entityIds.get(m.entity);
    if (!entity) return p.add(m.at('error', 'dangling-reference', `mention of unknown entity ${show(m.entity)}; not imported`));
    const key = `${entity}@${rangeKey(d)}`;
    if (d.start !== undefined && seen.has(key)) return p.add(m.at('info', 'duplicate', `mention ${show(m.key)} is already in the file; skipped`));
    seen.add(key);
    const id = m.id && !taken.has(m.id) ? m.id : mentionId(entity, taken);
    if (m.id && id !== m.id) p.add(m.at('warning', 'renamed-id', `id ${show(m.id)} is taken in this file; imported as ${show(id)}`));
    taken.add(id);
    out.mentions.push({ ...m.extra, id, entity, selector: placed(m, d, 'mention') });
  });

  const claimIds = new Map<string, string>();
  const pending: { c: ForeignClaim; def: ClaimDef }[] = [];
  doc.claims.forEach((c, j) => {
    const d = details[doc.mentions.length + j] as AnchorDetail;
    const chain: ChainLinkDef[] = [];
    for (const l of c.chain) {
      const entity = l.entity !== undefined ? entityIds.get(l.entity) : undefined;
      if (l.entity !== undefined && !entity && !l.label) {
        p.add(c.at('warning', 'dangling-reference', `claim ${show(c.key)}: ${l.role} ${show(l.entity)} is unknown; that link was dropped`));
        continue;
      }
      const link: ChainLinkDef = { ...l.extra, role: l.role };
      if (entity) link.entity = entity;
      if (l.label) link.label = l.label;
      if (l.kind) link.kind = l.kind;
      chain.push(link);
    }
    if (chain.length === 0) return p.add(c.at('error', 'empty-chain', `claim ${show(c.key)} names no speaker, outlet or venue; not imported`));
    const speaker = chain.find((l) => l.role === 'speaker')?.entity;
    const key = `claim:${speaker ?? ''}@${rangeKey(d)}`;
    if (d.start !== undefined && seen.has(key)) return p.add(c.at('info', 'duplicate', `claim ${show(c.key)} is already in the file; skipped`));
    seen.add(key);
    const words = c.summary ?? quoteOf(c.selector)?.exact ?? '';
    const id = c.id && !taken.has(c.id) ? c.id : claimId(speaker, words, taken);
    if (c.id && id !== c.id) p.add(c.at('warning', 'renamed-id', `id ${show(c.id)} is taken in this file; imported as ${show(id)}`));
    taken.add(id);
    claimIds.set(c.key, id);
    const attribution: ClaimDef['attribution'] = { ...c.attributionExtra, mode: c.mode, chain };
    if (c.cue) attribution.cue = c.cue;
    const def: ClaimDef = { ...c.extra, id, selector: placed(c, d, 'claim'), attribution };
    if (c.summary) def.summary = c.summary;
    pending.push({ c, def });
  });
  for (const { c, def } of pending) {
    for (const k of ['contradicts', 'supports'] as const) {
      const ids = (c[k] ?? []).map((x) => claimIds.get(x)).filter((x): x is string => x !== undefined);
      if (ids.length < (c[k] ?? []).length) p.add(c.at('warning', 'dangling-reference', `claim ${show(c.key)}: some of its ${k} claims were not imported`));
      if (ids.length) def[k] = ids;
    }
    out.claims.push(def);
  }

  const relSeen = new Set((existing?.model.file.relations ?? []).map((r) => `${r.type}|${r.subject}|${r.object}`));
  for (const r of doc.relations) {
    const subject = entityIds.get(r.subject);
    const object = entityIds.get(r.object);
    if (!subject || !object) {
      p.add(r.at('warning', 'dangling-reference', `relation ${show(r.key)} (${show(r.type)}) links something that is not an imported entity; not imported`));
      continue;
    }
    const key = `${r.type}|${subject}|${object}`;
    if (relSeen.has(key)) {
      p.add(r.at('info', 'duplicate', `relation ${show(r.key)} is already in the file; skipped`));
      continue;
    }
    relSeen.add(key);
    const id = r.id && !taken.has(r.id) ? r.id : uniqueId(`r-${subject}-${object}`, taken);
    taken.add(id);
    const def: RelationDef = { ...r.extra, id, type: r.type, subject, object };
    out.relations.push(def);
  }

  const problems = p.list().sort((a, b) => (a.file === b.file ? a.offset - b.offset : a.file < b.file ? -1 : 1));
  const result: ImportResult = { additions: out, problems, fileFields: doc.fileFields ?? {} };
  if (doc.title) result.title = doc.title;
  if (doc.articleFields) result.articleFields = doc.articleFields;
  return result;
}

/**
 * A page's text and the article extracted from it differ in white space (indentation, line breaks collapsed by a
 * reader view). Context is evidence only when it reads like the article: an article without runs of white space
 * gets the quote's context (and the quote itself, when only that form is in the article) with runs collapsed.
 */
function fitWhitespace(selectors: readonly Selector[], articleText: string): Selector[] {
  if (/\s{2,}|[\t\r]/.test(articleText)) return [...selectors];
  const collapse = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.replace(/\s+/g, ' '));
  return selectors.map((sel) => {
    if (sel.type !== 'TextQuoteSelector') return sel;
    const exact = collapse(sel.exact) as string;
    const out: Selector = { ...sel, exact: !articleText.includes(sel.exact) && articleText.includes(exact.trim()) ? exact.trim() : sel.exact };
    const prefix = collapse(sel.prefix);
    const suffix = collapse(sel.suffix);
    if (prefix !== undefined) out.prefix = prefix.trim() === '' && prefix !== '' ? ' ' : prefix;
    if (suffix !== undefined) out.suffix = suffix;
    return out;
  });
}
