// Entity cards know the corpus: hovering a mention in an article editor adds, below the article's own card, what
// the rest of the corpus holds about that entity ("3 claims in 2 other articles") with a link to go there. A
// hover provider of its own, merged by VS Code with the article's.

import * as vscode from 'vscode';
import { spansAt, articleIndex } from '../../core/articleIndex';
import { corpusCard } from '../../core/corpus/views';
import { ARTICLE_LANGUAGE } from '../article';
import { articleModel } from '../article/documents';
import { InternalCommands } from '../commandIds';
import type { ReadingStore } from '../store';
import { toOffset } from '../toolkit/convert';
import { markdown, toMarkdownString } from '../toolkit/markdown';
import type { CorpusService } from './service';

export class CorpusHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ReadingStore,
    private readonly corpus: CorpusService,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hit = articleModel(this.store, doc);
    if (!hit) return undefined;
    const offset = toOffset(hit.index, position);
    const mention = spansAt(articleIndex(hit.model).mentions, offset).find((s) => s.end > offset);
    if (!mention) return undefined;
    // The summary knows the entity's corpus key (a registry id, or type and name).
    const key = this.corpus.index.get(hit.reading.key)?.mentions.find((m) => m.id === mention.id)?.entity;
    const card = key ? corpusCard(this.corpus.index, key, hit.reading.key) : undefined;
    if (!card) return undefined;
    const md = markdown().raw('**Across the corpus:** ').text(card.line);
    if (card.elsewhere.length) {
      md.raw(' · ').link('Show', InternalCommands.showCorpusInstances, [{ entity: card.key }], 'Every mention across the corpus');
      const files = card.elsewhere.slice(0, 5);
      md.paragraph();
      files.forEach((f, i) => {
        if (i) md.raw(' · ');
        md.text(f.title).raw(
          ` (${f.claims.length ? `${f.claims.length} claim${f.claims.length === 1 ? '' : 's'}, ` : ''}${f.mentions} mention${f.mentions === 1 ? '' : 's'})`,
        );
      });
      if (card.elsewhere.length > files.length) md.raw(` · and ${card.elsewhere.length - files.length} more`);
    }
    return new vscode.Hover(toMarkdownString(md));
  }
}

export function registerCorpusHover(store: ReadingStore, corpus: CorpusService): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: ARTICLE_LANGUAGE }, { language: 'plaintext' }], new CorpusHoverProvider(store, corpus));
}
