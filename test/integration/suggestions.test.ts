// Suggested annotations in the real extension host, on a fresh copy of test/fixtures/suggest per test with an
// empty annotation file of the wire story: the view's groups, ghost decorations in the article's editor, each
// decision one edit of the file, a group acceptance undone by one Undo byte for byte, a rejection that stays
// rejected after the reading is reloaded, and the reader's keys.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnnotationFile } from '../../src/core/model';
import type { SuggestionGroups } from '../../src/core/suggest/review';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

const ARTICLE = 'nile-dam-talks.txt';
const FILE = 'review.annotations.json';

interface Inspected {
  items: { key: string; kind: string; exact: string; start: number; end: number; source: string }[];
  current: string | undefined;
  history: string[];
  runs: number;
  view: SuggestionGroups;
  editors: Record<string, { ghosts: number; current: string | undefined }>;
}

describe('suggestions', function () {
  this.timeout(120_000);
  let fx: FixtureCopy;
  let uri: vscode.Uri;
  const inspect = (): Thenable<Inspected> => vscode.commands.executeCommand<Inspected>('marginalia.inspectSuggestions', { file: uri.toString() });
  const file = (): AnnotationFile => JSON.parse(fx.read(FILE)) as AnnotationFile;

  beforeEach(async function () {
    fx = await copyFixture('suggest');
    const types = (JSON.parse(fx.read('nile-dam-talks.annotations.json')) as AnnotationFile).types;
    // The other annotation files of the copy would make every name a known entity (the workspace's registry);
    // only the test about that keeps one.
    const keep = this.currentTest?.title.includes('workspace') ? 'nile-dam-talks.annotations.json' : '';
    for (const f of fs.readdirSync(fx.dir)) if (f.endsWith('.annotations.json') && f !== keep) fs.rmSync(`${fx.dir}/${f}`);
    fx.write(FILE, `${JSON.stringify({ marginalia: 1, article: { path: ARTICLE }, types, entities: [], mentions: [], claims: [] }, null, 2)}\n`);
    uri = fx.uri(FILE);
    await fx.m.store.open(uri);
  });
  afterEach(async () => fx.dispose());

  async function suggestAll(): Promise<Inspected> {
    const n = await vscode.commands.executeCommand<number>('marginalia.suggestAnnotations', { file: uri.toString() });
    assert.ok(typeof n === 'number' && n > 50, `suggested ${JSON.stringify(n)}`);
    return inspect();
  }

  it('Suggest Annotations fills the view (new entities, known, claims) and the article editor shows ghosts', async () => {
    const editor = await vscode.window.showTextDocument(fx.uri(ARTICLE));
    const got = await suggestAll();
    assert.ok(
      got.view.newEntities.some((g) => g.name === 'William Davison' && g.type === 'analyst'),
      got.view.newEntities.map((g) => `${g.name}:${g.type}`).join(', '),
    );
    assert.ok(got.view.claims.length >= 15, `${got.view.claims.length} claims`);
    // Names known from elsewhere in the workspace (the bundled article's copy) come from the registry.
    assert.ok(got.view.known.every((g) => g.items.every((m) => m.source === 'registry')));
    assert.ok(got.current, 'a current suggestion');
    const shown = await waitFor('ghost decorations', async () => (await inspect()).editors[editor.document.uri.toString()]);
    assert.equal(shown.ghosts, got.items.length - 1);
    assert.equal(shown.current, got.current);
  });

  it('accepting is one edit; a group acceptance is undone by one Undo byte for byte', async () => {
    const first = await suggestAll();
    const davison = first.items.find((s) => s.exact === 'William Davison');
    assert.ok(davison);
    assert.equal(await vscode.commands.executeCommand('marginalia.acceptSuggestion', { file: uri.toString(), key: davison.key }), 1);
    // The affiliation first: the analyst's entity names it.
    assert.deepEqual(
      file().entities.map((e) => [e.name, e.type, e.role]),
      [
        ['International Crisis Group', 'institution', undefined],
        ['William Davison', 'analyst', 'senior analyst'],
      ],
    );
    // The reading reloads and the queue is recomputed: Davison's surname is now a mention of a known entity.
    const known = await waitFor('the surname as a known entity', async () => {
      const g = (await inspect()).view.known.find((x) => x.name === 'William Davison');
      return g && g.items.length > 0 ? g : undefined;
    });
    const before = fx.read(FILE);
    assert.equal(await vscode.commands.executeCommand('marginalia.acceptSuggestionGroup', { file: uri.toString(), group: known.key }), known.items.length);
    const after = fx.read(FILE);
    assert.equal((JSON.parse(after) as AnnotationFile).mentions.length, 1 + known.items.length);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('the group acceptance undone', () => doc.getText() === before);
  });

  it('a rejected suggestion stays rejected after the reading is reloaded', async () => {
    const first = await suggestAll();
    const target = first.items.find((s) => s.kind === 'claim');
    assert.ok(target);
    await vscode.commands.executeCommand('marginalia.rejectSuggestion', { file: uri.toString(), key: target.key });
    assert.equal(file().rejectedSuggestions?.length, 1);
    fx.m.store.forget(uri);
    await fx.m.store.open(uri);
    const again = await suggestAll();
    assert.ok(!again.items.some((s) => s.kind === target.kind && s.start === target.start && s.end === target.end), 'the rejected claim came back');
    assert.equal(again.items.length, first.items.length - 1);
  });

  it("the reader's keys: accept, skip, reject, undo — the queue advances by itself", async () => {
    await fx.m.readers.open(uri);
    const first = await suggestAll();
    const key = (action: string): boolean => fx.m.readers.receive(uri, { type: 'review', action, key: null });
    assert.ok(key('accept'));
    await waitFor('accepted', () => file().mentions.length === 1);
    await waitFor('moved on', async () => (await inspect()).current !== first.current);
    assert.ok(key('skip'));
    await waitFor('skipped', async () => (await inspect()).history.length === 2);
    assert.ok(key('reject'));
    await waitFor('rejected', () => (file().rejectedSuggestions?.length ?? 0) === 1);
    const undone = await vscode.commands.executeCommand('marginalia.undoSuggestionReview', { file: uri.toString() });
    assert.equal(undone, true, JSON.stringify(undone));
    await waitFor('the rejection undone', () => file().rejectedSuggestions === undefined).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; history ${JSON.stringify((await inspect()).history)}; file ${fx.read(FILE).slice(-400)}`);
    });
    assert.deepEqual((await inspect()).history, ['accept', 'skip']);
    assert.ok(!fx.m.readers.receive(uri, { type: 'review', action: 'explode', key: null }), 'an unknown action is refused');
  });

  it("the entities of the workspace's other annotation files are known, with where they come from", async () => {
    const got = await suggestAll();
    const davison = got.view.known.find((g) => g.name === 'William Davison');
    assert.ok(davison, got.view.known.map((g) => g.name).join(', '));
    assert.ok(
      davison.items.every((m) => m.source === 'registry' && /nile-dam-talks\.annotations\.json/.test(m.why)),
      JSON.stringify(davison.items.map((m) => [m.source, m.why])),
    );
  });

  it('a read-only file is refused and nothing changes', async () => {
    await suggestAll();
    const before = fx.read(FILE);
    const { chmodSync } = await import('node:fs');
    chmodSync(uri.fsPath, 0o444);
    const r = await vscode.commands.executeCommand<{ ok: false; message: string }>('marginalia.acceptSuggestion', { file: uri.toString() });
    assert.match(r.message, /read-only/);
    assert.equal(fx.read(FILE), before);
  });
});
