// What a new user meets, as they meet it: in a session like `npm start`'s a refusal shows as a toast with the
// way out on a button; a new Markdown article becomes a reading, is annotated, and its claim is in the Claims
// view; a saved web page is imported and read.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, selectInArticle, startHarness, waitFor, type Harness } from './harness';

/** A workspace with a plain article, a Markdown article and a saved page, none of them annotated yet. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-new-'));
  const fixtures = join(repoRoot(), 'test', 'fixtures');
  cpSync(join(fixtures, 'markdown', 'field-report.md'), join(dir, 'field-report.md'));
  cpSync(join(fixtures, 'pages', 'harbour-gazette.html'), join(dir, 'harbour-gazette.html'));
  writeFileSync(join(dir, 'notes.txt'), 'Talks resume in Geneva\n\nAna Ortiz said on Monday that the talks would resume in Geneva next week.\n');
  return dir;
}

describe('e2e: a session like npm start shows notifications', function () {
  this.timeout(240_000);
  let h: Harness | undefined;
  before(async () => {
    h = await startHarness({ name: 'e2e-toasts', workspace: workspace(), testDriver: false });
  });
  after(async () => {
    await h?.close();
  });

  it('annotating an article without an annotation file: a toast that says why, with New Annotated Reading… on it', async () => {
    const harness = h;
    assert.ok(harness);
    await harness.openFile('notes.txt');
    await harness.page.locator('.monaco-editor .view-lines').first().click();
    await harness.page.keyboard.press('Control+A');
    await harness.runCommand('Marginalia: Annotate as Mention of…');
    const toast = harness.page.locator('.notifications-toasts .notification-toast', { hasText: 'notes.txt has no annotation file yet' }).first();
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await harness.screenshot('e2e-new-reading-toast');
    await toast.locator('.monaco-button', { hasText: 'New Annotated Reading…' }).first().click();
    const frame = await harness.readerFrame(60_000);
    await waitFor(
      async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes('Talks resume in Geneva'),
      30_000,
      'the new reading in the reader',
    );
    assert.ok(existsSync(join(harness.workspace, 'notes.annotations.json')));
  });
});

describe('e2e: your own articles, end to end', function () {
  this.timeout(300_000);
  let h: Harness | undefined;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  before(async () => {
    h = await startHarness({ name: 'e2e-new-reading', workspace: workspace() });
  });
  after(async () => {
    await h?.close();
  });

  it('a new Markdown article → the reader → a mention and a claim → the Claims view', async () => {
    await harness().openFile('field-report.md');
    await harness().runCommand('Marginalia: New Annotated Reading…');
    const frame = await harness().readerFrame(60_000);
    const article = frame.locator('#article');
    await waitFor(async () => ((await article.textContent({ timeout: 1000 })) ?? '').includes('Harbour towns brace'), 30_000, 'the article in the reader');
    await harness().screenshot('e2e-new-reading-markdown');

    assert.equal((await frame.evaluate(selectInArticle, 'Margaret Osei')).text, 'Margaret Osei');
    await harness().runCommand('Marginalia: Annotate as Mention of…');
    await harness().answer(/as a mention of/, 'New entity', 'New entity');
    await harness().answer(/name/, 'Margaret Osei');
    await harness().answer(/type/, 'Official', 'Official');
    await harness().answer(/role/, 'chief engineer');
    const file = join(harness().workspace, 'field-report.annotations.json');
    await waitFor(() => (JSON.parse(readFileSync(file, 'utf8')) as { mentions: unknown[] }).mentions.length === 1, 20_000, 'the mention in the file');

    const quote = 'the design met every standard in force at the time';
    assert.equal((await frame.evaluate(selectInArticle, quote)).text, quote);
    await harness().runCommand('Marginalia: Add Claim…');
    await harness().answer(/who said it/, 'Margaret Osei', 'Margaret Osei');
    await harness().answer(/outlet or venue/, 'No outlet', 'No outlet or venue');
    await harness().answer(/how is it attributed/, 'Reported statement', 'Reported statement');
    await harness().answer(/attribution cue/, 'told');
    await harness().answer(/what is claimed/, 'The sea wall met the standards of its day.');
    await waitFor(() => (JSON.parse(readFileSync(file, 'utf8')) as { claims: unknown[] }).claims.length === 1, 20_000, 'the claim in the file');

    const page = harness().page;
    const claimsHeader = page.locator('.pane-header[aria-label^="Claims"]');
    if (!(await claimsHeader.isVisible()))
      await page
        .locator('.part.activitybar .action-item a[aria-label^="Marginalia"], .part.activitybar .action-item[aria-label^="Marginalia"]')
        .first()
        .click();
    await page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'The sea wall met the standards of its day.' })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await harness().screenshot('e2e-new-reading-claims-view');
  });

  it('a saved web page, imported → the reader', async () => {
    await harness().openFile('harbour-gazette.html');
    await harness().runCommand('Marginalia: Import Web Page as Article…');
    const frame = await harness().readerFrame(60_000);
    await waitFor(
      async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes('Flood defences built after 2019'),
      30_000,
      'the imported page in the reader',
    );
    const text = (await frame.locator('#article').textContent()) ?? '';
    for (const junk of ['Subscribe from', 'Share on', 'Most read', 'cookies']) assert.ok(!text.includes(junk), junk);
    assert.ok(existsSync(join(harness().workspace, 'harbour-gazette.md')));
    await harness().screenshot('e2e-new-reading-page');
  });
});
