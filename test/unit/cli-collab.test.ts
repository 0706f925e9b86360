// `marginalia agree` and `marginalia merge` as a user and git run them: the built CLI spawned, and the merge
// driver configured in a real git repository made here, with concurrent edits on two branches.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { addMentions, deleteEntity, setAttribution, updateEntity } from '../../src/core/edit';
import { parseAnnotationFile } from '../../src/core/parse';
import { normalizeText, OffsetMap, selectorsFor } from '../../src/core/text';
import { FIXTURES, ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const rel = (...p: string[]): string => relative(ROOT, join(FIXTURES, ...p));
const ALICE = rel('collab', 'briefing.alice.annotations.json');
const BOB = rel('collab', 'briefing.bob.annotations.json');
const scratch = mkdtempSync(join(tmpdir(), 'marginalia-collab-'));

describe('cli: agree', function () {
  // Each case spawns the CLI; on a busy machine that alone can take seconds.
  this.timeout(60_000);
  it('--json prints the measures, A the reference', () => {
    const r = run(['agree', ALICE, BOB, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      mentions: { exact: { f1: number }; overlap: { precision: number; recall: number; f1: number }; kappa: number };
      claims: { span: { f1: number }; attribution: { precision: number; recall: number; f1: number } };
      disagreements: unknown[];
    };
    assert.deepEqual(Object.keys(report).slice(0, 2), ['mentions', 'claims']);
    assert.deepEqual(Object.keys(report.mentions.overlap).slice(0, 3), ['precision', 'recall', 'f1']);
    assert.equal(report.mentions.exact.f1, 4 / 6);
    assert.equal(report.mentions.kappa, 14 / 19);
    assert.equal(report.claims.attribution.f1, 2 / 7);
    assert.equal(report.disagreements.length, 7);
  });

  it('the summary names each measure and lists the disagreements', () => {
    const r = run(['agree', ALICE, BOB]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /spans, overlapping +0\.833 +0\.833 +0\.833 +5 of A 6, B 6/);
    assert.match(r.stdout, /Cohen's kappa on the types of 5 paired spans: 0\.737/);
    assert.match(r.stdout, /attribution \(speaker and outlets\) +0\.250 +0\.333 +0\.286/);
    assert.match(r.stdout, /claim differs \(speaker\): A 341-373 "Geneva would host a second round" "Ana Ortiz" \| B 341-373 .* "Lee Min-jun"/);
  });

  it("B whose article moved and changed is anchored on A's article", () => {
    const dir = join(scratch, 'moved');
    mkdirSync(join(dir, '.marginalia'), { recursive: true });
    copyFileSync(join(FIXTURES, 'collab', 'briefing.txt'), join(dir, 'briefing.txt'));
    writeFileSync(join(dir, 'other.txt'), 'A line added on top.\n' + readFileSync(join(FIXTURES, 'collab', 'briefing.txt'), 'utf8'));
    copyFileSync(join(FIXTURES, 'collab', 'briefing.alice.annotations.json'), join(dir, 'a.annotations.json'));
    writeFileSync(join(dir, 'b.annotations.json'), readFileSync(join(ROOT, BOB), 'utf8').replace('"path": "briefing.txt"', '"path": "other.txt"'));
    const r = run(['agree', join(dir, 'a.annotations.json'), join(dir, 'b.annotations.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /b\.annotations\.json is anchored on the article of the reference file \(its own article differs\)/);
    assert.equal((JSON.parse(r.stdout) as { mentions: { kappa: number } }).mentions.kappa, 14 / 19);
  });

  const usage: [string, string[], RegExp][] = [
    ['one file', ['agree', ALICE], /agree takes two FILEs/],
    ['a missing file', ['agree', ALICE, 'no/such.annotations.json'], /cannot read file no\/such\.annotations\.json: no such file/],
    ['a reference without its article', ['agree', rel('invalid', 'missing-article.annotations.json'), BOB], /cannot compare: /],
  ];
  for (const [what, args, message] of usage)
    it(`exit 2 on ${what}`, () => {
      const r = run(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    });
});

// ---- merge ------------------------------------------------------------------------------------------

const BASE = readFileSync(join(FIXTURES, 'editing', 'briefing.annotations.json'), 'utf8');
const ARTICLE = readFileSync(join(FIXTURES, 'editing', 'briefing.txt'), 'utf8');
const MAP = new OffsetMap(normalizeText(ARTICLE));
function mentionOf(text: string, entity: string, exact: string, nth: number): string {
  let i = MAP.text.indexOf(exact);
  for (let k = 0; k < nth; k++) i = MAP.text.indexOf(exact, i + 1);
  return addMentions(text, [{ entity, selector: selectorsFor(MAP, i, i + exact.length) }]).text;
}
function speaker(text: string, claim: string, entity: string): string {
  const c = parseAnnotationFile(text).file?.claims.find((x) => x.id === claim);
  if (!c) throw new Error(claim);
  return setAttribution(text, claim, { ...c.attribution, chain: [{ role: 'speaker', entity }, ...c.attribution.chain.slice(1)] }).text;
}

describe('cli: merge', function () {
  this.timeout(60_000);
  const files = (name: string, ours: string, theirs: string): [string, string, string] => {
    const dir = join(scratch, name);
    mkdirSync(dir, { recursive: true });
    const paths = ['base', 'ours', 'theirs'].map((s) => join(dir, `${s}.json`)) as [string, string, string];
    [BASE, ours, theirs].forEach((t, i) => writeFileSync(paths[i] as string, t));
    return paths;
  };

  it('a clean merge writes OURS and exits 0', () => {
    const [b, o, t] = files('clean', updateEntity(BASE, 'ana-ortiz', { role: 'Minister' }).text, mentionOf(BASE, 'lee-min-jun', 'Lee', 1));
    const r = run(['merge', b, o, t]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    const merged = parseAnnotationFile(readFileSync(o, 'utf8')).file;
    assert.equal(merged?.entities.find((e) => e.id === 'ana-ortiz')?.role, 'Minister');
    assert.ok(merged?.mentions.some((m) => m.id === 'm-lee-min-jun-2'));
  });

  it('a conflict exits 1 and is listed as a located problem under the --path name', () => {
    const [b, o, t] = files('conflict', updateEntity(BASE, 'ana-ortiz', { role: 'a' }).text, updateEntity(BASE, 'ana-ortiz', { role: 'b' }).text);
    const out = join(scratch, 'conflict', 'result.json');
    const r = run(['merge', '--path', 'notes/briefing.annotations.json', '--output', out, b, o, t]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^notes\/briefing\.annotations\.json:\d+:\d+: error: merge conflict on entity "ana-ortiz" at "role"; the file holds ours; resolve it, then delete this entry \(conflicts\[0\]\)$/m,
    );
    assert.match(r.stderr, /1 conflict left as entries in "conflicts"/);
    assert.equal(readFileSync(o, 'utf8'), updateEntity(BASE, 'ana-ortiz', { role: 'a' }).text, 'OURS untouched with --output');
  });

  it('a version that is not JSON falls back to git merge-file, markers and all', () => {
    const broken = BASE.replace('"role": "senior fellow"', '"role": "senior fellow",,');
    const [b, o, t] = files('fallback', updateEntity(BASE, 'lee-min-jun', { role: 'fellow' }).text, broken);
    const r = run(['merge', '--marker-size', '9', b, o, t]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /theirs is not valid JSON at \d+:\d+: .*; merging lines instead \(git merge-file\)/);
    assert.match(readFileSync(o, 'utf8'), /^<{9} ours$/m);
  });

  it('usage errors exit 2', () => {
    assert.equal(run(['merge', 'a', 'b']).code, 2);
    assert.equal(run(['merge', '--marker-size', 'x', 'a', 'b', 'c']).code, 2);
    assert.match(run(['merge', 'no/base', 'no/ours', 'no/theirs']).stderr, /cannot read base no\/base: no such file/);
  });
});

// ---- in a real git repository ---------------------------------------------------------------------------

function git(cwd: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** A repository with the fixture committed on `main`, a `theirs` branch and `main` each edited, then merged. */
function scenario(
  name: string,
  ours: (t: string) => string,
  theirs: (t: string) => string,
  driver = true,
): { dir: string; merge: { code: number | null; out: string } } {
  const dir = join(scratch, 'git', name);
  mkdirSync(join(dir, 'notes'), { recursive: true });
  const ok = (r: { code: number | null; out: string }): void => assert.equal(r.code, 0, r.out);
  ok(git(dir, 'init', '-q', '-b', 'main'));
  ok(git(dir, 'config', 'user.name', 'Test'));
  ok(git(dir, 'config', 'user.email', 'test@example.org'));
  if (driver) {
    ok(git(dir, 'config', 'merge.marginalia.name', 'Marginalia annotation files'));
    ok(git(dir, 'config', 'merge.marginalia.driver', `"${process.execPath}" "${CLI}" merge --marker-size %L --path %P %O %A %B`));
    writeFileSync(join(dir, '.gitattributes'), '*.annotations.json merge=marginalia\n');
  }
  writeFileSync(join(dir, 'notes', 'briefing.txt'), ARTICLE);
  const file = join(dir, 'notes', 'briefing.annotations.json');
  writeFileSync(file, BASE);
  ok(git(dir, 'add', '-A'));
  ok(git(dir, 'commit', '-q', '-m', 'base'));
  ok(git(dir, 'checkout', '-q', '-b', 'theirs'));
  writeFileSync(file, theirs(BASE));
  ok(git(dir, 'commit', '-q', '-am', 'theirs'));
  ok(git(dir, 'checkout', '-q', 'main'));
  writeFileSync(file, ours(BASE));
  ok(git(dir, 'commit', '-q', '-am', 'ours'));
  return { dir, merge: git(dir, 'merge', '--no-edit', 'theirs') };
}

const fileIn = (dir: string): string => join(dir, 'notes', 'briefing.annotations.json');

describe('cli: merge as the git merge driver', function () {
  this.timeout(120_000);

  it('both add mentions: git merges cleanly, and the result validates with both', () => {
    const ours = (t: string): string => mentionOf(t, 'ana-ortiz', 'Ortiz', 1);
    const theirs = (t: string): string => mentionOf(mentionOf(t, 'lee-min-jun', 'Lee', 1), 'ana-ortiz', 'Geneva', 2);
    const { dir, merge } = scenario('both-add', ours, theirs);
    assert.equal(merge.code, 0, merge.out);
    assert.equal(git(dir, 'status', '--porcelain').out, '');
    const v = run(['validate', fileIn(dir)]);
    assert.deepEqual([v.code, v.stdout], [0, '']);
    const mentions = parseAnnotationFile(readFileSync(fileIn(dir), 'utf8')).file?.mentions.map((m) => m.id);
    assert.deepEqual(mentions?.slice(-3), ['m-ana-ortiz-2', 'm-lee-min-jun-2', 'm-ana-ortiz-3']);
    // The same histories without the driver: git's line merge stops on the same lines and breaks the JSON.
    const plain = scenario('both-add-no-driver', ours, theirs, false);
    assert.notEqual(plain.merge.code, 0);
    assert.match(readFileSync(fileIn(plain.dir), 'utf8'), /^<{7} HEAD$/m);
  });

  it('one edits an entity while the other deletes it: a conflict entry, both versions kept, nothing lost', () => {
    const ours = (t: string): string => updateEntity(t, 'lee-min-jun', { role: 'senior research fellow' }).text;
    const { dir, merge } = scenario('edit-delete', ours, (t) => deleteEntity(t, 'lee-min-jun').text);
    assert.notEqual(merge.code, 0);
    assert.match(merge.out, /notes\/briefing\.annotations\.json:\d+:\d+: error: merge conflict on entity "lee-min-jun"; the file holds ours/);
    const text = readFileSync(fileIn(dir), 'utf8');
    const f = parseAnnotationFile(text);
    assert.deepEqual(
      f.problems.filter((p) => p.severity === 'error').map((p) => p.code),
      ['merge-conflict'],
    );
    assert.equal(f.file?.entities.find((e) => e.id === 'lee-min-jun')?.role, 'senior research fellow');
    assert.ok(f.file?.mentions.some((m) => m.id === 'm-lee-min-jun-1'));
    assert.equal(f.file?.conflicts?.[0]?.theirs, undefined);
    const v = run(['validate', fileIn(dir)]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /error: merge conflict on entity "lee-min-jun"/);
  });

  it("both change one claim's speaker: a conflict on the chain, with both speakers in the entry", () => {
    const { dir, merge } = scenario(
      'speaker',
      (t) => speaker(t, 'c-lee-neither-side', 'ana-ortiz'),
      (t) => speaker(t, 'c-lee-neither-side', 'harbour-institute'),
    );
    assert.notEqual(merge.code, 0);
    const f = parseAnnotationFile(readFileSync(fileIn(dir), 'utf8')).file;
    const c = f?.conflicts?.[0];
    assert.deepEqual([c?.kind, c?.item, c?.path, c?.kept], ['claims', 'c-lee-neither-side', ['attribution', 'chain'], 'ours']);
    assert.deepEqual(
      [c?.ours, c?.theirs].map((chain) => (chain as { entity?: string }[])[0]?.entity),
      ['ana-ortiz', 'harbour-institute'],
    );
    assert.equal(f?.claims.find((x) => x.id === 'c-lee-neither-side')?.attribution.chain[0]?.entity, 'ana-ortiz');
  });
});
