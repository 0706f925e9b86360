// Applying an edit: the core computes the new file text (src/core/edit.ts) and it lands as ONE WorkspaceEdit on
// the annotation file's document, so one Undo reverts it byte for byte. An open document with unsaved changes is
// edited in its buffer and left unsaved; a file nobody had open is opened as a document, edited and saved. A
// read-only, missing or invalid file gets a clear message and no change at all.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EditError, type EditOutcome } from '../../core/edit';
import { replacementEdit } from '../toolkit/convert';
import { UserError } from '../toolkit/errors';
import { fileName, isInsideExtension, openDocument } from '../toolkit/files';

/** Whether the file at `uri` can be written: undefined when it is missing. */
async function writable(uri: vscode.Uri): Promise<boolean | undefined> {
  if (uri.scheme === 'file') {
    // On disk directly (see toolkit/files.ts `disk`: workspace.fs calls travel through the workbench). Running as
    // root the OS would let us write anyway; the mode bits say what the owner intends.
    const st = await fs.promises.stat(uri.fsPath).catch(() => undefined);
    return st && (st.mode & 0o222) !== 0;
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return Number(stat.permissions ?? 0) === 0 && vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== false;
}

/** Why a file cannot be edited, or undefined: checked before any question is asked, and again right before writing. */
export async function whyNotEditable(uri: vscode.Uri): Promise<string | undefined> {
  // Files inside an installed extension (the bundled article) are replaced on every update: never edit them.
  if (isInsideExtension(uri))
    return `${fileName(uri)} ships with the extension and is read-only; run "Marginalia: Copy Article to Workspace" to annotate your own copy. Nothing was changed`;
  const can = await writable(uri);
  if (can === undefined) return `${fileName(uri)} no longer exists (deleted or renamed); nothing was changed`;
  if (!can) return `${fileName(uri)} is read-only; nothing was changed`;
  return undefined;
}

/**
 * Applies `compute(text)` to the annotation file as one WorkspaceEdit. Checks, right before writing, that the file
 * still exists and is writable and that the new text validates; saves only what was not dirty before.
 */
export async function applyToFile(uri: vscode.Uri, compute: (text: string) => EditOutcome): Promise<EditOutcome> {
  const refusal = await whyNotEditable(uri);
  if (refusal) throw new UserError(refusal);
  const open = openDocument(uri);
  const wasDirty = open?.isDirty ?? false;
  const doc = open ?? (await vscode.workspace.openTextDocument(uri));
  for (let attempt = 0; ; attempt++) {
    const before = doc.getText();
    const version = doc.version;
    let outcome: EditOutcome;
    try {
      outcome = compute(before);
    } catch (e) {
      if (e instanceof EditError) throw new UserError(`${fileName(uri)}: ${e.message}`);
      throw e;
    }
    const r = outcome.replacement;
    if (!r) return outcome;
    // The document changed while the action was computed (another edit landed): compute again.
    if (doc.version !== version) {
      if (attempt < 2) continue;
      throw new UserError(`${fileName(uri)} keeps changing; nothing was changed`);
    }
    if (!(await vscode.workspace.applyEdit(replacementEdit(doc, r)))) {
      // VS Code refuses an edit made against a version of the document it has already moved past (the file was
      // re-read from disk, and the news has not reached the extension host yet): wait for it, compute again.
      if (attempt < 2 && (await documentChanges(doc, version))) continue;
      throw new UserError(`VS Code refused to edit ${fileName(uri)} (is it read-only?); nothing was changed`);
    }
    if (doc.getText() !== outcome.text) {
      // Not what was validated (an edit raced ours): leave the document as the user can see and undo it.
      throw new UserError(`${fileName(uri)} changed during the edit; check it and undo if needed`);
    }
    if (!wasDirty && !(await doc.save())) throw new UserError(`${fileName(uri)} could not be saved; the change is in the open document (undo reverts it)`);
    return outcome;
  }
}

/** Resolves true once the document is past `version` (at once if it already is), false after a short wait. */
function documentChanges(doc: vscode.TextDocument, version: number): Promise<boolean> {
  if (doc.version !== version) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (changed: boolean): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve(changed);
    };
    const sub = vscode.workspace.onDidChangeTextDocument((e) => e.document === doc && done(true));
    const timer = setTimeout(() => done(doc.version !== version), 1000);
  });
}
