// The article in the plain text editor: entity decorations (one decoration type per entity type, one
// setDecorations call per type per update), claim markers, hover cards, document symbols for the sections,
// cursor-following for the trees, "next mention" in the editor, and "Open Article as Text".
// Positions: the model counts over the normalized text (LF); editors count lines and UTF-16 columns the same
// way whatever the file's line endings, so line/column is the bridge (core/articleIndex.ts).

import * as vscode from 'vscode';
import {
  adjacentSpan,
  articleIndex,
  lineIndex,
  offsetAt,
  positionAt,
  rangesByType,
  spansAt,
  type ArticleIndex,
  type Lines,
  type Span,
} from '../core/articleIndex';
import { claimCard, entityCard } from '../core/cards';
import { chainText, truncate } from '../core/claimTree';
import type { EntityTypeDef, TypeCue } from '../core/model';
import type { Model } from '../core/resolve';
import { articleBlocks } from '../core/structure';
import { normalizeText } from '../core/text';
import type { TargetRef } from '../shared/protocol';
import { Commands, InternalCommands } from './commandIds';
import type { ReadingSource } from './current';
import { HoverMarkdown } from './hoverMarkdown';
import type { ReaderManager } from './reader';
import type { AnnotationIndex } from './annotationIndex';
import type { Reading, ReadingStore } from './store';

export const ARTICLE_LANGUAGE = 'marginalia-article';
const IS_ARTICLE_CONTEXT = 'marginalia.isArticle';
const SELECTOR: vscode.DocumentSelector = [{ language: ARTICLE_LANGUAGE }, { language: 'plaintext' }];

// ---- Which reading a document is the article of ---------------------------------------------------------

/** The reading whose article is this document, if the store knows it. */
export function readingOfArticle(store: Pick<ReadingStore, 'all'>, uri: vscode.Uri): Reading | undefined {
  const key = uri.toString();
  return store.all().find((r) => r.articleUri?.toString() === key);
}

/** Normalized document text compared with the model's, cached per document version. */
const matches = new WeakMap<vscode.TextDocument, { version: number; model: Model; ok: boolean }>();
function modelMatches(doc: vscode.TextDocument, model: Model): boolean {
  const hit = matches.get(doc);
  if (hit && hit.version === doc.version && hit.model === model) return hit.ok;
  const ok = normalizeText(doc.getText()) === model.text;
  matches.set(doc, { version: doc.version, model, ok });
  return ok;
}

/** The model of the article shown in `doc`, when the document's text is the one the model was anchored on. */
function articleModel(store: Pick<ReadingStore, 'all'>, doc: vscode.TextDocument): { reading: Reading; model: Model; index: ArticleIndex } | undefined {
  const reading = readingOfArticle(store, doc.uri);
  const model = reading?.model;
  if (!reading || !model || !modelMatches(doc, model)) return undefined;
  return { reading, model, index: articleIndex(model) };
}

const toPosition = (index: Lines, offset: number): vscode.Position => {
  const p = positionAt(index, offset);
  return new vscode.Position(p.line, p.character);
};
const toRange = (index: Lines, span: { start: number; end: number }): vscode.Range =>
  new vscode.Range(toPosition(index, span.start), toPosition(index, span.end));
const toOffset = (index: Lines, pos: vscode.Position): number => offsetAt(index, { line: pos.line, character: pos.character });

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

