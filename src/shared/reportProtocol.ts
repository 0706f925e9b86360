// Messages between the extension host and the Corpus Report webview. The host checks every message from the
// webview field by field (`parseReportMessage`) before acting on it; the webview gets plain data and sets every
// string from a file as text.

import type { ReportTable } from '../core/corpus/report';
import type { CellRef } from '../core/corpus/report';
import type { ReportPayload } from '../core/corpus/reportView';

export type ReportHostMessage = { type: 'report'; payload: ReportPayload };

export type ReportWebviewMessage =
  | { type: 'ready' }
  /** The report is drawn: how long it took (tests, benchmarks). */
  | { type: 'painted'; ms: number }
  /** A cell, bar or edge was chosen: show its instances. */
  | { type: 'open'; cell: CellRef }
  /** Export one table (or every table) as CSV. */
  | { type: 'export'; table: ReportTable | 'all' };

const TABLES: readonly string[] = ['articles', 'frequency', 'speakersByOutlet', 'cooccurrence', 'network', 'all'];

function str(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 2000;
}

export function parseCellRef(v: unknown): CellRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const c = v as Record<string, unknown>;
  switch (c.table) {
    case 'frequency':
      if (!str(c.entity) || (c.file !== undefined && !str(c.file))) return undefined;
      return c.file === undefined ? { table: 'frequency', entity: c.entity } : { table: 'frequency', entity: c.entity, file: c.file as string };
    case 'speakersByOutlet':
      return str(c.speaker) && str(c.outlet) ? { table: 'speakersByOutlet', speaker: c.speaker, outlet: c.outlet } : undefined;
    case 'cooccurrence':
      return (c.level === 'sentence' || c.level === 'paragraph' || c.level === 'claim') && str(c.a) && str(c.b)
        ? { table: 'cooccurrence', level: c.level, a: c.a, b: c.b }
        : undefined;
    case 'network':
      return str(c.from) && str(c.to) ? { table: 'network', from: c.from, to: c.to } : undefined;
    default:
      return undefined;
  }
}

export function parseReportMessage(raw: unknown): ReportWebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'painted':
      return typeof m.ms === 'number' && Number.isFinite(m.ms) ? { type: 'painted', ms: m.ms } : undefined;
    case 'open': {
      const cell = parseCellRef(m.cell);
      return cell ? { type: 'open', cell } : undefined;
    }
    case 'export':
      return typeof m.table === 'string' && TABLES.includes(m.table) ? { type: 'export', table: m.table as ReportTable | 'all' } : undefined;
    default:
      return undefined;
  }
}
