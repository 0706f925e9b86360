// The Claims view as plain data: groups (by speaker, by outlet or venue, by the speaker's entity type, or none
// for document order) and claim rows, with stable ids. Groups are computed eagerly (cheap: one pass), rows
// lazily per group, so a 10k-claim file shows its first level without formatting 10k rows.

import type { ClaimMode, EntityDef } from './model';
import { MODE_LABELS, claimsInDocumentOrder } from './outline';
import type { ChainLink, Model, ResolvedClaim } from './resolve';
import { quoteOf } from './text';

export type ClaimGrouping = 'speaker' | 'outlet' | 'entityType' | 'document';

export const GROUPINGS: readonly { id: ClaimGrouping; label: string; detail: string }[] = [
  { id: 'speaker', label: 'Speaker', detail: 'Who made the claim; unnamed sources together' },
  { id: 'outlet', label: 'Outlet or venue', detail: 'The outlet, briefing or essay the claim came through' },
  { id: 'entityType', label: 'Entity type of the speaker', detail: 'Analysts, officials, outlets, unnamed sources…' },
  { id: 'document', label: 'Document order', detail: 'All claims in reading order, no groups' },
];

export function isClaimGrouping(v: unknown): v is ClaimGrouping {
  return GROUPINGS.some((g) => g.id === v);
}

export const UNNAMED_TYPE = 'unnamed-source';

export interface ClaimGroup {
  /** Stable within a grouping: `speaker:<entity id>`, `speaker:unnamed`, `outlet:<outlet>|<venue>` (entity ids or `label:<label>`), `outlet:none`, `type:<type id>`. */
  id: string;
  label: string;
  /** "associate professor · via VOA · 3": the count is always last. */
  description: string;
  /** A codicon name. */
  icon: string;
  entityId?: string;
  claimIds: string[];
}

export interface ClaimRow {
  id: string;
  /** Stable id of the row: the claim id is unique within a grouping (every claim sits in exactly one group). */
  groupId: string | undefined;
  /** Short text: the summary, else the start of the quote. */
  label: string;
  /** Mode, and the source when the grouping does not already say it. */
  description: string;
  mode: ClaimMode;
  icon: string;
  /** The sentence in context: text before, the claim's text, text after (plain strings). */
  context: { before: string; text: string; after: string };
  /** "Alan Chong · via VOA" */
  chain: string;
  orphan: boolean;
}

export interface ClaimTree {
  grouping: ClaimGrouping;
  /** Empty for document order: rows sit at the root. */
  groups: ClaimGroup[];
  /** Root rows (document order only). */
  rootClaimIds: string[];
  /** claim id -> group id (undefined at the root). */
  groupOf: Map<string, string | undefined>;
  /** Claims shown (after the filter) and in the file. */
  shown: number;
  total: number;
}

const MODE_ICONS: Record<ClaimMode, string> = {
  'direct-quote': 'quote',
  paraphrase: 'comment',
  'reported-statement': 'megaphone',
  belief: 'lightbulb',
};

export function modeIcon(mode: ClaimMode): string {
  return MODE_ICONS[mode] ?? 'comment';
}

/** True for entities of the unnamed-source type or a type that refines it. */
export function isUnnamed(model: Model, e: EntityDef | undefined): boolean {
  let type = e ? model.types.get(e.type) : undefined;
  for (let depth = 0; type && depth < 8; depth++) {
    if (type.id === UNNAMED_TYPE) return true;
    type = type.parent !== undefined ? model.types.get(type.parent) : undefined;
  }
  return false;
}

/** The shortest of an entity's names: "VOA" for Voice Of America, as chains read in the article. */
export function shortName(e: EntityDef): string {
  let best = e.name;
  for (const a of e.aliases ?? []) if (typeof a === 'string' && a.length > 0 && a.length < best.length) best = a;
  return best;
}

/** "via VOA", "virtual talk · via VOA": everything after the speaker. */
export function chainTail(chain: readonly ChainLink[]): string {
  const parts: string[] = [];
  for (const l of chain) {
    if (l.role === 'speaker') continue;
    if (l.role === 'outlet') parts.push(`via ${l.entity ? shortName(l.entity) : (l.label ?? l.kind ?? 'an outlet')}`);
    else parts.push(l.kind ?? (l.entity ? shortName(l.entity) : (l.label ?? 'a venue')));
  }
  return parts.join(' · ');
}

