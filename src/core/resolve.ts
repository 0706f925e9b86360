// The resolved model: the file's definitions indexed by id, every mention and claim anchored, and all
// problems (parse + anchoring) in one list. Pure: the caller reads the files.

import { anchorAllDetailed, type AnchorDetail, type AnchorOptions, type TextChange } from './anchor';
import { Located, show, unlocatedProblem } from './json';
import type { Anchor, AnnotationFile, ChainRole, ClaimDef, EntityDef, EntityTypeDef, MentionDef, Problem, Severity } from './model';
import type { Registry } from './registry';
import { sourceIndex } from './source';
import { hashText, normalizeText, OffsetMap, positionOf, quoteOf } from './text';

export interface ChainLink {
  role: ChainRole;
  entity?: EntityDef;
  label?: string;
  kind?: string;
}

export interface ResolvedMention {
  id: string;
  /** Index of the mention in the file text's `mentions` array (stable even when invalid items were dropped). */
  index: number;
  def: MentionDef;
  entity: EntityDef | undefined;
  anchor: Anchor;
}

export interface ResolvedClaim {
  id: string;
  /** Index of the claim in the file text's `claims` array. */
  index: number;
  def: ClaimDef;
  anchor: Anchor;
  speaker: EntityDef | undefined;
  chain: ChainLink[];
}

/** A mention or a claim: something with selectors and an anchor in the text. */
export type AnchoredItem = ResolvedMention | ResolvedClaim;

export interface Model {
  file: AnnotationFile;
  /** The normalized article text all anchors count over. */
  text: string;
  /** Code points ↔ UTF-16 over `text`: built once, shared by every consumer of the model. */
  map: OffsetMap;
  /** The file's types, and the registry's (the file's own win on the same id). */
  types: Map<string, EntityTypeDef>;
  /** The file's entities, and the registry entities it uses (named by a mention, chain, relation or affiliation). */
  entities: Map<string, EntityDef>;
  /** The registry the file names, when it was read: every entity a picker may offer, not only those used here. */
  registry?: Registry;
  /** Which ids of `types` and `entities` are the registry's (editing them edits the registry). */
  fromRegistry: { types: ReadonlySet<string>; entities: ReadonlySet<string> };
  mentions: ResolvedMention[];
  claims: ResolvedClaim[];
  /** Parse problems followed by anchoring problems. */
  problems: Problem[];
  summary: { entities: number; mentions: number; claims: number; anchored: number; relocated: number; fuzzy: number; orphan: number };
  mentionById: ReadonlyMap<string, ResolvedMention>;
  claimById: ReadonlyMap<string, ResolvedClaim>;
  /** UTF-16 range of an item in `text`; undefined for an orphan. */
  utf16Range(item: AnchoredItem): { start: number; end: number } | undefined;
  /** The item's text as anchored, or its stored quote for an orphan. */
  textOf(item: AnchoredItem): string;
}

export interface ResolveOptions {
  /** Problems from parseAnnotationFile, to keep in one list. */
  parseProblems?: Problem[];
  /** The annotation file's text, to locate anchoring problems; without it they sit at 1:1. */
  fileText?: string;
  /** The article text the selectors were made against, when it is known to differ. */
  previousText?: string;
  /** The exact edits from `previousText` to the text (code points in the old text), e.g. from an editor. */
  changes?: TextChange[];
  /** The registry the file names (already checked against it by the parser). */
  registry?: Registry;
}

