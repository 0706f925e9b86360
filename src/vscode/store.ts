// Readings: an annotation file, its article, and the last good resolved model, as immutable snapshots. The store
// reads through open documents first (so unsaved edits count), loads through the core's one loading path
// (src/core/load.ts), watches both files, and replaces a reading's snapshot whenever it reloads. While the file
// is broken, the new snapshot keeps the last good model (`stale`) with the current problems beside it.

import * as vscode from 'vscode';
import { ArticleTrack } from '../core/changes';
import { finishReading, isMidEdit, prepareReading, type ArticleRead, type RegistryRead } from '../core/load';
import type { Problem } from '../core/model';
import type { Model } from '../core/resolve';
import { hashText, normalizeText } from '../core/text';
import type { Registries } from './registries';
import { Disposable } from './toolkit/disposable';
import { errorMessage } from './toolkit/errors';
import { fileName, folderSegments, openDocument, projectRoot, readDisk, readText, staysInside } from './toolkit/files';

export interface Reading {
  readonly uri: vscode.Uri;
  /** `uri.toString()`: snapshots of one reading share it; compare readings by key, never by object. */
  readonly key: string;
  readonly articleUri: vscode.Uri | undefined;
  /** The model views draw: the newest good one (possibly older than the file when the file is broken). */
  readonly model: Model | undefined;
  /** Problems of the file as it is now (parse, schema, semantic, anchoring, I/O). */
  readonly problems: readonly Problem[];
  /** True when the current file text could not be used and `model` is an older good one. */
  readonly stale: boolean;
  /** The annotation file's text the problems were found in (for their ranges). */
  readonly fileText: string | undefined;
}

function readingProblem(message: string): Problem {
  return { severity: 'error', code: 'unreadable', message, path: [], line: 1, column: 1, offset: 0, length: 0 };
}

/** How long after a change (or a new watcher) the files are read again to catch what the watcher did not report. */
const SETTLE_MS = 750;

export class ReadingStore extends Disposable {
  private readonly readings = new Map<string, Reading>();
  private readonly pending = new Map<string, Promise<Reading>>();
  private readonly dirty = new Set<string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** Re-checks due, by reading key (see `settle`). */
  private readonly settling = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly tracks = new Map<string, ArticleTrack>();
  /** What each good snapshot was resolved from: a reload from the very same inputs keeps the snapshot. */
  private readonly inputs = new Map<string, { fileText: string; registry: RegistryRead | undefined; article: string }>();
  private readonly changed = this._register(new vscode.EventEmitter<Reading>());
  /** A reading has a new snapshot. */
  readonly onDidChange = this.changed.event;

