// The Corpus Report's tables, as data: entity frequency per article, speakers × outlets, entity co-occurrence and
// the attribution network (speaker → venue → outlet, weighted). Each cell can say where its instances are
// (`instances`), and each table can be written as CSV (long form: one row per cell, what DuckDB or R read).

import { coInstances, coOccurrence, type CoLevel, type CoPair } from './cooccurrence';
import { toCsv } from './csv';
import { linkKey, speakerKey, type CorpusIndex, type EntityRow } from './index';
import type { FileSummary } from './summary';

/** One place a cell's count comes from: a mention or claim (or the sentence both entities share) in a file. */
export interface Instance {
  file: string;
  start: number;
  end: number;
  /** The mention or claim id, when the instance is one item. */
  id?: string;
  kind: 'mention' | 'claim' | 'sentence' | 'paragraph';
}

export interface FrequencyCell {
  entity: string;
  file: string;
  mentions: number;
}

export interface SpeakerOutletCell {
  speaker: string;
  speakerName: string;
  /** `none` when the claim names no outlet. */
  outlet: string;
  outletName: string;
  claims: number;
}

export interface NetworkNode {
  key: string;
  name: string;
  role: 'speaker' | 'venue' | 'outlet';
  claims: number;
}

export interface NetworkEdge {
  from: string;
  to: string;
  /** The node key pairs are role-qualified (`speaker|…`, `venue|…`, `outlet|…`) so an outlet quoted as a speaker is two nodes. */
  weight: number;
}

export interface CorpusReport {
  version: number;
  articles: { file: string; title: string; health: FileSummary['health']; mentions: number; claims: number }[];
  entities: EntityRow[];
  frequency: FrequencyCell[];
  speakersByOutlet: SpeakerOutletCell[];
  cooccurrence: Record<CoLevel, CoPair[]>;
  network: { nodes: NetworkNode[]; edges: NetworkEdge[] };
}

export const NO_OUTLET = 'none';

/** Everything the report shows, from the index's totals and one pass over the files. */
export function buildReport(index: CorpusIndex): CorpusReport {
  const articles: CorpusReport['articles'] = [];
  const frequency: FrequencyCell[] = [];
  const so = new Map<string, SpeakerOutletCell>();
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  const node = (role: NetworkNode['role'], key: string, name: string): string => {
    const id = `${role}|${key}`;
    const n = nodes.get(id);
    if (n) n.claims++;
    else nodes.set(id, { key: id, name, role, claims: 1 });
    return id;
  };
  for (const s of index.files()) {
    articles.push({ file: s.file, title: s.title, health: s.health, mentions: s.mentions.length, claims: s.claims.length });
    const perEntity = new Map<string, number>();
    for (const m of s.mentions) perEntity.set(m.entity, (perEntity.get(m.entity) ?? 0) + 1);
    for (const [entity, mentions] of perEntity) frequency.push({ entity, file: s.file, mentions });
    for (const c of s.claims) {
      const speaker = speakerKey(c);
      const outlets = c.via.filter((l) => l.role === 'outlet');
      for (const o of outlets.length ? outlets : [undefined]) {
        const outlet = o ? linkKey(o) : NO_OUTLET;
        const k = `${speaker}\u0000${outlet}`;
        const cell = so.get(k) ?? { speaker, speakerName: c.speakerName, outlet, outletName: o?.name ?? '(no outlet)', claims: 0 };
        cell.claims++;
        so.set(k, cell);
      }
      let from = node('speaker', speaker, c.speakerName);
      for (const l of c.via) {
        const to = node(l.role === 'venue' ? 'venue' : 'outlet', linkKey(l), l.name);
        const k = `${from}\u0000${to}`;
        const e = edges.get(k) ?? { from, to, weight: 0 };
        e.weight++;
        edges.set(k, e);
        from = to;
      }
    }
  }
  const cooccurrence = { sentence: coOccurrence(index, 'sentence'), paragraph: coOccurrence(index, 'paragraph'), claim: coOccurrence(index, 'claim') };
  return {
    version: index.version,
    articles,
    entities: index.entities(1),
    frequency,
    speakersByOutlet: [...so.values()].sort((a, b) => b.claims - a.claims || a.speakerName.localeCompare(b.speakerName)),
    cooccurrence,
    network: {
      nodes: [...nodes.values()].sort((a, b) => b.claims - a.claims),
      edges: [...edges.values()].sort((a, b) => b.weight - a.weight),
    },
  };
}

