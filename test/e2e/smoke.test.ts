// The harness against the real workbench, then the product's first promise: the palette command
// opens the bundled article in the reader.
import { startHarness, waitFor, type Harness } from './harness';

const headline = 'Beijing and Moscow push back against democracies';

describe('e2e smoke', () => {
  let h: Harness | undefined;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };

  before(async () => {
    h = await startHarness({ name: 'e2e-smoke' });
  });
  after(async () => {
    await h?.close();
  });

  it('runs a built-in command from the palette (View: Toggle Zen Mode)', async () => {
    const statusbar = harness().page.locator('.monaco-workbench .part.statusbar');
    await harness().runCommand('View: Toggle Zen Mode');
    await waitFor(async () => !(await statusbar.isVisible()), 10_000, 'zen mode to hide the status bar');
    await harness().runCommand('View: Toggle Zen Mode');
    await waitFor(() => statusbar.isVisible(), 10_000, 'the status bar back after zen mode');
  });

  it('opens the article in the reader (Marginalia: Open Article)', async () => {
    await harness().runCommand('Marginalia: Open Article');
    const frame = await harness().readerFrame();
    await waitFor(
      async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes(headline),
      30_000,
      `the headline "${headline}" in #article`,
    );
    await harness().screenshot('e2e-smoke-reader');
  });
});
