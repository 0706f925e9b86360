// The shared entity registries the workspace's annotation files name (src/core/registry.ts): each read once,
// through its open document first, parsed, cached, and watched. While a registry is mid-edit (a syntax error) the
// last good one stays in use, so every article does not fill with errors at each keystroke. The registry's own
// problems go to the Problems panel.

import * as vscode from 'vscode';
import { findRegistry, registryRead, type RegistryRead } from '../core/load';
import { parseRegistry, type Registry } from '../core/registry';
import { toDiagnostics } from './diagnostics';
import { Disposable } from './toolkit/disposable';
import { errorMessage } from './toolkit/errors';
import { fileName, folderSegments, openDocument, projectRoot, readText, staysInside } from './toolkit/files';

interface Entry {
  read: RegistryRead;
  /** The last usable registry, kept while the file is broken. */
  good?: Registry;
  text?: string;
}

export class Registries extends Disposable {
  private readonly entries = new Map<string, Promise<Entry>>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly problems = this._register(vscode.languages.createDiagnosticCollection('marginalia-registry'));
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** A registry's text changed (in an editor or on disk): files naming it need loading again. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.entries.has(e.document.uri.toString())) this.refresh(e.document.uri);
      }),
    );
    this._register({ dispose: () => this.watchers.forEach((w) => w.dispose()) });
  }

  /** Where the registry an annotation file names is, or undefined when it names none (or none usable). */
  locate(file: vscode.Uri, fileText: string): vscode.Uri | undefined {
    const root = projectRoot(file);
    const where = findRegistry(fileText, folderSegments(root, file));
    return where?.ok ? vscode.Uri.joinPath(root, ...where.segments) : undefined;
  }

  /** The registry a file names, as the loading path takes it; undefined when the file names none. */
  async forFile(file: vscode.Uri, fileText: string): Promise<RegistryRead | undefined> {
    const uri = this.locate(file, fileText);
    if (!uri) return undefined;
    if (!staysInside(projectRoot(file), uri)) return { error: `the registry ${uri.path} leads outside the project through a symbolic link; it was not read` };
    return (await this.entry(uri)).read;
  }

  /** The registry at `uri` as last read (undefined when it cannot be used). */
  async get(uri: vscode.Uri): Promise<Registry | undefined> {
    const e = await this.entry(uri);
    return 'registry' in e.read ? e.read.registry : undefined;
  }

  /** The registry's text as last read (for edits of it). */
  async text(uri: vscode.Uri): Promise<string | undefined> {
    return (await this.entry(uri)).text;
  }

  private entry(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    let e = this.entries.get(key);
    if (!e) {
      e = this.load(uri, undefined);
      this.entries.set(key, e);
      this.watch(uri);
    }
    return e;
  }

  private async load(uri: vscode.Uri, previous: Entry | undefined): Promise<Entry> {
    let text: string;
    try {
      text = await readText(uri);
    } catch (e) {
      this.problems.delete(uri);
      return { read: { error: `cannot read the registry ${uri.path}: ${errorMessage(e)}` } };
    }
    const parse = parseRegistry(text);
    const language = openDocument(uri)?.languageId;
    this.problems.set(uri, toDiagnostics(parse.problems, text, language === 'json' || language === 'jsonc'));
    if (parse.registry) return { read: { registry: parse.registry }, good: parse.registry, text };
    // Mid-edit: the last good registry stays in use; a registry that was never good is an error for its files.
    if (previous?.good) return { read: { registry: previous.good }, good: previous.good, text };
    return { read: registryRead(parse), text };
  }

  private refresh(uri: vscode.Uri): void {
    const key = uri.toString();
    const before = this.entries.get(key);
    const next = (before ?? Promise.resolve(undefined)).then((prev) => this.load(uri, prev));
    this.entries.set(key, next);
    void next.then(() => this.changed.fire(uri));
  }

  private watch(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.watchers.has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), fileName(uri)));
    const onDisk = (): void => {
      if (openDocument(uri)?.isDirty) return;
      this.refresh(uri);
    };
    this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk)));
  }
}
