// End-to-end harness: a real VS Code (code-server) with this repository's extension loaded in
// development mode, a workspace folder, and headless Chromium on the workbench. Helpers drive it
// the way a person does: the command palette, the reader webview, screenshots.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** `workbench.colorTheme`, e.g. 'Default Light Modern', 'Default Dark Modern', 'Default High Contrast'. */
  theme?: string;
  /** More user settings. */
  settings?: Record<string, unknown>;
  /** Folder copied to a temp workspace (default: test/fixtures/workspace, else media/articles). */
  workspace?: string;
  viewport?: { width: number; height: number };
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  /** The temp copy of the workspace folder. */
  workspace: string;
  /** Seconds from start until the workbench was on screen. */
  startupSeconds: number;
  /** Extension-host and workbench log lines seen so far. */
  log: string[];
  /** Runs a command from the palette by its full title; resolves with the time of the click (ms). */
  runCommand(title: string): Promise<number>;
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

export const screenshotDir = (): string => join(repoRoot(), 'test-results', 'screenshots');

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
    });
  } catch (err) {
    rmSync(workspace, { recursive: true, force: true });
    throw err;
  }
  const { page, context } = session;
  const settingsFile = join(session.server.dirs.userData, 'User', 'settings.json');

  const harness: Harness = {
    page,
    context,
    workspace,
    startupSeconds: 0,
    log,

    async runCommand(title) {
      const input = page.locator('.quick-input-widget input.input');
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const findRow = async () => {
        const count = await rows.count();
        for (let i = 0; i < count; i++) {
          const r = rows.nth(i);
          const label = ((await r.locator('.label-name').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
          if (label === title) return r;
        }
        return undefined;
      };
      // The palette lists the commands known when it opens: right after start-up the extension host may not
      // have registered ours yet, so an open palette that lacks the row is closed and opened again.
      const row = await waitFor(
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
          return waitFor(findRow, 3_000, `the row "${title}"`).catch(() => undefined);
        },
        45_000,
        `the command palette row "${title}"`,
      );
      const clicked = Date.now();
      await row.click();
      await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      return clicked;
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
      const before = await page.locator('.monaco-workbench').getAttribute('class');
      await harness.setSettings({ 'workbench.colorTheme': theme });
      // The workbench swaps its theme classes when it has read the file.
      await waitFor(async () => (await page.locator('.monaco-workbench').getAttribute('class')) !== before, 10_000, `theme "${theme}"`);
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
    harness.startupSeconds = (Date.now() - t0) / 1000;
  } catch (err) {
    await harness.close();
    throw err;
  }
  return harness;
}
