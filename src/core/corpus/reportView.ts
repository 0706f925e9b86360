// What the Corpus Report webview draws, as plain data with names resolved: small matrices (the most mentioned
// entities × the articles that mention them most; the busiest speakers × outlets), the most frequent co-occurring
// pairs of each level, and the heaviest attribution edges laid out in three columns (speakers, venues, outlets).
// Every cell carries the CellRef that finds its instances again. Strings are the files' own: the webview sets them
// as text, never as HTML.

import type { CoLevel } from './cooccurrence';
import type { CorpusIndex } from './index';
import { buildReport, type CellRef, type ReportLimits } from './report';

export interface Matrix {
  rows: { key: string; label: string; detail?: string; total: number }[];
  columns: { key: string; label: string; total: number }[];
  /** cells[row][column]: the count, and how to find its instances (absent for an empty cell). */
  cells: { count: number; ref?: CellRef }[][];
}

export interface PairRow {
  a: string;
  b: string;
  count: number;
  articles: number;
  ref: CellRef;
}

export interface NetworkView {
  nodes: { key: string; label: string; role: 'speaker' | 'venue' | 'outlet'; claims: number }[];
  edges: { from: string; to: string; weight: number; ref: CellRef }[];
}

export interface ReportPayload {
  totals: { articles: number; entities: number; mentions: number; claims: number };
  frequency: Matrix;
  speakersByOutlet: Matrix;
  cooccurrence: Record<CoLevel, PairRow[]>;
  network: NetworkView;
  /** Entities by mentions, for the bar chart. */
  top: { key: string; label: string; type: string; mentions: number; articles: number; ref: CellRef }[];
  buildMs: number;
}

export const VIEW_LIMITS: Required<Pick<ReportLimits, 'entities' | 'articles' | 'pairs' | 'edges'>> = { entities: 15, articles: 12, pairs: 25, edges: 40 };

export function reportPayload(index: CorpusIndex, limits = VIEW_LIMITS): ReportPayload {
  const t0 = performance.now();
  const report = buildReport(index, { ...limits, levels: ['sentence', 'paragraph', 'claim'] });
  // Two entities of one name (a file's own one shadowing the registry's) are told apart: "Lee Min-jun (an article's own)".
  const names = new Map<string, number>();
  for (const e of report.entities) names.set(e.name, (names.get(e.name) ?? 0) + 1);
  const label = (key: string, plain: string): string => ((names.get(plain) ?? 0) > 1 && key.startsWith('loc:') ? `${plain} (an article's own)` : plain);
  const name = (key: string): string => label(key, index.entity(key)?.name ?? key.replace(/^label:/, ''));
  const titles = new Map(report.articles.map((a) => [a.file, a.title]));

  // Frequency: the top entities (rows) against the articles holding most of their mentions (columns).
  const rows = report.entities.slice(0, limits.entities);
  const byFile = new Map<string, number>();
  for (const c of report.frequency) byFile.set(c.file, (byFile.get(c.file) ?? 0) + c.mentions);
  const columns = [...byFile].sort((a, b) => b[1] - a[1]).map(([file, total]) => ({ key: file, label: titles.get(file) ?? file, total }));
  const cell = new Map(report.frequency.map((c) => [`${c.entity}\u0000${c.file}`, c.mentions]));
  const frequency: Matrix = {
    rows: rows.map((e) => ({ key: e.key, label: name(e.key), detail: e.type, total: e.mentions })),
    columns,
    cells: rows.map((e) =>
      columns.map((col) => {
        const count = cell.get(`${e.key}\u0000${col.key}`) ?? 0;
        return count ? { count, ref: { table: 'frequency', entity: e.key, file: col.key } } : { count };
      }),
    ),
  };

  // Speakers × outlets: the cells the report kept (top speakers and outlets).
  const speakerTotals = new Map<string, { label: string; total: number }>();
  const outletTotals = new Map<string, { label: string; total: number }>();
  for (const c of report.speakersByOutlet) {
    const s = speakerTotals.get(c.speaker) ?? { label: label(c.speaker, c.speakerName), total: 0 };
    s.total += c.claims;
    speakerTotals.set(c.speaker, s);
    const o = outletTotals.get(c.outlet) ?? { label: c.outletName, total: 0 };
    o.total += c.claims;
    outletTotals.set(c.outlet, o);
  }
  const order = (m: Map<string, { label: string; total: number }>) =>
    [...m].sort((a, b) => b[1].total - a[1].total || (a[1].label < b[1].label ? -1 : 1)).map(([key, v]) => ({ key, ...v }));
  const speakers = order(speakerTotals);
  const outlets = order(outletTotals);
  const so = new Map(report.speakersByOutlet.map((c) => [`${c.speaker}\u0000${c.outlet}`, c.claims]));
  const speakersByOutlet: Matrix = {
    rows: speakers,
    columns: outlets,
    cells: speakers.map((s) =>
      outlets.map((o) => {
        const count = so.get(`${s.key}\u0000${o.key}`) ?? 0;
        return count ? { count, ref: { table: 'speakersByOutlet', speaker: s.key, outlet: o.key } } : { count };
      }),
    ),
  };

  const pairs = (level: CoLevel): PairRow[] =>
    (report.cooccurrence[level] ?? []).map((p) => ({
      a: name(p.a),
      b: name(p.b),
      count: p.count,
      articles: p.articles,
      ref: { table: 'cooccurrence', level, a: p.a, b: p.b },
    }));

  return {
    totals: index.totals(),
    frequency,
    speakersByOutlet,
    cooccurrence: { sentence: pairs('sentence'), paragraph: pairs('paragraph'), claim: pairs('claim') },
    network: {
      nodes: report.network.nodes.map((n) => ({ key: n.key, label: label(n.key.slice(n.key.indexOf('|') + 1), n.name), role: n.role, claims: n.claims })),
      edges: report.network.edges.map((e) => ({ ...e, ref: { table: 'network', from: e.from, to: e.to } })),
    },
    top: report.entities
      .slice(0, 20)
      .map((e) => ({ key: e.key, label: name(e.key), type: e.type, mentions: e.mentions, articles: e.articles, ref: { table: 'frequency', entity: e.key } })),
    buildMs: performance.now() - t0,
  };
}
