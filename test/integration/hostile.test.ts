// A hostile workspace of our own (a repository cloned from someone else): every row of every view is hovered and
// its tooltip's Markdown checked inert by an independent parser; names reach the UI with their invisible
// characters shown; an article path that leaves the project is refused everywhere, and nothing of it is read.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import * as vscode from 'vscode';
import { AnchorHealthProvider, type HealthNode } from '../../src/vscode/anchorHealth';
import { ClaimsProvider, type ClaimNode } from '../../src/vscode/claimsView';
import { EntitiesProvider, type EntityNode } from '../../src/vscode/entitiesView';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { fixedReading, memoryMemento, readerTabs, waitFor } from './util';

const md = new MarkdownIt({ html: true, linkify: true });
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function checkTooltip(tooltip: vscode.TreeItem['tooltip'], what: string): void {
  if (tooltip === undefined) return;
  if (typeof tooltip === 'string') {
    assert.ok(!INVISIBLE.test(tooltip), `${what}: invisible characters in a plain tooltip`);
    return;
  }
  assert.equal(tooltip.supportHtml, false, `${what}: HTML enabled`);
  assert.ok(tooltip.isTrusted === false || tooltip.isTrusted === undefined, `${what}: a tree tooltip trusts commands`);
  const tokens: Token[] = [];
  const walk = (list: Token[]): void => list.forEach((t) => (tokens.push(t), t.children && walk(t.children)));
  walk(md.parse(tooltip.value, {}));
  for (const t of tokens) {
    assert.notEqual(t.type, 'image', `${what}: an image in ${tooltip.value}`);
    assert.ok(t.type !== 'html_inline' && t.type !== 'html_block', `${what}: raw HTML in ${tooltip.value}`);
    assert.notEqual(t.type, 'link_open', `${what}: a link in ${tooltip.value}`);
    if (t.type === 'text') assert.ok(!INVISIBLE.test(t.content), `${what}: invisible characters in ${t.content}`);
  }
}

function checkItem(item: vscode.TreeItem, what: string): void {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  assert.ok(!INVISIBLE.test(label), `${what}: invisible characters in the label ${JSON.stringify(label)}`);
  if (typeof item.description === 'string') assert.ok(!INVISIBLE.test(item.description), `${what}: invisible characters in the description`);
  checkTooltip(item.tooltip, what);
  // Row commands are ours, with the reading's key and a checked target: nothing from the file names a command.
  if (item.command) assert.match(item.command.command, /^marginalia\./);
}

/** Walks a tree provider: every node's item checked; returns how many rows there were. */
async function walkTree<T>(provider: vscode.TreeDataProvider<T>, what: string): Promise<number> {
  let rows = 0;
  const visit = async (node?: T): Promise<void> => {
    for (const child of (await provider.getChildren(node)) ?? []) {
      checkItem(await provider.getTreeItem(child), `${what} row ${rows}`);
      rows++;
      await visit(child);
    }
  };
  await visit();
  return rows;
}

describe('hostile workspace', function () {
  this.timeout(60_000);
  let f: FixtureCopy;
  let outside: string;
  before(async () => {
    f = await copyFixture('hostile-workspace');
    // A link inside the project that leads outside it.
    outside = fs.mkdtempSync(path.join(path.dirname(f.dir), '..', 'outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'a secret outside the project\n');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(f.dir, 'linked.txt'));
  });
  after(async () => {
    await f.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('hovers every row of the Claims (every grouping), Entities and Anchor Health views: all inert', async () => {
    const reading = await f.m.store.open(f.uri('hostile.annotations.json'));
    assert.ok(reading.model && reading.model.claims.length === 3);
    const source = fixedReading(reading);
    const claims = new ClaimsProvider(source, memoryMemento());
    let rows = 0;
    for (const grouping of ['speaker', 'outlet', 'entityType', 'document'] as const) {
      await claims.setGrouping(grouping);
      rows += await walkTree<ClaimNode>(claims, `claims by ${grouping}`);
    }
    const entities = new EntitiesProvider(source, () => new Set());
    rows += await walkTree<EntityNode>(entities, 'entities');
    const health = new AnchorHealthProvider(f.m.store);
    const healthRows = await walkTree<HealthNode>(health, 'anchor health');
    assert.ok(healthRows >= 2, 'the orphan is listed');
    assert.ok(rows > 20, `${rows} rows`);
    for (const d of [claims, entities, health, source]) d.dispose();
  });

  it('an article path that leaves the project: refused in the store, the reader, the editor and the Problems panel', async () => {
    const uri = f.uri('escaping.annotations.json');
    const reading = await f.m.store.open(uri);
    assert.equal(reading.model, undefined, 'nothing is anchored against a file outside the project');
    assert.equal(reading.articleUri, undefined);
    const problem = reading.problems.find((p) => p.code === 'article-path');
    assert.ok(problem && /leaves the project/.test(problem.message));
    await waitFor('the Problems panel', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.code === 'article-path' && d.range.start.line === problem.line - 1),
    );
    await f.m.readers.open(uri);
    await waitFor('the reader tab', () => readerTabs().length > 0);
    assert.equal(f.m.readers.inspect(uri)?.state?.source ?? uri.toString(), uri.toString());
    // The editor features never treat the outside file as this reading's article.
    const hostname = vscode.Uri.file('/etc/hostname');
    if (fs.existsSync(hostname.fsPath)) {
      const doc = await vscode.workspace.openTextDocument(hostname);
      await vscode.window.showTextDocument(doc);
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1))) as vscode.Hover[];
      assert.ok(!hovers.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && /Mara|Tidewater/.test(c.value))));
      assert.equal(f.m.store.find(hostname), undefined);
    }
  });

  it('a symbolic link out of the project is not followed', async () => {
    const uri = f.uri('linked.annotations.json');
    const reading = await f.m.store.open(uri);
    assert.equal(reading.model, undefined);
    assert.ok(
      reading.problems.some((p) => p.code === 'article-unreadable' && /symbolic link/.test(p.message)),
      JSON.stringify(reading.problems.map((p) => p.message)),
    );
    await waitFor('the Problems panel', () => vscode.languages.getDiagnostics(uri).some((d) => /symbolic link/.test(d.message)));
  });
});
