// The Corpus Report's tables, as data: entity frequency per article, speakers × outlets, entity co-occurrence and
// the attribution network (speaker → venue → outlet, weighted). Each cell can say where its instances are
// (`instances`), and each table can be written as CSV (long form: one row per cell, what DuckDB or R read).

import { CO_LEVELS, coInstances, coOccurrence, trackPairs, type CoLevel, type CoPair } from './cooccurrence';
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
  /** The limits it was built with (none: every cell, as the CSV export has them). */
  limits: ReportLimits;
  articles: { file: string; title: string; health: FileSummary['health']; mentions: number; claims: number }[];
  entities: EntityRow[];
  frequency: FrequencyCell[];
  speakersByOutlet: SpeakerOutletCell[];
  /** Most frequent first, per level asked for. */
  cooccurrence: Partial<Record<CoLevel, CoPair[]>>;
  network: { nodes: NetworkNode[]; edges: NetworkEdge[] };
}

export const NO_OUTLET = 'none';

/**
 * What a view draws of the report: the most mentioned entities against the articles that mention them most, the
 * most frequent pairs of the levels shown, the heaviest edges. The CSV export takes no limits.
 */
export interface ReportLimits {
  entities?: number;
  articles?: number;
  pairs?: number;
  levels?: readonly CoLevel[];
  edges?: number;
}

/** What one file adds to the report; computed once per summary (a changed file has a new one). */
interface Contribution {
  mentions: Map<string, number>;
  speakersByOutlet: Map<string, SpeakerOutletCell>;
  nodes: Map<string, NetworkNode>;
  edges: Map<string, NetworkEdge>;
}

const contributions = new WeakMap<FileSummary, Contribution>();

function contribution(s: FileSummary): Contribution {
  const hit = contributions.get(s);
  if (hit) return hit;
  const c: Contribution = { mentions: new Map(), speakersByOutlet: new Map(), nodes: new Map(), edges: new Map() };
  for (const m of s.mentions) c.mentions.set(m.entity, (c.mentions.get(m.entity) ?? 0) + 1);
  const node = (role: NetworkNode['role'], key: string, name: string): string => {
    const id = `${role}|${key}`;
    const n = c.nodes.get(id);
    if (n) n.claims++;
    else c.nodes.set(id, { key: id, name, role, claims: 1 });
    return id;
  };
  for (const claim of s.claims) {
    const speaker = speakerKey(claim);
    const outlets = claim.via.filter((l) => l.role === 'outlet');
    for (const o of outlets.length ? outlets : [undefined]) {
      const outlet = o ? linkKey(o) : NO_OUTLET;
      const k = `${speaker}\u0000${outlet}`;
      const cell = c.speakersByOutlet.get(k);
      if (cell) cell.claims++;
      else c.speakersByOutlet.set(k, { speaker, speakerName: claim.speakerName, outlet, outletName: o?.name ?? '(no outlet)', claims: 1 });
    }
    let from = node('speaker', speaker, claim.speakerName);
    for (const l of claim.via) {
      const to = node(l.role === 'venue' ? 'venue' : 'outlet', linkKey(l), l.name);
      const k = `${from}\u0000${to}`;
      const e = c.edges.get(k);
      if (e) e.weight++;
      else c.edges.set(k, { from, to, weight: 1 });
      from = to;
    }
  }
  contributions.set(s, c);
  return c;
}

interface ReportTotals {
  speakersByOutlet: Map<string, SpeakerOutletCell>;
  nodes: Map<string, NetworkNode>;
  edges: Map<string, NetworkEdge>;
}

const totalsOf = new WeakMap<CorpusIndex, ReportTotals>();

/** Adds (or, with -1, takes away) one map's counts to a running total, dropping entries that reach zero. */
function merge<T extends object>(into: Map<string, T>, from: Map<string, T>, field: keyof T & string, sign: 1 | -1): void {
  for (const [k, v] of from) {
    const t = into.get(k) as Record<string, number> | undefined;
    const n = (v as Record<string, number>)[field] as number;
    if (t) {
      t[field] = (t[field] as number) + sign * n;
      if (t[field] === 0) into.delete(k);
    } else if (sign > 0) into.set(k, { ...v });
  }
}

/** The report's running totals: added up over every file once, then kept in step as files change. */
function reportTotals(index: CorpusIndex): ReportTotals {
  let totals = totalsOf.get(index);
  if (totals) return totals;
  const t: ReportTotals = { speakersByOutlet: new Map(), nodes: new Map(), edges: new Map() };
  const apply = (s: FileSummary, sign: 1 | -1): void => {
    const c = contribution(s);
    merge(t.speakersByOutlet, c.speakersByOutlet, 'claims', sign);
    merge(t.nodes, c.nodes, 'claims', sign);
    merge(t.edges, c.edges, 'weight', sign);
  };
  for (const s of index.files()) apply(s, 1);
  index.observe((old, next) => {
    if (old) apply(old, -1);
    if (next) apply(next, 1);
  });
  totalsOf.set(index, (totals = t));
  return totals;
}

