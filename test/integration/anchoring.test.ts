// Re-anchoring live: typing into the article in an editor moves every annotation through the change events;
// a rewrite of the article by another program goes through the diff; the Anchor Health view lists what is not
// exact, and accepting the relocations writes them back as one undoable edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnnotationFile } from '../../src/core/model';
import { hashText, OffsetMap, quoteOf } from '../../src/core/text';
import { movedByEdits } from '../../src/core/health';
import type { Model } from '../../src/core/resolve';
import { unhealthy } from '../../src/vscode/anchorHealth';
import type { Reading } from '../../src/vscode/store';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

/** Every anchored item's text equals its stored quote: returns the ids that do not. */
function misplaced(reading: Reading): string[] {
  const model = reading.model;
  if (!model) return ['(no model)'];
  const map = new OffsetMap(model.text);
  return [...model.mentions, ...model.claims]
    .filter(
      (x) =>
        x.anchor.status === 'orphan' || model.text.slice(map.toUtf16(x.anchor.start ?? 0), map.toUtf16(x.anchor.end ?? 0)) !== quoteOf(x.def.selector)?.exact,
    )
    .map((x) => x.id);
}

describe('re-anchoring', function () {
  this.timeout(60_000);
  let f: FixtureCopy | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  it('typing into the article in the editor moves every annotation; accepting writes the new places in one edit', async () => {
    f = await copyFixture();
    const uri = f.uri('briefing.annotations.json');
    await f.m.store.open(uri);
    const store = f.m.store;
    const now = (): Reading => store.get(uri) as Reading;
    const leeBefore = now().model?.mentions.find((m) => m.id === 'm-lee-min-jun-1')?.anchor.start ?? -1;
    const editor = await vscode.window.showTextDocument(f.uri('briefing.txt'));
    const doc = editor.document;
    // Several separate edits, as a person types: an insertion at the top, a word replaced, a paragraph added.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'UPDATED: '));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '🙂 '));
    const monday = doc.getText().indexOf('Monday');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(monday), doc.positionAt(monday + 'Monday'.length)), 'Tuesday evening'));
    await editor.edit((b) => b.insert(doc.positionAt(doc.getText().indexOf('Analysts')), 'A new paragraph, typed in.\n\n'));
    await waitFor('the model to follow the editor', () => now().model?.text === doc.getText());
    assert.deepEqual(misplaced(now()), [], 'every annotation still on its quote');
    const shift = Array.from('🙂 UPDATED: ').length + 'Tuesday evening'.length - 'Monday'.length + 'A new paragraph, typed in.\n\n'.length;
    assert.equal(now().model?.mentions.find((m) => m.id === 'm-lee-min-jun-1')?.anchor.start, leeBefore + shift);
    // Moved exactly by the editor's edits: healthy (nothing for a human to review), but positions to write back.
    assert.deepEqual(
      unhealthy(now()).map((n) => `${n.id}:${n.severity}`),
      [],
    );
    const moved = movedByEdits(now().model as Model);
    assert.ok(moved.length > 0 && moved.every((x) => x.anchor.status === 'relocated' && x.anchor.method === 'mapped'));

    const before = f.read('briefing.annotations.json');
    const result = await vscode.commands.executeCommand<{ ok: boolean }>('marginalia.acceptAllRelocations', { file: uri.toString() });
    assert.ok(result.ok);
    const after = JSON.parse(f.read('briefing.annotations.json')) as AnnotationFile;
    assert.equal(after.article.hash, hashText(doc.getText()), 'the file records the text its positions now match');
    await waitFor(
      'every annotation exactly anchored',
      () => now().model?.mentions.every((m) => m.anchor.status === 'anchored') && unhealthy(now()).length === 0,
    );
    // One Undo in the annotation file brings back the old selectors byte for byte.
    const annotationDoc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(annotationDoc);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo', () => annotationDoc.getText() === before);
  });

  it('saving the article writes the positions its edits moved, as one undoable edit of the annotation file', async () => {
    f = await copyFixture();
    const uri = f.uri('briefing.annotations.json');
    await f.m.store.open(uri);
    const store = f.m.store;
    const now = (): Reading => store.get(uri) as Reading;
    const editor = await vscode.window.showTextDocument(f.uri('briefing.txt'));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'UPDATED: '));
    await waitFor('the model to follow the editor', () => now().model?.text === editor.document.getText());
    const before = f.read('briefing.annotations.json');
    assert.ok(await editor.document.save());
    await waitFor(
      'the positions written on save',
      () => (JSON.parse(f?.read('briefing.annotations.json') ?? '{}') as AnnotationFile).article?.hash === hashText(editor.document.getText()),
    );
    await waitFor('every annotation at its stored place', () => now().model?.mentions.every((m) => m.anchor.status === 'anchored'));
    assert.deepEqual(misplaced(now()), []);
    const annotationDoc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(annotationDoc);
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo restores the annotation file', () => annotationDoc.getText() === before);
  });

  it('a rewrite of the article by another program goes through the diff', async () => {
    f = await copyFixture();
    const uri = f.uri('briefing.annotations.json');
    await f.m.store.open(uri);
    const store = f.m.store;
    const now = (): Reading => store.get(uri) as Reading;
    const old = f.read('briefing.txt');
    // An editor's note on top, one paragraph moved to the end, a quote's word changed.
    const paragraphs = old.split('\n\n');
    const rewritten = ['Editor’s note: updated.', paragraphs[0], paragraphs[2], paragraphs[3], paragraphs[1]]
      .join('\n\n')
      .replace('neither side wants', 'neither party wants');
    f.write('briefing.txt', rewritten);
    await waitFor('the store to see the rewrite', () => now().model?.text === rewritten);
    const byId = new Map([...(now().model?.mentions ?? []), ...(now().model?.claims ?? [])].map((x) => [x.id, x.anchor]));
    assert.equal(byId.get('m-ana-ortiz-1')?.status, 'relocated');
    assert.equal(byId.get('c-lee-neither-side')?.status, 'fuzzy', 'the changed quote is found approximately, not lost');
    const health = unhealthy(now()).find((n) => n.id === 'c-lee-neither-side');
    assert.equal(health?.now, '“neither party wants to be seen blinking first.”', 'the view shows the current text beside the stored quote');
    assert.ok(
      misplaced(now()).every((id) => id === 'c-lee-neither-side'),
      misplaced(now()).join(', '),
    );

    // Anchor Health and the Problems panel name the same annotations.
    const model = now().model as Model;
    const items = [...model.mentions.map((m) => ['mentions', m] as const), ...model.claims.map((c) => ['claims', c] as const)];
    const reported = now()
      .problems.filter((p) => ['orphan', 'fuzzy-anchor', 'relocated', 'quote-mismatch'].includes(p.code))
      .map((p) => items.find(([kind, x]) => kind === p.path[0] && x.index === p.path[1])?.[1].id)
      .sort();
    assert.deepEqual(
      unhealthy(now())
        .map((h) => h.id)
        .sort(),
      reported,
    );

    const accepted = await vscode.commands.executeCommand<{ ok: boolean }>('marginalia.acceptAnchor', { file: uri.toString(), id: 'c-lee-neither-side' });
    assert.ok(accepted.ok);
    const claim = (JSON.parse(f.read('briefing.annotations.json')) as AnnotationFile).claims.find((c) => c.id === 'c-lee-neither-side');
    assert.equal(quoteOf(claim?.selector ?? [])?.exact, '“neither party wants to be seen blinking first.”');
  });
});