export function resolveModel(file: AnnotationFile, articleText: string, opts: ResolveOptions = {}): Model {
  const text = normalizeText(articleText);
  const { types, entities, fromRegistry } = definitions(file, opts.registry);
  const problems: Problem[] = [...(opts.parseProblems ?? [])];
  let located: Located | undefined;
  const problem = (severity: Severity, code: string, message: string, path: (string | number)[]): Problem => {
    if (opts.fileText === undefined) return unlocatedProblem(severity, code, message, path);
    located ??= new Located(opts.fileText);
    return located.problem(severity, code, message, path);
  };

  // The stored hash says whether the text is the one the positions were made on: then no mapping at all.
  const storedHash = file.article.hash;
  const unchanged = storedHash !== undefined && storedHash === hashText(text);
  const previousText = !unchanged && opts.previousText !== undefined ? normalizeText(opts.previousText) : undefined;
  if (storedHash !== undefined && !unchanged) {
    problems.push(
      problem('info', 'article-changed', 'the article changed since these annotations were saved; anchors were found again by search', ['article', 'hash']),
    );
  }

  const items: { selector: MentionDef['selector'] }[] = [...file.mentions, ...file.claims];
  let anchorOpts: AnchorOptions | undefined;
  if (previousText !== undefined && previousText !== text) anchorOpts = opts.changes?.length ? { previousText, changes: opts.changes } : { previousText };
  const details = anchorAllDetailed(items, text, anchorOpts);
  const anchorOf = (d: AnchorDetail): Anchor => {
    const a: Anchor = { status: d.status, method: d.method };
    if (d.start !== undefined) a.start = d.start;
    if (d.end !== undefined) a.end = d.end;
    if (d.score !== undefined) a.score = d.score;
    return a;
  };

  const report = (kind: 'mentions' | 'claims', index: number, def: MentionDef | ClaimDef, d: AnchorDetail): void => {
    const what = kind === 'mentions' ? 'mention' : 'claim';
    const path = [kind, index, 'selector'];
    // Exactly where the selectors or the known edits put it: nothing to report (core/health.ts agrees).
    // A quote-only selector (an import, a hand-written file) has no place to be relocated from.
    const bySearch = d.status === 'relocated' && d.method !== 'mapped' && positionOf(def.selector) !== undefined;
    if (d.status !== 'orphan' && d.status !== 'fuzzy' && !d.positionMismatch && !bySearch) return;
    const exact = show(quoteOf(def.selector)?.exact ?? '', 40);
    if (d.status === 'orphan') {
      problems.push(problem('error', 'orphan', `${what} ${show(def.id)}: quote ${exact} is not in the article; kept as an orphan`, path));
    } else if (d.status === 'fuzzy') {
      problems.push(
        problem(
          'warning',
          'fuzzy-anchor',
          `${what} ${show(def.id)}: quote ${exact} found only approximately (score ${(d.score ?? 0).toFixed(2)}); please review`,
          path,
        ),
      );
    } else {
      // Article known unchanged (or never hashed): the position selector itself is wrong.
      const severity: Severity = unchanged || storedHash === undefined ? 'warning' : 'info';
      problems.push(
        problem(
          severity,
          severity === 'warning' ? 'quote-mismatch' : 'relocated',
          `${what} ${show(def.id)}: the position selector does not point at quote ${exact}; found at ${d.start}-${d.end}`,
          path,
        ),
      );
    }
  };

  const summary = {
    entities: entities.size,
    mentions: file.mentions.length,
    claims: file.claims.length,
    anchored: 0,
    relocated: 0,
    fuzzy: 0,
    orphan: 0,
  };
  const mentions: ResolvedMention[] = file.mentions.map((def, i) => {
    const d = details[i] as AnchorDetail;
    summary[d.status]++;
    const index = sourceIndex(def, i);
    report('mentions', index, def, d);
    return { id: def.id, index, def, entity: entities.get(def.entity), anchor: anchorOf(d) };
  });
  const claims: ResolvedClaim[] = file.claims.map((def, i) => {
    const d = details[file.mentions.length + i] as AnchorDetail;
    summary[d.status]++;
    const index = sourceIndex(def, i);
    report('claims', index, def, d);
    const chain: ChainLink[] = def.attribution.chain.map((l) => {
      const link: ChainLink = { role: l.role };
      const entity = l.entity !== undefined ? entities.get(l.entity) : undefined;
      if (entity) link.entity = entity;
      if (l.label !== undefined) link.label = l.label;
      if (l.kind !== undefined) link.kind = l.kind;
      return link;
    });
    return { id: def.id, index, def, anchor: anchorOf(d), speaker: chain.find((l) => l.role === 'speaker')?.entity, chain };
  });

  // Two claims on overlapping text cannot contradict each other: one of the spans is wrong.
  const byId = new Map(claims.map((c) => [c.id, c]));
  for (const c of claims) {
    c.def.contradicts?.forEach((otherId, j) => {
      const o = byId.get(otherId);
      const a = c.anchor;
      const b = o?.anchor;
      if (!b || a.start === undefined || a.end === undefined || b.start === undefined || b.end === undefined) return;
      if (a.start < b.end && b.start < a.end) {
        problems.push(
          problem('warning', 'overlapping-contradiction', `claim ${show(c.id)} contradicts ${show(otherId)}, but their spans overlap`, [
            'claims',
            c.index,
            'contradicts',
            j,
          ]),
        );
      }
    });
  }

  const map = new OffsetMap(text);
  const utf16Range = (item: AnchoredItem): { start: number; end: number } | undefined => {
    const { start, end } = item.anchor;
    return start === undefined || end === undefined || item.anchor.status === 'orphan' ? undefined : { start: map.toUtf16(start), end: map.toUtf16(end) };
  };
  return {
    file,
    text,
    map,
    types,
    entities,
    ...(opts.registry ? { registry: opts.registry } : {}),
    fromRegistry,
    mentions,
    claims,
    problems,
    summary,
    mentionById: new Map(mentions.map((m) => [m.id, m])),
    claimById: byId,
    utf16Range,
    textOf: (item) => {
      const r = utf16Range(item);
      return r ? text.slice(r.start, r.end) : (quoteOf(item.def.selector)?.exact ?? '');
    },
  };
}

