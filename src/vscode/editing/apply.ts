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

function isReadOnly(uri: vscode.Uri, stat: vscode.FileStat): boolean {
  if (Number(stat.permissions ?? 0) !== 0) return true;
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return true;
  if (uri.scheme === 'file') {
    // Running as root, the OS would let us write anyway; the mode bits say what the owner intends.
    try {
      return (fs.statSync(uri.fsPath).mode & 0o222) === 0;
    } catch {
      return false;
    }
  }
  return false;
}

/** Why a file cannot be edited, or undefined: checked before any question is asked, and again right before writing. */
export async function whyNotEditable(uri: vscode.Uri): Promise<string | undefined> {
  // Files inside an installed extension (the bundled article) are replaced on every update: never edit them.
  if (isInsideExtension(uri))
    return `${fileName(uri)} ships with the extension and is read-only; run "Marginalia: Copy Article to Workspace" to annotate your own copy. Nothing was changed`;
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return `${fileName(uri)} no longer exists (deleted or renamed); nothing was changed`;
  }
  if (isReadOnly(uri, stat)) return `${fileName(uri)} is read-only; nothing was changed`;
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
