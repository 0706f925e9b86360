// Which annotation files the workspace holds and which article each one names. One discovery (findFiles plus one
// FileSystemWatcher) serves the commands that pick a file, the editor that finds the annotation of an article
// opened on its own, the Problems panel, and the Explorer's context menu on articles.

import * as vscode from 'vscode';
import { resolveArticlePath } from '../core/load';
import { readArticlePath } from '../core/parse';
import { Disposable } from './toolkit/disposable';
import { folderSegments, projectRoot, readText } from './toolkit/files';

export const ANNOTATION_GLOB = '**/*.annotations.json';
/** Files indexed at most; a huge monorepo should not stall the extension host. */
const MAX_FILES = 2000;

/** The article an annotation file names, by the one article.path rule; undefined when it names none usable. */
export function articleOf(file: vscode.Uri, text: string): vscode.Uri | undefined {
  const path = readArticlePath(text);
  if (path === undefined) return undefined;
  const root = projectRoot(file);
  const where = resolveArticlePath(path, folderSegments(root, file));
  return where.ok ? vscode.Uri.joinPath(root, ...where.segments) : undefined;
}

export class AnnotationIndex extends Disposable {
  /** annotation file URI -> the article URI it names (undefined while unreadable or without a usable path). */
  private readonly articles = new Map<string, { file: vscode.Uri; article: vscode.Uri | undefined }>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** An annotation file was found, changed on disk, or deleted. */
  readonly onDidChange = this.changed.event;
  private readonly ready: Promise<void>;

  constructor() {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(ANNOTATION_GLOB));
    this._register(watcher.onDidCreate((uri) => void this.update(uri)));
    this._register(watcher.onDidChange((uri) => void this.update(uri)));
    this._register(
      watcher.onDidDelete((uri) => {
        this.articles.delete(uri.toString());
        this.publish();
        this.changed.fire(uri);
      }),
    );
    this.ready = (async () => {
      const files = await vscode.workspace.findFiles(ANNOTATION_GLOB, '**/node_modules/**', MAX_FILES);
      await Promise.all(files.map((f) => this.update(f, false)));
      this.publish();
    })();
  }

  private async update(file: vscode.Uri, announce = true): Promise<void> {
    let article: vscode.Uri | undefined;
    try {
      article = articleOf(file, await readText(file));
    } catch {
      // Unreadable now (deleted mid-scan, no permission): indexed without an article; the Problems panel says why.
    }
    this.articles.set(file.toString(), { file, article });
    if (announce) {
      this.publish();
      this.changed.fire(file);
    }
  }

  /** The Explorer offers "Open Annotated Reading…" on every article some annotation file names. */
  private publish(): void {
    const paths = [...this.articles.values()].flatMap((e) => (e.article ? [e.article.fsPath] : []));
    void vscode.commands.executeCommand('setContext', 'marginalia.articlePaths', paths);
  }

  /** Every annotation file in the workspace, sorted by path. */
  async files(): Promise<vscode.Uri[]> {
    await this.ready;
    return [...this.articles.values()].map((e) => e.file).sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The annotation files that name `article`. */
  async annotationFilesFor(article: vscode.Uri): Promise<vscode.Uri[]> {
    await this.ready;
    const key = article.toString();
    return [...this.articles.values()].filter((e) => e.article?.toString() === key).map((e) => e.file);
  }
}
