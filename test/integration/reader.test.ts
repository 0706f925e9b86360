// The reader in a real extension host: opening and revealing, the locked-down HTML, the message guard, and the
// serializer that restores a reader after a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { READER_VIEW_TYPE } from '../../src/vscode/reader';
import { bundledAnnotationUri } from '../../src/vscode/bundled';
import { api, closeAllEditors, readerTabs, waitFor } from './util';

describe('reader', function () {
  this.timeout(60_000);

  beforeEach(closeAllEditors);
  after(closeAllEditors);

  it('"Open Article" opens one reader on the bundled article and its webview paints every anchored mention', async () => {
    const { api: m, extension } = await api();
    const uri = bundledAnnotationUri(extension.extensionUri);
    await vscode.commands.executeCommand('marginalia.openArticle');
    await waitFor('a reader tab', () => readerTabs().length === 1);
    const reading = m.store.get(uri);
    assert.ok(reading?.model, 'the bundled reading has a model');
    const anchored = reading.model.mentions.filter((x) => x.anchor.status !== 'orphan').length;
    assert.ok(anchored > 100, `expected the bundled article to have many mentions, got ${anchored}`);
    const paint = await waitFor('the webview to report its first paint', () => m.readers.paints.find((p) => p.source === uri.toString()));
    assert.equal(paint.mentions, anchored, 'the webview drew every anchored mention');
    // The bundled reader's tab says it is a read-only example.
    assert.equal(readerTabs()[0]?.label, `Reader: ${reading.model.file.article.title} (read-only)`);
  });

  it('running it again reveals the same reader instead of opening a second one', async () => {
    await vscode.commands.executeCommand('marginalia.openArticle');
    await waitFor('a reader tab', () => readerTabs().length === 1);
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('the untitled editor to be active', () => vscode.window.activeTextEditor?.document.isUntitled);
    await vscode.commands.executeCommand('marginalia.openArticle');
    await waitFor('the reader to be active again', () => readerTabs()[0]?.isActive);
    assert.equal(readerTabs().length, 1);
  });

  it('two opens at once (a double click) make one reader, which paints', async () => {
    const { api: m, extension } = await api();
    const uri = bundledAnnotationUri(extension.extensionUri);
    const paintsBefore = m.readers.paints.length;
    await Promise.all([m.readers.open(uri), m.readers.open(uri)]);
    await waitFor('the reader to paint', () => m.readers.paints.slice(paintsBefore).some((p) => p.source === uri.toString()));
    assert.deepEqual(
      readerTabs().map((t) => t.label),
      [readerTabs()[0]?.label],
      'one reader tab',
    );
  });

  it('serves HTML with a strict CSP and a fresh nonce on every script', async () => {
    const { api: m, extension } = await api();
    const uri = bundledAnnotationUri(extension.extensionUri);
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      await vscode.commands.executeCommand('marginalia.openArticle');
      const html = (await waitFor('reader html', () => m.readers.inspect(uri)?.html)) as string;
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
      assert.match(csp, /^default-src 'none';/);
      // Only the webview's own origin (VS Code's cspSource) and the nonce: no wildcards, inline code, data or blobs.
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|(^|\s)\*(\s|;|$)|data:|blob:|http:/);
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      assert.ok(nonce && nonce.length >= 16, 'a nonce of at least 16 characters');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((s) => s[0]);
      assert.ok(scripts.length >= 1);
      for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), `script without the nonce: ${s}`);
      assert.doesNotMatch(html, /Beijing and Moscow/, 'the article travels as data, not inside the HTML');
      nonces.push(nonce);
      await closeAllEditors();
    }
    assert.notEqual(nonces[0], nonces[1], 'each panel gets a fresh nonce');
  });

  it('"Open Annotated Reading…" on an article (the Explorer menu) opens the annotation file that names it', async () => {
    const { api: m } = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const article = vscode.Uri.joinPath(folder.uri, 'beijing-moscow-push-back.txt');
    const file = vscode.Uri.joinPath(folder.uri, 'beijing-moscow-push-back.annotations.json');
    await vscode.commands.executeCommand('marginalia.openReading', article);
    await waitFor('the reader of the workspace copy', () => m.readers.inspect(file));
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['no type', { state: null }],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.quit' }],
    ['openLink without url', { type: 'openLink' }],
    ['openLink with a number', { type: 'openLink', url: 42 }],
    ['focus with a bad kind', { type: 'focus', target: { kind: 'file', id: 'x' } }],
    ['focus without id', { type: 'focus', target: { kind: 'claim' } }],
    ['painted with NaN', { type: 'painted', ms: Number.NaN, mentions: 1 }],
    ['hiddenTypes not an array', { type: 'hiddenTypes', types: 'person' }],
    ['ready with a bad state', { type: 'ready', state: { source: 1 } }],
    ['a huge string', { type: 'error', message: 'x'.repeat(100_000) }],
  ];

  it('rejects webview messages of the wrong shape and accepts well-formed ones', async () => {
    const { api: m, extension } = await api();
    const uri = bundledAnnotationUri(extension.extensionUri);
    await vscode.commands.executeCommand('marginalia.openArticle');
    await waitFor('reader', () => m.readers.inspect(uri));
    for (const [what, message] of malformed) assert.equal(m.readers.receive(uri, message), false, `accepted ${what}`);
    assert.equal(m.readers.receive(uri, { type: 'focus', target: { kind: 'claim', id: 'c-1' } }), true);
    assert.deepEqual(m.readers.inspect(uri)?.focused, { kind: 'claim', id: 'c-1' });
    // A javascript: link is a well-formed message, but the host refuses to open it (nothing throws).
    assert.equal(m.readers.receive(uri, { type: 'openLink', url: 'javascript:alert(1)' }), true);
  });

  it('the serializer restores a reader with its saved state, and refuses states it cannot trust', async () => {
    const { api: m, extension } = await api();
    const uri = bundledAnnotationUri(extension.extensionUri);
    const state = { source: uri.toString(), scrollTop: 420, scrollOffset: 1200, openCard: { kind: 'entity' as const, id: 'alan-chong' } };
    const paintsBefore = m.readers.paints.length;
    const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, { enableScripts: true });
    await m.readers.deserializeWebviewPanel(panel, state);
    const restored = await waitFor('the restored reader', () => m.readers.inspect(uri));
    assert.match(restored.html, /default-src 'none'/);
    assert.deepEqual(restored.state, state);
    await waitFor('the restored webview to paint', () => m.readers.paints.slice(paintsBefore).some((p) => p.source === uri.toString()));

    let disposed = false;
    const bad = vscode.window.createWebviewPanel(READER_VIEW_TYPE, 'bad state', vscode.ViewColumn.Active, {});
    bad.onDidDispose(() => (disposed = true));
    await m.readers.deserializeWebviewPanel(bad, { source: 42 });
    assert.equal(disposed, true, 'a panel with an untrusted state is closed, not half-restored');
  });
});

