// The article in the text editor: hover cards through the real hover API, decorations set once per entity type
// (and reused when types are hidden), document symbols for the sections, and CRLF files landing on the same words.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generate } from '../../bench/views.bench';
import type { AnnotationFile } from '../../src/core/model';
import type { EditorDecorationStats } from '../../src/vscode/article/decorations';
import { api, closeAllEditors, waitFor } from './util';

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

interface Inspection {
  editors: EditorDecorationStats[];
}
const stats = async (uri: vscode.Uri): Promise<EditorDecorationStats | undefined> =>
  ((await vscode.commands.executeCommand('marginalia.inspectViews')) as Inspection).editors.find((e) => e.uri === uri.toString());

async function workspaceReading(): Promise<{ annotation: vscode.Uri; article: vscode.Uri; file: AnnotationFile }> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the integration run opens a workspace');
  const annotation = vscode.Uri.joinPath(folder, 'beijing-moscow-push-back.annotations.json');
  const article = vscode.Uri.joinPath(folder, 'beijing-moscow-push-back.txt');
  const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(annotation))) as AnnotationFile;
  return { annotation, article, file };
}

describe('editor: the article as text', () => {
  afterEach(closeAllEditors);

  it('opening the article file finds its annotation file, sets the article language and decorates once per type', async () => {
    const { api: m } = await api();
    const { article, annotation, file } = await workspaceReading();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(article));
    await waitFor('the reading loaded for the article', () => m.store.get(annotation)?.model);
    await waitFor('the article language', () =>
      vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === article.toString() && e.document.languageId === 'marginalia-article'),
    );
    const s = await waitFor('decorations', () => stats(article));
    const expected: Record<string, number> = {};
    for (const mention of file.mentions) {
      const type = file.entities.find((e) => e.id === mention.entity)?.type as string;
      expected[type] = (expected[type] ?? 0) + 1;
    }
    const { claims: claimCount, ...ranges } = s.ranges;
    assert.deepEqual(ranges, expected, 'ranges per type match the file');
    assert.equal(claimCount, file.claims.length);
    for (const [type, n] of Object.entries(s.calls)) assert.equal(n, 1, `setDecorations called ${n} times for ${type} in one update`);
    assert.ok(s.decorationTypes <= file.types.length, `${s.decorationTypes} decoration types for ${file.types.length} entity types`);
    void editor;

    // Hiding a type clears its ranges with one call and creates no new decoration type.
    const reading = m.store.get(annotation);
    assert.ok(reading);
    const before = s.updates;
    m.readers.setHiddenTypes(reading, ['place']);
    const hidden = await waitFor('an update with places hidden', async () => {
      const n = await stats(article);
      return n && n.updates > before ? n : undefined;
    });
    assert.equal(hidden.ranges.place, 0);
    assert.equal(hidden.calls.place, 1);
    assert.equal(hidden.decorationTypes, s.decorationTypes, 'decoration types are reused');
    m.readers.setHiddenTypes(reading, []);
  });

  it('hover on "Alan Chong" returns his card with his institution, and the claim around it', async () => {
    const { article } = await workspaceReading();
    const doc = await vscode.workspace.openTextDocument(article);
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('Alan Chong');
    const hovers = await waitFor('a Marginalia hover', async () => {
      const h = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 3))) as vscode.Hover[];
      return h.find((x) => x.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('Alan Chong')));
    });
    const md = hovers.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : '')).join('\n');
    const text = unescape(md);
    assert.match(text, /\*\*Alan Chong\*\* · \*Analyst\*/);
    assert.ok(text.includes('associate professor'), text);
    assert.ok(text.includes('S. Rajaratnam School of International Studies'), text);
    assert.ok(text.includes('Direct quote'), 'the claim card follows');
    assert.ok(hovers.range && doc.getText(hovers.range) === 'Alan Chong', 'the hover range is the mention');
  });

  it('document symbols: the headline holding the sections', async () => {
    const { article } = await workspaceReading();
    const doc = await vscode.workspace.openTextDocument(article);
    await vscode.window.showTextDocument(doc);
    const symbols = await waitFor('symbols', async () => {
      const s = (await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri)) as vscode.DocumentSymbol[] | undefined;
      return s?.length ? s : undefined;
    });
    const root = symbols[0] as vscode.DocumentSymbol;
    assert.equal(root.name, 'Beijing and Moscow push back against democracies');
    const sections = root.children.filter((c) => c.kind === vscode.SymbolKind.Namespace).map((c) => c.name);
    assert.ok(sections.includes('US policies'), sections.join(', '));
  });

  it('a CRLF copy of the article gets the same hover on the same words', async () => {
    const { api: m } = await api();
    const { article, file } = await workspaceReading();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const dir = vscode.Uri.joinPath(folder, 'crlf-copy');
    const lf = new TextDecoder().decode(await vscode.workspace.fs.readFile(article));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'article.txt'), new TextEncoder().encode(lf.replace(/\n/g, '\r\n')));
    const annotation = vscode.Uri.joinPath(dir, 'crlf.annotations.json');
    await vscode.workspace.fs.writeFile(annotation, new TextEncoder().encode(JSON.stringify({ ...file, article: { ...file.article, path: 'article.txt' } })));
    const reading = await m.store.open(annotation);
    assert.ok(reading.model);
    assert.equal(reading.problems.filter((p) => p.severity !== 'info').length, 0);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, 'article.txt'));
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().lastIndexOf('Vassily Kashin');
    const hover = await waitFor('the hover on the CRLF copy', async () => {
      const h = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 2))) as vscode.Hover[];
      return h.find((x) => x.range && doc.getText(x.range) === 'Vassily Kashin');
    });
    assert.ok(hover);
    // Next mention from the start of the last paragraph lands on real words, not shifted by the CRs.
    const editor = vscode.window.activeTextEditor as vscode.TextEditor;
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at));
    await vscode.commands.executeCommand('marginalia.nextMention');
    const picked = doc.getText(editor.selection);
    assert.ok(picked.length > 0 && !picked.includes('\r'), `selected ${JSON.stringify(picked)}`);
    assert.ok(reading.model.mentions.some((mn) => mn.def.selector.some((sel) => sel.type === 'TextQuoteSelector' && sel.exact === picked)));
  });
});

