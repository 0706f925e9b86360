// The reader in a small window (800×600, the side bar open): the legend folds to one line and keeps the user's
// choice across a reload; a card is never wider than the text column and never covers the name it explains nor the
// names on the next line; leaving a name sideways (toward another name) closes its card at once; a card restored
// after a reload is placed again beside its name. And a broken file's banner opens the file at its error.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot, startHarness, waitFor, type Harness } from './harness';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** In the frame: the card, the text column, the mention and the mentions on the line below it, as boxes. */
function layout(mentionId: string) {
  const box = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const m = document.querySelector<HTMLElement>(`[data-mention-id="${mentionId}"]:not([data-part])`) as HTMLElement;
  const rects = [...m.getClientRects()];
  const last = rects[rects.length - 1] as DOMRect;
  const line = parseFloat(getComputedStyle(m).lineHeight);
  const below = [...document.querySelectorAll<HTMLElement>('#article [data-mention-id]')]
    .flatMap((e) => [...e.getClientRects()])
    .filter((r) => r.top >= last.bottom - 2 && r.top < last.bottom + line - 2)
    .map(box);
  return {
    card: box((document.getElementById('card') as HTMLElement).getBoundingClientRect()),
    column: box((document.getElementById('article') as HTMLElement).getBoundingClientRect()),
    mention: rects.map(box),
    below,
    header: (document.getElementById('chrome') as HTMLElement).getBoundingClientRect().bottom,
  };
}

function checkPlacement(l: ReturnType<typeof layout>, what: string): void {
  assert.ok(l.card.width <= l.column.width + 0.5, `${what}: the card (${l.card.width}px) is not wider than the column (${l.column.width}px)`);
  assert.ok(l.card.x >= l.column.x - 0.5 && l.card.x + l.card.width <= l.column.x + l.column.width + 0.5, `${what}: the card is inside the column`);
  for (const r of l.mention) assert.ok(!overlaps(l.card, r), `${what}: the card does not cover the name`);
  for (const r of l.below) assert.ok(!overlaps(l.card, r), `${what}: the card does not cover a name on the next line`);
  assert.ok(l.card.y >= l.header - 0.5, `${what}: the card is below the legend`);
}