describe('reader: the bundled article is read-only, a workspace copy is not', function () {
  this.timeout(60_000);
  beforeEach(closeAllEditors);
  after(closeAllEditors);

  it('refuses to edit the bundled file and leaves it unchanged', async () => {
    const { extension } = await api();
    const uri = bundledAnnotationUri(extension.extensionUri);
    const before = await vscode.workspace.fs.readFile(uri);
    const result = (await vscode.commands.executeCommand('marginalia.editEntity', { file: uri.toString(), id: 'alan-chong', patch: { role: 'changed' } })) as {
      ok: boolean;
      message?: string;
    };
    assert.equal(result.ok, false);
    assert.match(result.message ?? '', /ships with the extension.*Copy Article to Workspace/);
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
  });

  it('"Copy Article to Workspace" with a copy already there opens that copy and leaves its bytes alone', async () => {
    const { api: m } = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const copy = vscode.Uri.joinPath(folder.uri, 'beijing-moscow-push-back.annotations.json');
    const article = vscode.Uri.joinPath(folder.uri, 'beijing-moscow-push-back.txt');
    const bundled = vscode.Uri.joinPath((await api()).extension.extensionUri, 'media', 'articles');
    const hadCopy = await vscode.workspace.fs.stat(copy).then(
      () => true,
      () => false,
    );
    const original = hadCopy ? await vscode.workspace.fs.readFile(copy) : undefined;
    if (!hadCopy) {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(bundled, 'beijing-moscow-push-back.annotations.json'), copy);
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(bundled, 'beijing-moscow-push-back.txt'), article, { overwrite: true });
    }
    // The researcher's own work in the copy: a field the bundled file does not have.
    const mine = new TextDecoder().decode(await vscode.workspace.fs.readFile(copy)).replace('"marginalia": 1,', '"marginalia": 1,\n  "x-my-notes": "mine",');
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(mine));
    try {
      await vscode.commands.executeCommand('marginalia.copyToWorkspace');
      await waitFor('the existing copy to open in a reader', () => m.readers.inspect(copy));
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(copy)), mine);
    } finally {
      await closeAllEditors();
      if (original) await vscode.workspace.fs.writeFile(copy, original);
      else {
        await vscode.workspace.fs.delete(copy);
        await vscode.workspace.fs.delete(article);
      }
    }
  });

  it('"Copy Article to Workspace" copies both files, opens the copy, and card actions then edit it', async () => {
    const { api: m } = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test session has a workspace folder');
    const copy = vscode.Uri.joinPath(folder.uri, 'beijing-moscow-push-back.annotations.json');
    const article = vscode.Uri.joinPath(folder.uri, 'beijing-moscow-push-back.txt');
    const existed = await vscode.workspace.fs.stat(copy).then(
      () => true,
      () => false,
    );
    // The session's workspace may hold the article already: the command never overwrites it, so keep its bytes.
    const original = existed ? await vscode.workspace.fs.readFile(copy) : undefined;
    await vscode.commands.executeCommand('marginalia.copyToWorkspace');
    await waitFor('the copy to open in a reader', () => m.readers.inspect(copy));
    await vscode.workspace.fs.stat(article);
    const reading = await waitFor('the copy to load', () => m.store.get(copy)?.model);
    const mention = reading.mentions.find((x) => x.entity?.id === 'alan-chong');
    assert.ok(mention);
    try {
      // A card's "Delete this mention…" button, as the webview sends it.
      assert.equal(m.readers.receive(copy, { type: 'action', action: 'delete', id: mention.id }), true);
      await waitFor(
        'the mention to leave the file',
        async () => !new TextDecoder().decode(await vscode.workspace.fs.readFile(copy)).includes(`"${mention.id}"`),
      );
    } finally {
      await closeAllEditors();
      if (original) await vscode.workspace.fs.writeFile(copy, original);
      else {
        await vscode.workspace.fs.delete(copy);
        await vscode.workspace.fs.delete(article);
      }
    }
  });
});
