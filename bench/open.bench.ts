// Time from running "Marginalia: Open Article" in the command palette to the headline being
// visible in the reader webview, in a real VS Code (code-server + Chromium). The first open
// includes activating the extension; later opens are reported as a median.
import { startHarness, waitFor, type Harness } from '../test/e2e/harness';
import { median, type BenchRow } from './types';

const headline = 'Beijing and Moscow push back against democracies';
const warmRuns = 5;

async function openOnce(h: Harness): Promise<number> {
  const clicked = await h.runCommand('Marginalia: Open Article');
  const frame = await h.readerFrame(60_000);
  await waitFor(async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes(headline), 60_000, 'the headline in #article');
  const ms = Date.now() - clicked;
  await h.runCommand('View: Close All Editors');
  await waitFor(async () => (await h.page.locator('iframe.webview.ready').count()) === 0, 10_000, 'the reader to close');
  return ms;
}

export default async function (): Promise<BenchRow[]> {
  const h = await startHarness({ name: 'bench-open' });
  try {
    const first = await openOnce(h);
    const warm: number[] = [];
    for (let i = 0; i < warmRuns; i++) warm.push(await openOnce(h));
    return [
      { section: 'open', name: 'workbench ready (server + Chromium + workbench)', value: Math.round(h.startupSeconds * 1000), unit: 'ms' },
      { section: 'open', name: 'Open Article → headline visible, first (activates)', value: first, unit: 'ms' },
      {
        section: 'open',
        name: `Open Article → headline visible, median of ${warmRuns}`,
        value: median(warm),
        unit: 'ms',
        note: `min ${Math.min(...warm)}, max ${Math.max(...warm)}`,
      },
    ];
  } finally {
    await h.close();
  }
}
