// spaCy / Prodigy JSONL for training NER models: one line `{"text", "spans": [{start, end, label}], "meta",
// "answer"}` per article, offsets in code points (Python's str indices). Spans are snapped inward past white
// space so that `Doc.char_span` never returns None for white space at an edge; NER spans cannot overlap, so of
// nested or crossing mentions the longest (then the first) is kept and the others are reported. One label per
// type: the type id in capitals.

import type { ResolvedMention } from '../resolve';
import { baseName, ExportProblems, spanOf, type ExportInput } from './exporting';
import { bratLabel } from './labels';
import type { ExportResult } from './types';

export function spacyLabel(typeId: string): string {
  return bratLabel(typeId).replace(/-/g, '_').toUpperCase();
}

const WS = /\s/u;

export function exportSpacy(input: ExportInput): ExportResult {
  const { model } = input;
  const problems = new ExportProblems(input);
  const text = model.text;
  const cps = Array.from(text);
  const candidates: { m: ResolvedMention; start: number; end: number; label: string }[] = [];
  for (const m of model.mentions) {
    const span = spanOf(model, m);
    const entity = model.entities.get(m.def.entity);
    if (!span || !entity) {
      problems.item(m, 'warning', 'not-exported', `mention ${m.id} is not anchored in the article; not exported`);
      continue;
    }
    let { start, end } = span;
    while (start < end && WS.test(cps[start] as string)) start++;
    while (end > start && WS.test(cps[end - 1] as string)) end--;
    if (start === end) {
      problems.item(m, 'warning', 'not-exported', `mention ${m.id} is only white space; not exported`);
      continue;
    }
    if (start !== span.start || end !== span.end) problems.item(m, 'info', 'snapped', `mention ${m.id}: white space at its edges left out for spaCy`);
    candidates.push({ m, start, end, label: spacyLabel(entity.type) });
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof candidates = [];
  // Kept spans never overlap, so sorted by start they are sorted by end too: a binary search finds a clash.
  const byStart: typeof candidates = [];
  const clashOf = (c: (typeof candidates)[number]): (typeof candidates)[number] | undefined => {
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((byStart[mid] as (typeof candidates)[number]).end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    const k = byStart[lo];
    return k && k.start < c.end ? k : undefined;
  };
  for (const c of candidates) {
    const clash = clashOf(c);
    if (clash) {
      problems.item(c.m, 'info', 'overlap', `mention ${c.m.id} overlaps ${clash.m.id}; NER spans cannot overlap, so only the longer one is exported`);
      continue;
    }
    kept.push(c);
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((byStart[mid] as (typeof candidates)[number]).start < c.start) lo = mid + 1;
      else hi = mid;
    }
    byStart.splice(lo, 0, c);
  }
  kept.sort((a, b) => a.start - b.start);
  const line = {
    text,
    spans: kept.map((k) => ({ start: k.start, end: k.end, label: k.label })),
    meta: { source: input.articleName, ...(model.file.article.title !== undefined ? { title: model.file.article.title } : {}) },
    answer: 'accept',
  };
  return { files: [{ name: `${baseName(input.articleName)}.spacy.jsonl`, content: JSON.stringify(line) + '\n' }], problems: problems.list };
}
