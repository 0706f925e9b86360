// The suggestion engine in a worker thread, as the extension runs it for large articles: the input in one
// message, the result back in parts of a few hundred suggestions, each a JSON string (a string crosses
// threads as one copy) sent when the receiver asks for the next — so the receiving thread parses one small
// part per turn of its event loop, never the lot, and its own time for it can be measured. Built by
// bench/suggest.bench.ts.
import { parentPort } from 'node:worker_threads';
import { suggest } from '../src/core/suggest/engine';
import type { SuggestInput, SuggestResult } from '../src/core/suggest/types';

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
    pending = suggest(m.input);
    at = 0;
  }
  sendPart();
});
