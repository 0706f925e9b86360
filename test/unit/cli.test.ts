import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FIXTURES, ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const LINE = /^(.+):(\d+):(\d+): (error|warning|info): (.+) \((\S.*)\)$/;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const rel = (...p: string[]): string => relative(ROOT, join(FIXTURES, ...p));
const scratch = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
const hugeFile = join(scratch, 'huge.annotations.json');
writeFileSync(hugeFile, `{"marginalia": 1, "article": {"path": "a.txt"}, "x": "${'\u202e'.repeat(300_000)}", "types": 5}`);
const noArticle = join(scratch, 'no-article.annotations.json');
writeFileSync(noArticle, '{\n  "marginalia": 1,\n  "article": { "path": "missing.txt" },\n  "types": [], "entities": [], "mentions": [], "claims": []\n}\n');
const absoluteArticle = join(scratch, 'absolute.annotations.json');
writeFileSync(
  absoluteArticle,
  '{\n  "marginalia": 1,\n  "article": { "path": "/etc/passwd" },\n  "types": [], "entities": [], "mentions": [], "claims": []\n}\n',
);

// A project of its own (a .marginalia folder marks its root): articles may sit in a sibling folder, but never outside.
const project = join(scratch, 'project');
mkdirSync(join(project, '.marginalia'), { recursive: true });
mkdirSync(join(project, 'notes'), { recursive: true });
mkdirSync(join(project, 'articles'), { recursive: true });
writeFileSync(join(project, 'articles', 'a.txt'), 'An article.\n');
writeFileSync(join(scratch, 'secret.txt'), 'Outside the project.\n');
symlinkSync(join(scratch, 'secret.txt'), join(project, 'articles', 'link.txt'));
const annotation = (path: string) =>
  `{\n  "marginalia": 1,\n  "article": { "path": ${JSON.stringify(path)} },\n  "types": [], "entities": [], "mentions": [], "claims": []\n}\n`;
const sibling = join(project, 'notes', 'sibling.annotations.json');
writeFileSync(sibling, annotation('../articles/a.txt'));
const escaping = join(project, 'notes', 'escaping.annotations.json');
writeFileSync(escaping, annotation('../../secret.txt'));
const linked = join(project, 'notes', 'linked.annotations.json');
writeFileSync(linked, annotation('../articles/link.txt'));

