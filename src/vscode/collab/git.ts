// Git for annotation files: "Set Up Git Merging for Annotation Files" registers the `marginalia merge` driver
// (after asking, and says what it wrote), and "Resolve Annotation Conflicts" merges a file that holds git's
// conflict markers again from the three versions in the index (hosted merges skip custom drivers), then
// decides the conflict entries one by one with the review keys. Git runs only in trusted workspaces: a
// repository's own configuration can make git run programs.

import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { minimalReplacement } from '../../core/edit';
import { hasConflictMarkers, mergeTexts } from '../../core/merge/mergeText';
import { conflictsOf, isConflictChoice, resolveConflicts, type ConflictChoice } from '../../core/merge/resolve';
import type { ConflictDef } from '../../core/model';
import { visibleControls } from '../../core/text';
import { CollabCommands } from '../commandIds';
import { applyToFile } from '../editing/apply';
import type { Prompts } from '../editing/prompts';
import type { ReaderManager } from '../reader';
import { registerCommand } from '../toolkit/commands';
import { Registrations } from '../toolkit/disposable';
import { UserError } from '../toolkit/errors';
import { fileName, readText } from '../toolkit/files';

export interface GitDeps {
  context: vscode.ExtensionContext;
  readers: ReaderManager;
  prompts: Prompts;
  log: vscode.LogOutputChannel;
}

export const ATTRIBUTE_LINE = '*.annotations.json merge=marginalia';

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

async function gitOk(cwd: string, args: string[]): Promise<string> {
  const r = await git(cwd, args);
  if (r.code !== 0) throw new UserError(`git ${args[0] ?? ''} failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? ''}`);
  return r.stdout;
}

function requireTrust(what: string): void {
  if (!vscode.workspace.isTrusted) throw new UserError(`${what} runs git, which a repository's own settings can make run programs: trust this workspace first`);
}

function requireFile(uri: vscode.Uri): string {
  if (uri.scheme !== 'file') throw new UserError('git is only run on files on this computer');
  return uri.fsPath;
}

/** The repository holding `dir`: its top folder and its .git folder. */
async function repository(dir: string): Promise<{ top: string; gitDir: string }> {
  const r = await git(dir, ['rev-parse', '--show-toplevel', '--absolute-git-dir']);
  if (r.code !== 0) throw new UserError(r.code === 127 ? 'git is not installed (or not on the PATH)' : `${dir} is not inside a git repository`);
  const [top, gitDir] = r.stdout.trim().split('\n');
  if (!top || !gitDir) throw new UserError(`git did not say where the repository of ${dir} is`);
  return { top, gitDir };
}

/** How git should start the driver: Node if it is on the PATH, else VS Code's own runtime as Node. */
async function nodeCommand(cwd: string): Promise<string> {
  const found = await new Promise<boolean>((resolve) =>
    execFile('node', ['--version'], { cwd }, (error, stdout) => resolve(!error && /^v(\d+)/.test(stdout) && Number(/^v(\d+)/.exec(stdout)?.[1]) >= 18)),
  );
  return found ? 'node' : `ELECTRON_RUN_AS_NODE=1 ${quote(process.execPath)}`;
}

const quote = (s: string): string => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

interface SetupArgs {
  folder?: string;
  scope?: 'shared' | 'clone';
  confirm?: boolean;
}

function setupArgs(v: unknown): SetupArgs {
  if (typeof v !== 'object' || v === null || v instanceof vscode.Uri) return v instanceof vscode.Uri ? { folder: v.fsPath } : {};
  const o = v as Record<string, unknown>;
  return {
    ...(typeof o.folder === 'string' ? { folder: o.folder } : {}),
    ...(o.scope === 'shared' || o.scope === 'clone' ? { scope: o.scope } : {}),
    ...(o.confirm === true ? { confirm: true } : {}),
  };
}

