// The reader payload as it travels from the host to the webview. VS Code carries a webview message as JSON
// through several hops (extension host → server → workbench → webview frames), and each hop parses or clones
// every object in it: ten thousand mention objects cost far more than their bytes. Offsets and small numbers
// therefore travel as typed arrays (VS Code moves those as binary buffers) and ids as flat string lists; the text
// stays one string (one value to parse). `unpackPayload` rebuilds the ReaderPayload the reader draws.

import type { BlockKind, TextBlock } from '../core/structure';
import type { ReaderPayload } from './protocol';

/** Block kinds by number; `satisfies` keeps the list complete when a kind is added. */
const KIND_INDEX = {
  headline: 0,
  standfirst: 1,
  heading: 2,
  paragraph: 3,
  boilerplate: 4,
  sources: 5,
  'list-item': 6,
  quote: 7,
  code: 8,
} as const satisfies Record<BlockKind, number>;
const KINDS = Object.keys(KIND_INDEX) as BlockKind[];
const STATUSES = ['anchored', 'relocated', 'fuzzy'] as const;
type Status = (typeof STATUSES)[number];

/** Numbers per block (kind, start, end, level or -1), per mention (start, end, type, status, entity), per claim. */
const B = 4;
const M = 5;
const C = 3;

/** What a block carries beyond kind, offsets and level (Markdown structure); only blocks that have any. */
type BlockExtra = { index: number } & Pick<TextBlock, 'marker' | 'hidden' | 'replace' | 'marks'>;

export interface PackedPayload {
  packed: 1;
  source: string;
  title: string;
  text: string;
  blocks: Int32Array;
  blockExtras: BlockExtra[];
  types: ReaderPayload['types'];
  entityIds: string[];
  mentionIds: string[];
  mentions: Int32Array;
  claimIds: string[];
  claimLabels: string[];
  claims: Int32Array;
  entityCards: ReaderPayload['entityCards'];
  claimCards: ReaderPayload['claimCards'];
  orphans: number;
  editable: boolean;
}

export function packPayload(p: ReaderPayload): PackedPayload {
  const blocks = new Int32Array(p.blocks.length * B);
  const blockExtras: BlockExtra[] = [];
  p.blocks.forEach((b, i) => {
    blocks.set([KIND_INDEX[b.kind], b.start, b.end, b.level ?? -1], i * B);
    if (b.marker !== undefined || b.hidden?.length || b.replace?.length || b.marks?.length) {
      const extra: BlockExtra = { index: i };
      if (b.marker !== undefined) extra.marker = b.marker;
      if (b.hidden?.length) extra.hidden = b.hidden;
      if (b.replace?.length) extra.replace = b.replace;
      if (b.marks?.length) extra.marks = b.marks;
      blockExtras.push(extra);
    }
  });
  const entityIndex = new Map<string, number>();
  const entityIds: string[] = [];
  const mentions = new Int32Array(p.mentions.length * M);
  p.mentions.forEach((m, i) => {
    let e = entityIndex.get(m.entityId);
    if (e === undefined) {
      e = entityIds.length;
      entityIndex.set(m.entityId, e);
      entityIds.push(m.entityId);
    }
    mentions.set([m.start, m.end, m.type, STATUSES.indexOf(m.status), e], i * M);
  });
  const claims = new Int32Array(p.claims.length * C);
  p.claims.forEach((c, i) => claims.set([c.start, c.end, STATUSES.indexOf(c.status)], i * C));
  return {
    packed: 1,
    source: p.source,
    title: p.title,
    text: p.text,
    blocks,
    blockExtras,
    types: p.types,
    entityIds,
    mentionIds: p.mentions.map((m) => m.id),
    mentions,
    claimIds: p.claims.map((c) => c.id),
    claimLabels: p.claims.map((c) => c.label),
    claims,
    entityCards: p.entityCards,
    claimCards: p.claimCards,
    orphans: p.orphans,
    editable: p.editable,
  };
}

function status(n: number | undefined): Status {
  return STATUSES[n ?? 0] ?? 'anchored';
}

export function unpackPayload(q: PackedPayload): ReaderPayload {
  const n = (a: Int32Array, i: number): number => a[i] ?? 0;
  const blocks: TextBlock[] = [];
  for (let i = 0; i * B < q.blocks.length; i++) {
    const o = i * B;
    const b: TextBlock = { kind: KINDS[n(q.blocks, o)] ?? 'paragraph', start: n(q.blocks, o + 1), end: n(q.blocks, o + 2) };
    const level = n(q.blocks, o + 3);
    if (level >= 0) b.level = level;
    blocks.push(b);
  }
  for (const { index, ...extra } of q.blockExtras) {
    const b = blocks[index];
    if (b) Object.assign(b, extra);
  }
  const mentions: ReaderPayload['mentions'] = q.mentionIds.map((id, i) => {
    const o = i * M;
    return {
      id,
      entityId: q.entityIds[n(q.mentions, o + 4)] ?? '',
      type: n(q.mentions, o + 2),
      start: n(q.mentions, o),
      end: n(q.mentions, o + 1),
      status: status(q.mentions[o + 3]),
    };
  });
  const claims: ReaderPayload['claims'] = q.claimIds.map((id, i) => {
    const o = i * C;
    return { id, start: n(q.claims, o), end: n(q.claims, o + 1), status: status(q.claims[o + 2]), label: q.claimLabels[i] ?? '' };
  });
  return {
    source: q.source,
    title: q.title,
    text: q.text,
    blocks,
    types: q.types,
    mentions,
    claims,
    entityCards: q.entityCards,
    claimCards: q.claimCards,
    orphans: q.orphans,
    editable: q.editable,
  };
}
