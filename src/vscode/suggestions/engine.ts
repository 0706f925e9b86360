// The host's side of the suggestion worker: one worker, started on first use and kept; one request at a time
// (a newer request waits for the older). The result is put back together from its parts, asking for each next
// part on a later turn of the event loop, so other work of the extension host runs in between.

import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Suggestion, SuggestInput, SuggestResult } from '../../core/suggest/types';

interface Part {
  json?: string;
  done?: boolean;
  unmapped?: SuggestResult['unmapped'];
  error?: string;
}

export class SuggestEngine implements vscode.Disposable {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly script: vscode.Uri) {}

  private start(): Worker {
    if (!this.worker) {
      const w = new Worker(this.script.fsPath);
      w.on('exit', () => {
        if (this.worker === w) this.worker = undefined;
      });
      w.unref();
      this.worker = w;
    }
    return this.worker;
  }

  run(input: SuggestInput): Promise<SuggestResult> {
    const job = this.queue.then(() => this.request(input));
    // The caller gets `job` and its failure; the queue only needs to go on after it.
    this.queue = job.catch(() => undefined);
    return job;
  }

  private request(input: SuggestInput): Promise<SuggestResult> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      const suggestions: Suggestion[] = [];
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onError = (e: Error): void => {
        cleanup();
        reject(e);
      };
      const onExit = (): void => {
        cleanup();
        reject(new Error('the suggestion worker stopped'));
      };
      const onMessage = (m: Part): void => {
        if (m.error !== undefined) {
          cleanup();
          reject(new Error(m.error));
          return;
        }
        for (const s of JSON.parse(m.json ?? '[]') as Suggestion[]) suggestions.push(s);
        if (!m.done) {
          setImmediate(() => worker.postMessage({ next: true }));
          return;
        }
        cleanup();
        resolve({ suggestions, unmapped: m.unmapped ?? [] });
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ input });
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
