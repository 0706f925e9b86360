// The Corpus Report in the real workbench, on the fixture corpus (four articles sharing a registry, one broken
// file): the report draws its tables and charts in the dark and the light theme (screenshots looked at), a cell
// opens its instance in the reader, and the Corpus view lists the articles with their health.
import { join } from 'node:path';
import { repoRoot, startHarness, waitFor, type Harness } from './harness';

describe('e2e: Corpus Report', () => {
  let h: Harness | undefined;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  before(async () => {
    h = await startHarness({ name: 'e2e-corpus-report', workspace: join(repoRoot(), 'test', 'fixtures', 'corpus', 'shared'), theme: 'Default Dark Modern' });
  });
  after(async () => {
    await h?.close();
  });

  it('lists the articles in the Corpus view, with the broken one marked', async () => {
    const item = harness()
      .page.locator('.part.activitybar .action-item a[aria-label^="Marginalia"], .part.activitybar .action-item[aria-label^="Marginalia"]')
      .first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    const corpus = harness().page.locator('.pane-header[aria-label^="Corpus"]').first();
    if (!(await corpus.isVisible())) await item.click();
    await corpus.waitFor({ state: 'visible', timeout: 10_000 });
    const row = (text: string) => harness().page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
    await row('Patrols increase in the Strait of Kessa').waitFor({ state: 'visible', timeout: 30_000 });
    await row('A second opinion on the Geneva talks').waitFor({ state: 'visible', timeout: 10_000 });
    await harness().screenshot('e2e-corpus-view-dark');
  });

  it('draws every table and chart, dark and light; a cell opens its instance', async () => {
    await harness().runCommand('Marginalia: Open Corpus Report');
    const frame = await harness().readerFrame();
    await waitFor(async () => ((await frame.locator('#report').getAttribute('aria-busy', { timeout: 1000 })) ?? '') === 'false', 30_000, 'the report drawn');
    for (const title of ['Entities by mentions', 'Entity frequency per article', 'Speakers × outlets', 'Entity co-occurrence', 'Attribution network']) {
      await frame.locator('h2', { hasText: title }).waitFor({ state: 'visible', timeout: 5_000 });
    }
    await waitFor(async () => (await frame.locator('rect.bar').count()) > 5, 5_000, 'the bars');
    await waitFor(async () => (await frame.locator('path.edge').count()) > 3, 5_000, 'the network edges');
    await harness().screenshot('e2e-corpus-report-dark');
    await frame.locator('h2', { hasText: 'Attribution network' }).scrollIntoViewIfNeeded();
    await harness().screenshot('e2e-corpus-report-network-dark');

    await harness().setTheme('Default Light Modern');
    const light = await harness().readerFrame();
    await light.locator('h2', { hasText: 'Entities by mentions' }).scrollIntoViewIfNeeded();
    await harness().screenshot('e2e-corpus-report-light');

    // The Speakers × outlets cell of Lee Min-jun and the Northern Wire: two claims, in one article, so a pick.
    const cell = light.locator('button.cell[aria-label="Lee Min-jun, Northern Wire: 2"]').first();
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    const pick = harness().page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await pick.waitFor({ state: 'visible', timeout: 10_000 });
    await harness().screenshot('e2e-corpus-report-cell-light');
    await pick.click();
    const tab = harness().page.locator('.tabs-container .tab', { hasText: 'Reader: Talks resume in Geneva' }).first();
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    // The reader's frame is new: look it up again until it shows the article.
    await waitFor(
      async () => ((await (await harness().readerFrame()).locator('#article').textContent({ timeout: 1000 })) ?? '').includes('outside the room'),
      30_000,
      'the reader showing the claim',
    );
    await harness().screenshot('e2e-corpus-report-instance-light');
  });
});
