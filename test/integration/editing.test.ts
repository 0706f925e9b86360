// Annotating in the real extension host, on a fresh copy of test/fixtures/editing per test: each command end to
// end (selection in, file content out), one Undo restoring the bytes, unsaved documents edited in place, and the
// refusals (deleted, renamed, read-only, invalid files) that change nothing and say why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { minimalReplacement } from '../../src/core/edit';
import type { AnnotationFile } from '../../src/core/model';
import type { EditResult } from '../../src/vscode/editing';
import { revealInArticleEditor } from '../../src/vscode/editing/target';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

const ARTICLE = 'briefing.txt';

function rangeOf(text: string, quote: string, nth = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(quote, i + 1);
  assert.ok(i >= 0, `"${quote}" is in the article`);
  return { start: i, end: i + quote.length };
}

async function run(command: string, args?: unknown): Promise<EditResult> {
  return vscode.commands.executeCommand<EditResult>(command, args);
}

function okResult(r: EditResult): { created: string[]; changed: boolean } {
  assert.ok(r && r.ok, `command failed: ${r && !r.ok ? r.message : 'cancelled'}`);
  return r;
}

interface Row {
  name: string;
  command: string;
  args: (text: string) => Record<string, unknown>;
  expect: (after: AnnotationFile, before: AnnotationFile, created: string[]) => void;
}

