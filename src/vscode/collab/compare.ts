// "Compare Annotations With…" and "Curate Annotations With…": choose the other annotation file of the same
// article, load both (B anchored on A's article), and open the Compare / Curate panel. Disagreements show both
// versions side by side in the readers; curation writes into A as one undoable edit, or as a new file.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyCuration, withArticlePath, type Curation } from '../../core/agree/curate';
import type { ReviewState } from '../../core/agree/review';
import { parseAnnotationFile } from '../../core/parse';
import { resolveModel } from '../../core/resolve';
import { parseCollabState, type CollabMode } from '../../shared/collabProtocol';
import type { AnnotationIndex } from '../annotationIndex';
import { CollabCommands } from '../commandIds';
import { applyToFile, whyNotEditable } from '../editing/apply';
import type { Prompts } from '../editing/prompts';
import type { ReaderManager } from '../reader';
import type { ReadingStore } from '../store';
import { registerCommand } from '../toolkit/commands';
import { Disposable } from '../toolkit/disposable';
import { UserError } from '../toolkit/errors';
import { exists, fileName, readText } from '../toolkit/files';
import { COLLAB_VIEW_TYPE, CollabPanel, pairKey, type Sides } from './panel';

export interface CompareDeps {
  context: vscode.ExtensionContext;
  store: ReadingStore;
  readers: ReaderManager;
  index: AnnotationIndex;
  prompts: Prompts;
  log: vscode.LogOutputChannel;
}

/** The files a command was given: explorer (uri, selected uris), or `{ a, b }` URI strings from tests and links. */
export function filesOf(first: unknown, second: unknown): { a?: vscode.Uri; b?: vscode.Uri } {
  if (Array.isArray(second) && second.length === 2 && second.every((u) => u instanceof vscode.Uri))
    return { a: second[0] as vscode.Uri, b: second[1] as vscode.Uri };
  if (first instanceof vscode.Uri) return { a: first };
  if (typeof first === 'object' && first !== null) {
    const o = first as Record<string, unknown>;
    const uri = (v: unknown): vscode.Uri | undefined => (typeof v === 'string' && v.length < 4096 ? vscode.Uri.parse(v, true) : undefined);
    const a = uri(o.a);
    const b = uri(o.b);
    return { ...(a ? { a } : {}), ...(b ? { b } : {}) };
  }
  return {};
}

export class CollabManager extends Disposable {
  private readonly panels = new Map<string, CollabPanel>();