async function setUpGit(deps: GitDeps, raw: unknown): Promise<{ ok: true; wrote: string[] } | undefined> {
  requireTrust('Setting up git merging');
  const args = setupArgs(raw);
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = args.folder ?? (active && vscode.workspace.getWorkspaceFolder(active)?.uri.fsPath) ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new UserError('open a folder that is a git repository first');
  const { top, gitDir } = await repository(folder);
  const scope =
    args.scope ??
    (await deps.prompts.pick<'shared' | 'clone'>(
      [
        { label: 'For everyone: .gitattributes', description: 'committed with the repository; each clone still runs this command once', value: 'shared' },
        { label: 'For this clone only: .git/info/attributes', description: 'nothing to commit', value: 'clone' },
      ],
      { title: 'Where should git learn that annotation files merge with Marginalia?' },
    ));
  if (!scope) return undefined;
  const attributes = scope === 'shared' ? path.join(top, '.gitattributes') : path.join(gitDir, 'info', 'attributes');
  const cli = path.join(gitDir, 'marginalia', 'cli.js');
  const driver = `${await nodeCommand(top)} ${quote(cli)} merge --marker-size %L --path %P %O %A %B`;
  const plan = [
    `${path.relative(top, attributes)}: the line "${ATTRIBUTE_LINE}"`,
    `.git/config: merge.marginalia.name and merge.marginalia.driver = ${driver}`,
    `${path.relative(top, cli)}: a copy of Marginalia's command-line tool (so updates of the extension do not break merges; run this command again to update it)`,
  ];
  if (!args.confirm) {
    const ok = await vscode.window.showWarningMessage(
      `Set up git merging for annotation files in ${path.basename(top)}?`,
      { modal: true, detail: `This writes:\n• ${plan.join('\n• ')}` },
      'Write',
    );
    if (ok !== 'Write') return undefined;
  }
  const fs = vscode.workspace.fs;
  await fs.createDirectory(vscode.Uri.file(path.dirname(cli)));
  await fs.copy(vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'cli.js'), vscode.Uri.file(cli), { overwrite: true });
  await gitOk(top, ['config', '--local', 'merge.marginalia.name', 'Marginalia annotation files (merged by id)']);
  await gitOk(top, ['config', '--local', 'merge.marginalia.driver', driver]);
  const attrUri = vscode.Uri.file(attributes);
  const current = await readText(attrUri).catch(() => '');
  const wrote = [`.git/config (merge.marginalia)`, path.relative(top, cli)];
  if (!current.split(/\r?\n/).some((l) => l.trim() === ATTRIBUTE_LINE)) {
    await fs.createDirectory(vscode.Uri.file(path.dirname(attributes)));
    const eol = current.includes('\r\n') ? '\r\n' : '\n';
    await fs.writeFile(attrUri, new TextEncoder().encode(`${current}${current && !current.endsWith('\n') ? eol : ''}${ATTRIBUTE_LINE}${eol}`));
    wrote.unshift(path.relative(top, attributes));
  }
  void vscode.window.showInformationMessage(
    `Marginalia: git merging set up in ${path.basename(top)}. Wrote ${wrote.join(', ')}.${scope === 'shared' ? ' Commit .gitattributes so the others get it.' : ''}`,
  );
  return { ok: true, wrote };
}

// ---- resolving ------------------------------------------------------------------------------------------

interface ResolveArgs {
  file?: vscode.Uri;
  decisions?: Map<string, ConflictChoice>;
}

function resolveArgs(v: unknown): ResolveArgs {
  if (v instanceof vscode.Uri) return { file: v };
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  const decisions =
    typeof o.decisions === 'object' && o.decisions !== null
      ? Object.entries(o.decisions).filter((e): e is [string, ConflictChoice] => isConflictChoice(e[1]))
      : undefined;
  return { ...(typeof o.file === 'string' ? { file: vscode.Uri.parse(o.file, true) } : {}), ...(decisions ? { decisions: new Map(decisions) } : {}) };
}

/** The three versions git keeps of a conflicted file, merged by id into the document as one edit. */
async function mergeFromIndex(uri: vscode.Uri): Promise<number> {
  requireTrust('Merging from git');
  const file = requireFile(uri);
  const { top } = await repository(path.dirname(file));
  const rel = path.relative(top, file).split(path.sep).join('/');
  const stage = async (n: 1 | 2 | 3): Promise<string | undefined> => {
    const r = await git(top, ['show', `:${n}:${rel}`]);
    return r.code === 0 ? r.stdout : undefined;
  };
  const [base, ours, theirs] = await Promise.all([stage(1), stage(2), stage(3)]);
  if (ours === undefined || theirs === undefined)
    throw new UserError(`${fileName(uri)} has conflict markers, but git holds no conflicted versions of it (is the merge still going on?)`);
  const merged = mergeTexts(base ?? '', ours, theirs);
  if (!merged.ok) throw new UserError(`${fileName(uri)} cannot be merged by id: ${merged.message}`);
  await applyToFile(uri, (current) => ({ text: merged.text, replacement: minimalReplacement(current, merged.text), created: [] }));
  return merged.conflicts.length;
}