describe('cli', function () {
  // Each case spawns Node: seconds, not milliseconds, on a busy machine.
  this.timeout(30_000);
  const cases: [string, string[], number, (out: { stdout: string; stderr: string }) => void][] = [
    ['validate: a valid file is silent', ['validate', rel('valid', 'briefing.annotations.json')], 0, ({ stdout }) => assert.equal(stdout, '')],
    ['validate: several valid files', ['validate', rel('valid', 'briefing.annotations.json'), rel('valid', 'bom.annotations.json')], 0, () => undefined],
    [
      'validate: errors are located lines',
      ['validate', rel('invalid', 'dangling-speaker.annotations.json')],
      1,
      ({ stdout }) => {
        const lines = stdout.trim().split('\n');
        for (const l of lines) assert.match(l, LINE);
        assert.ok(
          lines.includes(
            `${rel('invalid', 'dangling-speaker.annotations.json')}:287:23: error: speaker "ortis" does not exist (claims[0].attribution.chain[0].entity)`,
          ),
          stdout,
        );
      },
    ],
    [
      'validate: warnings alone exit 0',
      ['validate', rel('invalid', 'speaker-not-first.annotations.json')],
      0,
      ({ stdout }) => assert.match(stdout, /: warning: /),
    ],
    [
      'validate: not JSON',
      ['validate', rel('invalid', 'not-json.annotations.json')],
      1,
      ({ stdout, stderr }) => {
        assert.match(stdout, /not-json\.annotations\.json:1:1: error: JSON syntax/);
        assert.equal(stderr, '');
      },
    ],
    ['validate: truncated', ['validate', rel('invalid', 'truncated.annotations.json')], 1, ({ stdout }) => assert.match(stdout, /:73:18: error: /)],
    [
      'validate: orphan is an error',
      ['validate', rel('invalid', 'quote-absent.annotations.json')],
      1,
      ({ stdout }) => assert.match(stdout, /error: mention "m-ledger-1": quote "Evening Standard" is not in the article/),
    ],
    [
      'validate: hostile strings are escaped, never a stack trace',
      ['validate', hugeFile],
      1,
      ({ stdout, stderr }) => {
        assert.ok(!stdout.includes('\u202e'));
        assert.equal(stderr, '');
      },
    ],
    [
      'validate: missing file is an I/O error',
      ['validate', 'no/such/file.json'],
      2,
      ({ stderr }) => assert.match(stderr, /^marginalia: error: cannot read file no\/such\/file\.json: no such file/),
    ],
    ['validate: a directory is an I/O error', ['validate', 'test'], 2, ({ stderr }) => assert.match(stderr, /^marginalia: error: /)],
    [
      'validate: an unreadable article is an error located at article.path',
      ['validate', noArticle],
      1,
      ({ stdout }) => assert.match(stdout, /no-article\.annotations\.json:3:24: error: cannot read article .*missing\.txt: no such file \(article\.path\)/),
    ],
    [
      'validate: an absolute article path is refused',
      ['validate', absoluteArticle],
      1,
      ({ stdout }) => assert.match(stdout, /:3:24: error: article\.path "\/etc\/passwd" must be relative/),
    ],
    ['validate: an article in a sibling folder of the project', ['validate', sibling], 0, ({ stdout }) => assert.equal(stdout, '')],
    [
      'validate: an article path that leaves the project is refused, not read',
      ['validate', escaping],
      1,
      ({ stdout }) => assert.match(stdout, /escaping\.annotations\.json:3:24: error: article\.path "\.\.\/\.\.\/secret\.txt" leaves the project/),
    ],
    [
      'validate: --root narrows the project',
      ['validate', '--root', join(project, 'notes'), sibling],
      1,
      ({ stdout }) => assert.match(stdout, /leaves the project/),
    ],
    [
      'validate: a symbolic link out of the project is refused',
      ['validate', linked],
      1,
      ({ stdout }) => assert.match(stdout, /linked\.annotations\.json:3:24: error: the article .* leads outside the project .* through a symbolic link/),
    ],
    ['usage: no command', [], 2, ({ stderr }) => assert.match(stderr, /^marginalia: error: no command given\nusage:/)],
    ['usage: unknown command', ['frobnicate'], 2, ({ stderr }) => assert.match(stderr, /unknown command "frobnicate"/)],
    ['usage: validate without files', ['validate'], 2, () => undefined],
    ['usage: unknown option', ['inspect', '--yaml', 'x'], 2, () => undefined],
    ['help', ['--help'], 0, ({ stdout }) => assert.match(stdout, /^usage: marginalia validate/)],
    [
      'inspect: readable summary',
      ['inspect', rel('valid', 'briefing.annotations.json')],
      0,
      ({ stdout }) => assert.match(stdout, /6 entities, 9 mentions, 5 claims; anchored 14, relocated 0, fuzzy 0, orphan 0/),
    ],
  ];
  for (const [name, args, code, check] of cases) {
    it(name, () => {
      const r = run(...args);
      assert.equal(r.code, code, r.stdout + r.stderr);
      assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
      check(r);
    });
  }

  it('inspect --json: the documented keys', () => {
    const r = run('inspect', rel('valid', 'briefing.annotations.json'), '--json');
    assert.equal(r.code, 0);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(o.article, { path: rel('articles', 'briefing.txt'), title: 'Ministers meet in Geneva', length: 418 });
    const entities = o.entities as Record<string, unknown>[];
    assert.deepEqual(
      entities.find((e) => e.id === 'lee'),
      {
        id: 'lee',
        name: 'Lee Min-jun',
        type: 'analyst',
        aliases: ['Lee', 'Dr. Lee Min-jun'],
        role: 'senior fellow',
        affiliations: [{ id: 'harbour', name: 'Harbour Institute' }],
        mentions: 2,
      },
    );
    const claims = o.claims as Record<string, unknown>[];
    const c = claims.find((x) => x.id === 'c-blinking');
    assert.ok(c);
    for (const k of ['id', 'exact', 'start', 'end', 'status', 'speaker', 'chain', 'mode']) assert.ok(k in c, k);
    assert.equal(c.exact, '“neither side wants to be seen blinking first.”');
    assert.deepEqual(c.speaker, { id: 'lee', name: 'Lee Min-jun' });
    assert.deepEqual(c.chain, [
      { id: 'lee', name: 'Lee Min-jun', role: 'speaker' },
      { id: 'ledger', name: 'Daily Ledger', role: 'outlet', kind: 'newspaper' },
    ]);
    assert.deepEqual(o.summary, { entities: 6, mentions: 9, claims: 5, anchored: 14, relocated: 0, fuzzy: 0, orphan: 0 });
    assert.deepEqual(o.problems, []);
  });

  it('inspect --json on a broken file: problems with severity, message, line, column, path; exit 1', () => {
    const r = run('inspect', rel('invalid', 'bad-mode.annotations.json'), '--json');
    assert.equal(r.code, 1);
    const o = JSON.parse(r.stdout) as { problems: Record<string, unknown>[] };
    const p = o.problems.find((x) => x.code === 'schema-enum');
    assert.ok(p);
    assert.deepEqual([p.severity, p.line, p.column, p.path], ['error', 282, 17, ['claims', 0, 'attribution', 'mode']]);
    assert.equal(typeof p.message, 'string');
  });
});
