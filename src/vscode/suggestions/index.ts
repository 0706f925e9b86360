// Suggested annotations in VS Code: "Marginalia: Suggest Annotations" fills the Suggestions view from the
// worker, the reader and the article's editors show the suggestions as ghost highlights, and the review
// commands (the reader's keys a / x / space / backspace / Enter, the view's buttons, the palette) decide them,
// each decision one undoable edit of the annotation file. The logic is the core's; this is the wiring.

import * as vscode from 'vscode';
import { lineIndex, type Lines } from '../../core/articleIndex';
import type { AcceptEdits } from '../../core/edit/suggestions';
import { groupSuggestions, isKnown } from '../../core/suggest/review';
import type { Suggestion } from '../../core/suggest/types';
import type { GhostSuggestion, ReviewAction } from '../../shared/protocol';
import type { AnnotationIndex } from '../annotationIndex';
import { InternalCommands, SuggestionCommands } from '../commandIds';
import type { ReadingSource } from '../current';
import type { ReaderManager } from '../reader';
import type { Reading, ReadingStore } from '../store';
import { logFailure, registerCommand } from '../toolkit/commands';
import { toRange } from '../toolkit/convert';
import { Disposable, Registrations } from '../toolkit/disposable';
import { UserError } from '../toolkit/errors';
import { SuggestEngine } from './engine';
import { SuggestionService } from './service';
import { SUGGESTIONS_VIEW_ID, SuggestionsProvider, type SuggestionNode } from './view';

export interface SuggestionDeps {
  context: vscode.ExtensionContext;
  store: ReadingStore;
  readers: ReaderManager;
  current: ReadingSource;
  index: AnnotationIndex;
  log: vscode.LogOutputChannel;
}

/** What the review commands take from tests, hover links and tree rows (a row passes its node). */
interface ReviewArgs extends AcceptEdits {
  file?: string;
  key?: string;
  keys?: string[];
  /** `known` (every mention of known entities) or an entity group's key. */
  group?: string;
}

function parseReviewArgs(raw: unknown): ReviewArgs & { node?: SuggestionNode } {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  if (r.kind === 'item' && typeof r.key === 'string') return { key: r.key, node: { kind: 'item', key: r.key } };
  if (r.kind === 'section' && (r.section === 'known' || r.section === 'new' || r.section === 'claims')) return { group: r.section };
  if (r.kind === 'entity' && typeof r.group === 'object' && r.group !== null && typeof (r.group as { key?: unknown }).key === 'string')
    return { group: (r.group as { key: string }).key };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 10_000 ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const out: ReviewArgs = {};
  const file = str(r.file);
  if (file) out.file = file;
  const key = str(r.key);
  if (key) out.key = key;
  if (Array.isArray(r.keys)) out.keys = r.keys.filter((k): k is string => typeof k === 'string');
  const group = str(r.group);
  if (group) out.group = group;
  const type = str(r.type);
  if (type) out.type = type;
  const speaker = str(r.speaker);
  if (speaker) out.speaker = speaker;
  const speakerType = str(r.speakerType);
  if (speakerType) out.speakerType = speakerType;
  const start = num(r.start);
  const end = num(r.end);
  if (start !== undefined && end !== undefined && end > start) Object.assign(out, { start, end });
  return out;
}

function ghostLabel(reading: Reading, s: Suggestion): string {
  if (s.kind === 'claim') return `claim by ${s.speaker.name} · ${s.mode}`;
  const type = reading.model?.types.get(s.entity.type)?.label ?? s.entity.type;
  return `${s.entity.name} · ${type}${s.entity.id ? '' : ' (new)'}`;
}

/** The article's visible editors show the suggestions as ghost decorations (dashed, grey), the current one stronger. */
class GhostDecorations extends Disposable {
  private readonly ghost = this._register(
    vscode.window.createTextEditorDecorationType({
      borderStyle: 'dashed',
      borderWidth: '0 0 1px 0',
      borderColor: new vscode.ThemeColor('editorGhostText.foreground'),
      backgroundColor: new vscode.ThemeColor('editorGhostText.background'),
    }),
  );
  private readonly current = this._register(
    vscode.window.createTextEditorDecorationType({
      borderStyle: 'dashed',
      borderWidth: '1px',
      borderColor: new vscode.ThemeColor('focusBorder'),
    }),
  );
  private lines = new Map<string, { text: string; lines: Lines }>();
  /** What each article editor shows, for tests: UTF-16 ranges as "start-end". */
  readonly shown = new Map<string, { ghosts: number; current: string | undefined }>();

