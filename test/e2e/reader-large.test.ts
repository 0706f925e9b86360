// A long article in the real reader: highlights are drawn around the reading position first and the rest later,
// and nothing that looks for a mention has to wait for that: revealing the last entity right after the article is
// drawn scrolls to it and opens its card, and in the end every mention is drawn, each once.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { startHarness, waitFor, type Harness } from './harness';

const PARAGRAPHS = 900;
const FILLER = 'The committee met again on Tuesday to discuss the budget, the schedule and the open questions of the inquiry. ';

/** ~450 KB: "Ada Quill" once per paragraph, "Zed Omega" only in the last one. */
function largeWorkspace(): { dir: string; mentions: number } {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-large-'));
  const lines = ['A long hearing, in many paragraphs', ''];
  const mentions: { id: string; entity: string; selector: object[] }[] = [];
  let offset = lines.join('\n').length + 1;
  for (let i = 0; i < PARAGRAPHS; i++) {
    const last = i === PARAGRAPHS - 1;
    const para = `${FILLER.repeat(4)}Ada Quill said so in paragraph ${i + 1}.${last ? ' Zed Omega disagreed.' : ''}`;
    const add = (id: string, entity: string, name: string) => {
      const start = offset + para.indexOf(name);
      mentions.push({
        id,
        entity,
        selector: [
          { type: 'TextQuoteSelector', exact: name },
          { type: 'TextPositionSelector', start, end: start + name.length },
        ],
      });
    };
    add(`m${i}`, 'ada-quill', 'Ada Quill');
    if (last) add('m-zed', 'zed-omega', 'Zed Omega');
    lines.push(para, '');
    offset += para.length + 2;
  }
  writeFileSync(join(dir, 'large.txt'), lines.join('\n'));
  const file = {
    marginalia: 1,
    article: { path: 'large.txt', title: 'A long hearing' },
    types: [{ id: 'person', label: 'Person', color: '#1f77b4', cue: 'solid' }],
    entities: [
      { id: 'ada-quill', type: 'person', name: 'Ada Quill' },
      { id: 'zed-omega', type: 'person', name: 'Zed Omega' },
    ],
    mentions,
    claims: [],
  };
  writeFileSync(join(dir, 'large.annotations.json'), JSON.stringify(file, null, 1));
  return { dir, mentions: mentions.length };
}

describe('e2e reader: a long article', function () {
  this.timeout(180_000);
  let h: Harness | undefined;
  let frame: Frame;
  const workspace = largeWorkspace();
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };

  before(async () => {
    h = await startHarness({ name: 'e2e-reader-large', workspace: workspace.dir });
  });
  after(async () => {
    await h?.close();
    rmSync(workspace.dir, { recursive: true, force: true });
  });

  it('reveals the last entity right after the article is drawn, then draws every mention', async () => {
    await harness().runCommand('Marginalia: Open Annotated Reading…');
    const row = harness().page.locator('.quick-input-list .monaco-list-row', { hasText: 'large.annotations.json' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    frame = await harness().readerFrame();
    await waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) > 0, 30_000, 'the first highlights');
    // The file changes on disk, so the host sends the article again; right after the reader has drawn it (in the
    // same task, before any later frame), ask for the last entity as the host would.
    await frame.evaluate(() => {
      const w = window as unknown as { seen?: { drawn: number; blocks: number } };
      window.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
        if (e.data?.type !== 'update' || w.seen) return;
        const article = document.getElementById('article') as HTMLElement;
        w.seen = { drawn: article.querySelectorAll('[data-mention-id]:not([data-part])').length, blocks: article.querySelectorAll('.block').length };
        // Dispatched like the host's message (VS Code's frame script keeps the page's own postMessage from the reader).
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'reveal', target: { kind: 'entity', id: 'zed-omega' }, openCard: true } }));
      });
    });
    const file = join(harness().workspace, 'large.annotations.json');
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2));
    const atFirstPaint = await waitFor(
      () => frame.evaluate(() => (window as unknown as { seen?: { drawn: number; blocks: number } }).seen),
      30_000,
      'the redrawn article',
    );
    assert.equal(atFirstPaint.blocks, PARAGRAPHS + 1, 'every block is laid out at once (as text)');
    assert.ok(atFirstPaint.drawn > 0 && atFirstPaint.drawn < workspace.mentions, `only the first screens are highlighted at first (${atFirstPaint.drawn})`);
    const card = frame.locator('#card');
    await waitFor(async () => (await card.isVisible()) && (await frame.locator('#card-title').textContent()) === 'Zed Omega', 10_000, "Zed Omega's card");
    const zed = frame.locator('[data-mention-id="m-zed"]');
    assert.equal(await zed.textContent(), 'Zed Omega');
    assert.equal(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.mentionId), 'm-zed');
    const onScreen = await zed.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.ok(onScreen, 'the mention is scrolled into view');

    await waitFor(
      async () => (await frame.locator('#article [data-mention-id]:not([data-part])').count()) === workspace.mentions,
      30_000,
      'every mention drawn',
    );
    // Drawn once each, and the text is the article's, unchanged by the highlights.
    const ids = await frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('#article [data-mention-id]')].map((e) => e.dataset.mentionId));
    assert.equal(new Set(ids).size, ids.length);
    const last = await frame.evaluate(() => document.querySelector('#article .block:last-child')?.textContent ?? '');
    assert.match(last, /Ada Quill said so in paragraph 900\. Zed Omega disagreed\.$/);
    await harness().screenshot('reader-large-revealed');
  });
});
