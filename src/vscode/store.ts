// Readings: an annotation file, its article, and the last good resolved model. The store reads through open
// documents first (so unsaved edits count), watches both files, and keeps the last good model while the file is
// broken, so every view can show the last good state with the current problems beside it.

import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import { parseAnnotationFile } from '../core/parse';
import { resolveModel, type Model } from '../core/resolve';
import { ChangeLog } from '../core/changes';
import { hashText, normalizeText, OffsetMap } from '../core/text';

export interface Reading {
  readonly uri: vscode.Uri;
  articleUri: vscode.Uri | undefined;
  /** The model views draw: the newest good one (possibly older than the file when the file is broken). */
  model: Model | undefined;
  /** Problems of the file as it is now (parse, schema, semantic, anchoring, I/O). */
  problems: Problem[];
  /** True when the current file text could not be used and `model` is an older good one. */
  stale: boolean;
  /** Normalized article text the current model was anchored against. */
  articleText: string | undefined;
}

const decoder = new TextDecoder('utf-8');

/**
 * The article text the stored positions were made on (the base), the text as last seen, and the editor's
 * changes since the base: live re-anchoring maps positions through these exact changes; when they are
 * unknown (the article changed outside the editor) the anchoring diffs the base against the new text.
 */
interface ArticleTrack {
  base: string;
  current: string;
  log: ChangeLog | undefined;
}

export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

function ioProblem(message: string): Problem {
  return { severity: 'error', code: 'io', message, path: [], line: 1, column: 1, offset: 0, length: 0 };
}

/** Resolves `article.path` against the annotation file's folder; refuses absolute paths and schemes. */
export function articleUriFor(fileUri: vscode.Uri, articlePath: string): vscode.Uri | undefined {
  if (!articlePath || /^[a-z][a-z0-9+.-]*:/i.test(articlePath) || articlePath.startsWith('/') || articlePath.includes('\0')) return undefined;
  return vscode.Uri.joinPath(fileUri, '..', ...articlePath.split('/'));
}

export class ReadingStore implements vscode.Disposable {
  private readonly readings = new Map<string, Reading>();
  private readonly pending = new Map<string, Promise<Reading>>();
  private readonly dirty = new Set<string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly tracks = new Map<string, ArticleTrack>();
  private readonly changed = new vscode.EventEmitter<Reading>();
  readonly onDidChange = this.changed.event;

