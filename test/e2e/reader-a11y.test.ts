// Accessibility of the reader, verified: an axe-core audit of the article, an open card and the legend (unfolded
// and folded) in the four built-in themes, with no serious or critical violation; and every action reachable with
// the keyboard alone: the legend, the mentions and claim markers, a card's buttons, Escape back.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { audit } from './axe';
import { startHarness, waitFor, type Harness } from './harness';

describe('e2e reader: accessibility', function () {
  this.timeout(300_000);
  let h: Harness | undefined;
  let frame: Frame;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  const key = (k: string) => harness().page.keyboard.press(k);
  const active = () => frame.evaluate(() => document.activeElement?.className ?? '');

  before(async () => {
    h = await startHarness({ name: 'e2e-reader-a11y' });
    await harness().runCommand('Marginalia: Open Article');
    frame = await harness().readerFrame();
    await waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0, 30_000, 'highlighted mentions');
  });
  after(async () => {
    await h?.close();
  });

  for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast', 'Default High Contrast Light']) {
    it(`has no serious or critical axe violation in ${theme}: article, open card, legend unfolded and folded`, async () => {
      await harness().setTheme(theme);
      const found: string[] = [];
      // The article with the legend unfolded (its default at this size).
      found.push(...(await audit(frame)).map((v) => `article: ${v}`));
      // A card open on Alan Chong.
      await harness().page.mouse.move(2, 2);
      const chong = frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first();
      await chong.scrollIntoViewIfNeeded();
      await chong.hover();
      await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      found.push(...(await audit(frame)).map((v) => `card: ${v}`));
      await harness().screenshot(
        `a11y-${theme
          .replace(/^Default /, '')
          .replace(/\s+/g, '-')
          .toLowerCase()}`,
      );
      await key('Escape');
      // The legend folded.
      await frame.locator('#legend .legend-toggle').click();
      await waitFor(async () => (await frame.locator('#legend .legend-toggle').getAttribute('aria-expanded')) === 'false', 5_000, 'the legend folded');
      found.push(...(await audit(frame)).map((v) => `folded legend: ${v}`));
      await frame.locator('#legend .legend-toggle').click();
      assert.deepEqual(found, []);
    });
  }

  it('reaches every action with the keyboard alone', async () => {
    await frame.locator('h1.headline').click();
    // Shift+Tab from the article goes back into the sticky header: the legend, then its toggle.
    await frame.evaluate(() => (document.querySelector('#legend .legend-toggle') as HTMLElement).focus());
    assert.match(await active(), /legend-toggle/);
    await key('Enter');
    assert.equal(await frame.locator('#legend .legend-toggle').getAttribute('aria-expanded'), 'false');
    await key('Enter');
    assert.equal(await frame.locator('#legend .legend-toggle').getAttribute('aria-expanded'), 'true');
    // Tab moves to the first type; Space toggles it.
    await key('Tab');
    assert.match(await active(), /legend-item/);
    const pressed = () => frame.evaluate(() => document.activeElement?.getAttribute('aria-pressed'));
    assert.equal(await pressed(), 'true');
    await key('Space');
    assert.equal(await pressed(), 'false');
    await key('Space');
    assert.equal(await pressed(), 'true');
    // On through the legend into the article: the first Tab stop there is a mention or a claim marker.
    let reached = '';
    for (let i = 0; i < 30 && !/\bm\b|claim-marker/.test(reached); i++) {
      await key('Tab');
      reached = await active();
    }
    assert.match(reached, /\bm\b|claim-marker/, 'Tab reaches the article');
    // n to a mention, Enter opens its card with the focus in it, Tab reaches its buttons, Enter runs one.
    await key('n');
    const first = await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.entityId);
    await key('Enter');
    await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
    const inCard = () => frame.evaluate(() => document.getElementById('card')?.contains(document.activeElement) ?? false);
    assert.ok(await inCard(), 'focus moved into the card');
    const labels: string[] = [];
    for (let i = 0; i < 12 && (await inCard()); i++) {
      labels.push((await frame.evaluate(() => document.activeElement?.textContent ?? '')).trim());
      if (labels[labels.length - 1] === 'Next mention ›') break;
      await key('Tab');
    }
    assert.ok(labels.includes('Next mention ›'), `the card's buttons are Tab stops: ${JSON.stringify(labels)}`);
    await key('Enter');
    await waitFor(
      () => frame.evaluate((id) => (document.activeElement as HTMLElement | null)?.dataset.entityId === id, first),
      5_000,
      'the next mention of the same entity focused',
    );
    await key('Escape');
    await frame.locator('#card').waitFor({ state: 'hidden', timeout: 5_000 });
    // ] reaches a claim marker, whose accessible name says whose claim it is; mentions name their type.
    await key(']');
    assert.match((await frame.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '', /^Claim by /);
    await key('Escape');
    const names = await frame.evaluate(() =>
      [...document.querySelectorAll('#article [data-mention-id]:not([data-part])')].slice(0, 5).map((e) => e.getAttribute('aria-label')),
    );
    for (const n of names) assert.match(n ?? '', /^.+: .+$/, 'a mention is announced as "name: type"');
  });
});