/**
 * Keeps the report's totals from now on, so each file's share is counted as the file is added or changed (an
 * indexer calls this once, before adding files) and opening the report only sorts what is there.
 */
export function trackReport(index: CorpusIndex): void {
  reportTotals(index);
  trackPairs(index);
}

/** Everything the report shows, from the running totals, within `limits`. */
export function buildReport(index: CorpusIndex, limits: ReportLimits = {}): CorpusReport {
  const articles: CorpusReport['articles'] = [];
  for (const s of index.files()) articles.push({ file: s.file, title: s.title, health: s.health, mentions: s.mentions.length, claims: s.claims.length });
  const totals = reportTotals(index);
  const entities = index.entities(1).sort((a, b) => b.mentions - a.mentions || b.articles - a.articles || compare(a.name, b.name));
  const cooccurrence: CorpusReport['cooccurrence'] = {};
  for (const level of limits.levels ?? CO_LEVELS) cooccurrence[level] = coOccurrence(index, level, limits.pairs);
  let edgeList = [...totals.edges.values()].sort((a, b) => b.weight - a.weight || compare(a.from, b.from) || compare(a.to, b.to));
  if (limits.edges !== undefined) edgeList = edgeList.slice(0, limits.edges);
  const drawn = new Set(edgeList.flatMap((e) => [e.from, e.to]));
  return {
    version: index.version,
    limits,
    articles,
    entities,
    frequency: frequency(index, entities, limits),
    speakersByOutlet: topCells([...totals.speakersByOutlet.values()], limits.entities).sort(
      (a, b) => b.claims - a.claims || compare(a.speakerName, b.speakerName) || compare(a.outletName, b.outletName),
    ),
    cooccurrence,
    network: {
      nodes: [...totals.nodes.values()]
        .filter((n) => limits.edges === undefined || drawn.has(n.key))
        .sort((a, b) => b.claims - a.claims || compare(a.key, b.key)),
      edges: edgeList.map((e) => ({ ...e })),
    },
  };
}

/** Speakers × outlets: every cell, or the cells of the `n` speakers and `n` outlets with most claims. */
function topCells(cells: SpeakerOutletCell[], n: number | undefined): SpeakerOutletCell[] {
  if (n === undefined) return cells.map((c) => ({ ...c }));
  const top = (key: (c: SpeakerOutletCell) => string): Set<string> => {
    const totals = new Map<string, number>();
    for (const c of cells) totals.set(key(c), (totals.get(key(c)) ?? 0) + c.claims);
    return new Set(
      [...totals]
        .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
        .slice(0, n)
        .map(([k]) => k),
    );
  };
  const speakers = top((c) => c.speaker);
  const outlets = top((c) => c.outlet);
  return cells.filter((c) => speakers.has(c.speaker) && outlets.has(c.outlet)).map((c) => ({ ...c }));
}

/** Mentions per entity and article: every cell, or the top entities against the articles that mention them most. */
function frequency(index: CorpusIndex, entities: readonly EntityRow[], limits: ReportLimits): FrequencyCell[] {
  const cells: FrequencyCell[] = [];
  if (limits.entities === undefined) {
    for (const s of index.files()) for (const [entity, mentions] of contribution(s).mentions) cells.push({ entity, file: s.file, mentions });
    return cells;
  }
  // Only the files that hold the top entities are read.
  const perFile = new Map<string, number>();
  for (const e of entities.slice(0, limits.entities))
    for (const file of index.filesOf(e.key)) {
      const s = index.get(file);
      const mentions = s ? (contribution(s).mentions.get(e.key) ?? 0) : 0;
      if (!mentions) continue;
      cells.push({ entity: e.key, file, mentions });
      perFile.set(file, (perFile.get(file) ?? 0) + mentions);
    }
  if (limits.articles === undefined) return cells;
  const files = new Set(
    [...perFile]
      .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
      .slice(0, limits.articles)
      .map(([f]) => f),
  );
  return cells.filter((c) => files.has(c.file));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/**
 * One table of the report as RFC 4180 CSV, names resolved (keys kept too, so rows can be joined). Every cell:
 * a report built with limits is refused, since a CSV that silently drops rows would mislead.
 */
export function reportCsv(index: CorpusIndex, report: CorpusReport, table: ReportTable): string {
  if (Object.keys(report.limits).length) throw new Error('the CSV export needs a report built without limits');
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
        CO_LEVELS.flatMap((level) => (report.cooccurrence[level] ?? []).map((p) => [level, name(p.a), name(p.b), p.a, p.b, p.count, p.articles])),
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
