// The corpus in a real extension host, on copies of test/fixtures/corpus: several articles sharing a registry (one
// with a local id shadowing a registry id, one broken file that must not hide the others), the Corpus view, the
// registry followed live, corpus search with its hits annotated (one undoable edit per file), the corpus scope of
// the Claims view, the report, and "Move Entities to the Registry" on files that each had their own entities.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InternalCommands } from '../../src/vscode/commandIds';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

interface Inspected {
  totals: { articles: number };
  rows: { file: string; title: string; health: string; mentions: number; claims: number; errors: number; warnings: number; modified?: number }[];
  longestStepMs: number;
  search: { checked: { file: string; match: string }[]; total: number };
  report: { ms: number; buildMs: number } | undefined;
}

const inspect = async (rescan = false): Promise<Inspected> => (await vscode.commands.executeCommand(InternalCommands.inspectCorpus, { rescan })) as Inspected;

/** The Corpus view's rows of one copy, once all `n` of its files are indexed. */
async function rowsOf(copy: FixtureCopy, n: number): Promise<Inspected['rows']> {
  const prefix = vscode.Uri.file(copy.dir).toString();
  // File events for a folder copied at once may come late: look for the files again now and then.
  let polls = 0;
  return waitFor(`${n} corpus rows of ${copy.dir}`, async () => {
    const all = (await inspect(polls++ % 40 === 0)).rows;
    const rows = all.filter((r) => r.file.startsWith(prefix));
    // Copies of earlier tests are gone from the index too (they would answer searches).
    const stale = all.some((r) => r.file.includes('/corpus/') && !r.file.startsWith(prefix) && !fs.existsSync(vscode.Uri.parse(r.file).fsPath));
    return rows.length === n && !stale ? rows : undefined;
  });
}