  /** `registries`: the shared entity registries files may name (without it, such files report it unread). */
  constructor(private readonly registries?: Registries) {
    super();
    if (registries)
      this._register(
        registries.onDidChange((registry) => {
          const key = registry.toString();
          for (const r of this.all()) if (r.fileText !== undefined && registries.locate(r.uri, r.fileText)?.toString() === key) void this.reload(r.uri);
        }),
      );
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        this.record(e);
        this.touch(e.document.uri);
      }),
    );
    // Closing an editor with unsaved edits reverts what counts to the file on disk. A document that closes with
    // the same text as the disk (e.g. VS Code re-opening it in another language) changes nothing: no reload.
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (!this.find(d.uri)) return;
        const closing = d.getText();
        void readDisk(d.uri).then(
          (text) => text !== closing && this.touch(d.uri),
          () => this.touch(d.uri),
        );
      }),
    );
    this._register({ dispose: () => this.watchers.forEach((w) => w.dispose()) });
    this._register({ dispose: () => this.settling.forEach((t) => clearTimeout(t)) });
  }

  all(): Reading[] {
    return [...this.readings.values()];
  }

  /** The newest snapshot of the reading of an annotation file. */
  get(uri: vscode.Uri | string): Reading | undefined {
    return this.readings.get(typeof uri === 'string' ? uri : uri.toString());
  }

  /** The reading whose annotation file or article is `uri`. */
  find(uri: vscode.Uri): Reading | undefined {
    const key = uri.toString();
    return this.readings.get(key) ?? this.all().find((r) => r.articleUri?.toString() === key);
  }

  /** Loads (or returns the loaded) reading of an annotation file. Never rejects: I/O errors become problems. */
  async open(uri: vscode.Uri): Promise<Reading> {
    return this.readings.get(uri.toString()) ?? this.reload(uri);
  }

  /** Re-reads a reading; concurrent requests coalesce into one run plus at most one rerun. */
  reload(uri: vscode.Uri): Promise<Reading> {
    const key = uri.toString();
    const running = this.pending.get(key);
    if (running) {
      this.dirty.add(key);
      return running;
    }
    const run = (async (): Promise<Reading> => {
      let reading: Reading;
      do {
        this.dirty.delete(key);
        reading = await this.load(uri);
      } while (this.dirty.has(key));
      return reading;
    })().finally(() => this.pending.delete(key));
    this.pending.set(key, run);
    return run;
  }

  private async load(uri: vscode.Uri): Promise<Reading> {
    const key = uri.toString();
    const last = this.readings.get(key);
    const keep = (problems: readonly Problem[], fileText: string | undefined, articleUri = last?.articleUri): Reading => ({
      uri,
      key,
      articleUri,
      model: last?.model,
      problems,
      stale: last?.model !== undefined,
      fileText,
    });
    let next: Reading;
    try {
      const fileText = await readText(uri);
      const root = projectRoot(uri);
      const registry = await this.registries?.forFile(uri, fileText);
      const prepared = prepareReading(fileText, folderSegments(root, uri), registry);
      if (!prepared.parsed.file || (last?.model !== undefined && isMidEdit(prepared))) {
        // A first load shows what could be recovered; later, a file mid-edit keeps the last good view.
        next = keep(prepared.problems, fileText);
      } else if (!prepared.article) {
        next = keep(prepared.problems, fileText, undefined);
      } else {
        const articleUri = vscode.Uri.joinPath(root, ...prepared.article);
        const article = await this.readArticle(root, articleUri);
        // The watchers report the files a new reading just wrote, and editors reopen an article in its language:
        // reloads that read what the snapshot was made from. Resolving a 1 MB article again and redrawing every
        // view for the same reading costs seconds, so the snapshot stays and no change is announced.
        const from = this.inputs.get(key);
        if (
          last?.model &&
          !last.stale &&
          last.articleUri?.toString() === articleUri.toString() &&
          from?.fileText === fileText &&
          from.registry === registry &&
          'text' in article &&
          from.article === article.text
        )
          return last;
        this.inputs.delete(key);
        const loaded = finishReading(prepared, article, {
          anchorBase: (articleText, storedHash) => this.trackFor(key, storedHash, articleText).anchorBase(),
        });
        next = loaded.model
          ? { uri, key, articleUri, model: loaded.model, problems: loaded.problems, stale: false, fileText }
          : keep(loaded.problems, fileText, articleUri);
        if (loaded.model && 'text' in article) this.inputs.set(key, { fileText, registry, article: article.text });
      }
    } catch (e) {
      next = keep([readingProblem(`cannot read ${uri.path}: ${errorMessage(e)}`)], undefined);
    }
    this.readings.set(key, next);
    this.watch(next);
    this.changed.fire(next);
    return next;
  }

  private async readArticle(root: vscode.Uri, articleUri: vscode.Uri): Promise<ArticleRead> {
    if (!staysInside(root, articleUri)) return { error: `the article ${articleUri.path} leads outside the project through a symbolic link; it was not read` };
    try {
      return { text: await readText(articleUri) };
    } catch (e) {
      return { error: `cannot read the article ${articleUri.path}: ${errorMessage(e)}` };
    }
  }

  /** Drops a reading (its file is gone, or a test is done with it); views drop it on the next change. */
  forget(uri: vscode.Uri): void {
    const reading = this.readings.get(uri.toString());
    if (!reading) return;
    clearTimeout(this.settling.get(reading.key));
    this.settling.delete(reading.key);
    this.readings.delete(reading.key);
    this.tracks.delete(reading.key);
    this.inputs.delete(reading.key);
    for (const target of [reading.uri, reading.articleUri]) {
      const key = target?.toString();
      if (!key || this.all().some((r) => r.key === key || r.articleUri?.toString() === key)) continue;
      this.watchers.get(key)?.dispose();
      this.watchers.delete(key);
    }
  }

  /** The anchoring base of a reading, reset whenever the file says its positions match the current text. */
  private trackFor(key: string, storedHash: string | undefined, articleText: string): ArticleTrack {
    let track = this.tracks.get(key);
    if (!track || (storedHash !== undefined && storedHash === hashText(articleText))) {
      track = new ArticleTrack(articleText);
      this.tracks.set(key, track);
    } else track.sawText(articleText);
    return track;
  }

  /** Records an editor's exact changes to the article of a reading. */
  private record(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    for (const reading of this.all()) {
      if (reading.articleUri?.toString() !== key) continue;
      // CRLF documents count offsets in a text with CRs, which the normalized text does not have.
      this.tracks.get(reading.key)?.record(normalizeText(e.document.getText()), e.contentChanges, e.document.eol === vscode.EndOfLine.LF);
    }
  }

  private touch(uri: vscode.Uri): void {
    const reading = this.find(uri);
    if (reading) void this.reload(reading.uri);
  }

  /** One watcher per file of a reading; changes made outside the editor (git, other programs) reload it. */
  private watch(reading: Reading): void {
    for (const target of [reading.uri, reading.articleUri]) {
      if (!target) continue;
      const key = target.toString();
      if (this.watchers.has(key)) continue;
      const folder = vscode.Uri.joinPath(target, '..');
      const name = fileName(target);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
      const onDisk = (): void => {
        // An open document is the truth while it is open; its own change events already cover it.
        if (openDocument(target)?.isDirty) return;
        void this.reload(reading.uri);
        this.settle(reading.uri);
      };
      this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk)));
      this.settle(reading.uri);
    }
  }

  /**
   * Reads the files once more a moment later and reloads if they differ from what the snapshot was made from. A
   * new watcher may not report a change made while it starts (another program rewriting the article right after
   * it was opened), and a read that follows a change event at once can meet a write still in progress, after
   * which the watcher may stay silent; on a loaded machine both happened.
   */
  private settle(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.settling.get(key));
    this.settling.set(
      key,
      setTimeout(() => {
        this.settling.delete(key);
        // A file that cannot be read any more has changed too: the reload records why.
        void this.differsFromSnapshot(key).then(
          (differs) => (differs ? this.reload(uri) : undefined),
          () => this.reload(uri),
        );
      }, SETTLE_MS),
    );
  }

  private async differsFromSnapshot(key: string): Promise<boolean> {
    const reading = this.readings.get(key);
    const from = this.inputs.get(key);
    if (!reading || !from || !reading.articleUri) return false;
    const [fileText, article] = await Promise.all([readText(reading.uri), readText(reading.articleUri)]);
    return fileText !== from.fileText || article !== from.article;
  }
}
