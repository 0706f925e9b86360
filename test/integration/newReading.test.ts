// New Annotated Reading in the real extension host: on a .txt, a CRLF .txt, a .md and a saved page (each then
// annotated with a mention and a claim), never overwriting, and the refusal of a page without an article.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnnotationFile } from '../../src/core/model';
import { normalizeText } from '../../src/core/text';
import type { EditResult } from '../../src/vscode/editing';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { api, waitFor } from './util';

async function fixtureText(...p: string[]): Promise<string> {
  const { extension } = await api();
  return fs.readFileSync(path.join(extension.extensionUri.fsPath, 'test', 'fixtures', ...p), 'utf8');
}

type Created = vscode.Uri | { ok: false; message: string } | undefined;

async function newReading(uri: vscode.Uri): Promise<vscode.Uri> {
  const r = await vscode.commands.executeCommand<Created>('marginalia.newReading', uri);
  assert.ok(r instanceof vscode.Uri, `New Annotated Reading failed: ${JSON.stringify(r)}`);
  return r;
}

function ok(r: EditResult): { created: string[] } {
  assert.ok(r && r.ok, `command failed: ${r && !r.ok ? r.message : 'cancelled'}`);
  return r;
}

describe('new reading', function () {
  this.timeout(60_000);
  let f: FixtureCopy | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  const cases: { name: string; file: string; text: () => Promise<string>; mention: string; claim: string; article: string }[] = [
    {
      name: 'a .txt',
      file: 'notes.txt',
      text: async () => 'Talks resume in Geneva\n\nAna Ortiz said on Monday that the talks would resume in Geneva next week.\n',
      mention: 'Ana Ortiz',
      claim: 'the talks would resume in Geneva next week',
      article: 'notes.txt',
    },
    {
      name: 'a CRLF .txt',
      file: 'crlf.txt',
      text: async () => 'Talks resume in Geneva\r\n\r\nAna Ortiz said on Monday that the talks would resume in Geneva next week.\r\n',
      mention: 'Ana Ortiz',
      claim: 'the talks would resume in Geneva next week',
      article: 'crlf.txt',
    },
    {
      name: 'a .md',
      file: 'field-report.md',
      text: () => fixtureText('markdown', 'field-report.md'),
      mention: 'Margaret Osei',
      claim: 'the design met every standard in force at the time',
      article: 'field-report.md',
    },
    {
      name: 'a saved page (.html), imported into a frozen .md',
      file: 'harbour-gazette.html',
      text: () => fixtureText('pages', 'harbour-gazette.html'),
      mention: 'Margaret Osei',
      claim: 'the design met every standard in force at the time',
      article: 'harbour-gazette.md',
    },
  ];

  for (const c of cases)
    it(`${c.name}: writes a valid annotation file, opens the reader, and takes a mention and a claim`, async () => {
      f = await copyFixture('pages');
      f.write(c.file, await c.text());
      const annotations = await newReading(f.uri(c.file));
      assert.equal(path.basename(annotations.fsPath), c.file.replace(/\.[a-z]+$/, '.annotations.json'));
      await waitFor('the reader', () => f?.m.readers.isOpen(annotations));
      const reading = await waitFor('the reading', () => f?.m.store.get(annotations)?.model && f.m.store.get(annotations));
      assert.deepEqual(
        reading.problems.filter((p) => p.severity !== 'info'),
        [],
      );
      const json = JSON.parse(f.read(path.basename(annotations.fsPath))) as AnnotationFile & { $schema: string };
      assert.equal(json.article.path, c.article);
      assert.equal(json.$schema, '../.marginalia/annotations.schema.json', 'relative to the workspace folder');
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      assert.ok(root && fs.existsSync(path.join(root.fsPath, '.marginalia', 'annotations.schema.json')));

      const text = normalizeText(f.read(c.article));
      const at = (q: string) => {
        const i = text.indexOf(q);
        assert.ok(i >= 0, `${JSON.stringify(q)} is in the article`);
        return { start: i, end: i + q.length };
      };
      const file = annotations.toString();
      const mention = ok(
        await vscode.commands.executeCommand<EditResult>('marginalia.annotateMention', {
          file,
          range: at(c.mention),
          newEntity: { type: 'official', name: c.mention },
        }),
      );
      const claim = ok(
        await vscode.commands.executeCommand<EditResult>('marginalia.addClaim', {
          file,
          range: at(c.claim),
          attribution: { mode: 'reported-statement', cue: 'told', chain: [{ role: 'speaker', entity: mention.created[0] }] },
        }),
      );
      const after = JSON.parse(f.read(path.basename(annotations.fsPath))) as AnnotationFile;
      assert.equal(after.entities[0]?.name, c.mention);
      assert.equal((after.mentions[0]?.selector[0] as { exact: string }).exact, c.mention);
      assert.equal(after.claims[0]?.id, claim.created[0]);
      const loaded = await waitFor('the annotated reading', () => {
        const r = f?.m.store.get(annotations);
        return r?.model?.mentions.length === 1 && r.model.claims.length === 1 ? r.model : undefined;
      });
      assert.equal(loaded.mentions[0]?.anchor.status, 'anchored');
      assert.equal(loaded.claims[0]?.anchor.status, 'anchored');
    });

  it('never overwrites: a second run leaves the annotation file as it was', async () => {
    f = await copyFixture('pages');
    f.write('notes.txt', 'A note\n\nWith a paragraph naming Ana Ortiz.\n');
    const annotations = await newReading(f.uri('notes.txt'));
    const name = path.basename(annotations.fsPath);
    f.write(name, f.read(name).replace('"entities": []', '"entities": [], "x-mine": true'));
    const before = f.read(name);
    const again = await newReading(f.uri('notes.txt'));
    assert.equal(again.toString(), annotations.toString());
    assert.equal(f.read(name), before);
  });

  it('a page without article content is refused, and nothing is written', async () => {
    f = await copyFixture('pages');
    const before = fs.readdirSync(f.dir).sort();
    const r = await vscode.commands.executeCommand<Created>('marginalia.newReading', f.uri('section-front.html'));
    assert.ok(r && !(r instanceof vscode.Uri) && !r.ok);
    assert.match(r.message, /section-front\.html has no article text .*Nothing was written/);
    assert.deepEqual(fs.readdirSync(f.dir).sort(), before);
  });

  it('Import Web Page as Article… refuses a file that is not a saved page', async () => {
    f = await copyFixture('pages');
    f.write('notes.txt', 'A note\n');
    const r = await vscode.commands.executeCommand<Created>('marginalia.importWebPage', f.uri('notes.txt'));
    assert.ok(r && !(r instanceof vscode.Uri) && !r.ok);
    assert.match(r.message, /notes\.txt is not a saved web page/);
  });
});
