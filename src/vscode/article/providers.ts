// The article's hover cards and outline in text editors. Both take their dependencies in the constructor, so
// tests can call them directly. The Markdown of a hover is built in the core (src/core/tooltips.ts).

import * as vscode from 'vscode';
import { lineIndex } from '../../core/articleIndex';
import { articleOutline, type OutlineNode } from '../../core/sections';
import { normalizeText } from '../../core/text';
import { articleHover } from '../../core/tooltips';
import { InternalCommands } from '../commandIds';
import type { Reading, ReadingStore } from '../store';
import { toOffset, toRange } from '../toolkit/convert';
import { markdown, toMarkdownString } from '../toolkit/markdown';
import { articleModel } from './documents';

/** Finds (and loads) the reading of an article document opened on its own. */
export type ReadingLookup = (doc: vscode.TextDocument) => Promise<Reading | undefined>;

export class ArticleHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ReadingStore,
    private readonly lookup: ReadingLookup,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    await this.lookup(doc);
    const hit = articleModel(this.store, doc);
    if (!hit) return undefined;
    const h = articleHover(markdown(), hit.model, hit.reading.key, toOffset(hit.index, position), InternalCommands.showTarget);
    return h ? new vscode.Hover(toMarkdownString(h.md), toRange(hit.index, h.span)) : undefined;
  }
}

const KINDS: Record<OutlineNode['kind'], vscode.SymbolKind> = {
  headline: vscode.SymbolKind.File,
  section: vscode.SymbolKind.Namespace,
  claim: vscode.SymbolKind.String,
};

export class ArticleSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly lookup: ReadingLookup,
    private readonly isArticleLanguage: (doc: vscode.TextDocument) => boolean,
  ) {}

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const reading = await this.lookup(doc);
    if (!reading && !this.isArticleLanguage(doc)) return [];
    const text = normalizeText(doc.getText());
    const model = reading?.model && reading.model.text === text ? reading.model : undefined;
    const lines = lineIndex(text);
    const toSymbol = (n: OutlineNode): vscode.DocumentSymbol => {
      const s = new vscode.DocumentSymbol(n.name, n.detail, KINDS[n.kind], toRange(lines, n.range), toRange(lines, n.selection));
      s.children = n.children.map(toSymbol);
      return s;
    };
    return articleOutline(text, model, doc.uri.path).map(toSymbol);
  }
}