/**
 * The file's types and entities, joined by the registry's: all its types (a handful, and the legend and pickers
 * offer them), and of its entities those the file uses, with their affiliations, so an article's views list what
 * the article is about rather than the whole project.
 */
function definitions(
  file: AnnotationFile,
  registry: Registry | undefined,
): { types: Map<string, EntityTypeDef>; entities: Map<string, EntityDef>; fromRegistry: Model['fromRegistry'] } {
  const localTypes = new Map(file.types.map((t) => [t.id, t]));
  const localEntities = new Map(file.entities.map((e) => [e.id, e]));
  if (!registry) return { types: localTypes, entities: localEntities, fromRegistry: { types: new Set(), entities: new Set() } };
  const types = new Map<string, EntityTypeDef>();
  const registryTypes = new Set<string>();
  for (const t of registry.types)
    if (!localTypes.has(t.id)) {
      types.set(t.id, t);
      registryTypes.add(t.id);
    }
  for (const t of file.types) types.set(t.id, t);

  const used = new Set<string>();
  const use = (id: string | undefined): void => {
    if (id === undefined || localEntities.has(id) || used.has(id)) return;
    const e = registry.entityById.get(id);
    if (!e) return;
    used.add(id);
    e.affiliations?.forEach(use);
  };
  for (const e of file.entities) e.affiliations?.forEach(use);
  for (const m of file.mentions) use(m.entity);
  for (const c of file.claims) for (const l of c.attribution.chain) use(l.entity);
  for (const r of file.relations ?? []) {
    use(r.subject);
    use(r.object);
  }
  const entities = new Map(localEntities);
  // In the registry's order, as a pass over all its entities gives, without one per file.
  const at = registryOrder(registry);
  const places = Int32Array.from(used, (id) => at.get(id) as number).sort();
  for (const place of places) {
    const id = (registry.entities[place] as EntityDef).id;
    entities.set(id, registry.entityById.get(id) as EntityDef);
  }
  return { types, entities, fromRegistry: { types: registryTypes, entities: used } };
}

const orders = new WeakMap<Registry, Map<string, number>>();

/** Each registry id's place in the registry: its first entity's (a pass over them sets a map's key there). */
function registryOrder(registry: Registry): Map<string, number> {
  let order = orders.get(registry);
  if (!order) {
    order = new Map();
    for (const [i, e] of registry.entities.entries()) if (!order.has(e.id)) order.set(e.id, i);
    orders.set(registry, order);
  }
  return order;
}
