// Agreement between two annotations of one article, annotator A taken as the reference. Mentions: span F1,
// exact and by overlap, overall (spans alone) and per type (spans of that type on both sides); Cohen's
// kappa on the types of the paired spans. Claims: span F1 by overlap (and exact), and attribution F1, where
// a pair counts only if the spans overlap and both give the same speaker and the same outlets. Every
// difference is listed, in text order, with both versions. docs/collaboration.md says where each measure
// comes from.

import type { EntityDef } from '../model';
import type { Model } from '../resolve';
import { matchSpans, sameSpan, type Pairs, type Span } from './match';
import { cohensKappa, microPrf, prf, type Prf } from './measures';

/** A mention reduced to what agreement looks at. */
export interface MentionItem extends Span {
  id: string;
  /** The entity's type id ("?" when the entity does not exist). */
  type: string;
  /** Identity keys of the entity: `id:<id>` and `name:<normalized name>`; two entities are the same when any key is shared. */
  entity: readonly string[];
  /** For listings: the text and the entity's name. */
  text?: string;
  entityName?: string;
}

export interface ClaimItem extends Span {
  id: string;
  /** Identity keys of the speaker (see MentionItem.entity); empty when the chain has none. */
  speaker: readonly string[];
  /** Identity keys of each outlet link, in chain order. */
  outlets: readonly (readonly string[])[];
  mode?: string;
  text?: string;
  speakerName?: string;
  outletNames?: string[];
}

export interface TypeAgreement {
  type: string;
  label: string;
  exact: Prf;
  overlap: Prf;
}

export type Aspect = 'boundary' | 'type' | 'entity' | 'speaker' | 'outlet' | 'mode';

export interface Version {
  id: string;
  start: number;
  end: number;
  text: string;
  /** Mentions: type id and entity name. Claims: speaker and outlet names, mode. */
  type?: string;
  entity?: string;
  speaker?: string;
  outlets?: string[];
  mode?: string;
}

export interface Disagreement {
  kind: 'mention' | 'claim';
  category: 'only-a' | 'only-b' | 'differ';
  /** For `differ`: what differs between the paired versions. */
  aspects: Aspect[];
  a?: Version;
  b?: Version;
}

export interface MentionAgreement {
  exact: Prf;
  overlap: Prf;
  /** Cohen's kappa on the types of the spans paired by overlap; null when undefined. */
  kappa: number | null;
  kappaPairs: number;
  /** Spans and types together, micro-averaged over the types (bratiaa's total). */
  typed: { exact: Prf; overlap: Prf };
  byType: TypeAgreement[];
  /** How often A's type met B's type among the paired spans. */
  confusion: { a: string; b: string; count: number }[];
}

export interface ClaimAgreement {
  span: Prf;
  spanExact: Prf;
  attribution: Prf;
}

export interface AgreementReport {
  mentions: MentionAgreement & { unanchored: { a: number; b: number } };
  claims: ClaimAgreement & { unanchored: { a: number; b: number } };
  disagreements: Disagreement[];
}

export function sameEntity(x: readonly string[], y: readonly string[]): boolean {
  return x.some((k) => y.includes(k));
}

export function sameAttribution(x: ClaimItem, y: ClaimItem): boolean {
  return (
    x.speaker.length > 0 &&
    sameEntity(x.speaker, y.speaker) &&
    x.outlets.length === y.outlets.length &&
    x.outlets.every((o, i) => sameEntity(o, y.outlets[i] ?? []))
  );
}

const sameType = (x: MentionItem, y: MentionItem): boolean => x.type === y.type;

/** The pairings everything else is counted on: mentions preferring the same type, claims the same attribution. */
export function pairMentions(a: readonly MentionItem[], b: readonly MentionItem[]): Pairs {
  return matchSpans(a, b, { agrees: sameType });
}

export function pairClaims(a: readonly ClaimItem[], b: readonly ClaimItem[]): Pairs {
  return matchSpans(a, b, { agrees: sameAttribution });
}

