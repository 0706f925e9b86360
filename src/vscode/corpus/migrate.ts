// "Move Entities to the Registry…": the core plans the merges (src/core/corpus/migrate.ts), the user reviews them
// (a multi-select list: proposed merges checked, doubtful ones not), the core computes every file's new text and
// the registry's, and all of it lands as ONE WorkspaceEdit: one undo restores every file and removes a registry it
// created.

import * as vscode from 'vscode';
import { memberKey, needsReview, planMigration, type MigrationDecisions, type MigrationFile } from '../../core/corpus/migrate';
import { applyMigration, type MigrationResult } from '../../core/corpus/migrateApply';
import { EditError } from '../../core/edit';
import { REGISTRY_SEGMENTS } from '../../core/registry';
import { ANNOTATION_GLOB, type AnnotationIndex } from '../annotationIndex';
import { CorpusCommands } from '../commandIds';
import { whyNotEditable } from '../editing/apply';
import { pickerText } from '../editing/vscodePrompts';
import { registerCommand } from '../toolkit/commands';
import { replacementEdit } from '../toolkit/convert';
import { UserError } from '../toolkit/errors';
import { exists, folderSegments, openDocument, readText } from '../toolkit/files';
import type { CorpusService } from './service';

export interface MigrationDeps {
  annotations: AnnotationIndex;
  service: CorpusService;
  log: vscode.LogOutputChannel;
}

/** What a test (or a script) can pass instead of answering the questions. */
interface MigrationArgs {
  folder?: string;
  include?: string[];
  exclude?: string[];
  /** Skip the final confirmation. */
  confirm?: boolean;
}

function parseArgs(arg: unknown): MigrationArgs {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return {};
  const a = arg as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length < 2000) ? (v as string[]) : undefined;
  const out: MigrationArgs = {};
  if (typeof a.folder === 'string') out.folder = a.folder;
  const include = strings(a.include);
  const exclude = strings(a.exclude);
  if (include) out.include = include;
  if (exclude) out.exclude = exclude;
  if (a.confirm === true) out.confirm = true;
  return out;
}

