// Import of a Marginalia W3C export (recognized by the Marginalia context): ids, the type and entity
// registries, attribution chains, relations and unknown fields come back as they were exported. Selectors are
// still re-anchored against the article: the export may be of another version of the text.

import type { ChainRole, ClaimMode, EntityDef, EntityTypeDef, ExternalLink, TextQuoteSelector, TypeCue } from '../model';
import { hashText, OffsetMap } from '../text';
import { isObject, many, MAX_ITEMS, offset, str, type Json, type JsonFile, type JsonObject, type ProblemList } from './foreign';
import type { At, ForeignClaim, ForeignDoc, ForeignEntity, ForeignLink, ForeignMention, ForeignRelation, ForeignType } from './importer';
import { quoteTarget } from './spans';
import { ImportError } from './types';
import { Iris } from './w3c';

type Path = (string | number)[];

const MODES: readonly ClaimMode[] = ['direct-quote', 'paraphrase', 'reported-statement', 'belief'];
const ROLES: readonly ChainRole[] = ['speaker', 'outlet', 'venue'];

function extraOf(n: JsonObject): Record<string, Json> {
  return isObject(n.extra) ? n.extra : {};
}

function strings(v: Json | undefined): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

export function ownExport(root: JsonObject, json: JsonFile, problems: ProblemList, articleText: string): ForeignDoc {
  const at =
    (path: Path): At =>
    (severity, code, message) =>
      json.problem(severity, code, message, path);
  const id = str(root, 'id');
  if (!id) throw new ImportError('a Marginalia W3C export needs the collection `id` its item IRIs start with');
  const iris = new Iris(`${id}:`);
  const itemId = (v: Json | undefined): string | undefined => (typeof v === 'string' ? iris.idOf(v, 'item') : undefined);
  const typeId = (v: Json | undefined): string | undefined => (typeof v === 'string' ? iris.idOf(v, 'type') : undefined);

  const types: ForeignType[] = [];
  many(root.entityTypes).forEach((n, i) => {
    const here = at(['entityTypes', i]);
    const tid = isObject(n) ? typeId(n.id) : undefined;
    if (!isObject(n) || !tid) return problems.add(here('error', 'bad-type', 'entity type without an id of this export; skipped'));
    const def: EntityTypeDef = {
      ...extraOf(n),
      id: tid,
      label: str(n, 'label') ?? tid,
      color: str(n, 'color') ?? '#999999',
      cue: (str(n, 'cue') ?? 'solid') as TypeCue,
    };
    const icon = str(n, 'icon');
    const parent = typeId(n.parentType);
    const description = str(n, 'description');
    if (icon !== undefined) def.icon = icon;
    if (parent !== undefined) def.parent = parent;
    if (description !== undefined) def.description = description;
    types.push({ key: tid, label: def.label, def, at: here });
  });

  const entities: ForeignEntity[] = [];
  many(root.entities).forEach((n, i) => {
    const here = at(['entities', i]);
    const eid = isObject(n) ? itemId(n.id) : undefined;
    const type = isObject(n) ? typeId(n.entityType) : undefined;
    if (!isObject(n) || !eid || !type) return problems.add(here('error', 'bad-entity', 'entity without an id or type of this export; skipped'));
    const def: EntityDef = { ...extraOf(n), id: eid, type, name: str(n, 'name') ?? eid };
    const aliases = strings(n.aliases);
    const role = str(n, 'role');
    const affiliations = strings(n.affiliations)?.map((a) => itemId(a) ?? a);
    const description = str(n, 'description');
    if (aliases) def.aliases = aliases;
    if (role !== undefined) def.role = role;
    if (affiliations) def.affiliations = affiliations;
    if (description !== undefined) def.description = description;
    if (Array.isArray(n.sameAs))
      def.sameAs = n.sameAs.filter(isObject).map((l) => {
        const link: ExternalLink = { ...extraOf(l), url: str(l, 'url') ?? '' };
        const label = str(l, 'label');
        if (label !== undefined) link.label = label;
        return link;
      });
    entities.push({ key: eid, type, name: def.name, def, at: here });
  });

  const relations: ForeignRelation[] = [];
  many(root.relations).forEach((n, i) => {
    const here = at(['relations', i]);
    const rid = isObject(n) ? itemId(n.id) : undefined;
    const subject = isObject(n) ? itemId(n.subject) : undefined;
    const object = isObject(n) ? itemId(n.object) : undefined;
    const type = isObject(n) ? str(n, 'relationType') : undefined;
    if (!rid || !subject || !object || !type || !isObject(n))
      return problems.add(here('error', 'bad-relation', 'relation without id, type, subject or object; skipped'));
    relations.push({ key: rid, id: rid, type, subject, object, extra: extraOf(n), at: here });
  });

  const first = isObject(root.first) ? root.first : undefined;
  const items = first ? many(first.items) : [];
  if (items.length > MAX_ITEMS) throw new ImportError(`${items.length} annotations; the limit is ${MAX_ITEMS}; nothing was imported`);
  const map = new OffsetMap(articleText);
  const mentions: ForeignMention[] = [];
  const claims: ForeignClaim[] = [];
  items.forEach((a, i) => {
    const here = at(['first', 'items', i]);
    const aid = isObject(a) ? itemId(a.id) : undefined;
    if (!isObject(a) || !aid) return problems.add(here('error', 'bad-annotation', 'annotation without an id of this export; skipped'));
    const target = many(a.target)[0];
    const sel = isObject(target) ? many(target.selector).filter(isObject) : [];
    const q = sel.find((s) => s.type === 'TextQuoteSelector');
    const pos = sel.find((s) => s.type === 'TextPositionSelector');
    if (!q || typeof q.exact !== 'string') return problems.add(here('error', 'no-quote', `annotation ${aid} has no TextQuoteSelector; not imported`));
    const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: q.exact };
    const prefix = str(q, 'prefix');
    const suffix = str(q, 'suffix');
    if (prefix) quote.prefix = prefix;
    if (suffix) quote.suffix = suffix;
    const start = pos ? offset(pos.start) : undefined;
    const end = pos ? offset(pos.end) : undefined;
    const selector = quoteTarget(quote, start !== undefined && end !== undefined ? { start, end } : undefined, 'code points', map);
    const bodies = many(a.body).filter(isObject);
    const attribution = bodies.find((b) => b.type === 'Attribution');
    if (!attribution) {
      const entity = itemId(bodies.find((b) => b.purpose === 'identifying')?.source);
      if (!entity) return problems.add(here('error', 'no-entity', `mention ${aid} names no entity of this export; not imported`));
      mentions.push({ key: aid, id: aid, entity, selector, extra: extraOf(a), at: here });
      return;
    }
    const mode = str(attribution, 'mode') as ClaimMode | undefined;
    if (!mode || !MODES.includes(mode)) return problems.add(here('error', 'bad-mode', `claim ${aid} has no valid mode; not imported`));
    const chain: ForeignLink[] = many(attribution.chain)
      .filter(isObject)
      .map((l) => {
        const link: ForeignLink = { role: (str(l, 'linkRole') ?? 'speaker') as ChainRole };
        if (isObject(l.extra)) link.extra = l.extra;
        const entity = itemId(l.entity);
        const label = str(l, 'label');
        const kind = str(l, 'kind');
        if (entity !== undefined) link.entity = entity;
        if (label !== undefined) link.label = label;
        if (kind !== undefined) link.kind = kind;
        return link;
      })
      .filter((l) => ROLES.includes(l.role));
    const claim: ForeignClaim = { key: aid, id: aid, selector, mode, chain, extra: extraOf(a), at: here };
    const cue = str(attribution, 'cue');
    const summary = bodies.find((b) => b.purpose === 'describing');
    const contradicts = strings(a.contradicts)?.map((x) => itemId(x) ?? x);
    const supports = strings(a.supports)?.map((x) => itemId(x) ?? x);
    if (cue !== undefined) claim.cue = cue;
    if (summary && typeof summary.value === 'string') claim.summary = summary.value;
    if (contradicts) claim.contradicts = contradicts;
    if (supports) claim.supports = supports;
    if (Object.keys(extraOf(attribution)).length) claim.attributionExtra = extraOf(attribution);
    claims.push(claim);
  });

  const article = isObject(root.article) ? root.article : {};
  const doc: ForeignDoc = { types, entities, mentions, claims, relations, problems, fileFields: extraOf(root), articleFields: extraOf(article) };
  const hash = str(article, 'hash');
  if (hash !== undefined && hash !== hashText(articleText)) {
    doc.hintsElsewhere = 'the export was made from another version of the article';
    problems.add(
      at(['article', 'hash'])(
        'info',
        'article-changed',
        'the export was made from another version of the article: its positions are hints, every quote was found again',
      ),
    );
  }
  const title = str(root, 'label');
  if (title !== undefined) doc.title = title;
  return doc;
}
