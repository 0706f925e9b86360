// Conversions between the core's offsets and VS Code's positions, in one place. The model counts UTF-16 offsets
// over the *normalized* article text (LF line breaks); a document of the same text may use CRLF, so its own
// offsets differ by one per line break. Lines and UTF-16 columns are the same whatever the line endings, so
// line:column is the bridge (core/articleIndex). Annotation-file edits are offsets in the file's own text.

import * as vscode from 'vscode';
import { offsetAt, positionAt, type Lines } from '../../core/articleIndex';
import type { TextReplacement } from '../../core/edit';

export function toPosition(lines: Lines, offset: number): vscode.Position {
  const p = positionAt(lines, offset);
  return new vscode.Position(p.line, p.character);
}

export function toRange(lines: Lines, span: { start: number; end: number }): vscode.Range {
  return new vscode.Range(toPosition(lines, span.start), toPosition(lines, span.end));
}

/** A document position as a UTF-16 offset in the normalized text. */
export function toOffset(lines: Lines, pos: vscode.Position): number {
  return offsetAt(lines, { line: pos.line, character: pos.character });
}

/** One replacement in a document's own text (an annotation file), as a WorkspaceEdit. */
export function replacementEdit(doc: vscode.TextDocument, r: TextReplacement): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length)), r.content);
  return edit;
}
