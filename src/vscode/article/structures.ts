// Markdown structures parsed off the extension host's thread. A reader asks `prepare` before it packs its
// payload; the blocks come back from the worker into the core's cache (rememberStructure), so that
// readingStructure finds them. A text that is already known, or not Markdown, costs nothing. When the worker
// fails, `prepare` still resolves and the structure is parsed on the host as before: slower, never missing.
// No vscode import: the unit tests drive it with the built worker.

import { Worker } from 'node:worker_threads';
import { rememberStructure, structureIsSlow } from '../../core/article/kind';
import type { TextBlock } from '../../core/structure';

interface Reply {
  id: number;
  blocks?: TextBlock[];
  error?: string;
}

export class Structures {
  private worker: Worker | undefined;
  private next = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  /** Parses under way, by text: two readers of one article wait for one parse. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Whether `prepare` has work to do for this article (a Markdown text not parsed yet). */
  pending(articlePath: string, text: string): boolean {
    return structureIsSlow(articlePath, text);
  }

  /** Resolves once `readingStructure(articlePath, text)` is a cache hit (or, after a failure, will parse itself). */
  prepare(articlePath: string, text: string): Promise<void> {
    if (!structureIsSlow(articlePath, text)) return Promise.resolve();
    let run = this.running.get(text);
    if (!run) {
      run = this.parse(text).finally(() => this.running.delete(text));
      this.running.set(text, run);
    }
    return run;
  }

  private async parse(text: string): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.ask(text);
    } catch (e) {
      this.log(`the Markdown worker failed (${e instanceof Error ? e.message : String(e)}); parsing on the extension host`);
      return;
    }
    if (reply.blocks) rememberStructure(text, reply.blocks);
    else this.log(`the Markdown worker could not parse the article; parsing on the extension host: ${reply.error ?? ''}`);
  }

  private ask(text: string): Promise<Reply> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, text });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script);
    const failAll = (why: string): void => {
      if (this.worker === w) this.worker = undefined;
      for (const [id, resolve] of this.waiting) resolve({ id, error: why });
      this.waiting.clear();
    };
    w.on('message', (r: Reply) => {
      const resolve = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      resolve?.(r);
    });
    w.on('error', (e) => failAll(e.message));
    w.on('exit', (code) => failAll(`the worker exited with code ${code}`));
    // An idle worker must not keep the extension host (or a test run) alive.
    w.unref();
    this.worker = w;
    return w;
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
