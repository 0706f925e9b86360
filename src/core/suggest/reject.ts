// Rejecting suggestions: appended to the file's `rejectedSuggestions` (docs/format.md), anchored with the same
// selectors as mentions and claims so a rejection follows the text through edits, and the suggester leaves
// those spans alone. One edit per batch, checked like every other edit.

import { applyEdits, modify, parseTree, findNodeAtLocation } from 'jsonc-parser/lib/esm/main.js';
import { detectFormat, EditError, minimalReplacement, validate, type EditOutcome } from '../edit';
import type { RejectedSuggestionDef } from '../model';
import { OffsetMap, selectorsFor } from '../text';
import type { Suggestion } from './types';

/** What a person reading the file sees of the rejected suggestion. */
export function rejectionLabel(s: Suggestion): string {
  return s.kind === 'mention' ? `${s.entity.name} (${s.entity.type})` : `claim by ${s.speaker.name} (${s.mode})`;
}

export function rejectSuggestions(fileText: string, articleText: string, suggestions: readonly Suggestion[]): EditOutcome {
  if (suggestions.length === 0) throw new EditError('nothing to reject');
  const root = parseTree(fileText, [], { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object') throw new EditError('the annotation file is not valid JSON; fix it first (see the Problems panel)');
  const map = new OffsetMap(articleText);
  const format = detectFormat(fileText);
  let text = fileText;
  for (const s of suggestions) {
    if (s.end <= s.start || s.end > map.codePointLength)
      throw new EditError(`the span ${s.start}–${s.end} is not in the article (it may have changed meanwhile)`);
    const def: RejectedSuggestionDef = { kind: s.kind, selector: selectorsFor(map, map.toUtf16(s.start), map.toUtf16(s.end)), label: rejectionLabel(s) };
    const arr = findNodeAtLocation(parseTree(text) ?? root, ['rejectedSuggestions']);
    if (arr && arr.type !== 'array') throw new EditError('`rejectedSuggestions` is not an array in this file');
    const path = arr ? ['rejectedSuggestions', arr.children?.length ?? 0] : ['rejectedSuggestions'];
    text = applyEdits(text, modify(text, path, arr ? def : [def], { formattingOptions: format, isArrayInsertion: arr !== undefined }));
  }
  validate(fileText, text);
  return { text, replacement: minimalReplacement(fileText, text), created: [] };
}
