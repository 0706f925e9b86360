// `marginalia corpus DIR [--json]`, spawned as users run it, over the fixture corpus and scratch projects.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { corpusJson, findAnnotationFiles, loadCorpus } from '../../src/cli/corpus';
import { FIXTURES, ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const rel = (...p: string[]): string => relative(ROOT, join(FIXTURES, ...p));

interface CorpusJson {
  articles: number;
  entities: number;
  mentions: number;
  claims: number;
  speakers: { name: string; claims: number; articles: number; outlets: string[] }[];
  entitiesAcross: { name: string; type: string; articles: number; mentions: number }[];
  problems: { file: string; line: number; column: number; severity: string; code: string; message: string }[];
  ms: number;
}

// A project whose files name a registry that is not there, with a symbolic link loop and a non-annotation file.
const scratch = mkdtempSync(join(tmpdir(), 'marginalia-corpus-'));
mkdirSync(join(scratch, '.marginalia'));
mkdirSync(join(scratch, 'notes', 'deeper'), { recursive: true });
writeFileSync(join(scratch, 'notes', 'a.txt'), 'Lee met Ortiz.\n');
writeFileSync(
  join(scratch, 'notes', 'deeper', 'a.annotations.json'),
  JSON.stringify(
    { marginalia: 1, article: { path: '../a.txt' }, registry: '../../.marginalia/entities.json', types: [], entities: [], mentions: [], claims: [] },
    null,
    2,
  ),
);
writeFileSync(join(scratch, 'notes', 'readme.json'), '{}');
symlinkSync(join(scratch, 'notes'), join(scratch, 'notes', 'deeper', 'loop'));

describe('cli: corpus', function () {
  // Each case starts a Node process: seconds, not milliseconds, on a loaded machine.
  this.timeout(20_000);

  it('--json: one object for the whole fixture corpus; the broken file is a problem, not a stop (exit 1)', () => {
    const r = run('corpus', rel('corpus', 'shared'), '--json');
    assert.equal(r.code, 1, r.stderr);
    const o = JSON.parse(r.stdout) as CorpusJson;
    assert.deepEqual(Object.keys(o), ['articles', 'entities', 'mentions', 'claims', 'speakers', 'entitiesAcross', 'problems', 'ms']);
    assert.deepEqual([o.articles, o.entities, o.mentions, o.claims], [5, 13, 31, 12]);
    assert.deepEqual(o.speakers[0], { name: 'Lee Min-jun', claims: 5, articles: 3, outlets: ['Northern Wire', 'Daily Ledger'] });
    assert.deepEqual(o.speakers[1], { name: 'Ana Ortiz', claims: 3, articles: 2, outlets: ['Daily Ledger', 'Northern Wire'] });
    assert.deepEqual(o.entitiesAcross[0], { name: 'Lee Min-jun', type: 'analyst', articles: 3, mentions: 5 });
    assert.ok(o.entitiesAcross.every((e) => e.articles >= 2));
    const broken = o.problems.filter((p) => p.file === rel('corpus', 'shared', 'articles', 'broken.annotations.json'));
    assert.ok(broken.some((p) => p.code === 'syntax-error' && p.severity === 'error' && p.line === 20));
    assert.deepEqual(
      o.problems.filter((p) => p.code === 'shadowed-id').map((p) => [p.file, p.line, p.column, p.severity]),
      [[rel('corpus', 'shared', 'articles', 'second-opinion.annotations.json'), 13, 13, 'warning']],
    );
    assert.equal(typeof o.ms, 'number');
  });

  it('without --json: a readable summary, then FILE:LINE:COL problems', () => {
    const r = run('corpus', rel('corpus', 'shared'));
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], '5 articles, 13 entities, 31 mentions, 12 claims');
    assert.ok(lines.includes('  Lee Min-jun: 5 claims in 3 articles via Northern Wire, Daily Ledger'), r.stdout);
    assert.ok(lines.includes('  Geneva (place): 2 articles, 4 mentions'), r.stdout);
    assert.ok(lines.some((l) => /^test\/fixtures\/corpus\/shared\/articles\/broken\.annotations\.json:20:\d+: error: JSON syntax/.test(l)));
  });

  it('a corpus without errors exits 0 (before the registry: each file its own entities)', () => {
    const r = run('corpus', '--root', rel('corpus', 'legacy'), rel('corpus', 'legacy'), '--json');
    assert.equal(r.code, 0, r.stdout);
    const o = JSON.parse(r.stdout) as CorpusJson;
    assert.equal(o.articles, 2);
    // Same name and type count as one entity even before the migration.
    assert.deepEqual(
      o.entitiesAcross.map((e) => e.name),
      ['Lee Min-jun', 'Harbour Institute'],
    );
  });

  it('a missing registry is one located error per file; links are not followed; other files are not read', () => {
    const r = run('corpus', scratch, '--json');
    assert.equal(r.code, 1);
    const o = JSON.parse(r.stdout) as CorpusJson;
    assert.equal(o.articles, 1, 'the loop through the symbolic link is not followed');
    assert.deepEqual(
      o.problems.map((p) => [p.code, p.line]),
      [['registry-unreadable', 6]],
    );
    assert.match(o.problems[0]?.message ?? '', /cannot read registry .*entities\.json: no such file/);
  });

  const usage: [string, string[], RegExp][] = [
    ['no folder', ['corpus'], /corpus takes one or more DIRs/],
    ['a missing folder', ['corpus', 'no/such/dir'], /cannot read folder no\/such\/dir: no such file/],
    ['a file, not a folder', ['corpus', 'package.json'], /package\.json is not a folder/],
  ];
  for (const [name, args, message] of usage)
    it(`exit 2 on ${name}`, () => {
      const r = run(...args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    });

  it('a large corpus is loaded on several threads, with the same result as on one', function () {
    this.timeout(60_000);
    const big = join(scratch, 'big');
    mkdirSync(join(big, '.marginalia'), { recursive: true });
    writeFileSync(
      join(big, '.marginalia', 'entities.json'),
      JSON.stringify({
        marginalia: 1,
        types: [
          { id: 'analyst', label: 'Analyst', color: '#9467bd', cue: 'dashed' },
          { id: 'outlet', label: 'Outlet', color: '#ff7f0e', cue: 'dotted' },
        ],
        entities: [
          { id: 'lee', type: 'analyst', name: 'Lee Min-jun' },
          { id: 'wire', type: 'outlet', name: 'Northern Wire' },
        ],
      }),
    );
    for (let i = 0; i < 130; i++) {
      const dir = join(big, `part${i % 3}`);
      mkdirSync(dir, { recursive: true });
      const text = `Article ${i}.\n\nLee Min-jun told the Northern Wire that item ${i} mattered.\n`;
      writeFileSync(join(dir, `a${i}.txt`), text);
      const at = text.indexOf('Lee');
      const file = {
        marginalia: 1,
        article: { path: `a${i}.txt` },
        registry: '../.marginalia/entities.json',
        types: [],
        entities: i % 10 === 0 ? [{ id: 'lee', type: 'analyst', name: 'Lee Min-jun' }] : [],
        mentions: [
          {
            id: 'm1',
            entity: 'lee',
            selector: [
              { type: 'TextQuoteSelector', exact: 'Lee Min-jun' },
              { type: 'TextPositionSelector', start: at, end: at + 11 },
            ],
          },
        ],
        claims: [
          {
            id: 'c1',
            selector: [{ type: 'TextQuoteSelector', exact: `item ${i} mattered` }],
            attribution: {
              mode: 'paraphrase',
              chain: [
                { role: 'speaker', entity: 'lee' },
                { role: 'outlet', entity: i % 2 ? 'wire' : 'nowhere' },
              ],
            },
          },
        ],
      };
      writeFileSync(join(dir, `a${i}.annotations.json`), i === 7 ? '{ "marginalia": 1,' : JSON.stringify(file, null, 2));
    }
    const r = run('corpus', big, '--json');
    assert.equal(r.code, 1, r.stderr);
    const parallel = JSON.parse(r.stdout) as CorpusJson;
    const one = corpusJson(loadCorpus(findAnnotationFiles(big), undefined), 0) as CorpusJson;
    assert.deepEqual({ ...parallel, ms: 0 }, { ...one, ms: 0 });
    assert.equal(parallel.articles, 130);
    assert.equal(parallel.problems.filter((p) => p.code === 'shadowed-id').length, 13);
    assert.equal(parallel.problems.filter((p) => p.code === 'dangling-reference').length, 65);
  });

  it('validate checks a registry as a registry', () => {
    assert.deepEqual(run('validate', rel('corpus', 'shared', '.marginalia', 'entities.json')), { code: 0, stdout: '', stderr: '' });
    mkdirSync(join(scratch, 'other', '.marginalia'), { recursive: true });
    const bad = join(scratch, 'other', '.marginalia', 'entities.json');
    writeFileSync(bad, '{\n  "marginalia": 1,\n  "types": [],\n  "entities": [{ "id": "x", "type": "nope", "name": "X" }]\n}\n');
    const r = run('validate', bad);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /entities\.json:4:37: error: type "nope" is not declared in `types` \(entities\[0\]\.type\)/);
  });

  it('is listed in the help', () => {
    assert.match(run('--help').stdout, /marginalia corpus \[--root DIR\] DIR\.\.\. \[--json\] \[--csv OUTDIR\]/);
  });

  it('--csv OUTDIR: every report table as an RFC 4180 file', () => {
    const out = join(scratch, 'csv');
    const r = run('corpus', rel('corpus', 'shared'), '--csv', out);
    assert.equal(r.code, 1, r.stderr);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ['articles.csv', 'attribution-network.csv', 'cooccurrence.csv', 'entity-frequency.csv', 'speakers-outlets.csv']);
    const speakers = parseCsv(readFileSync(join(out, 'speakers-outlets.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      speakers.find((r) => r.speaker === 'Lee Min-jun' && r.outlet === 'Northern Wire'),
      { speaker: 'Lee Min-jun', speaker_key: 'reg:lee-min-jun', outlet: 'Northern Wire', outlet_key: 'reg:northern-wire', claims: '2' },
    );
    const articles = parseCsv(readFileSync(join(out, 'articles.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(articles.length, 5);
  });

  it('--csv into a place that cannot be a folder is an I/O error (exit 2)', () => {
    const r = run('corpus', rel('corpus', 'shared'), '--csv', join(ROOT, 'package.json', 'x'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write the CSV files to/);
  });
});
