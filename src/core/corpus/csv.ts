// CSV as RFC 4180 has it: CRLF between records, a field quoted when it holds a comma, a quote, CR or LF, and a
// quote inside doubled. Every record has as many fields as the header. Values are written as they are: the
// export is data for DuckDB, R or a spreadsheet, and nothing of it is dropped.

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(v: CsvValue): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`a CSV row has ${row.length} fields; the header has ${header.length}`);
    lines.push(row.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