/** "Alan Chong · via VOA" */
export function chainText(claim: ResolvedClaim): string {
  const speaker = claim.speaker?.name ?? claim.chain.find((l) => l.role === 'speaker')?.label ?? 'Unattributed';
  const tail = chainTail(claim.chain);
  return tail ? `${speaker} · ${tail}` : speaker;
}

/** Case-insensitive match of every word of `filter` against the claim's text, summary and source names. */
export function claimMatches(model: Model, claim: ResolvedClaim, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = [
    claim.def.summary ?? '',
    claimText(model, claim),
    MODE_LABELS[claim.def.attribution.mode] ?? '',
    ...claim.chain.flatMap((l) => [l.entity?.name ?? '', ...(l.entity?.aliases ?? []), l.label ?? '', l.kind ?? '']),
  ]
    .join('\n')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function filterWords(filter: string | undefined): string[] {
  return (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The claim's text as anchored, or the stored quote for an orphan. */
export function claimText(model: Model, claim: ResolvedClaim): string {
  return model.textOf(claim);
}

/** Up to `chars` characters of context either side, cut at a paragraph break. */
export function claimContext(model: Model, claim: ResolvedClaim, chars = 160): ClaimRow['context'] {
  const { start, end } = claim.anchor;
  if (start === undefined || end === undefined) {
    const q = quoteOf(claim.def.selector);
    return { before: q?.prefix ?? '', text: q?.exact ?? '', after: q?.suffix ?? '' };
  }
  const s = model.map.toUtf16(start);
  const e = model.map.toUtf16(end);
  let before = model.text.slice(Math.max(0, s - chars), s);
  let after = model.text.slice(e, e + chars);
  const nl = before.lastIndexOf('\n');
  if (nl !== -1) before = before.slice(nl + 1);
  const nl2 = after.indexOf('\n');
  if (nl2 !== -1) after = after.slice(0, nl2);
  return { before, text: model.text.slice(s, e), after };
}

export function truncate(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Never cut a surrogate pair in half.
  let cut = max - 1;
  const c = flat.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${flat.slice(0, cut)}…`;
}

interface GroupKey {
  id: string;
  make(): Omit<ClaimGroup, 'id' | 'claimIds' | 'description'> & { descriptionParts?: string[] };
}

function keyFor(model: Model, claim: ResolvedClaim, grouping: Exclude<ClaimGrouping, 'document'>): GroupKey {
  const speaker = claim.speaker;
  if (grouping === 'speaker') {
    if (!speaker || isUnnamed(model, speaker)) return { id: 'speaker:unnamed', make: () => ({ label: 'Unnamed sources', icon: 'question' }) };
    return {
      id: `speaker:${speaker.id}`,
      make: () => ({
        label: speaker.name,
        entityId: speaker.id,
        icon: model.types.get(speaker.type)?.icon ?? 'person',
        ...(speaker.role ? { descriptionParts: [speaker.role] } : {}),
      }),
    };
  }
  if (grouping === 'outlet') {
    // The channel the reader got the claim through: a venue (briefing, essay, talk) and the outlet that carried
    // it, or the outlet alone, or a speaker that is itself an outlet ("VOA reported").
    let outlet: ChainLink | undefined;
    for (let i = claim.chain.length - 1; i >= 0 && !outlet; i--) if ((claim.chain[i] as ChainLink).role === 'outlet') outlet = claim.chain[i];
    const venue = claim.chain.find((l) => l.role === 'venue');
    if (!outlet && !venue && speaker && speaker.type === 'outlet') outlet = { role: 'outlet', entity: speaker };
    if (!outlet && !venue) return { id: 'outlet:none', make: () => ({ label: 'No outlet or venue named', icon: 'circle-slash' }) };
    const linkId = (l: ChainLink | undefined): string => (!l ? '' : l.entity ? l.entity.id : `label:${l.label ?? l.kind ?? ''}`);
    const id = `outlet:${linkId(outlet)}${venue ? `|${linkId(venue)}` : ''}`;
    if (venue) {
      const v = venue;
      const o = outlet;
      return {
        id,
        make: () => ({
          label: v.entity?.name ?? v.label ?? v.kind ?? 'a venue',
          icon: 'location',
          ...(v.entity ? { entityId: v.entity.id } : {}),
          descriptionParts: [
            ...(v.kind && v.kind !== v.label ? [v.kind] : []),
            ...(o ? [`via ${o.entity ? shortName(o.entity) : (o.label ?? o.kind ?? 'an outlet')}`] : []),
          ],
        }),
      };
    }
    const o = outlet as ChainLink;
    return {
      id,
      make: () => ({
        label: o.entity?.name ?? o.label ?? o.kind ?? 'an outlet',
        icon: o.entity ? (model.types.get(o.entity.type)?.icon ?? 'broadcast') : 'broadcast',
        ...(o.entity ? { entityId: o.entity.id } : {}),
        ...(o.kind ? { descriptionParts: [o.kind] } : {}),
      }),
    };
  }
  const type = speaker ? model.types.get(speaker.type) : undefined;
  if (!speaker) return { id: 'type:unnamed', make: () => ({ label: 'Unattributed', icon: 'question' }) };
  const typeId = speaker.type;
  return { id: `type:${typeId}`, make: () => ({ label: type?.label ?? typeId, icon: type?.icon ?? 'symbol-misc' }) };
}

/** First level of the tree: one pass over the claims in document order. */
export function buildClaimTree(model: Model, grouping: ClaimGrouping, filter?: string): ClaimTree {
  const words = filterWords(filter);
  const ordered = claimsInDocumentOrder(model).filter((c) => claimMatches(model, c, words));
  const groupOf = new Map<string, string | undefined>();
  if (grouping === 'document') {
    for (const c of ordered) groupOf.set(c.id, undefined);
    return { grouping, groups: [], rootClaimIds: ordered.map((c) => c.id), groupOf, shown: ordered.length, total: model.claims.length };
  }
  const groups = new Map<string, ClaimGroup & { parts: string[]; tails: string[] }>();
  for (const c of ordered) {
    const key = keyFor(model, c, grouping);
    let g = groups.get(key.id);
    if (!g) {
      const made = key.make();
      g = { id: key.id, label: made.label, icon: made.icon, description: '', claimIds: [], parts: made.descriptionParts ?? [], tails: [] };
      if (made.entityId !== undefined) g.entityId = made.entityId;
      groups.set(key.id, g);
    }
    g.claimIds.push(c.id);
    groupOf.set(c.id, key.id);
    if (grouping === 'speaker' && key.id !== 'speaker:unnamed') {
      const tail = chainTail(c.chain);
      if (tail && !g.tails.includes(tail)) g.tails.push(tail);
    }
  }
  const list: ClaimGroup[] = [];
  for (const g of groups.values()) {
    const { parts, tails, ...group } = g;
    group.description = [...parts, ...tails.slice(0, 2), ...(tails.length > 2 ? ['…'] : []), String(g.claimIds.length)].join(' · ');
    list.push(group);
  }
  // Unnamed and unattributed sources last, so named sources lead.
  list.sort((a, b) => Number(a.id.endsWith(':unnamed') || a.id === 'outlet:none') - Number(b.id.endsWith(':unnamed') || b.id === 'outlet:none'));
  return { grouping, groups: list, rootClaimIds: [], groupOf, shown: ordered.length, total: model.claims.length };
}

/** The row of one claim, computed when its group is expanded. */
export function claimRow(model: Model, claim: ResolvedClaim, tree: Pick<ClaimTree, 'grouping' | 'groupOf'>): ClaimRow {
  const text = claimText(model, claim);
  const mode = claim.def.attribution.mode;
  const chain = chainText(claim);
  const modeLabel = MODE_LABELS[mode] ?? mode;
  // Say the source unless the group already does.
  const groupId = tree.groupOf.get(claim.id);
  const saysSource = tree.grouping === 'speaker' && groupId !== 'speaker:unnamed';
  const description = saysSource ? modeLabel : `${chain} · ${modeLabel}`;
  return {
    id: claim.id,
    groupId,
    label: truncate(claim.def.summary ?? text, 90),
    description,
    mode,
    icon: modeIcon(mode),
    context: claimContext(model, claim),
    chain,
    orphan: claim.anchor.status === 'orphan',
  };
}