describe('e2e reader: a small window', function () {
  this.timeout(240_000);
  let h: Harness | undefined;
  let frame: Frame;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  const file = (): string => join(harness().workspace, 'beijing-moscow-push-back.annotations.json');
  const loaded = () => waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0, 30_000, 'highlighted mentions');
  async function reload(): Promise<void> {
    await harness().runCommand('Developer: Reload Window');
    await harness().page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    frame = await harness().readerFrame(60_000);
    await loaded();
  }

  before(async () => {
    h = await startHarness({
      name: 'e2e-reader-narrow',
      theme: 'Default Light Modern',
      viewport: { width: 800, height: 600 },
      workspace: join(repoRoot(), 'media', 'articles'),
    });
    await harness().runCommand('Marginalia: Open Annotated Reading…');
    const row = harness().page.locator('.quick-input-list .monaco-list-row', { hasText: 'beijing-moscow-push-back.annotations.json' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    frame = await harness().readerFrame();
    await loaded();
  });
  after(async () => {
    await h?.close();
  });

  it('folds the legend to at most a fifth of the reader, and keeps the choice to unfold it across a reload', async () => {
    const share = () => frame.evaluate(() => (document.getElementById('legend') as HTMLElement).getBoundingClientRect().height / window.innerHeight);
    const toggle = frame.locator('#legend .legend-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'folded: unfolded it would take more than a fifth');
    assert.ok((await share()) <= 0.2, `the folded legend takes ${await share()}`);
    await harness().screenshot('reader-narrow-legend-folded');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.ok((await share()) <= 0.2 + 0.01, `the unfolded legend still takes at most a fifth (${await share()}), scrolling inside`);
    await harness().screenshot('reader-narrow-legend-unfolded');
    await reload();
    assert.equal(await frame.locator('#legend .legend-toggle').getAttribute('aria-expanded'), 'true', 'the choice survives the reload');
    await frame.locator('#legend .legend-toggle').click();
    assert.equal(await frame.locator('#legend .legend-toggle').getAttribute('aria-expanded'), 'false');
  });

  it('places cards inside the column, off the name and off the next line, for every name on screen', async () => {
    const ids = await frame.evaluate(() => {
      const header = (document.getElementById('chrome') as HTMLElement).getBoundingClientRect().bottom;
      const chong = document.querySelector<HTMLElement>('[data-entity-id="alan-chong"]:not([data-part])') as HTMLElement;
      chong.scrollIntoView({ block: 'center' });
      return [...document.querySelectorAll<HTMLElement>('#article [data-mention-id]:not([data-part])')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.top > header && r.bottom < window.innerHeight;
        })
        .map((e) => e.dataset.mentionId as string);
    });
    assert.ok(ids.length >= 5, `names on screen: ${ids.length}`);
    for (const id of ids) {
      await harness().page.mouse.move(2, 2);
      await frame.locator(`[data-mention-id="${id}"]:not([data-part])`).hover();
      await waitFor(
        async () => (await frame.locator('#card').isVisible()) && (await frame.locator('#card').getAttribute('data-kind')) === 'entity',
        5_000,
        `the card of ${id}`,
      );
      checkPlacement(await frame.evaluate(layout, id), id);
      if (id.includes('chong')) await harness().screenshot('reader-narrow-card');
    }
  });

  it('closes a card at once when the pointer leaves its name sideways', async () => {
    const chong = frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first();
    await harness().page.mouse.move(2, 2);
    await chong.hover();
    const card = frame.locator('#card');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    const frameBox = await (await frame.frameElement()).boundingBox();
    const box = await chong.boundingBox();
    assert.ok(frameBox && box);
    // Along the line, away from the card: no grace period, the card is gone as soon as the pointer is off the name.
    await harness().page.mouse.move(box.x - 4, box.y + box.height / 2);
    assert.equal(await card.isHidden(), true);
  });

  it('places a card restored after a reload beside its name, once the layout has settled', async () => {
    await harness().page.mouse.move(2, 2);
    const chong = frame.locator('[data-entity-id="alan-chong"]:not([data-part])').first();
    await chong.scrollIntoViewIfNeeded();
    await chong.hover();
    await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
    const id = (await chong.getAttribute('data-mention-id')) as string;
    await reload();
    await waitFor(
      async () => (await frame.locator('#card').isVisible()) && (await frame.locator('#card-title').textContent()) === 'Alan Chong',
      10_000,
      'the restored card',
    );
    // Settled: the same layout two polls in a row.
    let last = '';
    const l = await waitFor(
      async () => {
        const now = await frame.evaluate(layout, id);
        const key = JSON.stringify(now);
        const same = key === last;
        last = key;
        return same ? now : undefined;
      },
      10_000,
      'the layout to settle',
    );
    checkPlacement(l, 'restored');
    await harness().screenshot('reader-narrow-restored');
  });

  it('opens the annotation file at its first error from the banner, by keyboard', async () => {
    const good = readFileSync(file(), 'utf8');
    // A mention with an unknown entity: the file parses, the error has a line.
    const data = JSON.parse(good) as { mentions: { entity: string }[] };
    (data.mentions[3] as { entity: string }).entity = 'nobody-at-all';
    const text = JSON.stringify(data, null, 2) + '\n';
    writeFileSync(file(), text);
    const banner = frame.locator('#banner');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    const location = (await frame.locator('#banner .banner-location').textContent()) ?? '';
    const [, line, column] = /:(\d+):(\d+)$/.exec(location) ?? [];
    assert.ok(line && column, location);
    assert.match(text.split('\n')[Number(line) - 1] ?? '', /nobody-at-all/);
    await harness().screenshot('reader-narrow-banner');
    await frame.locator('#banner .banner-location').focus();
    await harness().page.keyboard.press('Enter');
    // The file opens beside the reader, its cursor at the error.
    const status = harness().page.locator('.statusbar-item[id="status.editor.selection"]');
    await waitFor(async () => ((await status.textContent()) ?? '').includes(`Ln ${line}, Col ${column}`), 20_000, `the cursor at ${line}:${column}`);
    await waitFor(
      async () => (await harness().page.locator('.tab', { hasText: 'beijing-moscow-push-back.annotations.json' }).count()) > 0,
      10_000,
      'the file open',
    );
    writeFileSync(file(), good);
  });
});
