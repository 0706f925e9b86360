// The Claims view in the real workbench: click a claim row in the side bar and the reader scrolls to that claim;
// the article as text with its decorations and grammar in dark and light themes; and `npm start`'s setting
// (marginalia.openOnStartup) shows the Marginalia side bar beside the reader.
import { startHarness, waitFor, type Harness } from './harness';

const headline = 'Beijing and Moscow push back against democracies';
/** The last claim of the article, far below the first screen. */
const claim = { id: 'c-lo-classic-great-power', summary: 'It is a classic great power relationship' };

async function showMarginaliaSideBar(h: Harness): Promise<void> {
  const item = h.page.locator('.part.activitybar .action-item a[aria-label^="Marginalia"], .part.activitybar .action-item[aria-label^="Marginalia"]').first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  const claims = h.page.locator('.pane-header[aria-label^="Claims"]');
  if (!(await claims.isVisible())) await item.click();
  await claims.waitFor({ state: 'visible', timeout: 10_000 });
}

function claimRow(h: Harness, text: string) {
  return h.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
}

describe('e2e: Claims view', () => {
  let h: Harness | undefined;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  before(async () => {
    h = await startHarness({ name: 'e2e-claims-view' });
  });
  after(async () => {
    await h?.close();
  });

  it('clicking a claim in the Claims view scrolls the reader to it', async () => {
    // No reading yet: the Claims view welcomes with a button that opens the bundled article.
    await showMarginaliaSideBar(harness());
    const welcome = harness().page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Open the Bundled Article' }).first();
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    await harness().screenshot('e2e-claims-view-welcome');
    await welcome.click();
    const frame = await harness().readerFrame();
    await waitFor(
      async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes(headline),
      30_000,
      'the headline in the reader',
    );
    await claimRow(harness(), 'Alan Chong').waitFor({ state: 'visible', timeout: 30_000 });
    const marker = frame.locator(`.claim-marker[data-claim-id="${claim.id}"]`);
    const inView = async (): Promise<boolean> =>
      marker.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    if (await inView()) throw new Error('the claim is already on screen; the test needs one below the fold');
    // The filter narrows the tree to the claim, as a reader looking for it would.
    await harness().runCommand('Marginalia: Filter Claims…');
    const input = harness().page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('classic great power');
    await harness().page.keyboard.press('Enter');
    const row = claimRow(harness(), claim.summary);
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    await waitFor(inView, 10_000, 'the claim scrolled into the reader');
    await harness().screenshot('e2e-claims-view-click');
  });

  it('Alt+] in the reader moves the focus to the next mention (the keybinding reaches the reader)', async () => {
    const frame = await harness().readerFrame();
    const focused = (): Promise<string | null> => frame.evaluate(() => document.activeElement?.getAttribute('data-mention-id') ?? null);
    // A plain click on text puts the keyboard focus in the reader without focusing a mention.
    await frame.locator('#article h2').first().click();
    const before = await focused();
    await harness().page.keyboard.press('Alt+BracketRight');
    const after = await waitFor(
      async () => {
        const now = await focused();
        return now && now !== before ? now : undefined;
      },
      10_000,
      'a mention focused after Alt+]',
    );
    await harness().page.keyboard.press('Alt+BracketRight');
    await waitFor(
      async () => {
        const now = await focused();
        return now && now !== after;
      },
      10_000,
      'the next mention focused after a second Alt+]',
    );
  });

  it('shows the article as text with decorations and the grammar, in dark and light', async () => {
    await harness().runCommand('Marginalia: Open Article as Text');
    const editor = harness().page.locator('.monaco-editor .view-lines');
    try {
      await waitFor(
        async () => (await editor.allTextContents()).some((t) => t.replace(/\u00a0/g, ' ').includes('Beijing and Moscow')),
        20_000,
        'the article in a text editor',
      );
    } catch (e) {
      await harness().screenshot('e2e-article-as-text-failed');
      throw e;
    }
    // Alt+] from the top selects the next mention ("Moscow"): the status bar counts the selected characters.
    const page = harness().page;
    const cursor = async (): Promise<string> =>
      (await page
        .locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ })
        .first()
        .textContent({ timeout: 1000 })) ?? '';
    // Click into the editor that shows the article (not whichever editor was laid out last), and wait until the
    // workbench reports its cursor: only then is it the active text editor that the keybinding's context names.
    await page.locator('.part.editor .monaco-editor', { hasText: 'Beijing and Moscow' }).first().locator('.view-lines').click();
    await waitFor(async () => /Ln \d+, Col \d+/.test(await cursor()), 10_000, 'the cursor of the article editor in the status bar');
    await page.keyboard.press('Control+Home');
    await waitFor(async () => /Ln 1, Col 1\b/.test(await cursor()), 10_000, 'the cursor at the top of the article');
    // The keybinding needs marginalia.isArticle, which the extension sets when the editor becomes active; a press
    // that arrives first does nothing, so press again only while the cursor has not moved (never twice past it).
    let pressedAt = 0;
    try {
      await waitFor(
        async () => {
          const text = await cursor();
          if (/\(6 selected\)/.test(text)) return true;
          if (/Ln 1, Col 1\b/.test(text) && !/selected/.test(text) && Date.now() - pressedAt > 2000) {
            pressedAt = Date.now();
            await page.keyboard.press('Alt+BracketRight');
          }
          return false;
        },
        20_000,
        '"Moscow" selected after Alt+] in the editor',
      );
    } catch (e) {
      await harness().screenshot('e2e-article-as-text-alt-failed');
      throw e;
    }
    // The editor's own hover command on the selection: the same card as in the reader.
    await harness().runCommand('Show or Focus Hover');
    try {
      await page.locator('.monaco-hover', { hasText: 'Country or place' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    } catch (e) {
      await harness().screenshot('e2e-article-as-text-hover-failed');
      throw e;
    }
    await harness().screenshot('e2e-article-as-text-hover');
    await page.keyboard.press('Escape');
    await harness().setTheme('Default Dark Modern');
    await harness().screenshot('e2e-article-as-text-dark');
    await harness().setTheme('Default Light Modern');
    await harness().screenshot('e2e-article-as-text-light');
  });
});

describe('e2e: npm start (marginalia.openOnStartup)', () => {
  let h: Harness | undefined;
  after(async () => {
    await h?.close();
  });

  it('opens the reader with the Claims view in the side bar', async () => {
    h = await startHarness({ name: 'e2e-start-sidebar', settings: { 'marginalia.openOnStartup': true } });
    const frame = await h.readerFrame(60_000);
    await waitFor(async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes(headline), 30_000, 'the reader on startup');
    const harness = h;
    await waitFor(() => harness.page.locator('.pane-header[aria-label^="Claims"]').isVisible(), 30_000, 'the Claims view in the side bar');
    await waitFor(() => claimRow(harness, 'Alan Chong').isVisible(), 30_000, 'the Alan Chong group in the Claims view');
    await h.screenshot('e2e-start-sidebar');
  });
});
