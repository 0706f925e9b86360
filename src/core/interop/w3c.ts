// Export to the W3C Web Annotation model: one AnnotationCollection with one AnnotationPage; mentions and claims
// are Annotations whose targets carry a TextQuoteSelector and a TextPositionSelector (code points over the
// normalized article); entity, type and attribution are bodies. What the W3C model has no term for (the type
// and entity registries, attribution chains, relations, unknown fields) uses the Marginalia context, so that
// Marginalia -> W3C -> Marginalia loses nothing (docs/interchange.md).

import { slug } from '../edit';
import type { ChainLinkDef, ClaimDef, EntityDef, EntityTypeDef, ExternalLink, RelationDef, Selector } from '../model';
import type { AnchoredItem, Model } from '../resolve';
import { quoteOf, selectorsFor } from '../text';
import { baseName, ExportProblems, spanOf, unknownFields, type ExportInput } from './exporting';
import type { ExportResult } from './types';
import { MARGINALIA_CONTEXT, W3C_CONTEXT } from './w3cContext';

export const TYPE_KEYS = ['id', 'label', 'color', 'cue', 'icon', 'parent', 'description'] as const;
export const ENTITY_KEYS = ['id', 'type', 'name', 'aliases', 'role', 'affiliations', 'description', 'sameAs'] as const;
export const MENTION_KEYS = ['id', 'entity', 'selector'] as const;
export const CLAIM_KEYS = ['id', 'selector', 'summary', 'attribution', 'contradicts', 'supports'] as const;
export const RELATION_KEYS = ['id', 'type', 'subject', 'object'] as const;
export const FILE_KEYS = ['marginalia', 'article', 'types', 'entities', 'mentions', 'claims', 'relations'] as const;
export const ARTICLE_KEYS = ['path', 'title', 'hash', 'length'] as const;

/** IRIs of one export: `urn:marginalia:<article>:` + the percent-encoded id (types under `type/`). */
export class Iris {
  constructor(readonly base: string) {}
  static forArticle(articleName: string): Iris {
    return new Iris(`urn:marginalia:${slug(baseName(articleName), 80) || 'article'}:`);
  }
  item(id: string): string {
    return this.base + encodeURIComponent(id);
  }
  type(id: string): string {
    return `${this.base}type/${encodeURIComponent(id)}`;
  }
  get article(): string {
    return `${this.base}article`;
  }
  /** The id an IRI of this export names, or undefined for any other IRI. */
  idOf(iri: string, kind: 'item' | 'type'): string | undefined {
    const prefix = kind === 'type' ? `${this.base}type/` : this.base;
    if (!iri.startsWith(prefix)) return undefined;
    const rest = iri.slice(prefix.length);
    if (kind === 'item' && rest.startsWith('type/')) return undefined;
    try {
      return decodeURIComponent(rest);
    } catch {
      return undefined;
    }
  }
}

type Node = Record<string, unknown>;

function withExtra(node: Node, value: object, known: readonly string[]): Node {
  const extra = unknownFields(value, known);
  if (extra) node.extra = extra;
  return node;
}

function typeNode(t: EntityTypeDef, iris: Iris): Node {
  const n: Node = { id: iris.type(t.id), type: 'EntityType', label: t.label, color: t.color, cue: t.cue };
  if (t.icon !== undefined) n.icon = t.icon;
  if (t.parent !== undefined) n.parentType = iris.type(t.parent);
  if (t.description !== undefined) n.description = t.description;
  return withExtra(n, t, TYPE_KEYS);
}

function linkNode(l: ExternalLink): Node {
  const n: Node = { url: l.url };
  if (l.label !== undefined) n.label = l.label;
  return withExtra(n, l, ['url', 'label']);
}

function entityNode(e: EntityDef, iris: Iris): Node {
  const n: Node = { id: iris.item(e.id), type: 'Entity', name: e.name, entityType: iris.type(e.type) };
  if (e.aliases !== undefined) n.aliases = e.aliases;
  if (e.role !== undefined) n.role = e.role;
  if (e.affiliations !== undefined) n.affiliations = e.affiliations.map((a) => iris.item(a));
  if (e.description !== undefined) n.description = e.description;
  if (e.sameAs !== undefined) n.sameAs = e.sameAs.map(linkNode);
  return withExtra(n, e, ENTITY_KEYS);
}