  constructor(
    private readonly store: ReadingStore,
    private readonly service: SuggestionService,
  ) {
    super();
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.update()));
    this._register(service.onDidChange(() => this.update()));
  }

  private linesOf(reading: Reading): Lines | undefined {
    const text = reading.model?.text;
    if (text === undefined) return undefined;
    const known = this.lines.get(reading.key);
    if (known && known.text === text) return known.lines;
    const lines = lineIndex(text);
    this.lines.set(reading.key, { text, lines });
    return lines;
  }

  update(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const reading = this.store.all().find((r) => r.articleUri?.toString() === editor.document.uri.toString());
      const queue = reading ? this.service.queue(reading) : undefined;
      const lines = reading ? this.linesOf(reading) : undefined;
      if (!reading?.model || !queue || !lines) {
        editor.setDecorations(this.ghost, []);
        editor.setDecorations(this.current, []);
        continue;
      }
      const map = reading.model.map;
      const range = (s: Suggestion): vscode.Range => toRange(lines, { start: map.toUtf16(s.start), end: map.toUtf16(s.end) });
      const cur = queue.current;
      editor.setDecorations(this.ghost, queue.items.filter((s) => s.key !== cur?.key).map(range));
      editor.setDecorations(this.current, cur ? [range(cur)] : []);
      this.shown.set(editor.document.uri.toString(), { ghosts: queue.items.length - (cur ? 1 : 0), current: cur?.key });
    }
  }
}