const rows: Row[] = [
  {
    name: 'Annotate as Mention of… an existing entity',
    command: 'marginalia.annotateMention',
    args: (t) => ({ range: rangeOf(t, 'Ortiz', 1), entity: 'ana-ortiz' }),
    expect: (a, _b, created) => {
      assert.deepEqual(created, ['m-ana-ortiz-2']);
      const m = a.mentions.at(-1);
      assert.equal(m?.entity, 'ana-ortiz');
      assert.deepEqual(m?.selector[0], {
        type: 'TextQuoteSelector',
        exact: 'Ortiz',
        prefix: 'ts to be seen blinking first.”\n\n',
        suffix: ' later told a media briefing tha',
      });
    },
  },
  {
    name: 'Annotate as Mention of… a new entity (name, type, role, affiliation)',
    command: 'marginalia.annotateMention',
    args: (t) => ({ range: rangeOf(t, 'Geneva'), newEntity: { type: 'place', name: 'Geneva', role: 'host city', affiliations: [] } }),
    expect: (a, _b, created) => {
      assert.deepEqual(created, ['geneva', 'm-geneva-1']);
      assert.deepEqual(a.entities.at(-1), { id: 'geneva', type: 'place', name: 'Geneva', role: 'host city' });
    },
  },
  {
    name: 'Annotate All Occurrences… (the reviewed subset only)',
    command: 'marginalia.annotateAllOccurrences',
    args: () => ({ entity: 'ana-ortiz', accept: [0] }),
    expect: (a, b, created) => {
      assert.equal(a.mentions.length, b.mentions.length + 1);
      assert.deepEqual(created, ['m-ana-ortiz-2']);
    },
  },
  {
    name: 'Add Claim… with a new speaker and a venue',
    command: 'marginalia.addClaim',
    args: (t) => ({
      range: rangeOf(t, 'Geneva would host a second round'),
      attribution: {
        mode: 'reported-statement',
        chain: [
          { role: 'speaker', entity: 'ortiz-spokesperson' },
          { role: 'venue', label: 'a media briefing', kind: 'briefing' },
        ],
        cue: 'told',
      },
      newEntities: [{ id: 'ortiz-spokesperson', type: 'person', name: 'A spokesperson' }],
      summary: 'Geneva will host a second round.',
    }),
    expect: (a, _b, created) => {
      assert.deepEqual(created, ['ortiz-spokesperson', 'c-ortiz-spokesperson-geneva-will-host-a-second']);
      const c = a.claims.at(-1);
      assert.equal(c?.summary, 'Geneva will host a second round.');
      assert.equal((c?.selector[0] as { exact: string }).exact, 'Geneva would host a second round');
      assert.deepEqual(c?.selector[1], { type: 'TextPositionSelector', start: 341, end: 373 });
    },
  },
  {
    name: 'Edit Entity… (role changed, aliases removed, unknown fields kept)',
    command: 'marginalia.editEntity',
    args: () => ({ id: 'ana-ortiz', patch: { role: 'Minister of Foreign Affairs', aliases: null } }),
    expect: (a) =>
      assert.deepEqual(a.entities[0], { id: 'ana-ortiz', type: 'official', name: 'Ana Ortiz', role: 'Minister of Foreign Affairs', 'x-wikidata': 'Q0' }),
  },
  {
    name: 'Edit Entity… from a mention row of the Entities view (the mention stands for its entity)',
    command: 'marginalia.editEntity',
    args: () => ({ kind: 'mention', mentionId: 'm-lee-min-jun-1', entityId: 'lee-min-jun', patch: { description: 'Senior fellow quoted on the talks.' } }),
    expect: (a) => assert.equal(a.entities[1]?.description, 'Senior fellow quoted on the talks.'),
  },
  {
    name: 'Edit Claim Attribution…',
    command: 'marginalia.editClaimAttribution',
    args: () => ({ id: 'c-lee-neither-side', attribution: { mode: 'paraphrase', chain: [{ role: 'speaker', entity: 'lee-min-jun' }], cue: 'told' } }),
    expect: (a) => assert.deepEqual(a.claims[1]?.attribution, { mode: 'paraphrase', chain: [{ role: 'speaker', entity: 'lee-min-jun' }], cue: 'told' }),
  },
  {
    name: 'Delete Annotation… (a mention)',
    command: 'marginalia.deleteAnnotation',
    args: () => ({ id: 'm-daily-ledger-1' }),
    expect: (a, b) =>
      assert.deepEqual(
        a.mentions.map((m) => m.id),
        b.mentions.map((m) => m.id).filter((id) => id !== 'm-daily-ledger-1'),
      ),
  },
  {
    name: 'Delete Annotation… (an entity others point to, confirmed)',
    command: 'marginalia.deleteAnnotation',
    args: () => ({ id: 'harbour-institute', confirm: true }),
    expect: (a) => {
      assert.ok(!a.entities.some((e) => e.id === 'harbour-institute'));
      assert.deepEqual(a.relations, []);
    },
  },
  {
    name: 'Re-anchor… (a mention moved to the selection)',
    command: 'marginalia.reanchor',
    args: (t) => ({ id: 'm-ana-ortiz-1', range: rangeOf(t, 'Ortiz', 1) }),
    expect: (a) => assert.deepEqual((a.mentions[0]?.selector[0] as { exact: string }).exact, 'Ortiz'),
  },
];

