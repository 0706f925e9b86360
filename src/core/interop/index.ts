// Import and export, one entry point each, over the pure core: data in, data out. The callers (the CLI, the
// extension) read and write the files; merging into an annotation file is one validated text edit.

import { appendItems, type EditOutcome } from '../edit';
import { Located } from '../json';
import { parseAnnotationFile } from '../parse';
import { hashText, normalizeText, OffsetMap } from '../text';
import { exportBrat } from './brat';
import { importBrat } from './bratImport';
import { exportCsv } from './csv';
import type { ExportInput } from './exporting';
import { resolveImport, type Existing, type ForeignDoc } from './importer';
import { exportPubAnnotation, importPubAnnotation } from './pubannotation';
import { exportSpacy } from './spacy';
import { ImportError, type ExportFormat, type ExportResult, type ForeignFile, type ImportFormat, type ImportResult } from './types';
import { exportW3c } from './w3c';
import { FILE_KEYS } from './w3c';
import { importW3c } from './w3cImport';

export * from './types';
export type { ExportInput } from './exporting';
export type { Existing } from './importer';

export function exportAnnotations(format: ExportFormat, input: ExportInput): ExportResult {
  switch (format) {
    case 'w3c':
      return exportW3c(input);
    case 'brat':
      return exportBrat(input);
    case 'pubannotation':
      return exportPubAnnotation(input);
    case 'spacy':
      return exportSpacy(input);
    case 'csv':
      return exportCsv(input);
  }
}

/** The foreign files of one import: the annotations, and for brat the text and (optionally) annotation.conf. */
export interface ImportSources {
  main: ForeignFile;
  text?: ForeignFile;
  config?: ForeignFile;
}

function read(format: ImportFormat, src: ImportSources, articleText: string): ForeignDoc {
  switch (format) {
    case 'w3c':
    case 'hypothesis':
      return importW3c(src.main, articleText, format);
    case 'brat':
      if (!src.text) throw new ImportError(`${src.main.name}: brat annotations need their .txt file beside them`);
      return importBrat(src.main, src.text, src.config);
    case 'pubannotation':
      return importPubAnnotation(src.main);
  }
}

/**
 * Reads foreign annotations and re-anchors them in the article (raw text as read; it is normalized here).
 * Throws ImportError when the files cannot be used at all; otherwise every problem is in the result.
 */
export function importAnnotations(format: ImportFormat, src: ImportSources, article: string, existing?: Existing): ImportResult {
  const articleText = normalizeText(article);
  return resolveImport(read(format, src, articleText), articleText, existing);
}

const ITEM_KEYS = ['types', 'entities', 'mentions', 'claims', 'relations'] as const;

/** A new annotation file holding the import, for an article at `articlePath` (relative to the new file). */
export function newFileText(result: ImportResult, articlePath: string, article: string): string {
  const text = normalizeText(article);
  const a = result.additions;
  const articleRef: Record<string, unknown> = { ...result.articleFields, path: articlePath };
  if (result.title !== undefined) articleRef.title = result.title;
  articleRef.hash = hashText(text);
  articleRef.length = new OffsetMap(text).codePointLength;
  const file: Record<string, unknown> = { marginalia: 1, article: articleRef, types: a.types, entities: a.entities, mentions: a.mentions, claims: a.claims };
  if (a.relations.length) file.relations = a.relations;
  for (const [k, v] of Object.entries(result.fileFields)) if (!(FILE_KEYS as readonly string[]).includes(k) && k !== '$schema') file[k] = v;
  const out = JSON.stringify(file, null, 2) + '\n';
  const errors = parseAnnotationFile(out).problems.filter((p) => p.severity === 'error');
  if (errors[0]) {
    const p = new Located(out).problem('error', errors[0].code, errors[0].message, errors[0].path);
    throw new ImportError(`the imported annotations would not make a valid file (${errors[0].message} at ${p.path.join('.')}); nothing was written`);
  }
  return out;
}

/** The import merged into an existing annotation file: one validated edit (one undo step in the editor). */
export function mergeIntoFile(fileText: string, result: ImportResult): EditOutcome {
  const batch: Record<string, readonly object[]> = {};
  for (const k of ITEM_KEYS) batch[k] = result.additions[k];
  return appendItems(fileText, batch);
}
