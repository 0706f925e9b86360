// The suggestion engine's worker thread (bundled as dist/suggestWorker.js): the extension host never runs the
// engine on its own thread. The input comes in one message; the result goes back in parts of a few hundred
// suggestions, each a JSON string sent when the host asks for the next, so the host parses one small part per
// turn of its event loop (npm run bench -- suggest measures it).

import { parentPort } from 'node:worker_threads';
import { suggest } from '../../core/suggest/engine';
import type { SuggestInput, SuggestResult } from '../../core/suggest/types';

const PART = 500;
let pending: SuggestResult | undefined;
let at = 0;

function sendPart(): void {
  if (!pending) return;
  const part = pending.suggestions.slice(at, at + PART);
  at += PART;
  const done = at >= pending.suggestions.length;
  parentPort?.postMessage({ json: JSON.stringify(part), done, ...(done ? { unmapped: pending.unmapped } : {}) });
  if (done) pending = undefined;
}

parentPort?.on('message', (m: { input: SuggestInput } | { next: true }) => {
  if ('input' in m) {
    try {
      pending = suggest(m.input);
    } catch (e) {
      parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return;
    }
    at = 0;
  }
  sendPart();
});
