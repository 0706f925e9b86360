// Two annotators in the real extension host: Compare opens the agreement report, its messages are checked,
// a disagreement opens both readers, curation writes into A as one undoable edit or as a new file, "Set Up Git
// Merging" makes git merge annotation files by id in a repository made here, and "Resolve Annotation Conflicts"
// merges a file git left with conflict markers, then decides its conflict entries.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAnnotationFile } from '../../src/core/parse';
import type { CollabPanel } from '../../src/vscode/collab/panel';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

const A = 'briefing.alice.annotations.json';
const B = 'briefing.bob.annotations.json';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
}

function gitRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.org');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
}

/** Commits `edit(text)` of `file` on a new branch `theirs` and `mine(text)` on main, then merges (failures are expected). */
function concurrent(f: FixtureCopy, file: string, mine: (t: string) => string, theirs: (t: string) => string): string {
  git(f.dir, 'checkout', '-q', '-b', 'theirs');
  f.write(file, theirs(f.read(file)));
  git(f.dir, 'commit', '-q', '-am', 'theirs');
  git(f.dir, 'checkout', '-q', 'main');
  f.write(file, mine(f.read(file)));
  git(f.dir, 'commit', '-q', '-am', 'ours');
  try {
    return git(f.dir, 'merge', '--no-edit', 'theirs');
  } catch (e) {
    return e instanceof Error ? `failed: ${e.message}` : 'failed';
  }
}

