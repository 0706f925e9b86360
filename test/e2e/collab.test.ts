// Two annotators in the real workbench: "Compare Annotations With…" from the palette shows the agreement report,
// a disagreement opens both versions side by side in the readers, and the curation queue is worked through with
// the review keys, then written into A. Screenshots of each step in test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot, startHarness, waitFor, type Harness } from './harness';

describe('e2e: compare and curate', function () {
  this.timeout(300_000);
  let h: Harness | undefined;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  before(async () => {
    h = await startHarness({ name: 'e2e-collab', workspace: join(repoRoot(), 'test', 'fixtures', 'collab') });
  });
  after(async () => {
    await h?.close();
  });

  /** The webview frame that holds `selector` (the Compare panel, or a reader showing some text). */
  async function frameWith(selector: string, text?: string): Promise<Frame> {
    const page = harness().page;
    return waitFor(
      async () => {
        const hosts = page.locator('iframe.webview.ready');
        for (let i = 0; i < (await hosts.count()); i++) {
          const host = hosts.nth(i);
          if (!(await host.isVisible())) continue;
          const inner = await (await (await (await host.elementHandle())?.contentFrame())?.$('#active-frame'))?.contentFrame();
          const found = inner && (await inner.$(selector));
          if (found && (!text || ((await found.textContent()) ?? '').includes(text))) return inner;
        }
        return undefined;
      },
      30_000,
      `a webview with ${selector}${text ? ` holding "${text}"` : ''}`,
    );
  }

  it('Compare shows the measures and every disagreement; one click shows both versions in the readers', async () => {
    await harness().runCommand('Marginalia: Compare Annotations With…');
    await harness().answer(/reference annotation \(A\)/, 'alice', 'briefing.alice.annotations.json');
    await harness().answer(/Compare briefing\.alice\.annotations\.json/, 'bob', 'briefing.bob.annotations.json');
    const frame = await frameWith('#collab table');
    const text = (await frame.locator('#collab').textContent()) ?? '';
    assert.match(text, /Cohen's kappa on the types of 5 paired spans: 0\.737/);
    assert.match(text, /attribution \(speaker and outlets\)0\.2500\.3330\.2861 \(3, 4\)/);
    assert.equal(await frame.locator('.disagreement').count(), 7);
    await harness().screenshot('e2e-collab-report');

    await frame.locator('.disagreement', { hasText: 'claim differs (speaker)' }).click();
    // Alice's claim in her reader, Bob's in his: both readers show the article, beside the report.
    await frameWith('#article', 'Ministers meet in Geneva');
    await waitFor(async () => (await harness().page.locator('.tab', { hasText: 'Reader:' }).count()) >= 2, 30_000, 'two reader tabs');
    await harness().screenshot('e2e-collab-both-versions');
  });

  it('Curate works through the queue with the keys, comes back after a reload, and writes into A', async () => {
    let frame = await frameWith('#collab nav');
    await frame.locator('.tab[data-mode="curate"]').click();
    await frame.locator('.current .action').first().waitFor({ state: 'visible', timeout: 10_000 });
    const decision = (n: number) => frame.locator('.queued .decision').nth(n);
    // b: accept right (Bob's wider span), x: reject (Bob's "Analysts"), a: accept left (Alice's type for Lee),
    // space: skip ("Daily Ledger", only Alice's), backspace: undo the skip.
    // Keys reach the webview once it has the focus, as after a click on it.
    await frame.locator('.current h2').click();
    for (const key of ['b', 'x', 'a', 'Space', 'Backspace']) await harness().page.keyboard.press(key);
    await waitFor(async () => (await decision(3).textContent()) === 'to decide', 10_000, 'the skip undone');
    assert.deepEqual(await Promise.all([0, 1, 2].map(async (n) => decision(n).textContent())), ['accepted right (B)', 'rejected', 'accepted left (A)']);
    assert.match((await frame.locator('.current h2').textContent()) ?? '', /mention only in A/);
    await harness().screenshot('e2e-collab-curate');

    // A window reload brings the panel back in Curate, with the decisions made so far.
    await harness().runCommand('Developer: Reload Window');
    await harness().page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    frame = await waitFor(
      async () => {
        const f = await frameWith('#collab nav');
        return (await f.locator('#collab[data-mode="curate"] .queued .decision').count()) > 3 ? f : undefined;
      },
      60_000,
      'the Curate panel restored',
    );
    assert.deepEqual(await Promise.all([0, 1, 2, 3].map(async (n) => decision(n).textContent())), [
      'accepted right (B)',
      'rejected',
      'accepted left (A)',
      'to decide',
    ]);

    await frame.locator('footer .action', { hasText: 'Write into A' }).click();
    const file = join(harness().workspace, 'briefing.alice.annotations.json');
    await waitFor(() => readFileSync(file, 'utf8').includes('"Foreign Minister Ana Ortiz"'), 20_000, "Bob's span written into Alice's file");
    const written = JSON.parse(readFileSync(file, 'utf8')) as { mentions: { id: string }[] };
    // Bob's "Analysts" was rejected: nothing added for it, and Alice's mentions all stay.
    assert.deepEqual(
      written.mentions.map((m) => m.id),
      ['m-ana-ortiz-1', 'm-geneva-1', 'm-lee-min-jun-1', 'm-harbour-institute-1', 'm-daily-ledger-1', 'm-ana-ortiz-2'],
    );
    await harness().screenshot('e2e-collab-written');
  });
});