describe('editor: at scale (10,000 claims and mentions)', () => {
  afterEach(closeAllEditors);

  it('decorates once per type and builds the Claims tree in the extension host; prints the times', async function () {
    this.timeout(120_000);
    const { api: m } = await api();
    const { file, text } = generate();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const dir = vscode.Uri.joinPath(folder, 'scale');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'generated.txt'), new TextEncoder().encode(text));
    const annotation = vscode.Uri.joinPath(dir, 'generated.annotations.json');
    await vscode.workspace.fs.writeFile(annotation, new TextEncoder().encode(JSON.stringify(file)));
    const reading = await m.store.open(annotation);
    assert.equal(reading.model?.claims.length, 10_000);
    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    const article = vscode.Uri.joinPath(dir, 'generated.txt');
    const t0 = Date.now();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(article));
    const s = await waitFor('decorations on the generated article', () => stats(article), 60_000);
    const wall = Date.now() - t0;
    for (const [type, n] of Object.entries(s.calls)) assert.equal(n, 1, type);
    assert.equal(Object.values(s.ranges).reduce((a, b) => a + b, 0) - (s.ranges.claims ?? 0), 10_000);
    const views = await waitFor('the Claims view on the generated reading', async () => {
      const v = (await vscode.commands.executeCommand('marginalia.inspectViews')) as { claims: { reading?: string; roots: number; buildMs: number } };
      return v.claims.reading === annotation.toString() ? v : undefined;
    });
    assert.ok(views.claims.roots > 1);
    console.log(
      `views at scale: decorations update ${s.ms.toFixed(1)} ms in the extension host (${wall} ms from showTextDocument); Claims first level ${views.claims.buildMs.toFixed(1)} ms for ${views.claims.roots} groups`,
    );
  });
});
