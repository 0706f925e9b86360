// Hover-card view models: plain, JSON-serialisable, computed from the resolved model. Text fields are
// plain strings; whoever renders them must treat them as text (no HTML, no Markdown commands).

import type { AnchorStatus, ChainRole, ClaimMode, ExternalLink, RelationDef } from './model';
import { MODE_LABELS, claimsInDocumentOrder } from './outline';
import type { Model, ResolvedClaim } from './resolve';

export interface CardClaim {
  id: string;
  /** The claim's text as anchored (the stored quote for an orphan). */
  text: string;
  summary?: string;
}

export interface EntityCard {
  id: string;
  name: string;
  type: string;
  typeLabel: string;
  role?: string;
  aliases: string[];
  affiliations: { id: string; name: string }[];
  description?: string;
  /** Claims the entity made (it is the speaker), in document order. */
  claims: CardClaim[];
  claimCount: number;
  /** Claims the entity reported or hosted (outlet or venue), in document order. */
  reported: CardClaim[];
  reportedCount: number;
  /** Mentions that are anchored in the text (orphans not counted). */
  mentionCount: number;
  /** Related entities: `direction` says whether this entity is the relation's subject (`out`) or object. */
  relations: { id: string; name: string; type: string; direction: 'out' | 'in' }[];
  /** http(s) links only. */
  links: ExternalLink[];
}

export interface ClaimCard {
  id: string;
  text: string;
  summary?: string;
  mode: ClaimMode;
  modeLabel: string;
  cue?: string;
  speaker?: { id: string; name: string; role?: string };
  chain: { role: ChainRole; id?: string; name: string; kind?: string }[];
  status: AnchorStatus;
}

const SAFE_URL = /^https?:\/\/[^\s<>"'`]+$/i;

function cardClaim(model: Model, c: ResolvedClaim): CardClaim {
  const out: CardClaim = { id: c.id, text: model.textOf(c) };
  if (c.def.summary !== undefined) out.summary = c.def.summary;
  return out;
}

/**
 * What the cards of one model need, gathered in one pass: building every card of a large model (the reader's
 * payload: 500 entities, 10k mentions) is then linear instead of entities × mentions.
 */
export interface CardIndex {
  said: Map<string, ResolvedClaim[]>;
  reported: Map<string, ResolvedClaim[]>;
  mentionCounts: Map<string, number>;
  relations: Map<string, RelationDef[]>;
  claims: Map<string, ResolvedClaim>;
}

export function cardIndex(model: Model): CardIndex {
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const index: CardIndex = { said: new Map(), reported: new Map(), mentionCounts: new Map(), relations: new Map(), claims: new Map() };
  for (const c of claimsInDocumentOrder(model)) {
    if (c.speaker) push(index.said, c.speaker.id, c);
    // An entity twice in one chain reports the claim once.
    const reporters = new Set(c.chain.flatMap((l) => (l.role !== 'speaker' && l.entity ? [l.entity.id] : [])));
    for (const id of reporters) push(index.reported, id, c);
  }
  for (const c of model.claims) if (!index.claims.has(c.id)) index.claims.set(c.id, c);
  for (const m of model.mentions) if (m.anchor.status !== 'orphan') index.mentionCounts.set(m.def.entity, (index.mentionCounts.get(m.def.entity) ?? 0) + 1);
  for (const r of model.file.relations ?? []) {
    push(index.relations, r.subject, r);
    if (r.object !== r.subject) push(index.relations, r.object, r);
  }
  return index;
}

/** `index` (from cardIndex) when building many cards of one model; without it one card costs a pass over the model. */
export function entityCard(model: Model, id: string, index: CardIndex = cardIndex(model)): EntityCard | undefined {
  const e = model.entities.get(id);
  if (!e) return undefined;
  const said = index.said.get(id) ?? [];
  const reported = index.reported.get(id) ?? [];
  const relations: EntityCard['relations'] = [];
  for (const r of index.relations.get(id) ?? []) {
    const other = r.subject === id ? r.object : r.object === id ? r.subject : undefined;
    const o = other !== undefined ? model.entities.get(other) : undefined;
    if (o) relations.push({ id: o.id, name: o.name, type: r.type, direction: r.subject === id ? 'out' : 'in' });
  }
  const card: EntityCard = {
    id: e.id,
    name: e.name,
    type: e.type,
    typeLabel: model.types.get(e.type)?.label ?? e.type,
    aliases: [...(e.aliases ?? [])],
    affiliations: (e.affiliations ?? []).flatMap((a) => {
      const o = model.entities.get(a);
      return o ? [{ id: o.id, name: o.name }] : [];
    }),
    claims: said.map((c) => cardClaim(model, c)),
    claimCount: said.length,
    reported: reported.map((c) => cardClaim(model, c)),
    reportedCount: reported.length,
    mentionCount: index.mentionCounts.get(id) ?? 0,
    relations,
    links: (e.sameAs ?? [])
      .filter((l) => typeof l.url === 'string' && SAFE_URL.test(l.url))
      .map((l) => (l.label !== undefined ? { url: l.url, label: l.label } : { url: l.url })),
  };
  if (e.role !== undefined) card.role = e.role;
  if (e.description !== undefined) card.description = e.description;
  return card;
}

export function claimCard(model: Model, id: string, index?: CardIndex): ClaimCard | undefined {
  const c = index ? index.claims.get(id) : model.claimById.get(id);
  if (!c) return undefined;
  const mode = c.def.attribution.mode;
  const card: ClaimCard = {
    id: c.id,
    text: model.textOf(c),
    mode,
    modeLabel: MODE_LABELS[mode] ?? mode,
    chain: c.chain.map((l, j) => {
      const raw = c.def.attribution.chain[j];
      const link: ClaimCard['chain'][number] = { role: l.role, name: l.entity?.name ?? l.label ?? raw?.entity ?? 'unnamed' };
      if (l.entity) link.id = l.entity.id;
      if (l.kind !== undefined) link.kind = l.kind;
      return link;
    }),
    status: c.anchor.status,
  };
  if (c.def.summary !== undefined) card.summary = c.def.summary;
  if (c.def.attribution.cue !== undefined) card.cue = c.def.attribution.cue;
  if (c.speaker) {
    card.speaker = { id: c.speaker.id, name: c.speaker.name };
    if (c.speaker.role !== undefined) card.speaker.role = c.speaker.role;
  }
  return card;
}
