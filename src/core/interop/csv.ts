// CSV for R, pandas and spreadsheets: one row per mention and per claim, RFC 4180 (CRLF line ends, fields with
// a comma, quote or line break quoted, quotes doubled). A text field that a spreadsheet would run as a formula
// (starting with = + - @, a tab or a CR) gets a leading apostrophe, the usual guard against CSV injection:
// annotation files may come from anyone.

import type { Model, ResolvedClaim } from '../resolve';
import { ExportProblems, spanOf, type ExportInput } from './exporting';
import type { ExportResult } from './types';

export const CSV_COLUMNS = [
  'article',
  'kind',
  'id',
  'start',
  'end',
  'text',
  'entity_id',
  'entity',
  'type',
  'speaker_id',
  'speaker',
  'chain',
  'mode',
  'cue',
  'summary',
  'status',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

/** One RFC 4180 field. Numbers are written as they are; text is guarded against formula injection. */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function chainOf(model: Model, c: ResolvedClaim): string {
  return c.def.attribution.chain
    .map((l) => `${l.entity !== undefined ? (model.entities.get(l.entity)?.name ?? l.entity) : (l.label ?? '')} (${l.role}${l.kind ? `, ${l.kind}` : ''})`)
    .join(' > ');
}

export function exportCsv(input: ExportInput): ExportResult {
  const { model } = input;
  const problems = new ExportProblems(input);
  const rows: Row[] = [];
  const article = input.articleName;
  for (const m of model.mentions) {
    const span = spanOf(model, m);
    const e = model.entities.get(m.def.entity);
    if (!span) problems.item(m, 'info', 'orphan-exported', `mention ${m.id} is not anchored; its row has no offsets`);
    rows.push({
      article,
      kind: 'mention',
      id: m.id,
      start: span?.start,
      end: span?.end,
      text: model.textOf(m),
      entity_id: m.def.entity,
      entity: e?.name,
      type: e ? (model.types.get(e.type)?.label ?? e.type) : undefined,
      status: m.anchor.status,
    });
  }
  for (const c of model.claims) {
    const span = spanOf(model, c);
    if (!span) problems.item(c, 'info', 'orphan-exported', `claim ${c.id} is not anchored; its row has no offsets`);
    rows.push({
      article,
      kind: 'claim',
      id: c.id,
      start: span?.start,
      end: span?.end,
      text: model.textOf(c),
      speaker_id: c.speaker?.id,
      speaker: c.speaker?.name,
      chain: chainOf(model, c),
      mode: c.def.attribution.mode,
      cue: c.def.attribution.cue,
      summary: c.def.summary,
      status: c.anchor.status,
    });
  }
  rows.sort((a, b) => Number(a.start ?? Infinity) - Number(b.start ?? Infinity) || (a.kind === b.kind ? 0 : a.kind === 'mention' ? -1 : 1));
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((k) => csvField(r[k])).join(','))];
  const name = `${(article.split('/').pop() ?? article).replace(/\.[^.]*$/, '') || 'article'}.csv`;
  return { files: [{ name, content: lines.join('\r\n') + '\r\n' }], problems: problems.list };
}