describe('corpus', function () {
  this.timeout(120_000);
  let copy: FixtureCopy;
  const SHARED = 'articles';

  afterEach(async () => {
    // Readings of the copy's nested files too (the copy forgets only its top-level files).
    for (const r of copy?.m.store.all() ?? []) if (r.uri.fsPath.startsWith(copy.dir)) copy.m.store.forget(r.uri);
    await copy?.dispose();
  });

  it('indexes every article of the workspace; the broken file is listed and hides nothing; the shadowing one warns', async () => {
    copy = await copyFixture('corpus/shared');
    const rows = await rowsOf(copy, 5);
    const by = (name: string) => rows.find((r) => r.file.endsWith(`/${SHARED}/${name}`));
    assert.deepEqual(
      [by('talks-resume.annotations.json')?.health, by('talks-resume.annotations.json')?.mentions, by('talks-resume.annotations.json')?.claims],
      ['ok', 10, 5],
    );
    assert.equal(by('regional/port-alda-vote.annotations.json')?.health, 'ok');
    assert.equal(by('second-opinion.annotations.json')?.health, 'warnings');
    assert.equal(by('broken.annotations.json')?.health, 'errors');
    assert.ok(
      rows.every((r) => typeof r.modified === 'number'),
      'last change known',
    );
    assert.ok((await inspect()).longestStepMs < 1000, 'one file never holds the host long');
  });

  it('a reading that names the registry loads without problems, and follows the registry as it is edited', async () => {
    copy = await copyFixture('corpus/shared');
    const { m } = copy;
    const reading = await m.store.open(copy.uri(`${SHARED}/talks-resume.annotations.json`));
    assert.deepEqual(reading.problems, []);
    assert.equal(reading.model?.entities.get('lee-min-jun')?.role, 'senior fellow');
    assert.ok(reading.model?.fromRegistry.entities.has('lee-min-jun'));
    // The registry edited in an editor (unsaved): the reading uses the new definition at once.
    const registry = await vscode.workspace.openTextDocument(copy.uri('.marginalia/entities.json'));
    const text = registry.getText();
    const at = text.indexOf('"senior fellow"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(registry.uri, new vscode.Range(registry.positionAt(at), registry.positionAt(at + '"senior fellow"'.length)), '"visiting fellow"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the reading to follow the registry', () => m.store.get(reading.uri)?.model?.entities.get('lee-min-jun')?.role === 'visiting fellow');
    // A registry mid-edit (broken JSON) keeps the last good one: the article does not fill with errors.
    const good = m.store.get(reading.uri);
    const broken = new vscode.WorkspaceEdit();
    broken.insert(registry.uri, registry.positionAt(1), ' oops ');
    assert.ok(await vscode.workspace.applyEdit(broken));
    const after = await waitFor('the reading loaded again', () => {
      const now = m.store.get(reading.uri);
      return now !== good ? now : undefined;
    });
    assert.deepEqual(after.problems, []);
    assert.equal(after.model?.entities.get('lee-min-jun')?.role, 'visiting fellow');
  });

  it('corpus search, then the checked hits annotated as mentions of a registry entity: one undo per file', async () => {
    copy = await copyFixture('corpus/shared');
    await rowsOf(copy, 5);
    const files = ['talks-resume', 'strait-patrols', 'regional/port-alda-vote'].map((f) => copy.uri(`${SHARED}/${f}.annotations.json`));
    const before = files.map((f) => fs.readFileSync(f.fsPath, 'utf8'));
    const found = (await vscode.commands.executeCommand('marginalia.searchCorpus', 'Ledger')) as { hits: number };
    assert.ok(found.hits >= 3);
    const checked = (await inspect()).search.checked.filter((h) => h.file.startsWith(vscode.Uri.file(copy.dir).toString()));
    assert.ok(checked.length >= 3 && checked.every((h) => h.match === 'Ledger'), JSON.stringify(checked));
    const done = (await vscode.commands.executeCommand('marginalia.annotateSearchHits', { entity: 'daily-ledger' })) as { files: number; mentions: number };
    assert.ok(done.files >= 3, JSON.stringify(done));
    for (const [i, f] of files.entries()) {
      const now = fs.readFileSync(f.fsPath, 'utf8');
      assert.notEqual(now, before[i]);
      assert.match(now, /"m-daily-ledger-2"/);
      const reading = await waitFor('the reading with the new mention', async () => {
        const r = await copy.m.store.open(f);
        return r.model?.mentionById.has('m-daily-ledger-2') ? r : undefined;
      });
      assert.deepEqual(reading.problems, [], f.path);
    }
    // Each file's edit is its own: undo in one file restores that file only.
    const first = files[0] as vscode.Uri;
    await vscode.window.showTextDocument(first);
    await vscode.commands.executeCommand('undo');
    await waitFor('the first file undone', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === first.toString())?.getText() === before[0]);
    assert.notEqual(fs.readFileSync((files[1] as vscode.Uri).fsPath, 'utf8'), before[1]);
    await vscode.workspace.textDocuments.find((d) => d.uri.toString() === first.toString())?.save();
  });

  it('the Claims view gains a corpus scope: speaker → article → claim, outlet → speaker → claim', async () => {
    copy = await copyFixture('corpus/shared');
    await rowsOf(copy, 5);
    type Views = { claims: { scope: string; corpus: { label: string; count: number; articles: number; children: string[] }[] } };
    const views = async (): Promise<Views> => (await vscode.commands.executeCommand(InternalCommands.inspectViews)) as Views;
    await vscode.commands.executeCommand('marginalia.showCorpusClaims');
    await vscode.commands.executeCommand('marginalia.groupClaimsBy', 'speaker');
    const lee = await waitFor('Lee across articles', async () => (await views()).claims.corpus.find((g) => g.label === 'Lee Min-jun' && g.articles >= 3));
    assert.equal((await views()).claims.scope, 'corpus');
    assert.ok(lee.children.includes('Patrols increase in the Strait of Kessa') && lee.children.includes('Port Alda votes on the harbour treaty'));
    await vscode.commands.executeCommand('marginalia.groupClaimsBy', 'outlet');
    const wire = await waitFor('the Northern Wire across speakers', async () => (await views()).claims.corpus.find((g) => g.label === 'Northern Wire'));
    assert.ok(wire.children.includes('Ana Ortiz') && wire.children.includes('Lee Min-jun'));
    await vscode.commands.executeCommand('marginalia.showArticleClaims');
    await vscode.commands.executeCommand('marginalia.groupClaimsBy', 'speaker');
    assert.equal((await views()).claims.scope, 'article');
  });

  it('an entity card knows the corpus: the hover says where else it is, with a link there', async () => {
    copy = await copyFixture('corpus/shared');
    await rowsOf(copy, 5);
    await copy.m.store.open(copy.uri(`${SHARED}/talks-resume.annotations.json`));
    const doc = await vscode.workspace.openTextDocument(copy.uri(`${SHARED}/talks-resume.txt`));
    // Not shown in an editor: the hover needs only the document (and shown, its decorations would outlive the test).
    const at = doc.positionAt(doc.getText().indexOf('Lee Min-jun') + 2);
    const text = await waitFor('the corpus line in the hover', async () => {
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at)) as vscode.Hover[];
      const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')));
      return all.find((t) => t.includes('Across the corpus'));
    });
    assert.match(text, /3 claims in 2 other articles/);
    assert.match(text, /command:marginalia\.showCorpusInstances/);
    assert.match(text, /Patrols increase in the Strait of Kessa \(2 claims, 2 mentions\)/);
  });

  it('the Corpus Report opens and draws', async () => {
    copy = await copyFixture('corpus/shared');
    await rowsOf(copy, 5);
    await vscode.commands.executeCommand('marginalia.openCorpusReport');
    const paint = await waitFor('the report painted', async () => (await inspect()).report?.ms);
    assert.ok(paint >= 0);
    const report = (await inspect()).report;
    assert.ok(report && report.buildMs < 300, JSON.stringify(report));
  });

  it('Move Entities to the Registry: the reviewed plan lands in every file and a new registry, and the readings load clean', async () => {
    copy = await copyFixture('corpus/legacy');
    await rowsOf(copy, 2);
    const folder = vscode.Uri.file(copy.dir);
    const result = (await vscode.commands.executeCommand('marginalia.moveEntitiesToRegistry', {
      folder: folder.toString(),
      exclude: [`${copy.uri('b/patrols.annotations.json').toString()}#the-ledger`],
      confirm: true,
    })) as { files: number; entities: number; merged: number };
    assert.deepEqual([result.files, result.merged], [2, 2], JSON.stringify(result));
    const registry = JSON.parse(fs.readFileSync(path.join(copy.dir, '.marginalia', 'entities.json'), 'utf8')) as { entities: { id: string }[] };
    assert.ok(registry.entities.some((e) => e.id === 'lee-min-jun') && registry.entities.some((e) => e.id === 'the-ledger'));
    for (const f of ['a/talks.annotations.json', 'b/patrols.annotations.json']) {
      const text = fs.readFileSync(path.join(copy.dir, f), 'utf8');
      assert.match(text, /"registry": "\.\.\/\.marginalia\/entities\.json"/);
      const reading = await copy.m.store.reload(copy.uri(f));
      assert.ok(!reading.problems.some((p) => p.severity === 'error'), JSON.stringify(reading.problems));
    }
  });
});
