// Export Annotations… and Import Annotations… in a real extension host: every format written where asked, an
// import merged into the annotation file as ONE undoable edit, a new annotation file for an article, the foreign
// file's problems in the Problems panel at their line, and nothing written when the foreign file is unusable.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commandIds';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

interface ExportOutcome {
  files: string[];
  problems: number;
}
interface ImportOutcome {
  file: string;
  mentions: number;
  claims: number;
  problems: number;
  errors: number;
}
interface Failure {
  ok: false;
  message: string;
}

const isFailure = (v: unknown): v is Failure => typeof v === 'object' && v !== null && 'ok' in v && v.ok === false;

describe('interop: export and import commands', function () {
  this.timeout(60_000);
  let fx: FixtureCopy;
  const file = (): vscode.Uri => fx.uri('briefing.annotations.json');

  beforeEach(async () => {
    fx = await copyFixture('editing');
  });
  afterEach(async () => {
    await fx.dispose();
  });

  for (const format of ['w3c', 'pubannotation', 'spacy', 'csv'] as const) {
    it(`exports ${format} to the chosen file`, async () => {
      const destination = fx.uri(`out.${format}`);
      const r = await vscode.commands.executeCommand<ExportOutcome>(Commands.exportAnnotations, {
        file: file().toString(),
        format,
        destination: destination.toString(),
      });
      assert.deepEqual(r.files, [destination.toString()]);
      const text = fx.read(`out.${format}`);
      if (format === 'w3c') assert.equal((JSON.parse(text) as { type: string }).type, 'AnnotationCollection');
      if (format === 'csv') assert.match(text, /^article,kind,id,start,end,text,/);
    });
  }

  it('exports brat into a folder: .txt, .ann and annotation.conf', async () => {
    const dir = fx.uri('brat');
    fs.mkdirSync(dir.fsPath);
    const r = await vscode.commands.executeCommand<ExportOutcome>(Commands.exportAnnotations, {
      file: file().toString(),
      format: 'brat',
      destination: dir.toString(),
    });
    assert.equal(r.files.length, 3);
    assert.deepEqual(fs.readdirSync(dir.fsPath).sort(), ['annotation.conf', 'briefing.ann', 'briefing.txt']);
  });

  it('imports brat into the annotation file as one edit that one Undo reverts', async () => {
    const before = fx.read('briefing.annotations.json');
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    fx.write('extra.ann', 'T1\tperson 0 9\tMinisters\nT2\tofficial 43 52\tAna Ortiz\nT3\tperson 0 99999\tnowhere\n');
    fs.copyFileSync(fx.uri('briefing.txt').fsPath, fx.uri('extra.txt').fsPath);
    const r = await vscode.commands.executeCommand<ImportOutcome>(Commands.importAnnotations, {
      format: 'brat',
      source: fx.uri('extra.ann').toString(),
      file: file().toString(),
    });
    assert.equal(r.file, file().toString());
    assert.equal(r.mentions, 1, 'Ana Ortiz at 43 is already annotated; Ministers is new');
    assert.equal(r.errors, 1);
    assert.notEqual(doc.getText(), before);
    assert.equal(fx.read('briefing.annotations.json'), doc.getText(), 'saved, as it was not dirty');
    // The foreign file's problem sits at its line in the Problems panel.
    const diags = await waitFor('diagnostics on extra.ann', () =>
      vscode.languages.getDiagnostics(fx.uri('extra.ann')).filter((d) => d.source === 'Marginalia import'),
    );
    const bad = diags.find((d) => d.code === 'bad-offsets');
    assert.ok(bad, diags.map((d) => d.message).join('\n'));
    assert.equal(bad.range.start.line, 2);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('one Undo restores the file', () => doc.getText() === before);
  });

  it('imports PubAnnotation for an article into a new annotation file beside it, and opens its reading', async () => {
    fs.mkdirSync(path.join(fx.dir, 'fresh'));
    fx.write('fresh/article.txt', 'Elon Musk is a member of the PayPal Mafia.\n');
    const source = path.join(fx.dir, 'example.json');
    fs.copyFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'interop', 'pubannotation', 'textae-annotation-example-1.json'), source);
    const article = fx.uri('fresh/article.txt');
    const r = await vscode.commands.executeCommand<ImportOutcome>(Commands.importAnnotations, {
      format: 'pubannotation',
      source: vscode.Uri.file(source).toString(),
      article: article.toString(),
    });
    const created = fx.uri('fresh/article.annotations.json');
    assert.equal(r.file, created.toString());
    assert.equal(r.mentions, 2);
    const reading = await fx.m.store.open(created);
    assert.equal(reading.model?.mentions.filter((m) => m.anchor.status === 'anchored').length, 2);
    assert.equal(reading.model?.file.article.path, 'article.txt');
  });

  const unusable: [string, string, string][] = [
    ['truncated JSON', 'w3c', '{"items": [{"target": '],
    [
      'another text',
      'hypothesis',
      JSON.stringify({
        rows: ['a', 'b', 'c'].map((w) => ({
          id: w,
          uri: 'u',
          user: 'u',
          target: [{ selector: [{ type: 'TextQuoteSelector', exact: `nowhere in it ${w}` }] }],
        })),
      }),
    ],
  ];
  for (const [name, format, text] of unusable) {
    it(`an unusable foreign file (${name}): a clear message, nothing written`, async () => {
      const before = fx.read('briefing.annotations.json');
      fx.write('bad.json', text);
      const r = await vscode.commands.executeCommand<unknown>(Commands.importAnnotations, {
        format,
        source: fx.uri('bad.json').toString(),
        file: file().toString(),
      });
      assert.ok(isFailure(r), JSON.stringify(r));
      assert.match(r.message, /nothing was imported/);
      assert.equal(fx.read('briefing.annotations.json'), before);
      const fresh = await vscode.commands.executeCommand<unknown>(Commands.importAnnotations, {
        format,
        source: fx.uri('bad.json').toString(),
        article: fx.uri('briefing.txt').toString(),
        file: fx.uri('new.annotations.json').toString(),
      });
      assert.ok(isFailure(fresh));
      assert.ok(!fs.existsSync(fx.uri('new.annotations.json').fsPath));
    });
  }

  it('refuses arguments of the wrong shape with a message', async () => {
    const r = await vscode.commands.executeCommand<unknown>(Commands.exportAnnotations, { file: file().toString(), format: 'docx' });
    assert.ok(isFailure(r));
    assert.match(r.message, /`format` must be one of w3c, brat, pubannotation, spacy, csv/);
  });
});
