// `marginalia export` and `marginalia import`, spawned as a user would run them: outputs, exit codes, located
// problems, and nothing written when an import fails.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const BUNDLED = join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json');
const LINE = /^(.+):(\d+):(\d+): (error|warning|info): (.+)$/;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A project of its own (a .marginalia folder marks its root) holding a copy of the bundled article.
const scratch = mkdtempSync(join(tmpdir(), 'marginalia-interop-'));
mkdirSync(join(scratch, '.marginalia'));
const article = join(scratch, 'article.txt');
copyFileSync(join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.txt'), article);
const other = join(scratch, 'other.txt');
writeFileSync(other, 'A different text altogether.\n');

describe('cli: export', function () {
  this.timeout(60_000);

  it('w3c to stdout: one JSON-LD collection, nothing on stderr', () => {
    const r = run('export', BUNDLED, '--to', 'w3c');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { type: string; total: number };
    assert.equal(doc.type, 'AnnotationCollection');
    assert.equal(doc.total, 185);
    assert.equal(r.stderr, '');
  });

  for (const [format, name] of [
    ['pubannotation', 'x.json'],
    ['spacy', 'x.jsonl'],
    ['csv', 'x.csv'],
  ] as const) {
    it(`${format} with --out writes the file, losses reported as located lines on stderr`, () => {
      const out = join(scratch, name);
      const r = run('export', BUNDLED, '--to', format, '--out', out);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(readFileSync(out, 'utf8').length > 1000);
      for (const l of r.stderr.split('\n').filter((x) => x)) assert.match(l, LINE);
    });
  }

  it('brat writes its three files into the folder', () => {
    const dir = join(scratch, 'brat-out');
    const r = run('export', BUNDLED, '--to', 'brat', '--out', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['annotation.conf', 'beijing-moscow-push-back.ann', 'beijing-moscow-push-back.txt']);
  });

  const usage: [string, string[], RegExp][] = [
    ['brat without --out', ['export', BUNDLED, '--to', 'brat'], /give the folder with --out DIR/],
    ['an unknown format', ['export', BUNDLED, '--to', 'xml'], /unknown format "xml"/],
    ['no format', ['export', BUNDLED], /export needs --to/],
    ['import without --article', ['import', BUNDLED, '--from', 'w3c', '--out', 'x.json'], /needs --article/],
  ];
  for (const [name, args, message] of usage)
    it(`usage: ${name} (exit 2)`, () => {
      const r = run(...args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    });
});

describe('cli: import', function () {
  this.timeout(60_000);
  const exportFile = join(scratch, 'export.jsonld');

  before(() => {
    writeFileSync(exportFile, run('export', BUNDLED, '--to', 'w3c').stdout);
  });

  it('a W3C export into a new file: valid, and importing it again adds nothing', () => {
    const out = join(scratch, 'new.annotations.json');
    const r = run('import', exportFile, '--from', 'w3c', '--article', article, '--out', out);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stderr, /imported 156 mentions, 29 claims, 67 new entities, 10 new types and 22 relations/);
    assert.equal(run('validate', out).code, 0);
    const before = readFileSync(out, 'utf8');
    const again = run('import', exportFile, '--from', 'w3c', '--article', article, '--out', out);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /imported 0 mentions, 0 claims/);
    assert.equal(readFileSync(out, 'utf8'), before);
  });

  it('brat, named by its .txt: the .ann and annotation.conf beside it are read', () => {
    const dir = join(FIXTURES, 'interop', 'brat');
    const art = join(scratch, 'intro.txt');
    copyFileSync(join(dir, '000-introduction.txt'), art);
    const out = join(scratch, 'intro.annotations.json');
    const r = run('import', join(dir, '000-introduction.txt'), '--from', 'brat', '--article', art, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    for (const l of r.stdout.split('\n').filter((x) => x)) assert.match(l, LINE);
    assert.match(r.stdout, /000-introduction\.ann:4:1: warning: event E1 \("Transfer-money"\) is not an attribution/);
    assert.equal(run('validate', out).code, 0);
  });

  it('items with errors: the rest is written, exit 1, the problems located', () => {
    const ann = join(scratch, 'bad.ann');
    writeFileSync(ann, 'T1\tPerson 1596 1606\tAlan Chong\nT2\tPerson 0 99999999\tnowhere\n');
    copyFileSync(article, join(scratch, 'bad.txt'));
    const out = join(scratch, 'bad.annotations.json');
    const r = run('import', ann, '--from', 'brat', '--article', article, '--out', out);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /bad\.ann:2:1: error: T2: offsets 0–99999999 are past the end/);
    assert.ok(existsSync(out));
  });

  const failures: [string, string, string][] = [
    ['truncated', 'w3c', '{"items": [{"target": '],
    [
      'about another text',
      'hypothesis',
      JSON.stringify({
        rows: ['one', 'two', 'three'].map((w) => ({
          id: w,
          uri: 'u',
          user: 'u',
          target: [{ selector: [{ type: 'TextQuoteSelector', exact: `not in it ${w}` }] }],
        })),
      }),
    ],
  ];
  for (const [name, format, text] of failures) {
    it(`nothing is written when the foreign file cannot be used: ${name} (exit 2)`, () => {
      const src = join(scratch, `${name}.json`);
      writeFileSync(src, text);
      const fresh = join(scratch, `${name}.annotations.json`);
      const r = run('import', src, '--from', format, '--article', article, '--out', fresh);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /nothing was imported/);
      assert.ok(!existsSync(fresh));
      const existing = join(scratch, 'new.annotations.json');
      const before = readFileSync(existing, 'utf8');
      assert.equal(run('import', src, '--from', format, '--article', article, '--out', existing).code, 2);
      assert.equal(readFileSync(existing, 'utf8'), before);
      assert.deepEqual(
        readdirSync(scratch).filter((f) => f.endsWith('.tmp')),
        [],
      );
    });
  }

  it('merging into a file about another article is refused', () => {
    const existing = join(scratch, 'new.annotations.json');
    const before = readFileSync(existing, 'utf8');
    const r = run('import', exportFile, '--from', 'w3c', '--article', other, '--out', existing);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /annotates .*article\.txt, not /);
    assert.equal(readFileSync(existing, 'utf8'), before);
  });
});
