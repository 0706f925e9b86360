// What every export starts from: the resolved model, the annotation file's text (to locate what is lost) and
// the article's name; plus the spans of mentions and claims as the model anchored them.

import { Located, unlocatedProblem } from '../json';
import type { Severity } from '../model';
import type { AnchoredItem, Model } from '../resolve';
import type { InteropProblem } from './types';

export interface ExportInput {
  model: Model;
  /** The annotation file's text, to locate problems (line:column); without it they sit at 1:1. */
  fileText?: string;
  /** How messages name the annotation file. */
  fileName: string;
  /** The article's file name (`beijing-moscow-push-back.txt`): brat's file names, W3C and CSV identifiers. */
  articleName: string;
}

export class ExportProblems {
  readonly list: InteropProblem[] = [];
  private located: Located | undefined;
  constructor(private readonly input: ExportInput) {}

  add(severity: Severity, code: string, message: string, path: (string | number)[]): void {
    const { fileText, fileName } = this.input;
    if (fileText !== undefined) this.located ??= new Located(fileText);
    const p = this.located ? this.located.problem(severity, code, message, path) : unlocatedProblem(severity, code, message, path);
    this.list.push({ file: fileName, ...p });
  }

  /** A problem about a mention or claim, at its place in the file. */
  item(item: AnchoredItem, severity: Severity, code: string, message: string): void {
    this.add(severity, code, message, ['def' in item && 'entity' in item.def ? 'mentions' : 'claims', item.index]);
  }
}

/** A span in code points and UTF-16 units; undefined for an orphan. */
export interface Span {
  start: number;
  end: number;
  u16start: number;
  u16end: number;
}

export function spanOf(model: Model, item: AnchoredItem): Span | undefined {
  const r = model.utf16Range(item);
  const { start, end } = item.anchor;
  if (!r || start === undefined || end === undefined) return undefined;
  return { start, end, u16start: r.start, u16end: r.end };
}

/** The article's name without its extension: `beijing-moscow-push-back`. */
export function baseName(articleName: string): string {
  const name = articleName.split('/').pop() ?? articleName;
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name) || 'article';
}

/** Fields of `value` other than `known`, for formats that can carry them (W3C's JSON literal). */
export function unknownFields(value: object, known: readonly string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (known.includes(k) || v === undefined) continue;
    out[k] = v;
    any = true;
  }
  return any ? out : undefined;
}
