// The two JSON-LD contexts of a Marginalia W3C export. The W3C one is referenced by IRI (never fetched); the
// Marginalia one names what the W3C model has no term for (entity types, the entity registry, attribution
// chains, relations, unknown fields). Its text is shipped as media/schema/interchange-1.jsonld and documented
// in docs/interchange.md; a unit test keeps the three in step.

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const MARGINALIA_CONTEXT = 'https://marginalia-reader.github.io/ns/interchange-1.jsonld';
export const MARGINALIA_VOCAB = 'https://marginalia-reader.github.io/ns/interchange#';

/** The Marginalia context document. Its terms never redefine a term of the W3C context (the W3C rule). */
export const MARGINALIA_CONTEXT_DOCUMENT = {
  '@context': {
    '@version': 1.1,
    mrg: MARGINALIA_VOCAB,
    Article: 'mrg:Article',
    EntityType: 'mrg:EntityType',
    Entity: 'mrg:Entity',
    Attribution: 'mrg:Attribution',
    ChainLink: 'mrg:ChainLink',
    Relation: 'mrg:Relation',
    article: { '@id': 'mrg:article', '@type': '@id' },
    path: 'mrg:path',
    hash: 'mrg:hash',
    length: 'mrg:length',
    entityTypes: { '@id': 'mrg:entityTypes', '@container': '@list' },
    entities: { '@id': 'mrg:entities', '@container': '@list' },
    relations: { '@id': 'mrg:relations', '@container': '@list' },
    localId: 'mrg:localId',
    color: 'mrg:color',
    cue: 'mrg:cue',
    icon: 'mrg:icon',
    parentType: { '@id': 'mrg:parentType', '@type': '@id' },
    description: 'http://schema.org/description',
    entityType: { '@id': 'mrg:entityType', '@type': '@id' },
    aliases: { '@id': 'mrg:alias', '@container': '@list' },
    role: 'mrg:role',
    affiliations: { '@id': 'mrg:affiliation', '@type': '@id', '@container': '@list' },
    sameAs: { '@id': 'mrg:sameAs', '@container': '@list' },
    url: { '@id': 'http://schema.org/url', '@type': '@id' },
    mode: 'mrg:mode',
    chain: { '@id': 'mrg:chain', '@container': '@list' },
    linkRole: 'mrg:linkRole',
    entity: { '@id': 'mrg:entity', '@type': '@id' },
    kind: 'mrg:kind',
    contradicts: { '@id': 'mrg:contradicts', '@type': '@id', '@container': '@list' },
    supports: { '@id': 'mrg:supports', '@type': '@id', '@container': '@list' },
    relationType: 'mrg:relationType',
    subject: { '@id': 'mrg:subject', '@type': '@id' },
    object: { '@id': 'mrg:object', '@type': '@id' },
    extra: { '@id': 'mrg:extra', '@type': '@json' },
  },
} as const;