function spanOf(model: Model, index: ArticleIndex, target: TargetRef): Span | undefined {
  if (target.kind === 'mention') return index.mentions.find((m) => m.id === target.id);
  if (target.kind === 'claim') return index.claims.find((c) => c.id === target.id);
  return index.mentions.find((m) => m.entityId === target.id);
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
    const span = spanOf(model, index, target);
    if (!span) continue;
    const range = toRange(index, span);
    // The cursor at the start of the name, so the editor's hover command shows its card.
    editor.selection = new vscode.Selection(range.end, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
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
  const range = toRange(hit.index, next);
  // The cursor at the start of the name, so the editor's hover command shows its card.
  editor.selection = new vscode.Selection(range.end, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

// ---- Decorations -----------------------------------------------------------------------------------------

const HEX = /^#[0-9a-fA-F]{6}$/;
const NEUTRAL = '#8c8c8c';

export function safeColor(color: unknown): string {
  return typeof color === 'string' && HEX.test(color) ? color.toLowerCase() : NEUTRAL;
}

/** A tint that reads on light and dark themes, plus a non-colour cue (border style, weight, slant). */
export function decorationOptions(type: Pick<EntityTypeDef, 'color' | 'cue'>): vscode.DecorationRenderOptions {
  const color = safeColor(type.color);
  const cue: TypeCue = type.cue;
  const options: vscode.DecorationRenderOptions = {
    light: { backgroundColor: `${color}1f` },
    dark: { backgroundColor: `${color}33` },
    overviewRulerColor: `${color}99`,
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    borderColor: color,
  };
  switch (cue) {
    case 'solid':
    case 'dashed':
    case 'dotted':
      return { ...options, borderStyle: `none none ${cue} none`, borderWidth: '0 0 2px 0' };
    case 'double':
      return { ...options, borderStyle: 'none none double none', borderWidth: '0 0 3px 0' };
    case 'wavy':
      return { ...options, textDecoration: `underline wavy ${color}` };
    case 'box':
      return { ...options, borderStyle: 'solid', borderWidth: '1px', borderRadius: '3px' };
    case 'bold':
      return { ...options, fontWeight: 'bold', borderStyle: 'none none solid none', borderWidth: '0 0 1px 0' };
    case 'italic':
      return { ...options, fontStyle: 'italic', borderStyle: 'none none solid none', borderWidth: '0 0 1px 0' };
    default:
      return { ...options, borderStyle: 'none none solid none', borderWidth: '0 0 2px 0' };
  }
}

export interface EditorDecorationStats {
  uri: string;
  updates: number;
  /** setDecorations calls in the last update, per entity type id (and `claims`). */
  calls: Record<string, number>;
  /** Ranges set in the last update, per entity type id (and `claims`). */
  ranges: Record<string, number>;
  /** Decoration types created so far (never more than one per entity type and style). */
  decorationTypes: number;
  /** Extension-host time of the last update: ranges computed and handed to setDecorations. */
  ms: number;
}

/** Mid-grey reads on light, dark and high-contrast themes alike. */
const CLAIM_GUTTER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path fill="#8c8c8c" d="M2 2.5h12a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H8l-3.5 3v-3H2a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z"/></svg>';

class ArticleDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  // A speech-bubble mark in the gutter: not a character in the text, so it cannot be mistaken for a quotation mark.
  private readonly claimType = vscode.window.createTextEditorDecorationType({
    gutterIconPath: vscode.Uri.parse(`data:image/svg+xml;base64,${btoa(CLAIM_GUTTER_SVG)}`),
    gutterIconSize: '70%',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
  });
  /** Per editor: which decoration keys hold ranges now, so a vanished type is cleared once. */
  private readonly applied = new WeakMap<vscode.TextEditor, Set<string>>();
  readonly stats = new Map<string, EditorDecorationStats>();

  constructor(
    private readonly store: ReadingStore,
    private readonly hidden: (r: Reading) => ReadonlySet<string>,
  ) {}

  private key(t: Pick<EntityTypeDef, 'id' | 'color' | 'cue'>): string {
    return `${t.id}\u0000${safeColor(t.color)}\u0000${t.cue}`;
  }

  private typeFor(t: Pick<EntityTypeDef, 'id' | 'color' | 'cue'>): vscode.TextEditorDecorationType {
    const key = this.key(t);
    let d = this.types.get(key);
    if (!d) this.types.set(key, (d = vscode.window.createTextEditorDecorationType(decorationOptions(t))));
    return d;
  }

  update(editor: vscode.TextEditor): void {
    const reading = readingOfArticle(this.store, editor.document.uri);
    const before = this.applied.get(editor);
    if (!reading) {
      if (before) this.clear(editor, before);
      return;
    }
    const model = reading.model;
    if (!model) {
      if (before) this.clear(editor, before);
      return;
    }
    // Text and model disagree while a reload is pending: the existing decorations follow the edits meanwhile.
    if (!modelMatches(editor.document, model)) return;
    const t0 = performance.now();
    const index = articleIndex(model);
    const typeIds = new Set([...model.types.keys(), ...index.byType.keys()]);
    const ranges = rangesByType(index, typeIds, this.hidden(reading));
    const now = new Set<string>();
    const touched = new Set<string>();
    const calls: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (const [typeId, rs] of ranges) {
      const def = model.types.get(typeId) ?? { id: typeId, color: NEUTRAL, cue: 'solid' as TypeCue };
      const key = this.key(def);
      // A type with nothing to show that showed nothing before needs no call.
      if (rs.length === 0 && !before?.has(key)) continue;
      editor.setDecorations(
        this.typeFor(def),
        rs.map((r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)),
      );
      touched.add(key);
      calls[typeId] = (calls[typeId] ?? 0) + 1;
      counts[typeId] = rs.length;
      if (rs.length) now.add(key);
    }
    // Types that vanished from the file (or changed colour) since the last update.
    for (const key of before ?? []) {
      const d = this.types.get(key);
      if (key !== 'claims' && !touched.has(key) && d) editor.setDecorations(d, []);
    }
    editor.setDecorations(
      this.claimType,
      index.claims.map((c) => toRange(index, { start: c.start, end: c.start })),
    );
    calls.claims = 1;
    counts.claims = index.claims.length;
    now.add('claims');
    this.applied.set(editor, now);
    const uri = editor.document.uri.toString();
    this.stats.set(uri, {
      uri,
      updates: (this.stats.get(uri)?.updates ?? 0) + 1,
      calls,
      ranges: counts,
      decorationTypes: this.types.size,
      ms: performance.now() - t0,
    });
  }

  private clear(editor: vscode.TextEditor, keys: Set<string>): void {
    for (const key of keys) {
      const d = key === 'claims' ? this.claimType : this.types.get(key);
      if (d) editor.setDecorations(d, []);
    }
    this.applied.delete(editor);
  }

  dispose(): void {
    for (const d of this.types.values()) d.dispose();
    this.types.clear();
    this.claimType.dispose();
  }
}

// ---- Hovers and symbols ----------------------------------------------------------------------------------

/** The hover for a place in the article: the entity card of the innermost mention, then the claim card. */
export function articleHover(reading: Reading, model: Model, index: ArticleIndex, offset: number): { markdown: HoverMarkdown; span: Span } | undefined {
  const mention = spansAt(index.mentions, offset).find((s) => s.end > offset);
  const claim = spansAt(index.claims, offset).find((s) => s.end > offset);
  if (!mention && !claim) return undefined;
  const source = reading.uri.toString();
  const md = new HoverMarkdown();
  if (mention) {
    const card = entityCard(model, mention.entityId);
    if (card) {
      md.bold(card.name).raw(' · ').italic(card.typeLabel);
      const line: (() => void)[] = [];
      if (card.role) line.push(() => md.text(card.role as string));
      for (const a of card.affiliations)
        line.push(() => md.link(a.name, InternalCommands.showTarget, [source, { kind: 'entity', id: a.id }], 'Show in the reader'));
      if (line.length) {
        md.paragraph();
        line.forEach((add, i) => {
          if (i) md.raw(' · ');
          add();
        });
      }
      if (card.aliases.length) md.paragraph().raw('Also: ').text(card.aliases.join(', '));
      if (card.description) md.paragraph().text(card.description);
      const counts = [`${card.mentionCount} ${card.mentionCount === 1 ? 'mention' : 'mentions'}`];
      if (card.claimCount) counts.push(`${card.claimCount} ${card.claimCount === 1 ? 'claim' : 'claims'} made`);
      if (card.reportedCount) counts.push(`${card.reportedCount} reported`);
      md.paragraph()
        .raw(counts.join(' · '))
        .raw(' · ')
        .link('Show in Reader', InternalCommands.showTarget, [source, { kind: 'mention', id: mention.id }]);
    }
  }
  if (claim) {
    const card = claimCard(model, claim.id);
    const resolved = model.claims.find((c) => c.id === claim.id);
    if (card && resolved) {
      if (mention) md.rule();
      md.raw('❝ ').bold(card.modeLabel).raw(' · ').text(chainText(resolved));
      if (card.cue) md.raw(' (').italic(card.cue).raw(')');
      if (card.summary) md.paragraph().text(card.summary);
      md.paragraph().link('Show Claim in Reader', InternalCommands.showTarget, [source, { kind: 'claim', id: claim.id }]);
    }
  }
  return { markdown: md, span: mention ?? (claim as Span) };
}

/** Sections from the article's own structure (headline, headings), claims under their section. */
export function articleSymbols(text: string, model: Model | undefined): vscode.DocumentSymbol[] {
  const lines = lineIndex(text);
  const blocks = articleBlocks(text);
  const headline = blocks.find((b) => b.kind === 'headline');
  const sections: { name: string; start: number; end: number; selEnd: number }[] = [];
  const headings = blocks.filter((b) => b.kind === 'heading');
  headings.forEach((h, i) => {
    const next = headings[i + 1];
    const end = next ? next.start : text.length;
    sections.push({ name: text.slice(h.start, h.end), start: h.start, end: Math.max(h.end, trimEnd(text, end)), selEnd: h.end });
  });
  const byId = new Map(model?.claims.map((c) => [c.id, c]) ?? []);
  const claimSyms = (start: number, end: number): vscode.DocumentSymbol[] => {
    if (!model) return [];
    const index = articleIndex(model);
    return index.claims
      .filter((c) => c.start >= start && c.start < end)
      .map((c) => {
        const resolved = byId.get(c.id);
        const name = truncate(resolved?.def.summary ?? text.slice(c.start, c.end), 80) || c.id;
        return new vscode.DocumentSymbol(name, resolved ? chainText(resolved) : '', vscode.SymbolKind.String, toRange(lines, c), toRange(lines, c));
      });
  };
  const firstSection = sections[0]?.start ?? text.length;
  const sectionSyms = sections.map((s) => {
    const sym = new vscode.DocumentSymbol(s.name, 'section', vscode.SymbolKind.Namespace, toRange(lines, s), toRange(lines, { start: s.start, end: s.selEnd }));
    sym.children = claimSyms(s.start, s.end);
    return sym;
  });
  if (!headline) return sectionSyms;
  const root = new vscode.DocumentSymbol(
    text.slice(headline.start, headline.end),
    'headline',
    vscode.SymbolKind.File,
    toRange(lines, { start: headline.start, end: trimEnd(text, text.length) }),
    toRange(lines, headline),
  );
  root.children = [...claimSyms(headline.start, firstSection), ...sectionSyms];
  return [root];
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--;
  return e;
}

// ---- Registration ----------------------------------------------------------------------------------------

export interface EditorArticleDeps {
  store: ReadingStore;
  readers: ReaderManager;
  current: ReadingSource;
  index: AnnotationIndex;
  log: vscode.LogOutputChannel;
}

export interface EditorArticle extends vscode.Disposable {
  stats(): EditorDecorationStats[];
}

export function registerEditorArticle(deps: EditorArticleDeps): EditorArticle {
  const { store, readers } = deps;
  const decorations = new ArticleDecorations(store, (r) => readers.hiddenTypes(r));
  const annotationFileFor = async (article: vscode.Uri): Promise<vscode.Uri | undefined> => (await deps.index.annotationFilesFor(article))[0];
  const pendingLookups = new Set<string>();

  const updateEditors = (reading?: Reading): void => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!reading || reading.articleUri?.toString() === editor.document.uri.toString()) decorations.update(editor);
    }
  };

  /** An article of a known reading gets the article language, so the grammar applies. */
  const adopt = async (doc: vscode.TextDocument): Promise<void> => {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-scm') return;
    let reading = readingOfArticle(store, doc.uri);
    if (!reading && (doc.languageId === 'plaintext' || doc.languageId === ARTICLE_LANGUAGE) && !pendingLookups.has(doc.uri.toString())) {
      pendingLookups.add(doc.uri.toString());
      try {
        const file = await annotationFileFor(doc.uri);
        if (file) reading = await store.open(file);
      } finally {
        pendingLookups.delete(doc.uri.toString());
      }
    }
    if (reading && doc.languageId === 'plaintext' && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE);
  };

  const setContext = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', IS_ARTICLE_CONTEXT, !!doc && !!readingOfArticle(store, doc.uri));
  };

  const openAsText = async (arg?: unknown): Promise<void> => {
    const reading = arg instanceof vscode.Uri ? (store.find(arg) ?? (await store.open(arg))) : (deps.current.get() ?? readers.activeReading());
    if (!reading?.articleUri) {
      void vscode.window.showInformationMessage('Open an annotated reading first (Marginalia: Open Article).');
      return;
    }
    const doc = await vscode.workspace.openTextDocument(reading.articleUri);
    const shown = doc.languageId === 'plaintext' ? await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE) : doc;
    const beside = readers.isOpen(reading.uri);
    await vscode.window.showTextDocument(shown, { viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: false });
  };

  /** The reading of an article document, loading it when the workspace has an annotation file naming it. */
  const readingFor = async (doc: vscode.TextDocument): Promise<Reading | undefined> => {
    const known = readingOfArticle(store, doc.uri);
    if (known) return known;
    const file = await annotationFileFor(doc.uri);
    return file ? store.open(file) : undefined;
  };

  const hover: vscode.HoverProvider = {
    async provideHover(doc, position) {
      await readingFor(doc);
      const hit = articleModel(store, doc);
      if (!hit) return undefined;
      const h = articleHover(hit.reading, hit.model, hit.index, toOffset(hit.index, position));
      return h ? new vscode.Hover(h.markdown.build(), toRange(hit.index, h.span)) : undefined;
    },
  };

  const symbols: vscode.DocumentSymbolProvider = {
    async provideDocumentSymbols(doc) {
      const reading = await readingFor(doc);
      if (!reading && doc.languageId !== ARTICLE_LANGUAGE) return [];
      const text = normalizeText(doc.getText());
      const model = reading?.model && reading.model.text === text ? reading.model : undefined;
      return articleSymbols(text, model);
    },
  };

  const disposables: vscode.Disposable[] = [
    decorations,
    vscode.languages.registerHoverProvider(SELECTOR, hover),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, symbols, { label: 'Marginalia article' }),
    store.onDidChange((r) => {
      updateEditors(r);
      setContext();
      for (const editor of vscode.window.visibleTextEditors) if (r.articleUri?.toString() === editor.document.uri.toString()) void adopt(editor.document);
    }),
    readers.onDidChangeHiddenTypes((r) => updateEditors(r)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const e of editors) {
        decorations.update(e);
        void adopt(e.document).catch((err: unknown) => deps.log.warn(`article lookup: ${String(err)}`));
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(setContext),
    vscode.commands.registerCommand(Commands.openArticleAsText, async (arg?: unknown) => {
      try {
        await openAsText(arg);
      } catch (e) {
        deps.log.error(`Open Article as Text: ${String(e)}`);
        void vscode.window.showErrorMessage(`Marginalia: could not open the article as text: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  ];
  for (const e of vscode.window.visibleTextEditors) {
    decorations.update(e);
    void adopt(e.document).catch(() => undefined);
  }
  setContext();

  return {
    stats: () => [...decorations.stats.values()],
    dispose: () => {
      for (const d of disposables.splice(0)) d.dispose();
    },
  };
}