describe('collab', function () {
  this.timeout(120_000);
  let f: FixtureCopy;
  beforeEach(async () => {
    f = await copyFixture('collab');
  });
  afterEach(async () => {
    await f.dispose();
  });

  async function compare(mode: 'compareAnnotations' | 'curateAnnotations' = 'compareAnnotations'): Promise<CollabPanel> {
    const r = await vscode.commands.executeCommand(`marginalia.${mode}`, { a: f.uri(A).toString(), b: f.uri(B).toString() });
    assert.deepEqual(r, { ok: true, a: f.uri(A).toString(), b: f.uri(B).toString() });
    const panel = f.m.collab.all().find((p) => p.files.a.toString() === f.uri(A).toString());
    assert.ok(panel, 'the panel is open');
    return panel;
  }

  it('Compare opens the agreement report of A and B, locked down', async () => {
    const panel = await compare();
    const { payload, html, mode } = panel.inspect();
    assert.equal(mode, 'report');
    assert.equal(payload.report.mentions.kappa, 14 / 19);
    assert.equal(payload.report.claims.attribution.f1, 2 / 7);
    assert.equal(payload.queue.length, 7);
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.equal(panel.panel.title, 'Compare: Ministers meet in Geneva');
  });

  it('refuses malformed webview messages and counts decisions in the title', async () => {
    const panel = await compare('curateAnnotations');
    for (const bad of [null, { type: 'decide', key: 'x', choice: 'maybe' }, { type: 'runCommand', id: 'x' }]) assert.equal(await panel.receive(bad), false);
    assert.match(panel.panel.title, /^Curate: Ministers meet in Geneva \(7 to decide\)$/);
    const first = panel.inspect().payload.queue[0]?.key ?? '';
    assert.equal(await panel.receive({ type: 'decide', key: first, choice: 'right' }), true);
    assert.match(panel.panel.title, /\(6 to decide\)$/);
    assert.equal(panel.inspect().state.current, panel.inspect().payload.queue[1]?.key);
    await panel.receive({ type: 'undo' });
    assert.match(panel.panel.title, /\(7 to decide\)$/);
  });

  it('a disagreement opens both versions, each in its reader', async () => {
    const panel = await compare();
    const item = panel.inspect().payload.queue.find((q) => q.a && q.b);
    assert.ok(item);
    await panel.receive({ type: 'reveal', key: item.key });
    await waitFor('both readers', () => f.m.readers.isOpen(f.uri(A)) && f.m.readers.isOpen(f.uri(B)));
  });

  it('curation into A is one edit, reverted byte for byte by one Undo', async () => {
    const before = f.read(A);
    const panel = await compare('curateAnnotations');
    for (const q of panel.inspect().payload.queue) await panel.receive({ type: 'decide', key: q.key, choice: 'right' });
    const message = await panel.writeTo('a');
    assert.match(message ?? '', /7 decisions applied as one edit/);
    const after = f.read(A);
    assert.notEqual(after, before);
    assert.deepEqual(
      parseAnnotationFile(after).problems.filter((p) => p.severity === 'error'),
      [],
    );
    // The report follows the file: A now agrees with B.
    await waitFor('the panel to follow the file', () => panel.inspect().payload.queue.length === 0);
    const doc = await vscode.workspace.openTextDocument(f.uri(A));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => doc.getText() === before);
    assert.ok(await doc.save());
    assert.equal(f.read(A), before);
  });

  it('curation as a new file in another folder points at the same article', async () => {
    const panel = await compare('curateAnnotations');
    const first = panel.inspect().payload.queue.find((q) => q.category === 'only-b');
    assert.ok(first);
    await panel.receive({ type: 'decide', key: first.key, choice: 'right' });
    fs.mkdirSync(path.join(f.dir, 'curated'));
    const target = f.uri('curated/briefing.annotations.json');
    assert.match((await panel.writeTo('new', target)) ?? '', /written to .*curated\/briefing\.annotations\.json \(1 decisions\)/);
    const reading = await f.m.store.open(target);
    assert.equal(reading.articleUri?.fsPath, f.uri('briefing.txt').fsPath);
    assert.deepEqual(
      reading.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.ok(reading.model?.mentionById.has(first.b?.id ?? ''));
  });

  it('Set Up Git Merging writes .gitattributes and the driver, and git then merges annotation files by id', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
    gitRepo(f.dir);
    const r = await vscode.commands.executeCommand('marginalia.setUpGitMerging', { folder: f.dir, scope: 'shared', confirm: true });
    assert.deepEqual(r, { ok: true, wrote: ['.gitattributes', '.git/config (merge.marginalia)', path.join('.git', 'marginalia', 'cli.js')] });
    assert.equal(f.read('.gitattributes'), '*.annotations.json merge=marginalia\n');
    assert.match(git(f.dir, 'config', 'merge.marginalia.driver'), /cli\.js" merge --marker-size %L --path %P %O %A %B/);
    // Running it again adds nothing twice.
    await vscode.commands.executeCommand('marginalia.setUpGitMerging', { folder: f.dir, scope: 'shared', confirm: true });
    assert.equal(f.read('.gitattributes'), '*.annotations.json merge=marginalia\n');
    git(f.dir, 'add', '.gitattributes');
    git(f.dir, 'commit', '-q', '-m', 'attributes');
    const out = concurrent(
      f,
      A,
      (t) => t.replace('"role": "Foreign Minister"', '"role": "Minister"'),
      (t) => t.replace('"role": "senior fellow"', '"role": "fellow"'),
    );
    assert.doesNotMatch(out, /^failed/, out);
    const merged = parseAnnotationFile(f.read(A)).file;
    assert.deepEqual(
      merged?.entities.filter((e) => e.role).map((e) => e.role),
      ['Minister', 'fellow'],
    );
  });

  it('Resolve Annotation Conflicts merges a file left with conflict markers, then decides its entries', async () => {
    gitRepo(f.dir);
    const out = concurrent(
      f,
      A,
      (t) => t.replace('"role": "senior fellow"', '"role": "fellow"'),
      (t) => t.replace('"role": "senior fellow"', '"role": "director"'),
    );
    assert.match(out, /^failed/);
    assert.match(f.read(A), /^<<<<<<< HEAD$/m);
    const first = await vscode.commands.executeCommand('marginalia.resolveAnnotationConflicts', { file: f.uri(A).toString(), decisions: {} });
    assert.deepEqual(first, { ok: true, merged: true, resolved: 0, remaining: 1 });
    const entries = parseAnnotationFile(f.read(A)).file?.conflicts;
    assert.deepEqual(
      entries?.map((c) => [c.item, c.path, c.ours, c.theirs]),
      [['lee-min-jun', ['role'], 'fellow', 'director']],
    );
    const second = await vscode.commands.executeCommand('marginalia.resolveAnnotationConflicts', {
      file: f.uri(A).toString(),
      decisions: { [entries?.[0]?.id ?? '']: 'theirs' },
    });
    assert.deepEqual(second, { ok: true, merged: false, resolved: 1, remaining: 0 });
    const text = f.read(A);
    assert.deepEqual(
      parseAnnotationFile(text).problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(parseAnnotationFile(text).file?.entities.find((e) => e.id === 'lee-min-jun')?.role, 'director');
  });
});