/** What a cell of the report counts, to find its instances again. */
export type CellRef =
  | { table: 'frequency'; entity: string; file?: string }
  | { table: 'speakersByOutlet'; speaker: string; outlet: string }
  | { table: 'cooccurrence'; level: CoLevel; a: string; b: string }
  | { table: 'network'; from: string; to: string };

/** The instances behind a cell, in file order; read from the files concerned only. */
export function instances(index: CorpusIndex, cell: CellRef): Instance[] {
  const out: Instance[] = [];
  switch (cell.table) {
    case 'frequency':
      for (const file of cell.file !== undefined ? [cell.file] : index.filesOf(cell.entity))
        for (const m of index.get(file)?.mentions ?? [])
          if (m.entity === cell.entity) out.push({ file, start: m.start, end: m.end, id: m.id, kind: 'mention' });
      return out;
    case 'speakersByOutlet':
      for (const s of index.files())
        for (const c of s.claims) {
          if (speakerKey(c) !== cell.speaker || c.start === undefined || c.end === undefined) continue;
          const outlets = c.via.filter((l) => l.role === 'outlet').map(linkKey);
          if (cell.outlet === NO_OUTLET ? outlets.length === 0 : outlets.includes(cell.outlet))
            out.push({ file: s.file, start: c.start, end: c.end, id: c.id, kind: 'claim' });
        }
      return out;
    case 'cooccurrence':
      return coInstances(index, cell.level, cell.a, cell.b).map((x) =>
        x.claim !== undefined
          ? { file: x.file, start: x.start, end: x.end, id: x.claim, kind: 'claim' }
          : { file: x.file, start: x.start, end: x.end, kind: cell.level === 'paragraph' ? 'paragraph' : 'sentence' },
      );
    case 'network':
      for (const s of index.files())
        for (const c of s.claims) {
          if (c.start === undefined || c.end === undefined) continue;
          const path = [`speaker|${speakerKey(c)}`, ...c.via.map((l) => `${l.role === 'venue' ? 'venue' : 'outlet'}|${linkKey(l)}`)];
          if (path.some((k, i) => k === cell.from && path[i + 1] === cell.to)) out.push({ file: s.file, start: c.start, end: c.end, id: c.id, kind: 'claim' });
        }
      return out;
  }
}

export type ReportTable = 'articles' | 'frequency' | 'speakersByOutlet' | 'cooccurrence' | 'network';
export const REPORT_TABLES: readonly ReportTable[] = ['articles', 'frequency', 'speakersByOutlet', 'cooccurrence', 'network'];

/** One table of the report as RFC 4180 CSV, names resolved (keys kept too, so rows can be joined). */
export function reportCsv(index: CorpusIndex, report: CorpusReport, table: ReportTable): string {
  const name = (key: string): string => index.entity(key)?.name ?? key.replace(/^label:/, '');
  const title = new Map(report.articles.map((a) => [a.file, a.title]));
  switch (table) {
    case 'articles':
      return toCsv(
        ['file', 'title', 'health', 'mentions', 'claims'],
        report.articles.map((a) => [a.file, a.title, a.health, a.mentions, a.claims]),
      );
    case 'frequency':
      return toCsv(
        ['entity', 'entity_key', 'type', 'file', 'title', 'mentions'],
        report.frequency.map((c) => [name(c.entity), c.entity, index.entity(c.entity)?.type ?? '', c.file, title.get(c.file) ?? '', c.mentions]),
      );
    case 'speakersByOutlet':
      return toCsv(
        ['speaker', 'speaker_key', 'outlet', 'outlet_key', 'claims'],
        report.speakersByOutlet.map((c) => [c.speakerName, c.speaker, c.outletName, c.outlet, c.claims]),
      );
    case 'cooccurrence':
      return toCsv(
        ['level', 'entity_a', 'entity_b', 'key_a', 'key_b', 'count', 'articles'],
        (['sentence', 'paragraph', 'claim'] as const).flatMap((level) =>
          report.cooccurrence[level].map((p) => [level, name(p.a), name(p.b), p.a, p.b, p.count, p.articles]),
        ),
      );
    case 'network': {
      const nodes = new Map(report.network.nodes.map((n) => [n.key, n]));
      return toCsv(
        ['from', 'from_role', 'to', 'to_role', 'weight', 'from_key', 'to_key'],
        report.network.edges.map((e) => [
          nodes.get(e.from)?.name,
          nodes.get(e.from)?.role,
          nodes.get(e.to)?.name,
          nodes.get(e.to)?.role,
          e.weight,
          e.from,
          e.to,
        ]),
      );
    }
  }
}
