// The engine's input from a resolved model: this file's entities, its annotated spans, its rejected
// suggestions anchored in the current text, and the entities of the workspace's other annotation files.

import { anchorAll } from '../anchor';
import type { AnnotationFile, RejectedSuggestionDef, Selector } from '../model';
import type { Model } from '../resolve';
import { TypeMap } from './typemap';
import type { KnownEntity, RejectedSpan, SuggestInput } from './types';

/** Another annotation file of the workspace, whose entities may appear in this article too. */
export interface WorkspaceFile {
  /** How to name it in a suggestion's "why" (its path relative to the workspace). */
  name: string;
  file: AnnotationFile;
}

function isSelectorList(v: unknown): v is Selector[] {
  return Array.isArray(v) && v.some((s) => typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'TextQuoteSelector');
}

/** The file's rejected suggestions that are well formed (the schema reports the others). */
export function rejectedOf(file: AnnotationFile): RejectedSuggestionDef[] {
  const raw = file.rejectedSuggestions;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (r): r is RejectedSuggestionDef => typeof r === 'object' && r !== null && (r.kind === 'mention' || r.kind === 'claim') && isSelectorList(r.selector),
  );
}

export function inputFromModel(model: Model, workspace: readonly WorkspaceFile[] = []): SuggestInput {
  const ownNames = new Set<string>();
  const entities: KnownEntity[] = [...model.entities.values()].map((e) => {
    ownNames.add(e.name);
    const k: KnownEntity = { id: e.id, name: e.name, type: e.type };
    if (e.aliases?.length) k.aliases = [...e.aliases];
    if (e.role) k.role = e.role;
    const affs = (e.affiliations ?? []).map((a) => model.entities.get(a)?.name).filter((n): n is string => n !== undefined);
    if (affs.length) k.affiliations = affs;
    return k;
  });
  for (const w of workspace) {
    const types = new TypeMap(w.file.types);
    for (const e of w.file.entities) {
      if (ownNames.has(e.name)) continue;
      ownNames.add(e.name);
      const category = types.categoryOf(e.type, w.file.types);
      const k: KnownEntity = { name: e.name, type: e.type, origin: w.name };
      if (category) k.category = category;
      if (e.aliases?.length) k.aliases = [...e.aliases];
      if (e.role) k.role = e.role;
      entities.push(k);
    }
  }
  const spanOf = (a: { start?: number; end?: number; status: string }): { start: number; end: number } | undefined =>
    a.status !== 'orphan' && a.start !== undefined && a.end !== undefined ? { start: a.start, end: a.end } : undefined;
  const mentions = model.mentions.flatMap((m) => {
    const s = spanOf(m.anchor);
    return s ? [{ ...s, entity: m.def.entity }] : [];
  });
  const claims = model.claims.flatMap((c) => {
    const s = spanOf(c.anchor);
    return s ? [s] : [];
  });
  const defs = rejectedOf(model.file);
  const anchors = anchorAll(defs, model.text);
  const rejected: RejectedSpan[] = defs.flatMap((d, i) => {
    const s = spanOf(anchors[i] ?? { status: 'orphan' });
    return s ? [{ kind: d.kind, ...s }] : [];
  });
  return { text: model.text, types: model.file.types, entities, mentions, claims, rejected };
}
