// Reviewing suggestions in the real reader, with the keys, as a person does: Suggest Annotations from the palette
// on an article with an empty annotation file (written by `marginalia new`), ghost highlights and the review bar
// in the reader, then a (accept), x (reject), space (skip) and backspace (undo) — each checked in the file on disk
// and in what the reader shows. Screenshots: test-results/screenshots/e2e-suggestions-*.png.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot, startHarness, waitFor, type Harness } from './harness';

const ARTICLE = 'nile-dam-talks.txt';
const FILE = 'nile-dam-talks.annotations.json';

interface OnDisk {
  mentions: unknown[];
  claims: unknown[];
  rejectedSuggestions?: { kind: string; label?: string }[];
}

/** A workspace holding one wire story and the empty annotation file `marginalia new` writes for it. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-suggest-'));
  cpSync(join(repoRoot(), 'test', 'fixtures', 'suggest', ARTICLE), join(dir, ARTICLE));
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'new', '--root', dir, join(dir, ARTICLE)], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

/** What the reader shows of the review: ghost and current highlight counts, the bar's text. */
function reviewState(): { ghosts: number; current: number; bar: string | null } {
  const highlights = (CSS as unknown as { highlights?: Map<string, { size: number }> }).highlights;
  const bar = document.getElementById('review');
  return {
    ghosts: highlights?.get('marginalia-suggestion')?.size ?? 0,
    current: highlights?.get('marginalia-suggestion-current')?.size ?? 0,
    bar: bar && !bar.hidden ? bar.textContent : null,
  };
}

describe('e2e: reviewing suggestions in the reader', function () {
  this.timeout(240_000);
  let h: Harness | undefined;
  let frame: Frame;
  const harness = (): Harness => {
    if (!h) throw new Error('the harness did not start');
    return h;
  };
  const onDisk = (): OnDisk => JSON.parse(readFileSync(join(harness().workspace, FILE), 'utf8')) as OnDisk;
  const state = () => frame.evaluate(reviewState);
  /** Presses `key` where the focus is (the reader) and waits until the bar shows another suggestion or position. */
  async function press(key: string): Promise<void> {
    const before = (await state()).bar;
    await harness().page.keyboard.press(key);
    await waitFor(async () => (await state()).bar !== before, 20_000, `the review bar to move on after ${key}`);
  }

  before(async () => {
    h = await startHarness({ name: 'e2e-suggestions', workspace: workspace() });
    await harness().runCommand('Marginalia: Open Annotated Reading…');
    const row = harness().page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    frame = await harness().readerFrame();
    await waitFor(async () => ((await frame.locator('#article').textContent({ timeout: 1000 })) ?? '').includes('Nile'), 30_000, 'the article in the reader');
  });
  after(async () => {
    await h?.close();
  });

  it('Suggest Annotations lays ghost highlights and a review bar over the reader', async () => {
    await harness().runCommand('Marginalia: Suggest Annotations');
    const shown = await waitFor(
      async () => {
        const s = await state();
        return s.ghosts > 20 && s.current === 1 && s.bar ? s : undefined;
      },
      60_000,
      'ghost highlights and the review bar',
    );
    assert.match(shown.bar ?? '', /^1 of \d+/, shown.bar ?? '');
    assert.match(shown.bar ?? '', /accept.*reject.*skip.*undo.*edit/);
    // Nothing is written until a decision is made.
    assert.deepEqual([onDisk().mentions.length, onDisk().claims.length], [0, 0]);
    await harness().screenshot('e2e-suggestions-ghosts');
  });

  it('a accepts into the file and moves on; x rejects and remembers; space skips; backspace undoes', async () => {
    // The palette had the focus: a click on the review bar (not on a suggestion) gives it back to the reader.
    await frame.locator('#review').click({ position: { x: 4, y: 4 } });
    const first = (await state()).bar;
    await press('a');
    await waitFor(() => onDisk().mentions.length + onDisk().claims.length === 1, 20_000, 'the accepted suggestion in the file');
    const accepted = await waitFor(
      async () => (await frame.locator('#article [data-mention-id], #article .claim-marker').count()) > 0,
      20_000,
      'the accepted one drawn as an annotation',
    );
    assert.ok(accepted);
    assert.notEqual((await state()).bar, first);

    await press('x');
    await waitFor(() => (onDisk().rejectedSuggestions ?? []).length === 1, 20_000, 'the rejection in the file');
    assert.equal(onDisk().mentions.length + onDisk().claims.length, 1, 'a rejection adds no annotation');

    const beforeSkip = onDisk();
    await press(' ');
    assert.deepEqual(onDisk(), beforeSkip, 'a skip writes nothing');
    await harness().screenshot('e2e-suggestions-after-keys');

    // Backspace takes back the skip, then the rejection (the file's rejectedSuggestions empty again).
    await press('Backspace');
    await press('Backspace');
    await waitFor(() => (onDisk().rejectedSuggestions ?? []).length === 0, 20_000, 'the rejection undone');
    assert.equal(onDisk().mentions.length + onDisk().claims.length, 1, 'the acceptance stays');
  });
});
