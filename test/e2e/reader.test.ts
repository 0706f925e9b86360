// The reader as a person meets it, in a real VS Code in Chromium: opened from the palette, every mention drawn by
// type, Alan Chong's card on hover and from the keyboard, the legend toggle, the three themes, and a reload.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot, startHarness, waitFor, type Harness } from './harness';

interface SeedFile {
  types: { id: string; label: string }[];
  entities: { id: string; type: string; name: string }[];
  mentions: { id: string; entity: string }[];
  claims: { id: string }[];
}

const seed = JSON.parse(readFileSync(join(repoRoot(), 'media', 'articles', 'beijing-moscow-push-back.annotations.json'), 'utf8')) as SeedFile;

/** Mentions per type id, as the annotation file says. */
function expectedCounts(): Record<string, number> {
  const typeOf = new Map(seed.entities.map((e) => [e.id, e.type]));
  const counts: Record<string, number> = {};
  for (const m of seed.mentions) {
    const t = typeOf.get(m.entity) as string;
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('e2e reader', function () {
  this.timeout(180_000);
  let h: Harness | undefined;
  let frame: Frame;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };

  /** Keys go where the focus is, as when a person types (locator.press would move the focus first). */
  const key = (k: string) => harness().page.keyboard.press(k);

  /** Picks a colour theme the way a person does: Preferences: Color Theme, then the theme's row. */
  async function chooseTheme(theme: string): Promise<void> {
    const page = harness().page;
    await harness().runCommand('Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(theme);
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${theme}\\s*$`) }) }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  before(async () => {
    h = await startHarness({ name: 'e2e-reader', theme: 'Default Light Modern' });
    await harness().runCommand('Marginalia: Open Article');
    frame = await harness().readerFrame();
    await waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0, 30_000, 'highlighted mentions');
  });
  after(async () => {
    await h?.close();
  });

  it('highlights every mention of the annotation file, per type', async () => {
    const drawn = await frame.evaluate(() => {
      const counts: Record<string, number> = {};
      for (const el of document.querySelectorAll<HTMLElement>('#article [data-mention-id]:not([data-part])')) {
        const t = el.dataset.type ?? '?';
        counts[t] = (counts[t] ?? 0) + 1;
      }
      return counts;
    });
    assert.deepEqual(drawn, expectedCounts());
    // The legend says the same numbers.
    const legend = await frame.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('#legend .legend-item')].map((b) => [b.dataset.type, Number(b.querySelector('.legend-count')?.textContent)]),
      ),
    );
    assert.deepEqual(legend, expectedCounts());
    assert.equal(await frame.locator('#article .claim-marker').count(), seed.claims.length);
    // The article's own text is intact: highlights add elements, never characters.
    const text = await frame.evaluate(() => [...document.querySelectorAll('#article .block')].map((b) => b.textContent).join('\n'));
    const article = readFileSync(join(repoRoot(), 'media', 'articles', 'beijing-moscow-push-back.txt'), 'utf8');
    assert.equal(
      text,
      article
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => l.trim())
        .join('\n'),
    );
  });

  it('shows the structure: headline, standfirst, headings, boilerplate de-emphasized, sources line', async () => {
    assert.equal(await frame.locator('h1.headline').textContent(), 'Beijing and Moscow push back against democracies');
    assert.equal(await frame.locator('p.standfirst').count(), 1);
    assert.deepEqual(await frame.locator('h2.heading').allTextContents(), ['US policies', 'Asia region', 'Cold War-era']);
    assert.equal(await frame.locator('p.boilerplate').count(), 2);
    assert.match((await frame.locator('p.sources').textContent()) ?? '', /^Sources: Voice Of America/);
  });

  it('hovering "Alan Chong" opens his card with his institution, beside the text, not over it', async () => {
    const chong = frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first();
    assert.equal(await chong.textContent(), 'Alan Chong');
    await chong.hover();
    const card = frame.locator('#card[role="dialog"]');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await frame.locator('#card #card-title').textContent(), 'Alan Chong');
    assert.equal(await card.getAttribute('aria-labelledby'), 'card-title');
    const body = (await card.textContent()) ?? '';
    assert.match(body, /associate professor/);
    assert.match(body, /S\. Rajaratnam School of International Studies/);
    assert.match(body, /\d+ claims?/);
    const [a, b] = await Promise.all([chong.boundingBox(), card.boundingBox()]);
    assert.ok(a && b && !overlaps(a, b), 'the card does not cover the mention');
    // The card stays open while the pointer is on it, and its affiliation opens the institution's card.
    await card.hover();
    await frame.locator('#card .card-role button', { hasText: 'S. Rajaratnam School of International Studies' }).click();
    await waitFor(
      async () => (await frame.locator('#card #card-title').textContent()) === 'S. Rajaratnam School of International Studies',
      5_000,
      "the institution's card",
    );
    // It opens beside the institution's own mention, without covering it, and stays open (a clicked card is pinned).
    const institution = frame.locator('[data-entity-id="s-rajaratnam-school-of-international-studies"]:not([data-part])').first();
    const [i, c] = await Promise.all([institution.boundingBox(), card.boundingBox()]);
    assert.ok(i && c && !overlaps(i, c), 'the card does not cover the institution');
    await harness().page.mouse.move(2, 2);
    assert.equal(await card.isVisible(), true);
    await harness().screenshot('reader-card-light');
    await key('Escape');
    await card.waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('opens a card from the keyboard: n moves to a mention, Enter opens, Escape closes and returns focus', async () => {
    await frame.locator('h1.headline').click();
    // The click gave the reader the focus; the pointer is taken off the text, where it could hover a mention
    // of the headline open (its card would then be the one on screen).
    await harness().page.mouse.move(0, 0);
    await frame.locator('#card[role="dialog"]').waitFor({ state: 'hidden', timeout: 5_000 });
    await key('n');
    const focused = await waitFor(
      () => frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.mentionId ?? ''),
      5_000,
      'a focused mention',
    );
    await key('Enter');
    const card = frame.locator('#card[role="dialog"]');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    assert.ok(await frame.evaluate(() => document.getElementById('card')?.contains(document.activeElement) ?? false), 'focus moved into the card');
    await key('Escape');
    await card.waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.mentionId), focused);
    // ] jumps to the next claim marker, which opens the claim's card with its attribution chain.
    await key(']');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match((await card.textContent()) ?? '', /Attribution/);
    await key('Escape');
  });

  it('the legend hides and shows a type', async () => {
    const button = frame.locator('#legend .legend-item[data-type="place"]');
    const place = frame.locator('#article [data-type="place"]').first();
    const styleOf = () => place.evaluate((e) => getComputedStyle(e).borderBottomStyle + ' ' + getComputedStyle(e).backgroundColor);
    const shown = await styleOf();
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await waitFor(async () => (await styleOf()) !== shown, 5_000, 'place highlights to disappear');
    assert.match(await styleOf(), /rgba\(0, 0, 0, 0\)/);
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    await waitFor(async () => (await styleOf()) === shown, 5_000, 'place highlights to come back');
  });

  // Theme labels as the picker shows them (their settings ids are "Default Dark Modern", …).
  for (const [theme, shot] of [
    ['Dark Modern', 'reader-card-dark'],
    ['Dark High Contrast', 'reader-card-high-contrast'],
    ['Light High Contrast', 'reader-card-high-contrast-light'],
    ['Light Modern', 'reader-light'],
  ] as const) {
    it(`is readable in ${theme}`, async () => {
      await chooseTheme(theme);
      const chong = frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first();
      await chong.scrollIntoViewIfNeeded();
      await harness().page.mouse.move(5, 5);
      await chong.hover();
      await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      // Text and background differ in every theme (the reader uses only theme variables).
      const [fg, bg] = await frame.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
      assert.notEqual(fg, bg);
      await harness().screenshot(shot);
      await key('Escape');
    });
  }

  it('comes back after a reload with the same article, scroll position and open card', async () => {
    const chong = frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first();
    await chong.scrollIntoViewIfNeeded();
    // The pointer may already rest on the name from an earlier step: move it away so hovering is an event again.
    await harness().page.mouse.move(5, 5);
    await chong.hover();
    await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
    // Where the reader is: the first visible block and where its top sits (pixel scrollY is no measure: off-screen
    // blocks have estimated heights until they are drawn).
    const where = () => {
      const b = [...document.querySelectorAll<HTMLElement>('#article .block')].find((e) => e.getBoundingClientRect().bottom > 0);
      return b ? { start: b.dataset.start, top: Math.round(b.getBoundingClientRect().top) } : undefined;
    };
    const before = await frame.evaluate(where);
    // A window reload the way a person does it: VS Code saves the webview's state during its shutdown.
    await harness().runCommand('Developer: Reload Window');
    await harness().page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    frame = await harness().readerFrame(60_000);
    await waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0, 30_000, 'the restored reader');
    await waitFor(
      async () => (await frame.locator('#card').isVisible()) && (await frame.locator('#card #card-title').textContent()) === 'Alan Chong',
      10_000,
      'the open card restored',
    );
    const after = await frame.evaluate(where);
    assert.equal(after?.start, before?.start, 'the same block is at the top');
    assert.ok(Math.abs((after?.top ?? 0) - (before?.top ?? 0)) < 40, `at the same place (${before?.top} → ${after?.top})`);
    await harness().screenshot('reader-restored');
  });
  it('offers a copy of the read-only bundled article, which then has editing actions', async () => {
    const copy = frame.locator('#legend .legend-readonly');
    assert.match((await copy.textContent()) ?? '', /Read-only example/);
    await copy.click();
    // The workspace copy opens in its own reader: editable, so no read-only note and cards with actions.
    await waitFor(async () => (await harness().page.locator('.tab', { hasText: 'Reader:' }).count()) === 2, 20_000, 'a second reader tab');
    frame = await harness().readerFrame();
    await waitFor(
      async () =>
        (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0 && (await frame.locator('#legend .legend-readonly').count()) === 0,
      30_000,
      'the editable copy',
    );
    await harness().page.mouse.move(2, 2);
    await frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first().hover();
    await frame.locator('#card .card-actions').waitFor({ state: 'visible', timeout: 5_000 });
    assert.deepEqual(await frame.locator('#card .card-action').allTextContents(), ['Edit entity…', 'Annotate all occurrences…', 'Delete this mention…']);
  });
});

describe('e2e reader: live updates from disk', function () {
  this.timeout(180_000);
  let h: Harness | undefined;
  let frame: Frame;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  const file = (): string => join(harness().workspace, 'beijing-moscow-push-back.annotations.json');
  const firstVisible = () =>
    frame.evaluate(() => {
      const b = [...document.querySelectorAll<HTMLElement>('#article .block')].find((e) => e.getBoundingClientRect().bottom > 60);
      return b?.dataset.start;
    });

  before(async () => {
    // The workspace is a copy of media/articles: its annotation file is the researcher's to change.
    h = await startHarness({ name: 'e2e-reader-live', workspace: join(repoRoot(), 'media', 'articles') });
    await harness().runCommand('Marginalia: Open Annotated Reading…');
    const row = harness().page.locator('.quick-input-list .monaco-list-row', { hasText: 'beijing-moscow-push-back.annotations.json' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    frame = await harness().readerFrame();
    await waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0, 30_000, 'highlighted mentions');
  });
  after(async () => {
    await h?.close();
  });

  it('keeps the last good view with a located banner while the file is broken, then updates in place', async () => {
    const good = readFileSync(file(), 'utf8');
    const total = seed.mentions.length;
    await frame.locator('[data-entity-id="vassily-kashin"]:not([data-part])').first().scrollIntoViewIfNeeded();
    const top = await firstVisible();
    assert.ok(top);

    // Broken: cut the file in the middle of a mention.
    writeFileSync(file(), good.slice(0, Math.floor(good.length / 2)));
    const banner = frame.locator('#banner');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await banner.textContent()) ?? '', /Showing the last good version\..*beijing-moscow-push-back\.annotations\.json:\d+:\d+/);
    assert.equal(await frame.locator('#article [data-mention-id]:not([data-part])').count(), total, 'the last good view stays');
    await harness().screenshot('reader-broken-file');

    // Fixed, with Alan Chong's mentions removed: the banner goes, the reader redraws where the reader was.
    const data = JSON.parse(good) as SeedFile;
    data.mentions = data.mentions.filter((m) => m.entity !== 'alan-chong');
    writeFileSync(file(), JSON.stringify(data, null, 2) + '\n');
    await banner.waitFor({ state: 'hidden', timeout: 30_000 });
    await waitFor(
      async () => (await frame.locator('#article [data-mention-id]:not([data-part])').count()) === data.mentions.length,
      10_000,
      'the redrawn mentions',
    );
    assert.equal(await frame.locator('[data-entity-id="alan-chong"]').count(), 0);
    assert.equal(await firstVisible(), top, 'the scroll position is kept');
  });
});