  constructor(private readonly deps: CompareDeps) {
    super();
    this._register(
      deps.store.onDidChange((reading) => {
        for (const p of this.panels.values())
          if (p.files.a.toString() === reading.key || p.files.b.toString() === reading.key)
            void p.refresh().catch((e) => deps.log.warn(`compare: ${String(e)}`));
      }),
    );
    this._register(
      registerCommand(deps, CollabCommands.compare, 'Compare Annotations', (first?: unknown, second?: unknown) => this.command('report', first, second)),
    );
    this._register(
      registerCommand(deps, CollabCommands.curate, 'Curate Annotations', (first?: unknown, second?: unknown) => this.command('curate', first, second)),
    );
    this._register({ dispose: () => [...this.panels.values()].forEach((p) => p.panel.dispose()) });
    this._register(vscode.window.registerWebviewPanelSerializer(COLLAB_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }));
  }

  /** The serializer: a Compare / Curate panel comes back after a reload, with its decisions, or goes away. */
  private async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parseCollabState(raw);
    if (!state) {
      panel.dispose();
      return;
    }
    try {
      await this.open(vscode.Uri.parse(state.a, true), vscode.Uri.parse(state.b, true), state.mode, {
        panel,
        decisions: state.decisions,
        current: state.current,
      });
    } catch (e) {
      // A file gone or broken since: the panel is not brought back, and the log says why.
      this.deps.log.warn(`compare: not restored: ${e instanceof Error ? e.message : String(e)}`);
      panel.dispose();
    }
  }

  all(): CollabPanel[] {
    return [...this.panels.values()];
  }

  private async command(mode: CollabMode, first: unknown, second: unknown): Promise<{ ok: true; a: string; b: string } | undefined> {
    const given = filesOf(first, second);
    const a = given.a ?? (await this.pickA());
    if (!a) return undefined;
    const b = given.b ?? (await this.pickB(a));
    if (!b) return undefined;
    if (a.toString() === b.toString()) throw new UserError('choose two different annotation files');
    await this.open(a, b, mode);
    return { ok: true, a: a.toString(), b: b.toString() };
  }

  private async pickA(): Promise<vscode.Uri | undefined> {
    const active = this.deps.readers.activeReading()?.uri;
    if (active) return active;
    const files = await this.deps.index.files();
    if (files.length === 0) throw new UserError('there are no annotation files (*.annotations.json) in the workspace');
    return this.deps.prompts.pick(
      files.map((f) => ({ label: fileName(f), description: vscode.workspace.asRelativePath(f), value: f })),
      { title: 'Compare: the reference annotation (A)' },
    );
  }

  /** B: the other annotation files of A's article first, then every other one, then a file from anywhere. */
  private async pickB(a: vscode.Uri): Promise<vscode.Uri | undefined> {
    const reading = await this.deps.store.open(a);
    const same = reading.articleUri ? await this.deps.index.annotationFilesFor(reading.articleUri) : [];
    const others = (await this.deps.index.files()).filter((f) => !same.some((s) => s.toString() === f.toString()));
    const row = (f: vscode.Uri) => ({ label: fileName(f), description: vscode.workspace.asRelativePath(f), value: f as vscode.Uri | 'browse' });
    const sameRows = same.filter((f) => f.toString() !== a.toString()).map(row);
    const otherRows = others.filter((f) => f.toString() !== a.toString()).map(row);
    const picked = await this.deps.prompts.pick(
      [
        ...(sameRows.length ? [{ label: 'same article', separator: true }, ...sameRows] : []),
        ...(otherRows.length ? [{ label: 'other annotation files', separator: true }, ...otherRows] : []),
        { label: 'Browse…', description: 'an annotation file from anywhere', value: 'browse' as const },
      ],
      { title: `Compare ${fileName(a)} (A, the reference) with…` },
    );
    if (picked !== 'browse') return picked;
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Annotation files': ['json'] }, title: 'The other annotation (B)' });
    return chosen?.[0];
  }

  async open(
    a: vscode.Uri,
    b: vscode.Uri,
    mode: CollabMode,
    restored?: { panel: vscode.WebviewPanel; decisions: ReviewState['decisions']; current: string | null },
  ): Promise<CollabPanel> {
    const key = pairKey(a, b);
    const existing = this.panels.get(key);
    if (existing) {
      restored?.panel.dispose();
      existing.setMode(mode);
      existing.panel.reveal();
      return existing;
    }
    const sides = await this.load(a, b);
    const panel = restored?.panel ?? vscode.window.createWebviewPanel(COLLAB_VIEW_TYPE, 'Compare', vscode.ViewColumn.One, { retainContextWhenHidden: false });
    const collab: CollabPanel = new CollabPanel(
      panel,
      sides,
      mode,
      this.deps.context.extensionUri,
      {
        load: (x, y) => this.load(x, y),
        reveal: (s, k, c): Promise<void> => this.reveal(collab, s, k, c),
        write: (s, c, st, target, saveAs) => this.write(s, c, st, target, saveAs),
        log: (m) => this.deps.log.warn(m),
      },
      restored,
    );
    this.panels.set(key, collab);
    collab.onDidDispose(() => this.panels.get(key) === collab && this.panels.delete(key));
    return collab;
  }

  /** A as the store has it; B read and anchored on A's article, so both count offsets over one text. */
  private async load(a: vscode.Uri, b: vscode.Uri): Promise<Sides> {
    const ra = await this.deps.store.open(a);
    if (!ra.model) throw new UserError(`${fileName(a)} has no usable annotations yet; see the Problems panel`);
    let bText: string;
    try {
      bText = await readText(b);
    } catch {
      throw new UserError(`${fileName(b)} cannot be read`);
    }
    const parsed = parseAnnotationFile(bText);
    if (!parsed.file) throw new UserError(`${fileName(b)} is not a usable annotation file: ${parsed.problems[0]?.message ?? 'unreadable'}`);
    const model = resolveModel(parsed.file, ra.model.text, { parseProblems: parsed.problems, fileText: bText });
    return { a: { uri: a, model: ra.model, readOnly: (await whyNotEditable(a)) !== undefined }, b: { uri: b, model } };
  }

  /** Both versions side by side: A's reader in the second column, B's in the third, the panel keeps the focus. */
  private async reveal(collab: CollabPanel, sides: Sides, key: string, curation: Curation): Promise<void> {
    const item = curation.queue.find((q) => q.key === key);
    if (!item) return;
    const show = async (uri: vscode.Uri, column: vscode.ViewColumn, id: string): Promise<void> => {
      await this.deps.readers.open(uri, column);
      const reading = this.deps.store.get(uri);
      if (reading) this.deps.readers.reveal(reading, { kind: item.kind, id });
    };
    if (item.a) await show(sides.a.uri, vscode.ViewColumn.Two, item.a.id);
    if (item.b) await show(sides.b.uri, vscode.ViewColumn.Three, item.b.id);
    collab.panel.reveal(undefined, false);
  }

  private async write(sides: Sides, curation: Curation, state: ReviewState, target: 'a' | 'new', saveAs?: vscode.Uri): Promise<string | undefined> {
    const decisions = new Map(Object.entries(state.decisions));
    const decided = [...decisions.values()].filter((d) => d !== 'skip').length;
    const compute = (text: string) => applyCuration(text, sides.a.model, sides.b.model, curation.queue, decisions);
    if (target === 'a') {
      if (sides.a.readOnly) throw new UserError(`${fileName(sides.a.uri)} cannot be edited; write the curated result as a new file`);
      const outcome = await applyToFile(sides.a.uri, compute);
      const message = outcome.replacement
        ? `Curated into ${fileName(sides.a.uri)}: ${decided} decisions applied as one edit (Undo in that file reverts it)`
        : `Nothing to change in ${fileName(sides.a.uri)}: every decision keeps A as it is`;
      void vscode.window.showInformationMessage(`Marginalia: ${message}.`);
      return message;
    }
    const stem = fileName(sides.a.uri).replace(/\.annotations\.json$/, '');
    const uri =
      saveAs ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(sides.a.uri, '..', `${stem}.curated.annotations.json`),
        filters: { 'Annotation files': ['json'] },
        title: 'Write the curated annotations as',
      }));
    if (!uri) return undefined;
    if (!uri.path.endsWith('.annotations.json')) throw new UserError('the file name must end in .annotations.json, so Marginalia finds it');
    let text = compute(await readText(sides.a.uri)).text;
    const article = (await this.deps.store.open(sides.a.uri)).articleUri;
    if (article && path.posix.dirname(uri.path) !== path.posix.dirname(sides.a.uri.path))
      text = withArticlePath(text, path.posix.relative(path.posix.dirname(uri.path), article.path));
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: await exists(uri), contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) throw new UserError(`VS Code refused to write ${fileName(uri)}; nothing was written`);
    const message = `Curated annotations written to ${vscode.workspace.asRelativePath(uri)} (${decided} decisions)`;
    void vscode.window.showInformationMessage(`Marginalia: ${message}.`, 'Open Reading').then((choice) => choice && this.deps.readers.open(uri));
    return message;
  }
}