describe('editing commands', function () {
  this.timeout(60_000);
  let f: FixtureCopy | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  for (const file of ['briefing.annotations.json', 'crlf.annotations.json']) {
    for (const row of rows) {
      it(`${row.name} [${file}]`, async () => {
        f = await copyFixture();
        const article = f.read(ARTICLE);
        const before = f.read(file);
        const result = okResult(await run(row.command, { file: f.uri(file).toString(), ...row.args(article) }));
        const after = f.read(file);
        assert.ok(result.changed && after !== before, 'the file changed on disk (it was not open)');
        row.expect(JSON.parse(after) as AnnotationFile, JSON.parse(before) as AnnotationFile, result.created);
        // One contiguous change; the rest of the bytes untouched; line endings kept.
        const r = minimalReplacement(before, after);
        assert.ok(r && before.slice(0, r.offset) === after.slice(0, r.offset));
        if (before.includes('\r\n')) assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'CRLF stays CRLF');
        else assert.doesNotMatch(after, /\r/);
        assert.deepEqual((JSON.parse(after) as Record<string, unknown>)['x-project'], { annotator: 'test', reviewed: false }, 'unknown fields survive');
      });
    }
  }

  it('one Undo in the annotation file restores it byte for byte', async () => {
    f = await copyFixture();
    const uri = f.uri('crlf.annotations.json');
    const original = f.read('crlf.annotations.json');
    const editor = await vscode.window.showTextDocument(uri);
    okResult(
      await run('marginalia.addClaim', {
        file: uri.toString(),
        range: rangeOf(f.read(ARTICLE), 'Lee believes the second round will fail'),
        attribution: { mode: 'belief', chain: [{ role: 'speaker', entity: 'lee-min-jun' }], cue: 'believes' },
      }),
    );
    assert.notEqual(editor.document.getText(), original);
    assert.equal(f.read('crlf.annotations.json'), editor.document.getText(), 'a clean document is saved after the edit');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the text', () => editor.document.getText() === original);
  });

  it('a document with unsaved changes is edited in its buffer and not written to disk', async () => {
    f = await copyFixture();
    const uri = f.uri('briefing.annotations.json');
    const onDisk = f.read('briefing.annotations.json');
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), '\n'));
    assert.ok(editor.document.isDirty);
    okResult(await run('marginalia.annotateMention', { file: uri.toString(), range: rangeOf(f.read(ARTICLE), 'Lee', 1), entity: 'lee-min-jun' }));
    assert.ok(editor.document.isDirty, 'still unsaved');
    assert.ok(editor.document.getText().endsWith('}\n\n'), 'the user’s own unsaved edit is kept');
    assert.match(editor.document.getText(), /"m-lee-min-jun-2"/);
    assert.equal(f.read('briefing.annotations.json'), onDisk, 'the file on disk is untouched');
  });

  const refusals: { name: string; prepare: (f: FixtureCopy, uri: vscode.Uri) => Promise<void> | void; message: RegExp; files: string[] }[] = [
    {
      name: 'deleted after the reading was loaded',
      prepare: (x) => fs.unlinkSync(x.uri('briefing.annotations.json').fsPath),
      message: /no longer exists/,
      files: [],
    },
    {
      name: 'renamed after the reading was loaded',
      prepare: (x) => fs.renameSync(x.uri('briefing.annotations.json').fsPath, x.uri('renamed.annotations.json').fsPath),
      message: /no longer exists/,
      files: ['renamed.annotations.json'],
    },
    {
      name: 'read-only',
      prepare: (x) => fs.chmodSync(x.uri('briefing.annotations.json').fsPath, 0o444),
      message: /read-only/,
      files: ['briefing.annotations.json'],
    },
    {
      name: 'not valid JSON',
      prepare: async (x, uri) => {
        x.write('briefing.annotations.json', x.read('briefing.annotations.json').replace('"marginalia": 1,', '"marginalia": 1,,'));
        // Explicitly, not through the watcher: this test is about the refusal, not about file events.
        await x.m.store.reload(uri);
        assert.ok(x.m.store.get(uri)?.problems.some((p) => p.code === 'syntax-error'));
      },
      message: /not valid JSON/,
      files: ['briefing.annotations.json'],
    },
  ];
  for (const r of refusals) {
    it(`a file ${r.name}: a clear message, nothing changed`, async () => {
      f = await copyFixture();
      const x = f;
      const uri = x.uri('briefing.annotations.json');
      await x.m.store.open(uri);
      await r.prepare(x, uri);
      const snapshot = new Map(r.files.map((n) => [n, x.read(n)]));
      const result = await run('marginalia.annotateMention', { file: uri.toString(), range: rangeOf(x.read(ARTICLE), 'Geneva'), entity: 'ana-ortiz' });
      assert.ok(result && !result.ok, 'the command refused');
      assert.match(result.message, r.message);
      for (const [n, text] of snapshot) assert.equal(x.read(n), text, `${n} unchanged`);
      if (r.files.length === 0) assert.ok(!fs.existsSync(uri.fsPath), 'the deleted file was not recreated');
    });
  }

  // Refused before any question: were a question asked, the command would wait for an answer and time out here.
  for (const command of ['marginalia.addClaim', 'marginalia.annotateMention', 'marginalia.annotateAllOccurrences', 'marginalia.editEntity']) {
    it(`${command} on a broken file refuses before asking anything`, async () => {
      f = await copyFixture();
      const x = f;
      const uri = x.uri('briefing.annotations.json');
      await x.m.store.open(uri);
      x.write('briefing.annotations.json', x.read('briefing.annotations.json').replace('"marginalia": 1,', '"marginalia": 1,,'));
      await x.m.store.reload(uri);
      const before = x.read('briefing.annotations.json');
      const result = await run(command, { file: uri.toString(), range: rangeOf(x.read(ARTICLE), 'Geneva') });
      assert.ok(result && !result.ok, 'refused');
      assert.match(result.message, /not valid JSON \(line \d+, column \d+\)/);
      assert.equal(x.read('briefing.annotations.json'), before);
    });
  }

  it('an article without an annotation file says so, naming the command that makes one', async () => {
    f = await copyFixture();
    const plain = f.uri('notes.txt');
    f.write('notes.txt', 'A plain article nobody has annotated yet, naming Ana Ortiz.\n');
    const editor = await vscode.window.showTextDocument(plain);
    editor.selection = new vscode.Selection(new vscode.Position(0, 50), new vscode.Position(0, 59));
    const result = await run('marginalia.annotateMention', {});
    assert.ok(result && !result.ok);
    assert.match(result.message, /notes\.txt has no annotation file yet: run "Marginalia: New Annotated Reading…"/);
  });

  it('takes the selection from a text editor on the article (CRLF article: offsets of the normalized text)', async () => {
    f = await copyFixture();
    const lf = f.read(ARTICLE);
    f.write(ARTICLE, lf.replace(/\n/g, '\r\n'));
    const uri = f.uri('briefing.annotations.json');
    await f.m.store.open(uri);
    const editor = await vscode.window.showTextDocument(f.uri(ARTICLE));
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    const r = rangeOf(editor.document.getText(), 'Lee', 1);
    editor.selection = new vscode.Selection(editor.document.positionAt(r.start), editor.document.positionAt(r.end));
    const result = okResult(await run('marginalia.annotateMention', { entity: 'lee-min-jun' }));
    const added = (JSON.parse(f.read('briefing.annotations.json')) as AnnotationFile).mentions.find((m) => m.id === result.created[0]);
    const expected = rangeOf(lf, 'Lee', 1);
    assert.deepEqual(added?.selector[1], { type: 'TextPositionSelector', start: expected.start, end: expected.end });
  });

  it('takes the selection from the reader', async () => {
    f = await copyFixture();
    const uri = f.uri('briefing.annotations.json');
    await f.m.readers.open(uri);
    const reading = await waitFor('the reading', () => f?.m.store.get(uri)?.model && f.m.store.get(uri));
    await waitFor('the reader to be active', () => f?.m.readers.activeReading()?.key === reading.key);
    const r = rangeOf(f.read(ARTICLE), 'the agreement is fragile');
    assert.ok(f.m.readers.receive(uri, { type: 'selection', start: r.start, end: r.end, source: uri.toString() }));
    const result = okResult(
      await run('marginalia.addClaim', { attribution: { mode: 'paraphrase', chain: [{ role: 'speaker', label: 'analysts' }], cue: 'say' } }),
    );
    const claim = (JSON.parse(f.read('briefing.annotations.json')) as AnnotationFile).claims.find((c) => c.id === result.created[0]);
    assert.equal((claim?.selector[0] as { exact: string }).exact, 'the agreement is fragile');
    await waitFor('the reading to show the new claim', () => f?.m.store.get(uri)?.model?.claims.some((c) => c.id === result.created[0]));
  });
});