export function mentionAgreement(
  a: readonly MentionItem[],
  b: readonly MentionItem[],
  labels: ReadonlyMap<string, string> = new Map(),
  overlap: Pairs = pairMentions(a, b),
): MentionAgreement {
  const exact = matchSpans(a, b, { allowed: sameSpan });
  const types = [...new Set([...a, ...b].map((m) => m.type))].sort();
  const byType = types.map((type): TypeAgreement => {
    const ta = a.filter((m) => m.type === type);
    const tb = b.filter((m) => m.type === type);
    const sameEntityToo = (x: MentionItem, y: MentionItem): boolean => sameEntity(x.entity, y.entity);
    return {
      type,
      label: labels.get(type) ?? type,
      exact: prf(matchSpans(ta, tb, { allowed: sameSpan }).length, ta.length, tb.length),
      overlap: prf(matchSpans(ta, tb, { agrees: sameEntityToo }).length, ta.length, tb.length),
    };
  });
  const typePairs = overlap.map(([i, j]) => [(a[i] as MentionItem).type, (b[j] as MentionItem).type] as const);
  const confusion = new Map<string, { a: string; b: string; count: number }>();
  for (const [x, y] of typePairs) {
    const key = JSON.stringify([x, y]);
    const c = confusion.get(key) ?? { a: x, b: y, count: 0 };
    c.count++;
    confusion.set(key, c);
  }
  return {
    exact: prf(exact.length, a.length, b.length),
    overlap: prf(overlap.length, a.length, b.length),
    kappa: cohensKappa(typePairs),
    kappaPairs: typePairs.length,
    typed: { exact: microPrf(byType.map((t) => t.exact)), overlap: microPrf(byType.map((t) => t.overlap)) },
    byType,
    confusion: [...confusion.values()].sort((x, y) => y.count - x.count || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
  };
}

export function claimAgreement(a: readonly ClaimItem[], b: readonly ClaimItem[], span: Pairs = pairClaims(a, b)): ClaimAgreement {
  return {
    span: prf(span.length, a.length, b.length),
    spanExact: prf(matchSpans(a, b, { allowed: sameSpan }).length, a.length, b.length),
    attribution: prf(matchSpans(a, b, { allowed: sameAttribution }).length, a.length, b.length),
  };
}

/** Every difference: unpaired items on either side, and paired ones that differ in some aspect. */
export function disagreements(
  mentions: { a: readonly MentionItem[]; b: readonly MentionItem[]; pairs?: Pairs },
  claims: { a: readonly ClaimItem[]; b: readonly ClaimItem[]; pairs?: Pairs },
): Disagreement[] {
  const list: Disagreement[] = [];
  const collect = <T extends Span>(
    kind: Disagreement['kind'],
    a: readonly T[],
    b: readonly T[],
    pairs: Pairs,
    aspects: (x: T, y: T) => Aspect[],
    version: (x: T) => Version,
  ): void => {
    const pairedA = new Set(pairs.map((p) => p[0]));
    const pairedB = new Set(pairs.map((p) => p[1]));
    for (const [i, j] of pairs) {
      const x = a[i] as T;
      const y = b[j] as T;
      const found = [...(sameSpan(x, y) ? [] : (['boundary'] as const)), ...aspects(x, y)];
      if (found.length) list.push({ kind, category: 'differ', aspects: found, a: version(x), b: version(y) });
    }
    a.forEach((x, i) => pairedA.has(i) || list.push({ kind, category: 'only-a', aspects: [], a: version(x) }));
    b.forEach((y, j) => pairedB.has(j) || list.push({ kind, category: 'only-b', aspects: [], b: version(y) }));
  };
  collect(
    'mention',
    mentions.a,
    mentions.b,
    mentions.pairs ?? pairMentions(mentions.a, mentions.b),
    (x, y) => [...(x.type !== y.type ? (['type'] as const) : []), ...(sameEntity(x.entity, y.entity) ? [] : (['entity'] as const))],
    (m) => ({ id: m.id, start: m.start, end: m.end, text: m.text ?? '', type: m.type, ...(m.entityName !== undefined ? { entity: m.entityName } : {}) }),
  );
  collect(
    'claim',
    claims.a,
    claims.b,
    claims.pairs ?? pairClaims(claims.a, claims.b),
    (x, y) => {
      const found: Aspect[] = [];
      if (!(x.speaker.length > 0 && sameEntity(x.speaker, y.speaker))) found.push('speaker');
      if (!(x.outlets.length === y.outlets.length && x.outlets.every((o, i) => sameEntity(o, y.outlets[i] ?? [])))) found.push('outlet');
      if (x.mode !== y.mode) found.push('mode');
      return found;
    },
    (c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      text: c.text ?? '',
      ...(c.speakerName !== undefined ? { speaker: c.speakerName } : {}),
      outlets: c.outletNames ?? [],
      ...(c.mode !== undefined ? { mode: c.mode } : {}),
    }),
  );
  const at = (d: Disagreement): number => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity);
  return list.sort((x, y) => at(x) - at(y) || (x.kind === y.kind ? 0 : x.kind === 'mention' ? -1 : 1));
}

