// The suggestion engine's worker thread (bundled as dist/suggestWorker.js): the extension host never runs the
// engine on its own thread. The input comes in one message (a structured-cloned string costs the host 1–8 ms for
// 1 MB; encoding it for a transfer costs more); the result goes back in parts of about 32 KB of JSON, each sent
// when the host asks for the next, so the host parses one small part per turn of its event loop (npm run
// bench -- suggest measures it).

import { parentPort } from 'node:worker_threads';
import { suggest } from '../../core/suggest/engine';
import type { SuggestInput, SuggestResult } from '../../core/suggest/types';

/** Characters of JSON per part: parsing one takes the host well under a millisecond on an idle machine. */
const PART_CHARS = 32_000;
let pending: SuggestResult | undefined;
let at = 0;

function sendPart(): void {
  if (!pending) return;
  const list = pending.suggestions;
  const json: string[] = [];
  let size = 0;
  while (at < list.length && (json.length === 0 || size < PART_CHARS)) {
    const one = JSON.stringify(list[at++]);
    json.push(one);
    size += one.length + 1;
  }
  const done = at >= list.length;
  parentPort?.postMessage({ json: `[${json.join(',')}]`, done, ...(done ? { unmapped: pending.unmapped } : {}) });
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
