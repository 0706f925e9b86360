// The corpus index fed from the workspace: every annotation file the AnnotationIndex knows, loaded through the
// core's one loading path (with its registry) and summarized (src/core/corpus), then kept in step with the
// workspace: files created, changed or deleted on disk, edits in open documents (through the store), registries
// edited. Indexing never holds the extension host for long: between two files the host gets its turn (every read
// is asynchronous), one file's synchronous work (parse, anchor, summarize) is the longest it waits, and views
// hear of changes once per slice of files rather than once per file.

import * as vscode from 'vscode';
import { CorpusIndex } from '../../core/corpus/index';
import { trackReport } from '../../core/corpus/report';
import { summarize } from '../../core/corpus/summary';
import { finishReading, prepareReading, type ArticleRead } from '../../core/load';
import { ANNOTATION_GLOB, articleOf, type AnnotationIndex } from '../annotationIndex';
import type { Registries } from '../registries';
import type { ReadingStore } from '../store';
import { logFailure } from '../toolkit/commands';
import { Disposable } from '../toolkit/disposable';
import { errorMessage } from '../toolkit/errors';
import { disk, folderSegments, projectRoot, readText, staysInside } from '../toolkit/files';

/** Files are announced to views in slices of about this long. */
export const SLICE_MS = 50;

export interface CorpusDeps {
  annotations: AnnotationIndex;
  registries: Registries;
  store: ReadingStore;
  log: vscode.LogOutputChannel;
}

export class CorpusService extends Disposable {
  readonly index = new CorpusIndex();
  private readonly queue = new Map<string, vscode.Uri>();
  private running: Promise<void> | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The index changed (fired at most once per slice). */
  readonly onDidChange = this.changed.event;
  /** The longest one file's synchronous work took so far, in ms: what the host waited at most. */
  longestStepMs = 0;
  private readonly started: Promise<void>;

  constructor(private readonly deps: CorpusDeps) {
    super();
    trackReport(this.index);
    this._register(deps.annotations.onDidChange((uri) => this.enqueue(uri)));
    // An open document being edited: its reading reloads, and so does its summary.
    this._register(deps.store.onDidChange((reading) => reading.uri.path.endsWith('.annotations.json') && this.enqueue(reading.uri)));
    this._register(deps.registries.onDidChange(() => void deps.annotations.files().then((files) => files.forEach((f) => this.enqueue(f)))));
    this.started = deps.annotations.files().then((files) => {
      for (const f of files) this.enqueue(f);
    });
  }

  /** Resolves once every file known so far is indexed. */
  async ready(): Promise<void> {
    await this.started;
    while (this.running) await this.running;
  }

  /**
   * Looks for annotation files again (as discovery does at start-up): new ones are indexed, and files that are gone
   * leave the index. For when file events may have been missed (many files created at once).
   */
  async rescan(): Promise<void> {
    const found = await vscode.workspace.findFiles(ANNOTATION_GLOB, '**/node_modules/**', 5000);
    const keys = new Set(found.map((u) => u.toString()));
    for (const s of [...this.index.files()]) if (!keys.has(s.file)) this.enqueue(vscode.Uri.parse(s.file, true));
    for (const u of found) if (!this.index.get(u.toString())) this.enqueue(u);
    await this.ready();
  }

  /** Indexes (again) one annotation file soon. */
  enqueue(uri: vscode.Uri): void {
    this.queue.set(uri.toString(), uri);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    const logged = logFailure(this.deps.log, 'indexing the corpus');
    while (this.queue.size) {
      const t0 = performance.now();
      let changed = false;
      // One slice: files until the slice is used up (at least one, so a slow file still makes progress).
      while (this.queue.size && (performance.now() - t0 < SLICE_MS || !changed)) {
        const [key, uri] = this.queue.entries().next().value as [string, vscode.Uri];
        this.queue.delete(key);
        // Reading is asynchronous; only the synchronous work below counts against the slice.
        const input = await this.read(uri).catch((e: unknown) => {
          logged(e);
          return undefined;
        });
        const t1 = performance.now();
        try {
          if (!input) this.index.delete(key);
          else this.index.set(summarize(key, finishReading(prepareReading(input.text, input.dir, input.registry), input.article), input.modified));
        } catch (e) {
          logged(e);
        }
        this.longestStepMs = Math.max(this.longestStepMs, performance.now() - t1);
        changed = true;
      }
      this.changed.fire();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Everything a file's load needs, read; undefined when the file is gone. */
  private async read(uri: vscode.Uri) {
    let text: string;
    let modified: number | undefined;
    try {
      text = await readText(uri);
      modified = (await disk.stat(uri)).mtime;
    } catch {
      return undefined;
    }
    const root = projectRoot(uri);
    const dir = folderSegments(root, uri);
    const registry = await this.deps.registries.forFile(uri, text);
    // Where the article is, without parsing the file twice (the load below parses it).
    const a = articleOf(uri, text);
    let article: ArticleRead | undefined;
    if (a) {
      article = !staysInside(root, a)
        ? { error: `the article ${a.path} leads outside the project through a symbolic link; it was not read` }
        : await readText(a).then(
            (t) => ({ text: t }),
            (e: unknown) => ({ error: `cannot read the article ${a.path}: ${errorMessage(e)}` }),
          );
    }
    return { text, dir, registry, article, modified };
  }
}