export function registerMigration(deps: MigrationDeps): vscode.Disposable {
  return registerCommand(deps, CorpusCommands.moveEntitiesToRegistry, 'Move Entities to the Registry', async (arg?: unknown) => {
    const args = parseArgs(arg);
    const folders = vscode.workspace.workspaceFolders ?? [];
    // A folder of the Explorer (or an argument) moves the files below it into its own registry; else the project's.
    const given = arg instanceof vscode.Uri ? arg : args.folder ? vscode.Uri.parse(args.folder, true) : undefined;
    const root =
      given ??
      (folders.length === 1
        ? folders[0]?.uri
        : (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The project whose annotation files share one registry' }))?.uri);
    if (!root) {
      if (!folders.length) throw new UserError('open a folder first: the registry lives in the project, beside its annotation files');
      return undefined;
    }
    if (!vscode.workspace.getWorkspaceFolder(root)) throw new UserError(`${root.path} is not in the workspace`);
    // Looked for now, below the folder: what is migrated is what is on disk, not what file events reported so far.
    const uris = (await vscode.workspace.findFiles(new vscode.RelativePattern(root, ANNOTATION_GLOB), '**/node_modules/**')).sort((a, b) =>
      a.path < b.path ? -1 : 1,
    );
    if (!uris.length) throw new UserError(`no annotation files in ${vscode.workspace.asRelativePath(root)}`);
    for (const u of uris) {
      const why = await whyNotEditable(u);
      if (why) throw new UserError(why);
    }
    const files: MigrationFile[] = [];
    for (const u of uris) files.push({ file: u.toString(), dir: folderSegments(root, u), text: await readText(u) });
    const registryUri = vscode.Uri.joinPath(root, ...REGISTRY_SEGMENTS);
    const registryExists = await exists(registryUri);
    let plan;
    try {
      plan = planMigration({ files, ...(registryExists ? { registryText: await readText(registryUri) } : {}) });
    } catch (e) {
      throw new UserError(e instanceof Error ? e.message : String(e));
    }
    const decisions = args.include || args.exclude ? { include: new Set(args.include ?? []), exclude: new Set(args.exclude ?? []) } : await review(plan);
    if (!decisions) return undefined;
    let result: MigrationResult;
    try {
      result = applyMigration(plan, decisions);
    } catch (e) {
      if (e instanceof EditError) throw new UserError(e.message);
      throw e;
    }
    const merged = result.entities.filter((e) => e.from.length > 1).length;
    const moved = result.entities.reduce((n, e) => n + e.from.length, 0);
    const where = vscode.workspace.asRelativePath(registryUri);
    if (!args.confirm) {
      const go = 'Move';
      const detail = [
        `${moved} entities of ${result.files.length} files become ${result.entities.length} registry entities (${merged} merges) in ${where}.`,
        plan.kept.length ? `${plan.kept.length} unnamed sources stay with their articles.` : '',
        plan.skipped.length
          ? `Left as they are: ${plan.skipped.map((s) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(s.file, true))} (${s.reason})`).join(', ')}.`
          : '',
        ...result.notes.slice(0, 5),
        'One Undo restores every file.',
      ]
        .filter((s) => s)
        .join('\n');
      if ((await vscode.window.showInformationMessage('Move entities to the registry?', { modal: true, detail }, go)) !== go) return undefined;
    }
    await applyAll(registryUri, registryExists, result);
    void vscode.window.showInformationMessage(`Marginalia: ${result.entities.length} entities in ${where}; ${result.files.length} files now name it.`);
    return { files: result.files.length, entities: result.entities.length, merged, notes: result.notes, registry: registryUri.toString() };
  });
}

/** The review: every member of a group that needs one, proposed merges checked. Undefined when cancelled. */
async function review(plan: ReturnType<typeof planMigration>): Promise<MigrationDecisions | undefined> {
  const groups = plan.groups.filter(needsReview);
  if (!groups.length) return {};
  type Item = vscode.QuickPickItem & { key?: string };
  const items: Item[] = [];
  for (const g of groups) {
    items.push({ label: pickerText(`${g.name}${g.existing ? ' (in the registry)' : ''}`), kind: vscode.QuickPickItemKind.Separator });
    for (const m of g.members) {
      const file = vscode.workspace.asRelativePath(vscode.Uri.parse(m.file, true));
      items.push({
        label: pickerText(m.entity.name),
        description: pickerText(`${file} · ${m.id}`),
        detail: pickerText([m.reason, ...g.differences].join(' · ')),
        picked: m.proposed,
        key: m.key,
      });
    }
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Move Entities to the Registry: which are the same entity?',
    placeHolder: 'Checked entities of a group are merged into one registry entity; unchecked ones stay apart',
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!chosen) return undefined;
  const keep = new Set(chosen.flatMap((i) => (i.key ? [i.key] : [])));
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const g of groups)
    for (const m of g.members) {
      const key = memberKey(m.file, m.id);
      if (keep.has(key) && !m.proposed) include.add(key);
      if (!keep.has(key) && m.proposed) exclude.add(key);
    }
  return { include, exclude };
}

/** Every file and the registry in one WorkspaceEdit (one undo), then saved where nobody had unsaved changes. */
async function applyAll(registryUri: vscode.Uri, registryExists: boolean, result: MigrationResult): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const docs: { doc: vscode.TextDocument; wasDirty: boolean }[] = [];
  if (!registryExists) edit.createFile(registryUri, { contents: new TextEncoder().encode(result.registry.text) });
  else {
    const doc = openDocument(registryUri) ?? (await vscode.workspace.openTextDocument(registryUri));
    docs.push({ doc, wasDirty: doc.isDirty });
    edit.replace(registryUri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.registry.text);
  }
  for (const f of result.files) {
    const uri = vscode.Uri.parse(f.file, true);
    const doc = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
    if (doc.getText() !== f.before)
      throw new UserError(`${vscode.workspace.asRelativePath(uri)} changed while the migration was prepared; nothing was changed`);
    docs.push({ doc, wasDirty: doc.isDirty });
    if (f.replacement) for (const [u, edits] of replacementEdit(doc, f.replacement).entries()) for (const e of edits) edit.replace(u, e.range, e.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new UserError('VS Code refused the edit (is a file read-only?); nothing was changed');
  for (const { doc, wasDirty } of docs) if (!wasDirty) await doc.save();
}