export function registerSuggestions(deps: SuggestionDeps): vscode.Disposable {
  const r = new Registrations();
  const engine = r.add(new SuggestEngine(vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'suggestWorker.js')));
  const service = r.add(new SuggestionService(deps, engine));
  const provider = r.add(new SuggestionsProvider(deps.current, service));
  const view = r.add(vscode.window.createTreeView(SUGGESTIONS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
  const decorations = r.add(new GhostDecorations(deps.store, service));

  // The reader shows what the queue holds, in UTF-16 offsets of its text, with the current one and where it is.
  const showInReader = (key: string): void => {
    const reading = deps.store.get(key);
    if (!reading?.model) return;
    const queue = service.queue(reading);
    const map = reading.model.map;
    const items: GhostSuggestion[] = (queue?.items ?? []).map((s) => ({
      key: s.key,
      start: map.toUtf16(s.start),
      end: map.toUtf16(s.end),
      kind: s.kind,
      label: ghostLabel(reading, s),
    }));
    const cur = queue?.current;
    const at = cur ? (queue?.items.indexOf(cur) ?? -1) + 1 : 0;
    deps.readers.showSuggestions(reading, { type: 'suggestions', items, current: cur?.key ?? null, position: cur ? `${at} of ${items.length}` : '' });
    view.description = cur ? `${at} of ${items.length}` : undefined;
  };
  r.add(service.onDidChange(showInReader));

  const readingOf = async (args: ReviewArgs): Promise<Reading> => {
    const reading = args.file ? await deps.store.open(vscode.Uri.parse(args.file, true)) : (deps.current.get() ?? deps.readers.activeReading());
    if (!reading) throw new UserError('open an annotated reading first (Marginalia: Open Annotated Reading…)');
    return reading;
  };

  /** What a command acts on: the keys given, a group, or the current suggestion. */
  const targets = (reading: Reading, args: ReviewArgs): Suggestion[] => {
    const queue = service.queue(reading);
    if (!queue) throw new UserError('no suggestions yet; run "Marginalia: Suggest Annotations" first');
    const items = queue.items;
    if (args.keys?.length) return items.filter((s) => args.keys?.includes(s.key));
    if (args.key) return items.filter((s) => s.key === args.key);
    if (args.group === 'known') return items.filter((s) => s.kind === 'mention' && isKnown(s));
    if (args.group === 'new') return items.filter((s) => s.kind === 'mention' && !isKnown(s));
    if (args.group === 'claims') return items.filter((s) => s.kind === 'claim');
    if (args.group) return items.filter((s) => s.kind === 'mention' && `${isKnown(s) ? 'known' : 'new'}:${s.entity.id ?? s.entity.name}` === args.group);
    return queue.current ? [queue.current] : [];
  };

  const decide = async (raw: unknown, decision: 'accept' | 'reject' | 'skip'): Promise<number> => {
    const args = parseReviewArgs(raw);
    const reading = await readingOf(args);
    const items = targets(reading, args);
    if (!items.length) throw new UserError('that suggestion is gone (the file or the article changed); run "Marginalia: Suggest Annotations" again');
    await service.decide(reading, decision, items, args);
    return items.length;
  };

  /** Enter in the reader: accept with another type, speaker or span. */
  const acceptWithEdits = async (raw: unknown): Promise<number> => {
    const args = parseReviewArgs(raw);
    const reading = await readingOf(args);
    const [s] = targets(reading, args);
    if (!s) throw new UserError('no suggestion to accept');
    if (args.type || args.speaker || args.start !== undefined) return decide({ ...args, file: reading.key, key: s.key }, 'accept');
    const model = reading.model;
    const selection = deps.readers.selection(reading);
    type Choice = vscode.QuickPickItem & { edit: () => Promise<AcceptEdits | undefined> };
    const choices: Choice[] = [{ label: 'Accept as suggested', edit: async () => ({}) }];
    if (s.kind === 'mention' && !s.entity.id && model)
      choices.push({
        label: 'Accept as another type…',
        edit: async () => {
          const pick = await vscode.window.showQuickPick(
            [...model.types.values()].map((t) => ({ label: t.label, description: t.id, id: t.id })),
            { title: `Type of ${s.entity.name}` },
          );
          return pick ? { type: pick.id } : undefined;
        },
      });
    if (s.kind === 'claim')
      choices.push({
        label: 'Accept with another speaker…',
        edit: async () => {
          const name = await vscode.window.showInputBox({
            title: 'Speaker of the claim',
            value: s.speaker.name,
            prompt: 'A name in the file, or a new person',
          });
          return name ? { speaker: name, speakerType: s.speaker.type ?? 'person' } : undefined;
        },
      });
    if (selection && model)
      choices.push({
        label: 'Accept with the reader’s selection as its span',
        description: JSON.stringify(model.text.slice(selection.start, Math.min(selection.end, selection.start + 60))),
        edit: async () => ({ start: model.map.toCodePoint(selection.start), end: model.map.toCodePoint(selection.end) }),
      });
    const choice = await vscode.window.showQuickPick(choices, { title: `Accept: ${ghostLabel(reading, s)}` });
    const edits = choice ? await choice.edit() : undefined;
    if (!edits) return 0;
    await service.decide(reading, 'accept', [s], edits);
    return 1;
  };

  const ctx = { log: deps.log };
  const commands = [
    registerCommand(ctx, SuggestionCommands.suggest, 'Suggest Annotations', async (raw) => {
      const reading = await readingOf(parseReviewArgs(raw));
      const n = await vscode.window.withProgress({ location: { viewId: SUGGESTIONS_VIEW_ID }, title: 'Suggesting annotations' }, () =>
        service.suggest(reading),
      );
      const unmapped = service.unmappedTypes(reading);
      vscode.window.setStatusBarMessage(`Marginalia: ${n} suggestions${unmapped.length ? ` (the file has no type for ${unmapped.join(', ')})` : ''}`, 8000);
      return n;
    }),
    registerCommand(ctx, SuggestionCommands.accept, 'Accept Suggestion', (raw) => decide(raw, 'accept')),
    registerCommand(ctx, SuggestionCommands.reject, 'Reject Suggestion', (raw) => decide(raw, 'reject')),
    registerCommand(ctx, SuggestionCommands.skip, 'Skip Suggestion', (raw) => decide(raw, 'skip')),
    registerCommand(ctx, SuggestionCommands.acceptGroup, 'Accept All in This Group', (raw) => decide(raw, 'accept')),
    registerCommand(ctx, SuggestionCommands.acceptWithEdits, 'Accept Suggestion with Edits', acceptWithEdits),
    registerCommand(ctx, SuggestionCommands.undo, 'Undo Last Review Step', async (raw) => {
      await service.undo(await readingOf(parseReviewArgs(raw)));
      return true;
    }),
    registerCommand(ctx, SuggestionCommands.clear, 'Clear Suggestions', async (raw) => {
      service.clear(await readingOf(parseReviewArgs(raw)));
      return true;
    }),
    registerCommand(ctx, InternalCommands.revealSuggestion, 'Show Suggestion', async (raw) => {
      const args = parseReviewArgs(raw);
      const reading = await readingOf(args);
      if (!args.key || !service.select(reading, args.key)) return false;
      const s = service.queue(reading)?.current;
      const model = reading.model;
      if (s && model) {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document.uri.toString() !== reading.articleUri?.toString()) continue;
          const range = toRange(lineIndex(model.text), { start: model.map.toUtf16(s.start), end: model.map.toUtf16(s.end) });
          editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        }
      }
      return true;
    }),
    registerCommand(ctx, InternalCommands.inspectSuggestions, 'Inspect Suggestions', async (raw) => {
      const reading = await readingOf(parseReviewArgs(raw));
      const queue = service.queue(reading);
      return {
        items: queue?.items.map((s) => ({ key: s.key, kind: s.kind, exact: s.exact, start: s.start, end: s.end, source: s.source })) ?? [],
        current: queue?.current?.key,
        history: queue?.history.map((h) => h.decision) ?? [],
        runs: service.runs,
        view: groupSuggestions(queue?.items ?? []),
        inView: provider.current?.key === reading.key,
        editors: Object.fromEntries(decorations.shown),
      };
    }),
  ];
  for (const c of commands) r.add(c);

  // The reader's keys and clicks.
  r.add(
    deps.readers.onDidReview(({ reading, action, key }: { reading: Reading; action: ReviewAction; key: string | null }) => {
      const args = { file: reading.key, ...(key ? { key } : {}) };
      const run: Record<ReviewAction, () => Thenable<unknown>> = {
        accept: () => vscode.commands.executeCommand(SuggestionCommands.accept, args),
        reject: () => vscode.commands.executeCommand(SuggestionCommands.reject, args),
        skip: () => vscode.commands.executeCommand(SuggestionCommands.skip, args),
        undo: () => vscode.commands.executeCommand(SuggestionCommands.undo, { file: reading.key }),
        edit: () => vscode.commands.executeCommand(SuggestionCommands.acceptWithEdits, args),
        select: () => vscode.commands.executeCommand(InternalCommands.revealSuggestion, args),
      };
      Promise.resolve(run[action]()).then(undefined, logFailure(deps.log, `review: ${action}`));
    }),
  );
  return r;
}
