// Bringing your own article, in the core: the structure of a 1 MB Markdown article (next to parsing the same
// text into a full mdast tree), a new reading of it (plan, load, structure: the core's share of "New Annotated
// Reading → painted reader", aim 1.5 s in all), and importing a 2 MB saved page (aim: under 1 s), next to
// Readability alone on the same page. Inputs are built from the test fixtures, so they read like news.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { markdownBlocks } from '../src/core/article/markdown';
import { planNewReading } from '../src/core/article/newReading';
import { isReadabilityDocument } from '../src/core/article/page';
import { loadReadingSync } from '../src/core/load';
import { startHarness, waitFor } from '../test/e2e/harness';
import { median, type BenchRow } from './types';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const fixture = (...p: string[]): string => readFileSync(join(FIXTURES, ...p), 'utf8');
const RUNS = 5;

function time(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** About 1 MB of Markdown news: the two fixture articles, repeated, under one headline. */
function bigMarkdown(): string {
  const bodies = [fixture('markdown', 'field-report.md'), fixture('markdown', 'interview.md')].map((md) => md.replace(/^.*\n(=+\n)?/, ''));
  let out = '# A year of reporting, collected\n\n';
  for (let i = 0; out.length < 1_000_000; i++) out += `## Part ${i + 1}\n\n${bodies[i % 2]}\n`;
  return out;
}

/**
 * A 2 MB saved page as browsers save news pages: mostly inline state and scripts, styles, an SVG sprite and a
 * mega-menu of links, around an article of about 25 KB.
 */
function typicalPage(): string {
  const page = fixture('pages', 'harbour-gazette.html');
  const bodyAt = page.indexOf('<div class="story-body">') + '<div class="story-body">'.length;
  const bodyEnd = page.indexOf('</div>\n  <footer class="story-footer">');
  const body = page.slice(bodyAt, bodyEnd);
  const article = Array.from({ length: 6 }, (_, i) => body.replace(/<h2>/g, `<h2>${i + 1}. `)).join('\n');
  const teaser = (i: number) => ({ id: i, headline: `Story number ${i} about the coast`, url: `/news/${i}`, image: { src: `/img/${i}.jpg`, w: 640, h: 360 } });
  const state = `<script>window.__STATE__=${JSON.stringify({ teasers: Array.from({ length: 9000 }, (_, i) => teaser(i)) })}</script>`;
  const style = `<style>${Array.from({ length: 6000 }, (_, i) => `.c${i}{margin:${i % 7}px;color:#${(i * 2654435761) % 0xffffff}}`).join('\n')}</style>`;
  const sprite = `<svg style="display:none">${Array.from({ length: 1500 }, (_, i) => `<symbol id="i${i}" viewBox="0 0 24 24"><path d="M${i} 0L24 ${i % 24}Z"/></symbol>`).join('')}</svg>`;
  const menu = `<nav class="mega-menu"><ul>${Array.from({ length: 3000 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav>`;
  const head = page.slice(0, page.indexOf('</head>'));
  const rest = page.slice(page.indexOf('</head>'), bodyAt).replace('<body class="article-page">', `<body class="article-page">${sprite}${menu}`);
  let html = `${head}${style}${state}${rest}${article}${page.slice(bodyEnd)}`;
  while (html.length < 2_000_000)
    html = html.replace('</body>', `<script>window.__ADS__=${JSON.stringify({ slots: Array.from({ length: 2000 }, (_, i) => `slot-${i}`) })}</script></body>`);
  return html;
}

/** A 2 MB page that is nearly all article text: the worst case, not the usual one. */
function articlePage(): string {
  const page = fixture('pages', 'harbour-gazette.html');
  const at = page.indexOf('<div class="story-body">') + '<div class="story-body">'.length;
  const end = page.indexOf('</div>\n  <footer class="story-footer">');
  let filler = '';
  for (let i = 0; filler.length < 2_000_000 - page.length; i++) filler += page.slice(at, end).replace(/<h2>/g, `<h2>Part ${i}: `);
  return page.slice(0, at) + filler + page.slice(end);
}

function readabilityAlone(html: string): void {
  const doc: unknown = new DOMParser().parseFromString(html, 'text/html');
  if (!isReadabilityDocument(doc)) throw new Error('not a document');
  new Readability(doc).parse();
}

/**
 * In a real VS Code: the 1 MB Markdown article open in an editor, "New Annotated Reading…" from the palette, until
 * the reader's first highlighted paint (the webview's `marginalia:apply-to-paint` mark). The whole path: the file
 * written, the reading loaded and anchored, the Markdown structure, the payload posted and drawn.
 */
async function newReadingToPaint(md: string): Promise<number> {
  const workspace = mkdtempSync(join(tmpdir(), 'marginalia-bench-articles-'));
  writeFileSync(join(workspace, 'big.md'), md);
  const h = await startHarness({ name: 'bench-articles', workspace });
  try {
    // Activation is not part of it: the bundled article first, closed again.
    await h.runCommand('Marginalia: Open Article');
    await h.readerFrame(120_000);
    await h.runCommand('View: Close All Editors');
    await waitFor(async () => (await h.page.locator('iframe.webview.ready').count()) === 0, 20_000, 'the reader to close');
    await h.page.keyboard.press('Control+P');
    await h.page.locator('.quick-input-widget input.input').fill('big.md');
    await h.page.locator('.quick-input-list .monaco-list-row', { hasText: 'big.md' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await h.page.keyboard.press('Enter');
    await h.page.locator('.tab[aria-label^="big.md"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const clicked = await h.runCommand('Marginalia: New Annotated Reading…');
    const written = await waitFor(() => (existsSync(join(h.workspace, 'big.annotations.json')) ? Date.now() : 0), 120_000, 'the annotation file');
    const frame = await h.readerFrame(120_000);
    const framed = Date.now();
    const end = await waitFor(
      () =>
        frame.evaluate(() => {
          const m = performance.getEntriesByName('marginalia:apply-to-paint')[0];
          return m ? performance.timeOrigin + m.startTime + m.duration : undefined;
        }),
      120_000,
      'the reader to paint',
    );
    console.log(
      `[bench] new reading: written after ${written - clicked} ms, reader frame after ${framed - clicked} ms, painted after ${Math.round(end - clicked)} ms`,
    );
    return end - clicked;
  } finally {
    await h.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

export default async function articles(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const md = bigMarkdown();
  const mb = (s: string) => (s.length / 1_000_000).toFixed(1);
  const structure = time(() => markdownBlocks(md));
  const tree = time(() => fromMarkdown(md));
  rows.push({
    section: 'articles',
    name: `Markdown structure (blocks, hidden markup, marks), ${mb(md)} MB`,
    value: structure,
    unit: 'ms',
    peer: 'mdast-util-from-markdown, whole tree',
    peerValue: tree,
    ratio: structure / tree,
  });
  const reading = time(() => {
    const plan = planNewReading({ fileName: 'big.md', content: md, dir: [] });
    if (!plan.ok) throw new Error(plan.message);
    const loaded = loadReadingSync(plan.files[0]?.text ?? '', [], () => ({ text: md }));
    if (!loaded.model) throw new Error('not loaded');
    markdownBlocks(loaded.articleText ?? '');
  });
  rows.push({
    section: 'articles',
    name: `New reading of a ${mb(md)} MB Markdown article: plan, load, structure (core)`,
    value: reading,
    unit: 'ms',
  });
  rows.push({
    section: 'articles',
    name: `New Annotated Reading on a ${mb(md)} MB Markdown article → highlighted reader painted (VS Code)`,
    value: Math.round(await newReadingToPaint(md)),
    unit: 'ms',
    note: 'aim: 1,500 ms; one run, after activation',
  });

  for (const [label, html] of [
    ['typical (scripts, styles, SVG, menus; ~25 KB article)', typicalPage()],
    ['all article text (worst case)', articlePage()],
  ] as const) {
    const bytes = new Uint8Array(Buffer.from(html));
    const imported = time(() => {
      const plan = planNewReading({ fileName: 'page.html', content: bytes, sha256: '0'.repeat(64), dir: [] });
      if (!plan.ok) throw new Error(plan.message);
    });
    const alone = time(() => readabilityAlone(html));
    rows.push({
      section: 'articles',
      name: `Import a ${mb(html)} MB saved page, ${label}`,
      value: imported,
      unit: 'ms',
      peer: 'Readability alone on linkedom',
      peerValue: alone,
      ratio: imported / alone,
      note: label.startsWith('typical') ? 'aim: 1,000 ms' : undefined,
    });
  }
  return rows;
}