describe('editing: a CRLF article in the text editor', function () {
  this.timeout(60_000);
  let f: FixtureCopy | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  const crlfCopy = async (): Promise<{ x: FixtureCopy; uri: vscode.Uri; editor: vscode.TextEditor }> => {
    const x = await copyFixture();
    x.write(ARTICLE, x.read(ARTICLE).replace(/\n/g, '\r\n'));
    const uri = x.uri('briefing.annotations.json');
    await x.m.store.open(uri);
    const editor = await vscode.window.showTextDocument(x.uri(ARTICLE));
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    return { x, uri, editor };
  };

  it('reveals a range of the normalized text on the same words (regression: it showed the end of the previous line)', async () => {
    const { x, uri, editor } = await crlfCopy();
    f = x;
    const reading = await waitFor('the reading', () => x.m.store.get(uri)?.model && x.m.store.get(uri));
    const model = reading.model;
    assert.ok(model);
    for (const word of ['Geneva', 'Lee Min-jun', 'Harbour Institute']) {
      const start = model.text.lastIndexOf(word);
      assert.ok(start > 0 && model.text.slice(0, start).includes('\n'), `${word} is below the first line`);
      assert.ok(revealInArticleEditor(reading, model, start, start + word.length));
      assert.equal(editor.document.getText(editor.selection), word);
    }
  });

  it('annotates the words selected in the CRLF editor, not words shifted by the carriage returns', async () => {
    const { x, uri, editor } = await crlfCopy();
    f = x;
    await waitFor('the reading', () => x.m.store.get(uri)?.model);
    const doc = editor.document;
    const at = doc.getText().lastIndexOf('Geneva');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'Geneva'.length));
    const result = okResult(await run('marginalia.annotateMention', { newEntity: { name: 'Geneva', type: 'place' } }));
    const mention = (JSON.parse(x.read('briefing.annotations.json')) as AnnotationFile).mentions.find((m) => m.id === result.created.at(-1));
    assert.equal((mention?.selector[0] as { exact: string }).exact, 'Geneva');
    const position = mention?.selector[1] as { start: number };
    assert.equal(position.start, x.read(ARTICLE).replace(/\r\n/g, '\n').lastIndexOf('Geneva'));
  });
});

