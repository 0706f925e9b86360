// The Markdown parser's worker thread (bundled as dist/structureWorker.js): a 1 MB Markdown article takes the
// parser most of a second, which the extension host's own thread must not spend (see structures.ts).

import { parentPort } from 'node:worker_threads';
import { markdownBlocks } from '../../core/article/markdown';

parentPort?.on('message', (m: { id: number; text: string }) => {
  try {
    parentPort?.postMessage({ id: m.id, blocks: markdownBlocks(m.text) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
