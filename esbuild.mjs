// Bundles: extension host (node/cjs, `vscode` external), reader webview (browser/iife),
// command-line tool (node), and the test bundles. Type-checking is `npm run typecheck`, not here.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = !production && !process.argv.includes('--no-tests');

/** Logs one line per rebuild so `--watch` users see errors with locations. */
const reporter = {
  name: 'reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log(`[watch] build finished (${result.errors.length} errors)`);
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [reporter],
};

/** Test entry points: every *.test.ts under a folder, plus its index.ts runner. */
function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // The suggestion engine's worker thread (src/vscode/suggestions/worker.ts), started by the extension host.
  { ...common, entryPoints: ['src/vscode/suggestions/worker.ts'], outfile: 'dist/suggestWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The Markdown parser's worker thread (src/vscode/article/structureWorker.ts): large articles parse off the host.
  { ...common, entryPoints: ['src/vscode/article/structureWorker.ts'], outfile: 'dist/structureWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/reader.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/webview/collab.ts'], outfile: 'dist/webview/collab.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/webview/report.ts'], outfile: 'dist/webview/report.js', platform: 'browser', format: 'iife', target: 'es2022' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];
if (withTests) {
  const unit = testEntries('test/unit');
  if (unit.length) {
    builds.push({
      ...common,
      entryPoints: unit,
      outdir: 'dist/test/unit',
      outbase: 'test/unit',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['mocha'],
    });
  }
  const integration = testEntries('test/integration');
  if (integration.length) {
    builds.push({
      ...common,
      entryPoints: integration,
      outdir: 'dist/test/integration',
      outbase: 'test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
  // End-to-end tests drive VS Code from plain Node; the harness loads scripts/vscode-session.mjs at run time.
  const e2e = testEntries('test/e2e');
  if (e2e.length) {
    builds.push({
      ...common,
      entryPoints: e2e,
      outdir: 'dist/test/e2e',
      outbase: 'test/e2e',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['mocha', 'playwright-core'],
    });
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching for changes');
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) process.exit(1);
}
