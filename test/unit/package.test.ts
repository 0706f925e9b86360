// What `npm run package` would ship, read with `vsce ls` (no build): only the bundles, authored assets, grammar and
// the usual documents; never sources, tests, tooling or source maps.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('the .vsix contents', function () {
  this.timeout(60_000);
  let files: string[];

  before(() => {
    const out = execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
    });
    files = out
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  });

  it('ships the manifest, the documents, the bundles and the bundled article', () => {
    for (const f of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'dist/webview/reader.js',
      'dist/webview/collab.js',
      'dist/cli.js',
      'media/reader.css',
      'media/collab.css',
      'media/schema/annotations.schema.json',
      'media/articles/beijing-moscow-push-back.txt',
      'media/articles/beijing-moscow-push-back.annotations.json',
      'syntaxes/article.tmLanguage.json',
    ]) {
      assert.ok(files.includes(f), `${f} is missing from the package`);
    }
  });

  it('ships every bundle that esbuild.mjs writes outside dist/test and dist/bench (a worker or page left out breaks a feature)', () => {
    const config = readFileSync(join(root, 'esbuild.mjs'), 'utf8');
    const bundles = [...config.matchAll(/outfile: '(dist\/[^']+\.js)'/g)].map((m) => m[1] ?? '');
    assert.ok(bundles.length >= 5, `only ${bundles.length} bundles found in esbuild.mjs`);
    for (const b of bundles) assert.ok(files.includes(b), `${b} is built but not packaged`);
  });

  it('ships nothing else: no sources, tests, tooling or source maps', () => {
    const allowed =
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(extension|cli|suggestWorker|structureWorker)\.js|dist\/webview\/(reader|collab|report)\.js|media\/.+|syntaxes\/.+)$/;
    assert.deepEqual(
      files.filter((f) => !allowed.test(f) || f.endsWith('.map')),
      [],
    );
  });
});