describe('editing: Edit Types…', function () {
  this.timeout(60_000);
  let f: FixtureCopy | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  it('recolours a type, then removes another moving its entities; each one Undo', async () => {
    f = await copyFixture();
    const x = f;
    const uri = x.uri('briefing.annotations.json');
    await x.m.store.open(uri);
    const original = x.read('briefing.annotations.json');
    okResult(await run('marginalia.editTypes', { file: uri.toString(), typeId: 'outlet', typePatch: { color: '#010203', cue: 'box' } }));
    const recoloured = JSON.parse(x.read('briefing.annotations.json')) as AnnotationFile;
    assert.deepEqual([recoloured.types.find((t) => t.id === 'outlet')?.color, recoloured.types.find((t) => t.id === 'outlet')?.cue], ['#010203', 'box']);
    okResult(await run('marginalia.editTypes', { file: uri.toString(), typeId: 'official', removeType: { replacement: 'person' } }));
    const removed = JSON.parse(x.read('briefing.annotations.json')) as AnnotationFile;
    assert.equal(removed.entities.find((e) => e.id === 'ana-ortiz')?.type, 'person');
    await waitFor('the reading to follow', () => x.m.store.get(uri)?.model?.entities.get('ana-ortiz')?.type === 'person');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await waitFor('two undos restore the file', () => doc.getText() === original);
  });

  it('refuses a patch it cannot apply, with the reason', async () => {
    f = await copyFixture();
    const uri = f.uri('briefing.annotations.json');
    const result = await run('marginalia.editTypes', { file: uri.toString(), typeId: 'outlet', typePatch: { cue: 'sparkly' } });
    assert.ok(result && !result.ok);
    assert.match(result.message, /cue/);
  });
});
