// Hover-card view models: plain, JSON-serialisable, computed from the resolved model. Text fields are
// plain strings; whoever renders them must treat them as text (no HTML, no Markdown commands).

import type { AnchorStatus, ChainRole, ClaimMode, ExternalLink } from './model';
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

export function entityCard(model: Model, id: string): EntityCard | undefined {
  const e = model.entities.get(id);
  if (!e) return undefined;
  const ordered = claimsInDocumentOrder(model);
  const said = ordered.filter((c) => c.speaker?.id === id);
  const reported = ordered.filter((c) => c.chain.some((l) => l.role !== 'speaker' && l.entity?.id === id));
  const relations: EntityCard['relations'] = [];
  for (const r of model.file.relations ?? []) {
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
    mentionCount: model.mentions.filter((m) => m.def.entity === id && m.anchor.status !== 'orphan').length,
    relations,
    links: (e.sameAs ?? [])
      .filter((l) => typeof l.url === 'string' && SAFE_URL.test(l.url))
      .map((l) => (l.label !== undefined ? { url: l.url, label: l.label } : { url: l.url })),
  };
  if (e.role !== undefined) card.role = e.role;
  if (e.description !== undefined) card.description = e.description;
  return card;
}

export function claimCard(model: Model, id: string): ClaimCard | undefined {
  const c = model.claimById.get(id);
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
