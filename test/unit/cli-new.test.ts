// `marginalia new ARTICLE`, run as a user runs it (the built dist/cli.js), in scratch projects.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lastLine = (s: string): string => s.trimEnd().split('\n').pop() ?? '';

/** A project (a .git folder marks its root) with the fixture articles in a subfolder. */
function project(): { root: string; articles: string } {
  const root = mkdtempSync(join(tmpdir(), 'marginalia-new-'));
  mkdirSync(join(root, '.git'));
  const articles = join(root, 'articles');
  mkdirSync(articles);
  for (const [dir, name] of [
    ['articles', 'briefing.txt'],
    ['articles', 'briefing-crlf.txt'],
    ['markdown', 'field-report.md'],
    ['pages', 'harbour-gazette.html'],
    ['pages', 'section-front.html'],
  ] as const)
    copyFileSync(join(FIXTURES, dir, name), join(articles, name));
  return { root, articles };
}

describe('cli: new', function () {
  // Each case starts the CLI two or three times; on a busy machine that is more than mocha's 2 s default.
  this.timeout(60_000);
  for (const name of ['briefing.txt', 'briefing-crlf.txt', 'field-report.md']) {
    it(`${name}: writes a valid annotation file and prints its path last`, () => {
      const { root, articles } = project();
      const r = run(root, 'new', join('articles', name));
      assert.equal(r.code, 0, r.stderr);
      const written = lastLine(r.stdout);
      assert.equal(written, join('articles', name.replace(/\.[a-z]+$/, '.annotations.json')));
      const json = JSON.parse(readFileSync(join(root, written), 'utf8'));
      assert.equal(json.$schema, '../.marginalia/annotations.schema.json');
      assert.ok(existsSync(join(root, '.marginalia', 'annotations.schema.json')), 'the schema copy is where $schema points');
      assert.equal(json.article.path, name);
      const v = run(root, 'validate', written);
      assert.deepEqual([v.code, v.stdout, v.stderr], [0, '', '']);
      assert.deepEqual(
        readdirSync(articles).filter((f) => f.endsWith('.md') && f !== 'field-report.md'),
        [],
        'nothing else written',
      );
    });
  }

  it('never overwrites: a second run is refused and leaves the file as it was', () => {
    const { root } = project();
    assert.equal(run(root, 'new', 'articles/briefing.txt').code, 0);
    const path = join(root, 'articles', 'briefing.annotations.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"entities": []', '"entities": [], "x-note": "mine"'));
    const before = readFileSync(path, 'utf8');
    const r = run(root, 'new', 'articles/briefing.txt');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^marginalia: articles\/briefing\.annotations\.json already exists; it was not overwritten/);
    assert.equal(readFileSync(path, 'utf8'), before);
  });

  it('a saved page: the frozen .md, then the annotation file; both valid', () => {
    const { root, articles } = project();
    const r = run(root, 'new', 'articles/harbour-gazette.html');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), ['articles/harbour-gazette.md', 'articles/harbour-gazette.annotations.json']);
    const md = readFileSync(join(articles, 'harbour-gazette.md'), 'utf8');
    assert.match(md, /^# Harbour towns brace for a second season of record tides\n\n\*Flood defences/);
    const json = JSON.parse(readFileSync(join(articles, 'harbour-gazette.annotations.json'), 'utf8'));
    assert.equal(json.article.path, 'harbour-gazette.md');
    assert.equal(json.article.source.file, 'harbour-gazette.html');
    assert.match(json.article.source.sha256, /^[0-9a-f]{64}$/);
    assert.equal(run(root, 'validate', 'articles/harbour-gazette.annotations.json').code, 0);
    // The page is never extracted again, and an existing .md is never overwritten.
    const again = run(root, 'new', 'articles/harbour-gazette.html');
    assert.equal(again.code, 1);
    assert.equal(readFileSync(join(articles, 'harbour-gazette.md'), 'utf8'), md);
  });

  it('a page without an article: refused, nothing written', () => {
    const { root, articles } = project();
    const before = readdirSync(articles).sort();
    const r = run(root, 'new', 'articles/section-front.html');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^marginalia: section-front\.html has no article text .* Nothing was written\.\n$/);
    assert.deepEqual(readdirSync(articles).sort(), before);
    assert.ok(!existsSync(join(root, '.marginalia')));
  });

  it('--root sets where the schema copy goes; outside a project, the article’s folder', () => {
    const { root } = project();
    assert.equal(run(root, 'new', '--root', 'articles', 'articles/briefing.txt').code, 0);
    assert.ok(existsSync(join(root, 'articles', '.marginalia', 'annotations.schema.json')));
    const loose = mkdtempSync(join(tmpdir(), 'marginalia-loose-'));
    writeFileSync(join(loose, 'note.txt'), 'A note\n\nWith a paragraph.\n');
    const r = run(loose, 'new', 'note.txt');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(readFileSync(join(loose, 'note.annotations.json'), 'utf8')).$schema, '.marginalia/annotations.schema.json');
  });

  const errors: [string, string[], RegExp][] = [
    ['an unsupported file', ['new', 'paper.pdf'], /paper\.pdf is not an article Marginalia can read/],
    ['a missing file', ['new', 'articles/nope.txt'], /cannot read article articles\/nope\.txt: no such file/],
    ['no argument', ['new'], /new takes one ARTICLE/],
    ['two arguments', ['new', 'a.txt', 'b.txt'], /new takes one ARTICLE/],
  ];
  for (const [name, args, message] of errors)
    it(`${name}: exit 2 with a clear message`, () => {
      const { root } = project();
      const r = run(root, ...args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    });
});
