// Where the user is: the reading a command acts on, its current model, and the selected text (from the command's
// arguments, the reader, or the article's text editor), checked usable before any question is asked.

import * as vscode from 'vscode';
import { articleIndex } from '../../core/articleIndex';
import type { Selector } from '../../core/model';
import type { Model } from '../../core/resolve';
import { normalizeText, selectorsFor } from '../../core/text';
import type { AnnotationIndex } from '../annotationIndex';
import { Commands } from '../commandIds';
import type { ReaderManager } from '../reader';
import type { Reading, ReadingStore } from '../store';
import { toOffset, toRange } from '../toolkit/convert';
import { UserError } from '../toolkit/errors';
import { fileName, openDocument } from '../toolkit/files';
import type { EditingArgs } from './args';
import { whyNotEditable } from './apply';

export interface TargetDeps {
  store: ReadingStore;
  readers: ReaderManager;
  index: AnnotationIndex;
}

export interface Target {
  reading: Reading;
  model: Model;
  /** UTF-16 range in `model.text`. */
  start: number;
  end: number;
}

/** The reading named by `args.file`, the active reader's, or the active editor's (its article or annotation file). */
export async function readingFor(deps: TargetDeps, args: EditingArgs): Promise<Reading | undefined> {
  if (args.file) return deps.store.open(vscode.Uri.parse(args.file, true));
  const fromReader = deps.readers.activeReading();
  if (fromReader) return fromReader;
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? readingOfDocument(deps, doc) : undefined;
}

/** The reading of a document: loaded already, or the workspace's annotation file that names it as its article. */
async function readingOfDocument(deps: TargetDeps, doc: vscode.TextDocument): Promise<Reading | undefined> {
  const known = deps.store.find(doc.uri);
  if (known) return known;
  if (doc.uri.path.endsWith('.annotations.json')) return deps.store.open(doc.uri);
  const files = await deps.index.annotationFilesFor(doc.uri);
  return files[0] ? deps.store.open(files[0]) : undefined;
}

/** The reading whose model has an item with `id`: the active one first, else the only one that has it. */
export async function readingWithItem(deps: TargetDeps, args: EditingArgs, id: string): Promise<Reading | undefined> {
  const first = await readingFor(deps, args);
  const has = (r: Reading | undefined): boolean => !!r?.model && (r.model.entities.has(id) || r.model.mentionById.has(id) || r.model.claimById.has(id));
  if (has(first)) return first;
  const all = deps.store.all().filter(has);
  if (all.length <= 1) return all[0];
  const pick = await vscode.window.showQuickPick(
    all.map((r) => ({ label: fileName(r.uri), description: vscode.workspace.asRelativePath(r.uri), r })),
    { title: `Several readings have "${id}"` },
  );
  return pick?.r;
}

/**
 * The reading's newest model, as of the text now in its article document (re-resolved if the store lags behind),
 * refused with the reason when the file cannot take an edit: checked before any question is asked.
 */
export async function editableModel(deps: TargetDeps, reading: Reading): Promise<{ reading: Reading; model: Model }> {
  const refusal = await whyNotEditable(reading.uri);
  if (refusal) throw new UserError(refusal);
  let now = deps.store.get(reading.key) ?? reading;
  const articleDoc = now.articleUri && openDocument(now.articleUri);
  if (articleDoc && now.model && normalizeText(articleDoc.getText()) !== now.model.text) now = await deps.store.reload(now.uri);
  if (!now.model) throw new UserError(`${fileName(now.uri)} has no usable annotations yet; see the Problems panel`);
  const syntax = now.problems.find((p) => p.code === 'syntax-error');
  if (syntax) throw new UserError(`${fileName(now.uri)} is not valid JSON (line ${syntax.line}, column ${syntax.column}); fix it first, then annotate`);
  if (now.stale) throw new UserError(`${fileName(now.uri)} cannot be read as it is now (see the Problems panel); fix it first, then annotate`);
  return { reading: now, model: now.model };
}

/** The selected text: from args, the reader, or the active text editor on the article. */
export async function selectionTarget(deps: TargetDeps, args: EditingArgs): Promise<Target> {
  if (args.range) {
    const reading = await readingFor(deps, args);
    if (!reading) throw new UserError('no annotated reading is open for this range');
    const { reading: r, model } = await editableModel(deps, reading);
    return checkedTarget(r, model, args.range.start, args.range.end);
  }
  const fromReader = deps.readers.activeReading();
  if (fromReader) {
    const { reading, model } = await editableModel(deps, fromReader);
    const sel = deps.readers.selection(reading);
    if (!sel) throw new UserError('select some text in the reader first');
    return checkedTarget(reading, model, sel.start, sel.end);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new UserError('select text in an annotated article (in the reader or in its text editor) first');
  const found = await readingOfDocument(deps, editor.document);
  if (!found) {
    throw new UserError(`${fileName(editor.document.uri)} has no annotation file yet: run "Marginalia: New Annotated Reading…" on it first, then annotate`, {
      title: 'New Annotated Reading…',
      command: Commands.newReading,
      args: [editor.document.uri],
    });
  }
  if (found.articleUri?.toString() !== editor.document.uri.toString())
    throw new UserError('select the text in the article (in the reader or in its text editor), not in the annotation file');
  const { reading, model } = await editableModel(deps, found);
  if (editor.selection.isEmpty) throw new UserError('select some text in the article first');
  // Line:column is the same in a CRLF document and in the normalized text the model counts over.
  const lines = articleIndex(model);
  return checkedTarget(reading, model, toOffset(lines, editor.selection.start), toOffset(lines, editor.selection.end));
}

function checkedTarget(reading: Reading, model: Model, start: number, end: number): Target {
  // Trim whitespace so a sloppy double-click selection does not anchor on a trailing space.
  while (start < end && /\s/.test(model.text[start] ?? '')) start++;
  while (end > start && /\s/.test(model.text[end - 1] ?? '')) end--;
  if (!(start >= 0 && end <= model.text.length && start < end)) throw new UserError('the selection is empty or outside the article');
  return { reading, model, start, end };
}

export function selectorOf(t: Target): Selector[] {
  return selectorsFor(t.model.map, t.start, t.end);
}

/** Selects a UTF-16 range of the reading's normalized text in an open editor of its article, if there is one. */
export function revealInArticleEditor(reading: Reading, model: Model, start: number, end: number): boolean {
  const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === reading.articleUri?.toString());
  if (!editor) return false;
  const range = toRange(articleIndex(model), { start, end });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