function preview(v: unknown): string {
  if (v === undefined) return 'nothing (deleted, or never there)';
  const s = JSON.stringify(v);
  return visibleControls(s.length > 160 ? `${s.slice(0, 160)}…` : s);
}

/** Asks about each entry; the answers, or undefined when the user cancels. */
async function ask(prompts: Prompts, entries: readonly ConflictDef[]): Promise<Map<string, ConflictChoice> | undefined> {
  const decisions = new Map<string, ConflictChoice>();
  for (const [i, c] of entries.entries()) {
    const picked = await prompts.pick<ConflictChoice | 'skip'>(
      [
        { label: 'Accept left: ours', detail: preview(c.ours), value: 'ours' },
        { label: 'Accept right: theirs', detail: preview(c.theirs), value: 'theirs' },
        { label: 'Reject both: keep the base', detail: preview(c.base), value: 'base' },
        { label: 'Skip', description: 'decide later; the entry stays', value: 'skip' },
      ],
      { title: `Conflict ${i + 1} of ${entries.length}: ${c.message ?? c.id}` },
    );
    if (picked === undefined) return undefined;
    if (picked !== 'skip') decisions.set(c.id, picked);
  }
  return decisions;
}

async function resolveCommand(deps: GitDeps, raw: unknown): Promise<{ ok: true; merged: boolean; resolved: number; remaining: number } | undefined> {
  const args = resolveArgs(raw);
  const uri = args.file ?? deps.readers.activeReading()?.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !uri.path.endsWith('.annotations.json')) throw new UserError('open the annotation file with conflicts first');
  let merged = false;
  if (hasConflictMarkers(await readText(uri))) {
    await mergeFromIndex(uri);
    merged = true;
  }
  const entries = conflictsOf(await readText(uri));
  if (entries.length === 0) {
    if (merged)
      void vscode.window.showInformationMessage(`Marginalia: ${fileName(uri)} merged by id without conflicts. Stage it (git add) to conclude the merge.`);
    else if (!args.decisions) throw new UserError(`${fileName(uri)} has neither conflict markers nor conflict entries`);
    return { ok: true, merged, resolved: 0, remaining: 0 };
  }
  const decisions = args.decisions ?? (await ask(deps.prompts, entries));
  if (!decisions) return undefined;
  if (decisions.size) await applyToFile(uri, (text) => resolveConflicts(text, decisions));
  const remaining = conflictsOf(await readText(uri)).length;
  void vscode.window.showInformationMessage(
    `Marginalia: ${decisions.size} conflict${decisions.size === 1 ? '' : 's'} resolved in ${fileName(uri)}${remaining ? `; ${remaining} left` : ''}.${remaining ? '' : ' Stage it (git add) to conclude the merge.'}`,
  );
  return { ok: true, merged, resolved: decisions.size, remaining };
}

/** The Quick Fix on a merge-conflict problem, or on a file broken by conflict markers. */
class ResolveFix implements vscode.CodeActionProvider {
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const hit =
      context.diagnostics.some((d) => d.code === 'merge-conflict') ||
      (context.diagnostics.some((d) => d.code === 'syntax-error') && hasConflictMarkers(doc.getText()));
    if (!hit) return [];
    const fix = new vscode.CodeAction('Resolve annotation conflicts (merge by id)…', vscode.CodeActionKind.QuickFix);
    fix.command = { command: CollabCommands.resolveConflicts, title: 'Resolve Annotation Conflicts', arguments: [doc.uri] };
    return [fix];
  }
}

export function registerGit(deps: GitDeps): vscode.Disposable {
  const r = new Registrations();
  r.add(registerCommand(deps, CollabCommands.setUpGit, 'Set Up Git Merging', (arg?: unknown) => setUpGit(deps, arg)));
  r.add(registerCommand(deps, CollabCommands.resolveConflicts, 'Resolve Annotation Conflicts', (arg?: unknown) => resolveCommand(deps, arg)));
  r.add(
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.annotations.json' }, new ResolveFix(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
  return r;
}
