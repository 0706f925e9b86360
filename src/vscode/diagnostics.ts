// Problems of every annotation file, open or anywhere in the workspace, in the Problems panel at their line and
// column, with Quick Fixes where the fix is clear. Loaded readings report through the store; other files are
// discovered (findFiles + a FileSystemWatcher) and checked here without becoming readings, so discovery never
// changes what the views show.

import * as vscode from 'vscode';
import { deleteById, EditError, removeReference, setSelectors, type EditOutcome } from '../core/edit';
import { selectorUpdate } from '../core/health';
import { LineIndex } from '../core/json';
import { finishReading, prepareReading, type ArticleRead } from '../core/load';
import type { Problem } from '../core/model';
import { parseAnnotationFile, sourceIndex } from '../core/parse';
import type { AnnotationIndex } from './annotationIndex';
import type { Registries } from './registries';
import { EditingCommands } from './commandIds';
import type { ReadingStore } from './store';
import { replacementEdit } from './toolkit/convert';
import { Registrations } from './toolkit/disposable';
import { errorMessage } from './toolkit/errors';
import { folderSegments, openDocument, projectRoot, readText, staysInside } from './toolkit/files';

const SOURCE = 'marginalia';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A diagnostic that remembers the problem it came from (for Quick Fixes). */
class ProblemDiagnostic extends vscode.Diagnostic {
  constructor(
    range: vscode.Range,
    readonly problem: Problem,
  ) {
    super(range, problem.message, SEVERITY[problem.severity]);
    this.source = SOURCE;
    this.code = problem.code;
  }
}

/**
 * Problems as diagnostics. A JSON syntax error in a document open as JSON is left to VS Code's own JSON
 * support, which reports it already (listing it twice helps nobody).
 */
export function toDiagnostics(problems: readonly Problem[], fileText: string | undefined, openAsJson = false): vscode.Diagnostic[] {
  const lines = fileText !== undefined ? new LineIndex(fileText) : undefined;
  return problems
    .filter((p) => !(openAsJson && p.code === 'syntax-error'))
    .map((p) => {
      const start = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      let end = start;
      if (lines && p.length > 0) {
        const e = lines.position(p.offset + p.length);
        end = new vscode.Position(e.line - 1, e.column - 1);
      }
      return new ProblemDiagnostic(new vscode.Range(start, end), p);
    });
}

export interface DiagnosticsDeps {
  store: ReadingStore;
  index: AnnotationIndex;
  /** Where failures of background checks go (the output channel). */
  onError: (e: unknown) => void;
  /** The shared registries files may name. */
  registries?: Registries;
}

function isJson(uri: vscode.Uri): boolean {
  const language = openDocument(uri)?.languageId;
  return language === 'json' || language === 'jsonc';
}

const isAnnotationFile = (uri: vscode.Uri): boolean => uri.path.endsWith('.annotations.json');

export function registerDiagnostics(deps: DiagnosticsDeps): vscode.Disposable {
  const { store, index } = deps;
  const r = new Registrations();
  const collection = r.add(vscode.languages.createDiagnosticCollection(SOURCE));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  r.add({ dispose: () => timers.forEach((t) => clearTimeout(t)) });

  /** A loaded reading: its problems as the store has them. */
  const fromStore = (uri: vscode.Uri): boolean => {
    const reading = store.get(uri);
    if (!reading) return false;
    collection.set(uri, toDiagnostics(reading.problems, reading.fileText, isJson(uri)));
    return true;
  };

  /** A file no reading has loaded: the core's loading path, without it becoming a reading. */
  const check = async (uri: vscode.Uri): Promise<void> => {
    if (fromStore(uri)) return;
    let text: string;
    try {
      text = await readText(uri);
    } catch {
      collection.delete(uri);
      return;
    }
    const root = projectRoot(uri);
    const prepared = prepareReading(text, folderSegments(root, uri), await deps.registries?.forFile(uri, text));
    let read: ArticleRead | undefined;
    if (prepared.article) {
      const article = vscode.Uri.joinPath(root, ...prepared.article);
      if (!staysInside(root, article)) read = { error: `the article ${article.path} leads outside the project through a symbolic link; it was not read` };
      else
        read = await readText(article).then(
          (t) => ({ text: t }),
          (e: unknown) => ({ error: `cannot read the article ${article.path}: ${errorMessage(e)}` }),
        );
    }
    // The file may have become a reading meanwhile: then the store's problems are the ones to show.
    if (fromStore(uri)) return;
    collection.set(uri, toDiagnostics(finishReading(prepared, read).problems, text, isJson(uri)));
  };

  const schedule = (uri: vscode.Uri): void => {
    const key = uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        check(uri).catch(deps.onError);
      }, 150),
    );
  };

  r.add(store.onDidChange((reading) => fromStore(reading.uri)));
  r.add(vscode.workspace.onDidOpenTextDocument((d) => isAnnotationFile(d.uri) && schedule(d.uri)));
  r.add(
    vscode.workspace.onDidChangeTextDocument(
      (e) => isAnnotationFile(e.document.uri) && !store.get(e.document.uri) && e.contentChanges.length > 0 && schedule(e.document.uri),
    ),
  );
  // Files found, changed on disk or deleted: check again (a deleted file's check clears its diagnostics).
  r.add(index.onDidChange(schedule));
  // A registry changed: the files no reading holds are checked again (readings reload through the store).
  if (deps.registries) r.add(deps.registries.onDidChange(() => void index.files().then((files) => files.forEach(schedule))));
  r.add(
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.annotations.json' }, new QuickFixes(store), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );

  void (async () => {
    const files = await index.files();
    for (const uri of files) await check(uri);
    for (const d of vscode.workspace.textDocuments) if (isAnnotationFile(d.uri) && !files.some((f) => f.toString() === d.uri.toString())) await check(d.uri);
  })().catch(deps.onError);
  return r;
}

