// A hostile annotation file (script tags, event-handler attributes, javascript:/data:/command: links, Markdown command
// links and bidi controls in every text field) renders inert in the real reader: no script runs, no request leaves
// this machine, the strings show as text, and the file's problems are reported with their location.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot, startHarness, waitFor, type Harness } from './harness';

describe('e2e hostile annotation file', function () {
  this.timeout(180_000);
  let h: Harness | undefined;
  let frame: Frame;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const fromServiceWorker = new Set<string>();
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };

  before(async () => {
    h = await startHarness({ name: 'e2e-hostile', workspace: join(repoRoot(), 'test', 'fixtures', 'hostile') });
    harness().page.on('request', (r) => requests.push(r.url()));
    // Webview resources have https://*.vscode-resource.vscode-cdn.net URLs that VS Code's service worker answers
    // locally; record which responses came from it, so the test can tell them from real network requests.
    harness().page.on('response', (r) => {
      if (r.fromServiceWorker()) fromServiceWorker.add(r.url());
    });
    harness().page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await harness().runCommand('Marginalia: Open Annotated Reading…');
    const page = harness().page;
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'hostile.annotations.json' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    frame = await harness().readerFrame();
    await waitFor(async () => (await frame.locator('#article[aria-busy="false"] [data-mention-id]').count()) === 4, 30_000, 'the four mentions');
  });
  after(async () => {
    await h?.close();
  });

  async function pwned(): Promise<unknown[]> {
    const inFrame = await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    const inPage = await harness().page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    return [inFrame, inPage].filter((v) => v !== undefined);
  }

  it('opens every card and runs nothing', async () => {
    const targets = frame.locator('#article [data-mention-id]:not([data-part]), #article .claim-marker');
    const n = await targets.count();
    assert.equal(n, 6);
    let clicked = 0;
    let missed = 0;
    for (let i = 0; i < n; i++) {
      await harness().page.mouse.move(2, 2);
      await targets.nth(i).hover();
      await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
      // Every button in the card (affiliations, claims, chain links, "next mention") gets clicked too. External
      // links are left alone (clicking one is a person's decision to leave; the host opens only http(s)), and so
      // are the editing actions, which change the file (tested in annotate.test.ts).
      // A click may open another card in place of this one, so a later button can be gone: that is counted as
      // missed, and at least one click per run must land.
      const buttons = frame.locator('#card button:not(.card-links button):not(.card-action)');
      for (let b = 0; b < (await buttons.count()); b++)
        await buttons
          .nth(b)
          .click({ timeout: 2_000 })
          .then(
            () => clicked++,
            () => missed++,
          );
      await harness().page.keyboard.press('Escape');
    }
    await harness().screenshot('hostile-card');
    assert.ok(clicked > 0, `no card button could be clicked (${missed} missed)`);
    assert.deepEqual(await pwned(), []);
    assert.deepEqual(dialogs, []);
  });

  it('shows the hostile strings as text, never as markup', async () => {
    const dom = await frame.evaluate(() => ({
      // VS Code injects its own script into the webview; none may carry anything from the file.
      scripts: [...document.querySelectorAll('script')].filter((e) => /pwned|evil/.test(e.outerHTML)).length,
      ours: [...document.querySelectorAll('script[src]')].filter((e) => (e as HTMLScriptElement).src.endsWith('/dist/webview/reader.js')).length,
      imgs:
        document.querySelectorAll('img, iframe, object, embed, link[href*="evil"]').length +
        [...document.querySelectorAll('style')].filter((e) => /evil/.test(e.textContent ?? '')).length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      anchors: document.querySelectorAll('a[href]').length,
      legend: document.getElementById('legend')?.textContent ?? '',
      title: document.title,
    }));
    assert.equal(dom.scripts, 0, 'no script from the file');
    assert.equal(dom.ours, 1, 'the reader bundle');
    assert.equal(dom.imgs, 0);
    assert.equal(dom.handlers, 0);
    assert.equal(dom.anchors, 0, 'links are buttons that ask the host');
    assert.match(dom.legend, /Person <img src=x onerror=/, 'the type label shows literally');
    assert.match(dom.legend, /Outlet ⟨U\+202E⟩gnp\.exe⟨U\+202C⟩/, 'bidi controls are shown, not obeyed');
    assert.match(dom.title, /<script>/);
    // The entity card shows its name and description as typed.
    await harness().page.mouse.move(2, 2);
    await frame.locator('[data-entity-id="alice"]:not([data-part])').first().hover();
    await frame.locator('#card').waitFor({ state: 'visible', timeout: 5_000 });
    const title = (await frame.locator('#card-title').textContent()) ?? '';
    assert.equal(title, 'Alice <script>window.__pwned="script"</script>');
    const links = await frame.locator('#card .card-links button').allTextContents();
    assert.equal(links.length, 1, `only the https link is offered: ${JSON.stringify(links)}`);
    await harness().page.keyboard.press('Escape');
  });

  it('reports the file problems in a banner with their location', async () => {
    const banner = frame.locator('#banner');
    await banner.waitFor({ state: 'visible', timeout: 5_000 });
    const text = (await banner.textContent()) ?? '';
    assert.match(text, /not http\(s\)/);
    assert.match(text, /hostile\.annotations\.json:\d+:\d+/);
  });

  it('sends no request off this machine', () => {
    const offMachine = requests.filter((u) => {
      if (/^(data|blob|vscode-webview|vscode-file):/.test(u)) return false;
      if (/^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//.test(u)) return !fromServiceWorker.has(u);
      try {
        return new URL(u).hostname !== '127.0.0.1';
      } catch {
        return true;
      }
    });
    assert.deepEqual(offMachine, []);
    assert.ok(!requests.some((u) => u.includes('evil.example')));
  });
});