function relationNode(r: RelationDef, iris: Iris): Node {
  return withExtra(
    { id: iris.item(r.id), type: 'Relation', relationType: r.type, subject: iris.item(r.subject), object: iris.item(r.object) },
    r,
    RELATION_KEYS,
  );
}

function chainNode(l: ChainLinkDef, iris: Iris): Node {
  const n: Node = { type: 'ChainLink', linkRole: l.role };
  if (l.entity !== undefined) n.entity = iris.item(l.entity);
  if (l.label !== undefined) n.label = l.label;
  if (l.kind !== undefined) n.kind = l.kind;
  return withExtra(n, l, ['role', 'entity', 'label', 'kind']);
}

function attributionBody(c: ClaimDef, iris: Iris): Node {
  const a = c.attribution;
  const n: Node = { type: 'Attribution', mode: a.mode, chain: a.chain.map((l) => chainNode(l, iris)) };
  if (a.cue !== undefined) n.cue = a.cue;
  return withExtra(n, a, ['mode', 'chain', 'cue']);
}

/** Selectors as anchored now (fresh quote and position); an orphan keeps its quote only. */
function selectorsOf(model: Model, item: AnchoredItem, problems: ExportProblems): Selector[] {
  const span = spanOf(model, item);
  if (span) return selectorsFor(model.map, span.u16start, span.u16end);
  problems.item(item, 'warning', 'orphan-exported', `${item.id} is not anchored in the article; exported with its quote only`);
  const q = quoteOf(item.def.selector);
  return q ? [q] : [];
}

export function exportW3c(input: ExportInput): ExportResult {
  const { model } = input;
  const file = model.file;
  const iris = Iris.forArticle(input.articleName);
  const problems = new ExportProblems(input);
  const target = (item: AnchoredItem): Node => ({ source: iris.article, selector: selectorsOf(model, item, problems) });
  const items: Node[] = [];
  for (const m of model.mentions) {
    const body: Node[] = [{ type: 'SpecificResource', purpose: 'identifying', source: iris.item(m.def.entity) }];
    const type = m.entity ? model.types.get(m.entity.type) : undefined;
    if (type) body.push({ type: 'TextualBody', purpose: 'tagging', value: type.label });
    items.push(withExtra({ id: iris.item(m.id), type: 'Annotation', motivation: 'identifying', body, target: target(m) }, m.def, MENTION_KEYS));
  }
  for (const c of model.claims) {
    const body: Node[] = [attributionBody(c.def, iris)];
    if (c.def.summary !== undefined) body.push({ type: 'TextualBody', purpose: 'describing', value: c.def.summary });
    const n: Node = { id: iris.item(c.id), type: 'Annotation', motivation: 'describing', body, target: target(c) };
    if (c.def.contradicts !== undefined) n.contradicts = c.def.contradicts.map((x) => iris.item(x));
    if (c.def.supports !== undefined) n.supports = c.def.supports.map((x) => iris.item(x));
    items.push(withExtra(n, c.def, CLAIM_KEYS));
  }
  const article: Node = { id: iris.article, type: 'Article', path: file.article.path };
  if (file.article.hash !== undefined) article.hash = file.article.hash;
  if (file.article.length !== undefined) article.length = file.article.length;
  const collection: Node = { '@context': [W3C_CONTEXT, MARGINALIA_CONTEXT], id: iris.base.slice(0, -1), type: 'AnnotationCollection' };
  if (file.article.title !== undefined) collection.label = file.article.title;
  collection.article = withExtra(article, file.article, ARTICLE_KEYS);
  collection.entityTypes = file.types.map((t) => typeNode(t, iris));
  collection.entities = file.entities.map((e) => entityNode(e, iris));
  if (file.relations !== undefined) collection.relations = file.relations.map((r) => relationNode(r, iris));
  withExtra(collection, file, [...FILE_KEYS, '$schema']);
  collection.total = items.length;
  collection.first = { id: `${iris.base}page/1`, type: 'AnnotationPage', startIndex: 0, items };
  const name = `${baseName(input.articleName)}.w3c.jsonld`;
  return { files: [{ name, content: JSON.stringify(collection, null, 2) + '\n' }], problems: problems.list };
}