/** Quick Fixes for the problems whose fix is clear. Each fix is one WorkspaceEdit (one Undo). */
class QuickFixes implements vscode.CodeActionProvider {
  constructor(private readonly store: ReadingStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (!(d instanceof ProblemDiagnostic)) continue;
      const p = d.problem;
      const text = document.getText();
      const fix = (title: string, compute: (t: string) => EditOutcome, preferred = false): void => {
        try {
          const outcome = compute(text);
          const r = outcome.replacement;
          if (!r) return;
          const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
          action.edit = replacementEdit(document, r);
          action.diagnostics = [d];
          action.isPreferred = preferred;
          actions.push(action);
        } catch (e) {
          if (!(e instanceof EditError)) throw e;
        }
      };
      const [top, index] = p.path;
      if (p.code === 'dangling-reference') {
        const missing = valueAt(text, p);
        const isEntityRef =
          (top === 'mentions' && p.path[2] === 'entity') ||
          p.path.includes('chain') ||
          p.path.includes('affiliations') ||
          (top === 'relations' && (p.path[2] === 'subject' || p.path[2] === 'object'));
        if (missing && isEntityRef) {
          const create = new vscode.CodeAction(`Create entity “${missing}”`, vscode.CodeActionKind.QuickFix);
          create.command = { command: EditingCommands.createEntity, title: 'Create entity', arguments: [{ file: document.uri.toString(), id: missing }] };
          create.diagnostics = [d];
          create.isPreferred = true;
          actions.push(create);
        }
        if (!p.path.includes('chain')) fix('Remove the dangling reference', (t) => removeReference(t, p.path));
      } else if (p.code === 'fuzzy-anchor' || p.code === 'quote-mismatch' || p.code === 'relocated') {
        const reading = this.store.get(document.uri);
        const id = idAt(text, p);
        const update = reading?.model && id ? selectorUpdate(reading.model, id) : undefined;
        if (update) fix(`Re-anchor “${id}” where it was found now`, (t) => setSelectors(t, [update]), true);
      } else if (p.code === 'orphan') {
        const id = idAt(text, p);
        if (id && (top === 'mentions' || top === 'claims') && typeof index === 'number') {
          const re = new vscode.CodeAction(`Re-anchor “${id}” to the current selection in the article…`, vscode.CodeActionKind.QuickFix);
          re.command = { command: EditingCommands.reanchor, title: 'Re-anchor', arguments: [{ file: document.uri.toString(), id }] };
          re.diagnostics = [d];
          actions.push(re);
          fix(`Delete “${id}”`, (t) => deleteById(t, id));
        }
      }
    }
    return actions;
  }
}

/** The string value a problem points at (e.g. the dangling id). */
function valueAt(text: string, p: Problem): string | undefined {
  const raw = text.slice(p.offset, p.offset + p.length);
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The id of the mention or claim a problem's path is inside of. */
function idAt(text: string, p: Problem): string | undefined {
  const [top, index] = p.path;
  if ((top !== 'mentions' && top !== 'claims') || typeof index !== 'number') return undefined;
  const parsed = parseAnnotationFile(text);
  const items = parsed.file?.[top] ?? [];
  return items.find((x, i) => sourceIndex(x, i) === index)?.id;
}