// ---- from resolved models --------------------------------------------------------------------------

/** Names compared across two files: case, accents' composition and runs of white space do not count. */
export function normalizeName(s: string): string {
  let n = normalized.get(s);
  if (n === undefined) {
    n = s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (normalized.size > 100_000) normalized.clear();
    normalized.set(s, n);
  }
  return n;
}
const normalized = new Map<string, string>();

function entityKeys(id: string | undefined, entity: EntityDef | undefined, label?: string): string[] {
  const keys: string[] = [];
  if (id !== undefined) keys.push(`id:${id}`);
  if (entity) keys.push(`name:${normalizeName(entity.name)}`);
  else if (label !== undefined) keys.push(`name:${normalizeName(label)}`);
  return keys;
}

export function mentionItems(model: Model): MentionItem[] {
  return model.mentions.flatMap((m) => {
    const { start, end } = m.anchor;
    if (m.anchor.status === 'orphan' || start === undefined || end === undefined) return [];
    const item: MentionItem = { id: m.id, start, end, type: m.entity?.type ?? '?', entity: entityKeys(m.def.entity, m.entity), text: model.textOf(m) };
    if (m.entity) item.entityName = m.entity.name;
    return [item];
  });
}

export function claimItems(model: Model): ClaimItem[] {
  return model.claims.flatMap((c) => {
    const { start, end } = c.anchor;
    if (c.anchor.status === 'orphan' || start === undefined || end === undefined) return [];
    const links = c.def.attribution.chain.map((def, j) => ({ def, link: c.chain[j] }));
    const speaker = links.find((l) => l.def.role === 'speaker');
    const outlets = links.filter((l) => l.def.role === 'outlet');
    const name = (l: (typeof links)[number]): string => l.link?.entity?.name ?? l.def.label ?? l.def.entity ?? '?';
    const item: ClaimItem = {
      id: c.id,
      start,
      end,
      speaker: speaker ? entityKeys(speaker.def.entity, speaker.link?.entity, speaker.def.label) : [],
      outlets: outlets.map((l) => entityKeys(l.def.entity, l.link?.entity, l.def.label)),
      mode: c.def.attribution.mode,
      text: model.textOf(c),
      outletNames: outlets.map(name),
    };
    if (speaker) item.speakerName = name(speaker);
    return [item];
  });
}

/** The report for two models anchored on the same text (anchor B's file on A's article first if needed). */
export function agree(a: Model, b: Model): AgreementReport {
  if (a.text !== b.text) throw new Error('the two annotations are anchored on different texts; anchor both on the same article');
  const labels = new Map<string, string>();
  for (const t of [...b.types.values(), ...a.types.values()]) labels.set(t.id, t.label);
  const ma = mentionItems(a);
  const mb = mentionItems(b);
  const ca = claimItems(a);
  const cb = claimItems(b);
  const mentionPairs = pairMentions(ma, mb);
  const claimPairs = pairClaims(ca, cb);
  return {
    mentions: { ...mentionAgreement(ma, mb, labels, mentionPairs), unanchored: { a: a.mentions.length - ma.length, b: b.mentions.length - mb.length } },
    claims: { ...claimAgreement(ca, cb, claimPairs), unanchored: { a: a.claims.length - ca.length, b: b.claims.length - cb.length } },
    disagreements: disagreements({ a: ma, b: mb, pairs: mentionPairs }, { a: ca, b: cb, pairs: claimPairs }),
  };
}