  constructor() {
    this.register(this.changed);
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        this.record(e);
        this.touch(e.document.uri);
      }),
    );
    // Closing an editor with unsaved edits reverts what counts to the file on disk. A document that closes with
    // the same text as the disk (e.g. VS Code re-opening it in another language) changes nothing: no reload.
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (!this.find(d.uri)) return;
        const closing = d.getText();
        void vscode.workspace.fs.readFile(d.uri).then(
          (bytes) => decoder.decode(bytes) !== closing && this.touch(d.uri),
          () => this.touch(d.uri),
        );
      }),
    );
  }

  private register<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  all(): Reading[] {
    return [...this.readings.values()];
  }

  get(uri: vscode.Uri): Reading | undefined {
    return this.readings.get(uri.toString());
  }

  /** The reading whose annotation file or article is `uri`. */
  find(uri: vscode.Uri): Reading | undefined {
    const key = uri.toString();
    return this.readings.get(key) ?? this.all().find((r) => r.articleUri?.toString() === key);
  }

  /** Loads (or returns the loaded) reading of an annotation file. Never rejects: I/O errors become problems. */
  async open(uri: vscode.Uri): Promise<Reading> {
    const existing = this.readings.get(uri.toString());
    if (existing) return existing;
    return this.reload(uri);
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
    const reading: Reading = this.readings.get(key) ?? { uri, articleUri: undefined, model: undefined, problems: [], stale: false, articleText: undefined };
    this.readings.set(key, reading);
    try {
      const fileText = await readText(uri);
      const parsed = parseAnnotationFile(fileText);
      // A syntax error means the file is mid-edit: what the parser recovers from it may be half the file. Views keep
      // the last good model then (a first load shows what could be recovered, with the problems).
      const unusable = !parsed.file || (reading.model !== undefined && parsed.problems.some((p) => p.code === 'syntax-error'));
      if (unusable || !parsed.file) {
        reading.problems = parsed.problems;
        reading.stale = reading.model !== undefined;
      } else {
        const articleUri = articleUriFor(uri, parsed.file.article.path);
        if (!articleUri) {
          reading.problems = [...parsed.problems, ioProblem(`article.path "${parsed.file.article.path}" must be a relative path`)];
          reading.stale = reading.model !== undefined;
        } else {
          reading.articleUri = articleUri;
          let articleRaw: string;
          try {
            articleRaw = await readText(articleUri);
          } catch (e) {
            reading.problems = [...parsed.problems, ioProblem(`cannot read the article ${articleUri.path}: ${errorMessage(e)}`)];
            reading.stale = reading.model !== undefined;
            this.watch(reading);
            this.changed.fire(reading);
            return reading;
          }
          const articleText = normalizeText(articleRaw);
          const track = this.trackFor(key, parsed.file.article.hash, articleText);
          const changes = track.log?.changes();
          const model = resolveModel(parsed.file, articleText, {
            parseProblems: parsed.problems,
            fileText,
            ...(track.base !== articleText ? { previousText: track.base, ...(changes?.length ? { changes } : {}) } : {}),
          });
          reading.model = model;
          reading.articleText = articleText;
          reading.problems = model.problems;
          reading.stale = false;
        }
      }
    } catch (e) {
      reading.problems = [ioProblem(`cannot read ${uri.path}: ${errorMessage(e)}`)];
      reading.stale = reading.model !== undefined;
    }
    this.watch(reading);
    this.changed.fire(reading);
    return reading;
  }

  /** Drops a reading (its file is gone, or a test is done with it); views drop it on the next change. */
  forget(uri: vscode.Uri): void {
    const reading = this.readings.get(uri.toString());
    if (!reading) return;
    this.readings.delete(uri.toString());
    this.tracks.delete(uri.toString());
    for (const target of [reading.uri, reading.articleUri]) {
      const key = target?.toString();
      if (!key || this.all().some((r) => r.uri.toString() === key || r.articleUri?.toString() === key)) continue;
      this.watchers.get(key)?.dispose();
      this.watchers.delete(key);
    }
  }

  /** The anchoring base of a reading, reset whenever the file says its positions match the current text. */
  private trackFor(key: string, storedHash: string | undefined, articleText: string): ArticleTrack {
    let track = this.tracks.get(key);
    if (!track || (storedHash !== undefined && storedHash === hashText(articleText))) {
      track = { base: articleText, current: articleText, log: new ChangeLog(new OffsetMap(articleText).codePointLength) };
      this.tracks.set(key, track);
    } else if (track.current !== articleText) {
      // Changed without (or beyond) the events seen: only a diff from the base can map positions now.
      track.current = articleText;
      track.log = undefined;
    }
    return track;
  }

  /** Records an editor's exact changes to the article of a reading, in code points of the text before them. */
  private record(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    for (const reading of this.all()) {
      if (reading.articleUri?.toString() !== key) continue;
      const track = this.tracks.get(reading.uri.toString());
      if (!track) continue;
      const now = normalizeText(e.document.getText());
      // CRLF documents count offsets in a text with CRs, which the normalized text does not have.
      if (track.log && e.document.eol === vscode.EndOfLine.LF) {
        // The events must turn the text we know into the document's text, or they are not ours to compose.
        let expected = track.current;
        for (const c of [...e.contentChanges].sort((x, y) => y.rangeOffset - x.rangeOffset))
          expected = expected.slice(0, c.rangeOffset) + c.text + expected.slice(c.rangeOffset + c.rangeLength);
        if (expected === now) {
          const map = new OffsetMap(track.current);
          try {
            track.log.apply(
              e.contentChanges.map((c) => ({ start: map.toCodePoint(c.rangeOffset), end: map.toCodePoint(c.rangeOffset + c.rangeLength), text: c.text })),
            );
          } catch {
            track.log = undefined;
          }
        } else track.log = undefined;
      } else track.log = undefined;
      track.current = now;
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
      const name = target.path.slice(target.path.lastIndexOf('/') + 1);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
      const onDisk = (): void => {
        // An open document is the truth while it is open; its own change events already cover it.
        if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && d.isDirty)) return;
        void this.reload(reading.uri);
      };
      this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk)));
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
