// End-to-end harness: a real VS Code (code-server) with this repository's extension loaded in
// development mode, a workspace folder, and headless Chromium on the workbench. Helpers drive it
// the way a person does: the command palette, the reader webview, screenshots.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Frame, Page } from 'playwright-core';

/** The repository root: the nearest folder upwards from the working directory with our package.json. */
export function repoRoot(): string {
  if (process.env.MARGINALIA_REPO) return process.env.MARGINALIA_REPO;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'marginalia') return dir;
    if (dirname(dir) === dir) throw new Error('run from inside the marginalia repository (or set MARGINALIA_REPO)');
  }
}

/** The part of scripts/vscode-session.mjs used here. */
interface SessionLib {
  startSession(options: {
    name?: string;
    folder?: string;
    extensionDevelopmentPath?: string;
    settings?: Record<string, unknown>;
    viewport?: { width: number; height: number };
    logDir?: string;
    onLog?: (level: string, message: string) => void;
    testDriver?: boolean;
    extensionsDir?: string;
  }): Promise<{
    server: { dirs: { userData: string }; startupSeconds: number; port: number; origin: string };
    context: BrowserContext;
    page: Page;
    url: string;
    close(): Promise<void>;
  }>;
}

export interface HarnessOptions {
  /** Names the temp folders and logs. */
  name?: string;
  /**
   * `workbench.colorTheme` id or picker label, e.g. 'Default Light Modern', 'Default Dark Modern',
   * 'Default High Contrast'; applied through the theme picker once the workbench is up.
   */
  theme?: string;
  /** More user settings. */
  settings?: Record<string, unknown>;
  /** Folder copied to a temp workspace (default: test/fixtures/workspace, else media/articles). */
  workspace?: string;
  viewport?: { width: number; height: number };
  /**
   * The workbench's smoke-test driver (default on). Off, the session is what `npm start` gives people:
   * notification toasts are shown, and no extension-host log lines reach `log`.
   */
  testDriver?: boolean;
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  /** The temp copy of the workspace folder. */
  workspace: string;
  /** Seconds from start until the workbench was on screen with the extension's contributions registered. */
  startupSeconds: number;
  /** Extension-host and workbench log lines seen so far. */
  log: string[];
  /** Runs a command from the palette by its full title; resolves with the time of the click (ms). */
  runCommand(title: string): Promise<number>;
  /**
   * Answers the open quick input: waits for a title matching `title`, types `text`, waits for a row holding `row`
   * (pick lists) and presses Enter.
   */
  answer(title: RegExp, text: string, row?: string): Promise<void>;
  /** Opens a workspace file by name with Quick Open and waits for its tab. */
  openFile(name: string): Promise<void>;
  readerFrame(timeoutMs?: number): Promise<Frame>;
  screenshot(name: string): Promise<string>;
  setSettings(settings: Record<string, unknown>): Promise<void>;
  setTheme(theme: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Polls `cond` until it returns a truthy value (returned) or `timeoutMs` passes (throws with
 * `what` and the last error). For asynchronous UI: never sleep a fixed time.
 */
export async function waitFor<T>(cond: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await cond();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs in the reader's frame (`frame.evaluate(selectInArticle, quote)`): selects the first occurrence of `quote`
 * in #article; returns the selected text and the centre of its box (empty text when the quote is not there).
 */
export function selectInArticle(quote: string): { text: string; x: number; y: number } {
  const article = document.getElementById('article');
  const walker = article ? document.createTreeWalker(article, NodeFilter.SHOW_TEXT) : undefined;
  for (let n = walker?.nextNode(); n; n = walker?.nextNode()) {
    const i = (n.textContent ?? '').indexOf(quote);
    if (i === -1) continue;
    const range = document.createRange();
    range.setStart(n, i);
    range.setEnd(n, i + quote.length);
    const sel = document.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    const box = range.getBoundingClientRect();
    return { text: sel?.toString() ?? '', x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  return { text: '', x: 0, y: 0 };
}

/** Theme-picker labels of built-in theme ids that are not just the id without 'Default '. */
const themeLabels: Record<string, string> = {
  'Default High Contrast': 'Dark High Contrast',
  'Default High Contrast Light': 'Light High Contrast',
};

export const screenshotDir = (): string => join(repoRoot(), 'test-results', 'screenshots');

/** An extensions folder holding a link to this repository, named as VS Code names an installed extension. */
function installedExtension(repo: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const dir = mkdtempSync(join(tmpdir(), `marginalia-${name}-extensions-`));
  symlinkSync(repo, join(dir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  return dir;
}

/** Starts VS Code with the extension and opens the workbench; always `close()` it (after hook). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const repo = repoRoot();
  const name = options.name ?? 'e2e';
  const lib = (await import(pathToFileURL(join(repo, 'scripts', 'vscode-session.mjs')).href)) as SessionLib;
  const source = options.workspace ?? [join(repo, 'test', 'fixtures', 'workspace'), join(repo, 'media', 'articles')].find((p) => existsSync(p));
  const workspace = mkdtempSync(join(tmpdir(), `marginalia-${name}-workspace-`));
  if (source) cpSync(source, workspace, { recursive: true });
  const log: string[] = [];
  const t0 = Date.now();
  let session: Awaited<ReturnType<SessionLib['startSession']>>;
  try {
    session = await lib.startSession({
      name,
      folder: workspace,
      extensionDevelopmentPath: repo,
      settings: { ...(options.theme ? { 'workbench.colorTheme': options.theme } : {}), ...options.settings },
      viewport: options.viewport ?? { width: 1400, height: 900 },
      logDir: join(repo, 'test-results', 'e2e'),
      onLog: (_level, message) => log.push(message),
      // Without the driver the workbench ignores a development path in its URL: the extension is installed
      // instead, as `npm start` does it (a link in the extensions folder).
      ...(options.testDriver === false ? { testDriver: false, extensionsDir: installedExtension(repo, name) } : {}),
    });
  } catch (err) {
    rmSync(workspace, { recursive: true, force: true });
    throw err;
  }
  const { page, context } = session;
  const settingsFile = join(session.server.dirs.userData, 'User', 'settings.json');

  const input = page.locator('.quick-input-widget input.input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  /** The quick-input row whose label is exactly `label`. */
  const findRow = async (label: string) => {
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      const r = rows.nth(i);
      const text = ((await r.locator('.label-name').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
      if (text === label) return r;
    }
    return undefined;
  };
  /** Kind class (vs, vs-dark, hc-black, hc-light) and colours of the workbench, as the page shows them. */
  const look = (): Promise<string> =>
    page.evaluate(
      "(() => { const w = document.querySelector('.monaco-workbench'); if (!w) return ''; const kind = ['vs', 'vs-dark', 'hc-black', 'hc-light'].find((k) => w.classList.contains(k)); const css = getComputedStyle(w); return kind ? [kind, css.getPropertyValue('--vscode-editor-background'), css.getPropertyValue('--vscode-foreground')].join(' ') : ''; })()",
    );
  /** Waits until the workbench's look has not changed for a second. */
  const settledLook = async (what: string) => {
    let last = '';
    let since = Date.now();
    await waitFor(
      async () => {
        const now = await look();
        if (now !== last) {
          last = now;
          since = Date.now();
        }
        return now !== '' && Date.now() - since >= 1000;
      },
      20_000,
      what,
    );
  };

  const harness: Harness = {
    page,
    context,
    workspace,
    startupSeconds: 0,
    log,

    async runCommand(title) {
      // The palette lists the commands known when it opens: right after start-up the extension host may not
      // have registered ours yet, so an open palette that lacks the row is closed and opened again.
      let clicked = 0;
      await waitFor(
        async () => {
          // A palette left open by an earlier step would take F1 as text.
          if (await input.isVisible()) {
            await page.keyboard.press('Escape');
            await input.waitFor({ state: 'hidden', timeout: 5_000 });
          }
          await page.keyboard.press('F1');
          await input.waitFor({ state: 'visible', timeout: 10_000 });
          await input.fill(`>${title}`);
          // Enter before the list has filtered would run whatever row was first.
          const row = await waitFor(() => findRow(title), 3_000, `the row "${title}"`).catch(() => undefined);
          if (!row) return false;
          // The palette can close under the pointer (a webview taking focus as it redraws): then open it again.
          clicked = Date.now();
          return row.click({ timeout: 5_000 }).then(
            () => true,
            () => false,
          );
        },
        45_000,
        `the command palette row "${title}"`,
      );
      // The palette closes, or turns into the command's own quick pick (e.g. a theme picker).
      await waitFor(async () => !(await input.isVisible()) || (await input.inputValue()) !== `>${title}`, 10_000, `the palette to run "${title}"`).catch(
        () => undefined,
      );
      return clicked;
    },

    async answer(title, text, row) {
      const titleEl = page.locator('.quick-input-widget .quick-input-title');
      await waitFor(async () => title.test((await titleEl.textContent({ timeout: 1000 })) ?? ''), 15_000, `the quick input "${title.source}"`);
      await input.fill(text);
      if (row) await rows.filter({ hasText: row }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
    },

    async openFile(name) {
      await page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(name);
      await rows.filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator(`.tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: 15_000 });
    },

    async readerFrame(timeoutMs = 30_000) {
      return waitFor(
        async () => {
          const hosts = page.locator('iframe.webview.ready');
          for (let i = 0; i < (await hosts.count()); i++) {
            const host = hosts.nth(i);
            if (!(await host.isVisible())) continue;
            const outer = await (await host.elementHandle())?.contentFrame();
            const inner = await (await outer?.$('#active-frame'))?.contentFrame();
            if (inner) return inner;
          }
          return undefined;
        },
        timeoutMs,
        'a visible webview (iframe.webview.ready → #active-frame)',
      );
    },

    async screenshot(shot) {
      const dir = screenshotDir();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${shot}.png`);
      await page.screenshot({ path: file });
      return file;
    },

    async setSettings(settings) {
      const current = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(settingsFile, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
    },

    async setTheme(theme) {
      // The theme picker applies a theme at once; a settings-file change is picked up only later.
      await harness.runCommand('Preferences: Color Theme');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      // The picker shows labels, the setting holds ids: 'Default Dark Modern' is listed as 'Dark Modern'.
      const label = themeLabels[theme] ?? theme.replace(/^Default /, '');
      await input.fill(label);
      const row = await waitFor(async () => (await findRow(label)) ?? (await findRow(theme)), 10_000, `the theme "${label}" in the theme picker`);
      await row.click();
      await input.waitFor({ state: 'hidden', timeout: 10_000 });
      await settledLook(`the workbench to settle on theme "${theme}"`);
    },

    async close() {
      try {
        await session.close();
      } finally {
        rmSync(workspace, { recursive: true, force: true });
      }
    },
  };

  try {
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    // Contributions (our commands and views, the built-in themes) register some seconds after the
    // workbench shows; our activity-bar entry appearing marks that moment.
    const container = (
      JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { contributes?: { viewsContainers?: { activitybar?: { title?: string }[] } } }
    ).contributes?.viewsContainers?.activitybar?.[0]?.title;
    if (container) {
      await page.locator(`.part.activitybar .action-item [aria-label="${container}"]`).first().waitFor({ state: 'attached', timeout: 60_000 });
    }
    if (options.theme) await harness.setTheme(options.theme);
    harness.startupSeconds = (Date.now() - t0) / 1000;
  } catch (err) {
    await harness.close();
    throw err;
  }
  return harness;
}
