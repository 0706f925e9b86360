// The shared vocabulary of import and export. Pure data: formats, what an export produces, what an import
// found, and the problems both report (located in the file they are about).

import type { ClaimDef, EntityDef, EntityTypeDef, MentionDef, Problem, RelationDef } from '../model';

export const EXPORT_FORMATS = ['w3c', 'brat', 'pubannotation', 'spacy', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const IMPORT_FORMATS = ['w3c', 'hypothesis', 'brat', 'pubannotation'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

export function isImportFormat(s: string): s is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(s);
}

/** A problem located in one file: the annotation file (export) or a foreign file (import). */
export interface InteropProblem extends Problem {
  /** The file it is about, as the caller named it. */
  file: string;
}

/** One output file of an export; `name` is a bare file name (brat writes three). */
export interface OutputFile {
  name: string;
  content: string;
}

export interface ExportResult {
  files: OutputFile[];
  /** What could not be expressed in the format, each at the item it is about. */
  problems: InteropProblem[];
}

/** What an import adds to an annotation file, every id already unique in it. */
export interface Additions {
  types: EntityTypeDef[];
  entities: EntityDef[];
  mentions: MentionDef[];
  claims: ClaimDef[];
  relations: RelationDef[];
}

export interface ImportResult {
  additions: Additions;
  problems: InteropProblem[];
  /** Top-level fields to restore in a new file (a Marginalia W3C export carries them). */
  fileFields: Record<string, unknown>;
  /** Fields of `article` to restore in a new file (unknown ones from a Marginalia W3C export). */
  articleFields?: Record<string, unknown>;
  /** The article title the foreign file gives, if any. */
  title?: string;
}

/** The foreign file cannot be used at all; nothing is written. The message names the file and the place. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A foreign file as read: its name (for messages) and its text. */
export interface ForeignFile {
  name: string;
  text: string;
}
