// "Annotate the selected hits as mentions of …" across the corpus: for each file, one new text with a mention per
// accepted hit (the caller applies each file's text as one undoable edit). The entity may be the file's own or the
// registry's; the result is parsed again against the same registry and refused if it has any error more often than
// the file had before, like every edit (src/core/edit.ts).

import { applyEdits, modify } from 'jsonc-parser/lib/esm/main.js';
import { detectFormat, EditError, idsIn, mentionId, minimalReplacement, type EditOutcome } from '../edit';
import type { MentionDef, Problem } from '../model';
import { parseAnnotationFile, type ExternalIds } from '../parse';
import { resolveModel } from '../resolve';
import { normalizeText, OffsetMap, selectorsFor } from '../text';

export interface HitRange {
  /** UTF-16 range in the normalized article text. */
  start: number;
  end: number;
}

export interface AnnotateOutcome extends EditOutcome {
  /** Hits left out because the same entity is already annotated exactly there. */
  skipped: HitRange[];
}

/**
 * Adds a mention of `entity` for each hit (in text order); a hit already annotated as that entity is skipped
 * rather than doubled. `external` is the registry's ids when the file names one.
 */
export function annotateHits(fileText: string, articleText: string, entity: string, hits: readonly HitRange[], external?: ExternalIds): AnnotateOutcome {
  const before = parseAnnotationFile(fileText, external);
  const file = before.file;
  if (!file || before.problems.some((p) => p.code === 'syntax-error'))
    throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  if (!file.entities.some((e) => e.id === entity) && !external?.entities?.has(entity))
    throw new EditError(`no entity "${entity}" in this file${external ? ' or its registry' : ''}`);
  const text = normalizeText(articleText);
  const map = new OffsetMap(text);
  const format = detectFormat(fileText);
  const taken = new Set([...idsIn(fileText), ...(external?.entities ?? [])]);
  // Where the file's mentions of the entity are now: anchored as the reader shows them.
  const model = resolveModel(file, text);
  const done = new Set(
    model.mentions.flatMap((m) => {
      const r = m.def.entity === entity ? model.utf16Range(m) : undefined;
      return r ? [`${r.start}:${r.end}`] : [];
    }),
  );
  const skipped: HitRange[] = [];
  const created: string[] = [];
  let next = fileText;
  let count = rawMentionCount(fileText, file.mentions.length);
  for (const h of [...hits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (h.start < 0 || h.end > text.length || h.start >= h.end) throw new EditError(`hit ${h.start}-${h.end} is outside the article`);
    const key = `${h.start}:${h.end}`;
    if (done.has(key)) {
      skipped.push(h);
      continue;
    }
    done.add(key);
    const id = mentionId(entity, taken);
    taken.add(id);
    const def: MentionDef = { id, entity, selector: selectorsFor(map, h.start, h.end) };
    // Appending at the array's end keeps every existing item (and its index in problems) where it was.
    next = applyEdits(next, modify(next, ['mentions', count], def, { formattingOptions: format, isArrayInsertion: true }));
    count++;
    created.push(id);
  }
  if (created.length) refuseNewErrors(before.problems, parseAnnotationFile(next, external).problems);
  return { text: next, replacement: minimalReplacement(fileText, next), created, skipped };
}

/** The `mentions` array may hold invalid items the parser dropped: the insertion index counts the text's items. */
function rawMentionCount(text: string, fallback: number): number {
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { mentions?: unknown };
    return Array.isArray(value.mentions) ? value.mentions.length : fallback;
  } catch {
    return fallback;
  }
}

function refuseNewErrors(before: Problem[], after: Problem[]): void {
  const counts = new Map<string, number>();
  for (const p of before) if (p.severity === 'error') counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  for (const p of after) {
    if (p.severity !== 'error') continue;
    const left = (counts.get(p.code) ?? 0) - 1;
    counts.set(p.code, left);
    if (left < 0) throw new EditError(`the change would make the file invalid (${p.message}); nothing was changed`);
  }
}
