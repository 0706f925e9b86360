// Which reading a text document is the article of, and its model when the document's text is the one the model
// was anchored on; moving the selection in article editors (reveal, next/previous mention or claim).

import * as vscode from 'vscode';
import { adjacentSpan, articleIndex, spansAt, type ArticleIndex, type Span } from '../../core/articleIndex';
import type { Model } from '../../core/resolve';
import { normalizeText } from '../../core/text';
import type { TargetRef } from '../../shared/protocol';
import type { Reading, ReadingStore } from '../store';
import { toOffset, toRange } from '../toolkit/convert';

/** The reading whose article is this document, if the store knows it. */
export function readingOfArticle(store: Pick<ReadingStore, 'all'>, uri: vscode.Uri): Reading | undefined {
  const key = uri.toString();
  return store.all().find((r) => r.articleUri?.toString() === key);
}

/** Normalized document text compared with the model's, cached per document version. */
const matches = new WeakMap<vscode.TextDocument, { version: number; model: Model; ok: boolean }>();
export function modelMatches(doc: vscode.TextDocument, model: Model): boolean {
  const hit = matches.get(doc);
  if (hit && hit.version === doc.version && hit.model === model) return hit.ok;
  const ok = normalizeText(doc.getText()) === model.text;
  matches.set(doc, { version: doc.version, model, ok });
  return ok;
}

/** The model of the article shown in `doc`, when the document's text is the one the model was anchored on. */
export function articleModel(store: Pick<ReadingStore, 'all'>, doc: vscode.TextDocument): { reading: Reading; model: Model; index: ArticleIndex } | undefined {
  const reading = readingOfArticle(store, doc.uri);
  const model = reading?.model;
  if (!reading || !model || !modelMatches(doc, model)) return undefined;
  return { reading, model, index: articleIndex(model) };
}

/** The innermost mention and claim under an editor's cursor, for the trees to follow. */
export function targetsAtSelection(editor: vscode.TextEditor, preferred?: Reading): { reading: Reading; mention?: string; claim?: string } | undefined {
  const reading = preferred?.articleUri?.toString() === editor.document.uri.toString() ? preferred : undefined;
  const model = reading?.model;
  if (!reading || !model || !modelMatches(editor.document, model)) return undefined;
  const index = articleIndex(model);
  const offset = toOffset(index, editor.selection.active);
  const out: { reading: Reading; mention?: string; claim?: string } = { reading };
  const m = spansAt(index.mentions, offset)[0];
  const c = spansAt(index.claims, offset)[0];
  if (m) out.mention = m.id;
  if (c) out.claim = c.id;
  return out;
}

function spanOf(index: ArticleIndex, target: TargetRef): Span | undefined {
  if (target.kind === 'mention') return index.mentions.find((m) => m.id === target.id);
  if (target.kind === 'claim') return index.claims.find((c) => c.id === target.id);
  return index.mentions.find((m) => m.entityId === target.id);
}

/** Puts the cursor at the start of a span (so the editor's hover command shows its card) and scrolls to it. */
function select(editor: vscode.TextEditor, range: vscode.Range): void {
  editor.selection = new vscode.Selection(range.end, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Selects and scrolls to a target in every visible editor of the reading's article. Returns how many. */
export function revealInEditors(reading: Reading, target: TargetRef): number {
  const model = reading.model;
  const article = reading.articleUri?.toString();
  if (!model || !article) return 0;
  let n = 0;
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.uri.toString() !== article || !modelMatches(editor.document, model)) continue;
    const index = articleIndex(model);
    const span = spanOf(index, target);
    if (!span) continue;
    select(editor, toRange(index, span));
    n++;
  }
  return n;
}

/** Moves an article editor's selection to the next or previous mention (or claim). Returns whether it could. */
export function moveInEditor(store: Pick<ReadingStore, 'all'>, editor: vscode.TextEditor, what: 'mention' | 'claim', direction: 1 | -1): boolean {
  const hit = articleModel(store, editor.document);
  if (!hit) return false;
  const spans: readonly Span[] = what === 'mention' ? hit.index.mentions : hit.index.claims;
  const next = adjacentSpan(spans, toOffset(hit.index, editor.selection.start), direction);
  if (!next) return false;
  select(editor, toRange(hit.index, next));
  return true;
}
