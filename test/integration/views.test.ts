// The Claims and Entities views against the bundled annotation: every grouping's children and parents (counts
// checked against the file itself), the welcome state, reveal both ways (reader <-> trees, editor <-> trees), and
// hostile names that must stay text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnnotationFile } from '../../src/core/model';
import { ClaimsProvider, type ClaimNode } from '../../src/vscode/claimsView';
import { EntitiesProvider } from '../../src/vscode/entitiesView';
import { entityItems } from '../../src/vscode/lookups';
import type { Reading } from '../../src/vscode/store';
import { api, closeAllEditors, fixedReading, memoryMemento, waitFor } from './util';

const BUNDLED = ['media', 'articles', 'beijing-moscow-push-back.annotations.json'];

interface Inspection {
  current?: string;
  claims: { reading?: string; grouping: string; filter: string; message?: string; visible: boolean; selection: string[] };
  entities: { reading?: string; visible: boolean; selection: string[] };
}

const inspect = async (): Promise<Inspection> => (await vscode.commands.executeCommand('marginalia.inspectViews')) as Inspection;

async function bundled(): Promise<{ reading: Reading; file: AnnotationFile; uri: vscode.Uri }> {
  const { api: m, extension } = await api();
  const uri = vscode.Uri.joinPath(extension.extensionUri, ...BUNDLED);
  const reading = await m.store.open(uri);
  const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as AnnotationFile;
  return { reading, file, uri };
}

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('views: Claims tree', () => {
  let reading: Reading;
  let file: AnnotationFile;
  before(async () => {
    ({ reading, file } = await bundled());
  });

  /** What each grouping must produce, computed from the file itself. */
  const speakerOf = (c: AnnotationFile['claims'][number]) => c.attribution.chain.find((l) => l.role === 'speaker')?.entity;
  const entity = (id: string | undefined) => file.entities.find((e) => e.id === id);
  const cases: { grouping: 'speaker' | 'outlet' | 'entityType' | 'document'; key(c: AnnotationFile['claims'][number]): string }[] = [
    {
      grouping: 'speaker',
      key: (c) => (entity(speakerOf(c))?.type === 'unnamed-source' || !speakerOf(c) ? 'Unnamed sources' : (entity(speakerOf(c))?.name ?? '?')),
    },
    {
      grouping: 'outlet',
      key: (c) => {
        const venue = c.attribution.chain.find((l) => l.role === 'venue');
        if (venue) return venue.entity ? (entity(venue.entity)?.name ?? '?') : (venue.label ?? '?');
        const outlet = [...c.attribution.chain].reverse().find((l) => l.role === 'outlet');
        if (outlet) return outlet.entity ? (entity(outlet.entity)?.name ?? '?') : (outlet.label ?? '?');
        const s = entity(speakerOf(c));
        return s?.type === 'outlet' ? s.name : 'No outlet or venue named';
      },
    },
    { grouping: 'entityType', key: (c) => file.types.find((t) => t.id === entity(speakerOf(c))?.type)?.label ?? 'Unattributed' },
    { grouping: 'document', key: () => '' },
  ];

  for (const { grouping, key } of cases) {
    it(`groups by ${grouping}: every claim once, counts match the file, parents resolve`, async () => {
      const source = fixedReading(reading);
      const provider = new ClaimsProvider(source, memoryMemento());
      try {
        await provider.setGrouping(grouping);
        const roots = provider.getChildren();
        const seen: string[] = [];
        const expected = new Map<string, number>();
        for (const c of file.claims) expected.set(key(c), (expected.get(key(c)) ?? 0) + 1);
        if (grouping === 'document') {
          for (const n of roots) {
            assert.equal(n.kind, 'claim');
            assert.equal(provider.getParent(n), undefined);
            if (n.kind === 'claim') seen.push(n.id);
          }
        } else {
          const got = new Map<string, number>();
          for (const g of roots) {
            assert.equal(g.kind, 'group');
            const item = provider.getTreeItem(g);
            const children = provider.getChildren(g);
            got.set(label(item), children.length);
            // The count is the description's last part.
            assert.match(String(item.description), new RegExp(`(^|· )${children.length}$`), `${label(item)}: ${String(item.description)}`);
            for (const child of children) {
              assert.equal(provider.getParent(child), g, 'getParent returns the very group node');
              const childItem = provider.getTreeItem(child);
              assert.ok(childItem.id && childItem.command?.command === 'marginalia.showTarget');
              if (child.kind === 'claim') seen.push(child.id);
            }
          }
          assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...expected].sort()));
        }
        assert.equal(seen.length, file.claims.length);
        assert.equal(new Set(seen).size, file.claims.length);
        // Ids are unique in the whole tree, so TreeView.reveal finds each row.
        const ids = new Set<string>();
        const walk = (nodes: ClaimNode[]): void => {
          for (const n of nodes) {
            const id = provider.getTreeItem(n).id as string;
            assert.ok(!ids.has(id), `duplicate id ${id}`);
            ids.add(id);
            walk(provider.getChildren(n));
          }
        };
        walk(roots);
      } finally {
        provider.dispose();
        source.dispose();
      }
    });
  }

  it('shows a speaker with role, chain and count ("Alan Chong", "associate professor · via VOA · 3")', () => {
    const provider = new ClaimsProvider(fixedReading(reading), memoryMemento());
    const group = provider.getChildren().find((g) => label(provider.getTreeItem(g)) === 'Alan Chong');
    assert.ok(group);
    assert.equal(provider.getTreeItem(group).description, 'associate professor · via VOA · 3');
    const unnamed = provider.getChildren().find((g) => label(provider.getTreeItem(g)) === 'Unnamed sources');
    assert.ok(unnamed, 'unnamed sources form their own group');
    const claim = provider.getChildren(group)[0];
    assert.ok(claim);
    const item = provider.getTreeItem(claim);
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.ok(!item.tooltip.isTrusted, 'claim tooltips trust nothing');
    assert.match(item.tooltip.value, /\*\*.*Chong/);
    provider.dispose();
  });

  it('persists the grouping and filters claims', async () => {
    const state = memoryMemento();
    const a = new ClaimsProvider(fixedReading(reading), state);
    await a.setGrouping('outlet');
    a.dispose();
    const b = new ClaimsProvider(fixedReading(reading), state);
    assert.equal(b.grouping, 'outlet');
    b.setFilter('kashin');
    const shown = b.getChildren().flatMap((g) => b.getChildren(g));
    const kashin = file.claims.filter((c) => speakerOf(c) === 'vassily-kashin').length;
    assert.ok(shown.length >= kashin && shown.length < file.claims.length, `filter kept ${shown.length}`);
    b.dispose();
  });
});

describe('views: Entities tree', () => {
  it('types with counts, entities with affiliations, mentions with context; parents resolve', async () => {
    const { reading, file } = await bundled();
    const { api: m } = await api();
    const provider = new EntitiesProvider(fixedReading(reading), (r) => m.readers.hiddenTypes(r));
    try {
      const types = provider.getChildren();
      let entities = 0;
      let mentions = 0;
      for (const t of types) {
        const children = provider.getChildren(t);
        entities += children.length;
        assert.match(String(provider.getTreeItem(t).description), new RegExp(`^${children.length} entit`));
        for (const e of children) {
          assert.equal(provider.getParent(e), t);
          const ms = provider.getChildren(e);
          mentions += ms.length;
          for (const mn of ms) {
            assert.equal(provider.getParent(mn), e);
            const item = provider.getTreeItem(mn);
            assert.ok(typeof item.label === 'object' && item.label.highlights?.length === 1);
          }
        }
      }
      assert.equal(entities, file.entities.length);
      assert.equal(mentions, file.mentions.length, 'every mention of the bundled file is anchored');
      const chong = provider.entityNode('alan-chong');
      assert.match(String(provider.getTreeItem(chong).description), /associate professor \(S\. Rajaratnam School of International Studies\)/);
    } finally {
      provider.dispose();
    }
  });
});

describe('views: registered, following the reader and the editor', () => {
  let uri: vscode.Uri;
  let source: string;
  before(async () => {
    ({ uri } = await bundled());
    source = uri.toString();
  });
  afterEach(closeAllEditors);

  async function openReaderAndViews(): Promise<void> {
    const { api: m } = await api();
    const t0 = Date.now();
    const wasOpen = m.readers.isOpen(uri);
    await m.readers.open(uri);
    await waitFor('the reader to paint', () => wasOpen || m.readers.paints.some((p) => p.source === source && p.at >= t0));
    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    // Entities starts collapsed (Claims gets the room); its focus command expands it.
    await vscode.commands.executeCommand('marginalia.entities.focus');
    await vscode.commands.executeCommand('marginalia.claims.focus');
    await waitFor('both views visible on the reading', async () => {
      const s = await inspect();
      return s.claims.visible && s.entities.visible && s.claims.reading === source;
    });
  }

  it('reader focus on a claim or mention selects its row (without a timer)', async () => {
    const { api: m } = await api();
    await openReaderAndViews();
    await vscode.commands.executeCommand('marginalia.groupClaimsBy', 'speaker');
    assert.ok(m.readers.receive(uri, { type: 'focus', target: { kind: 'claim', id: 'c-chong-more-acceptable' } }));
    await waitFor('the claim row selected', async () => (await inspect()).claims.selection.some((id) => id.endsWith('/c-chong-more-acceptable')));
    assert.ok(m.readers.receive(uri, { type: 'focus', target: { kind: 'mention', id: 'm-moscow-1' } }));
    await waitFor('the mention row selected', async () => (await inspect()).entities.selection.includes('m:m-moscow-1'));
  });

  it('a row reveals its claim in the reader (the reader reports focus on it)', async () => {
    const { api: m } = await api();
    await openReaderAndViews();
    await vscode.commands.executeCommand('marginalia.showTarget', source, { kind: 'claim', id: 'c-voa-vocal-opposition' });
    await waitFor('the reader focused on the claim', () => {
      const f = m.readers.inspect(uri)?.focused;
      return f?.kind === 'claim' && f.id === 'c-voa-vocal-opposition';
    });
  });

  it('the editor cursor selects rows; rows select the text in the editor', async () => {
    const { api: m } = await api();
    await openReaderAndViews();
    await vscode.commands.executeCommand('marginalia.openArticleAsText');
    const editor = await waitFor('the article editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('beijing-moscow-push-back.txt')),
    );
    const reading = m.store.get(uri);
    assert.ok(reading?.model);
    const text = editor.document.getText();
    const at = text.indexOf('Alan Chong');
    assert.ok(at > 0);
    const pos = editor.document.positionAt(at + 3);
    editor.selection = new vscode.Selection(pos, pos);
    await waitFor('the Alan Chong mention row selected', async () => (await inspect()).entities.selection.some((id) => id.startsWith('m:m-alan-chong')));
    await waitFor('the claim around it selected', async () => (await inspect()).claims.selection.some((id) => id.endsWith('/c-chong-more-acceptable')));
    await vscode.commands.executeCommand('marginalia.showTarget', source, { kind: 'claim', id: 'c-voa-vocal-opposition' });
    await waitFor('the claim selected in the editor', () => editor.document.getText(editor.selection).startsWith('Vocal opposition has grown'));
  });
});

describe('views: hostile names stay text', () => {
  afterEach(closeAllEditors);

  it('tree labels and tooltips carry no live Markdown, HTML or command links', async () => {
    const { api: m, extension } = await api();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const dir = vscode.Uri.joinPath(folder, 'hostile-views');
    const original = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, ...BUNDLED))),
    ) as AnnotationFile;
    const hostile = '[pwn](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> $(bug) **b**';
    for (const e of original.entities) {
      if (e.id === 'alan-chong') {
        e.name = hostile;
        e.role = '<script>alert(1)</script>';
      }
    }
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(dir, 'beijing-moscow-push-back.txt'),
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'media', 'articles', 'beijing-moscow-push-back.txt')),
    );
    const file = vscode.Uri.joinPath(dir, 'hostile.annotations.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(original)));
    const reading = await m.store.open(file);
    assert.ok(reading.model);
    const claims = new ClaimsProvider(fixedReading(reading), memoryMemento());
    const group = claims.getChildren().find((g) => g.kind === 'group' && g.group.entityId === 'alan-chong');
    assert.ok(group);
    assert.equal(label(claims.getTreeItem(group)), hostile, 'a tree label is plain text, shown as is');
    for (const child of claims.getChildren(group)) {
      const tip = claims.getTreeItem(child).tooltip;
      assert.ok(tip instanceof vscode.MarkdownString);
      assert.ok(!tip.isTrusted && !tip.supportHtml);
      assert.doesNotMatch(tip.value, /(^|[^\\])\]\(command:/);
      assert.doesNotMatch(tip.value, /(^|[^\\])<img/);
    }
    const entities = new EntitiesProvider(fixedReading(reading), () => new Set());
    const tip = entities.getTreeItem(entities.entityNode('alan-chong')).tooltip;
    assert.ok(tip instanceof vscode.MarkdownString);
    assert.ok(!tip.isTrusted);
    assert.doesNotMatch(tip.value, /(^|[^\\])(\]\(command:|<img|<script|\$\(bug\))/);
    assert.ok(tip.value.includes('\\[pwn\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)'), tip.value);
    claims.dispose();
    entities.dispose();
    // Picker rows would draw `$(bug)` as an icon: escaped, it shows as typed.
    const pick = entityItems(reading.model).find((i) => i.entityId === 'alan-chong');
    assert.ok(pick?.label.includes('\\$(bug)') && !/(^|[^\\])\$\(/.test(pick.label), pick?.label);

    // The hover in the editor: the only links are ours, and the trust list names only our commands.
    const article = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, 'beijing-moscow-push-back.txt'));
    await vscode.window.showTextDocument(article);
    const at = article.getText().indexOf('Alan Chong');
    const hovers = await waitFor('a hover on the hostile name', async () => {
      const h = (await vscode.commands.executeCommand('vscode.executeHoverProvider', article.uri, article.positionAt(at + 2))) as vscode.Hover[];
      return h.some((x) => x.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('pwn'))) ? h : undefined;
    });
    for (const h of hovers) {
      for (const c of h.contents) {
        if (!(c instanceof vscode.MarkdownString) || !c.value.includes('pwn')) continue;
        const targets = [...c.value.matchAll(/\]\(([a-z-]+:[^)\s]*)/g)].map((x) => x[1] as string);
        for (const t of targets) assert.match(t, /^command:marginalia\.(showTarget|reveal|lookUpEntity)\?/, `foreign link ${t}`);
        assert.doesNotMatch(c.value, /(^|[^\\])(<img|<script)/);
        const trusted = c.isTrusted;
        assert.ok(typeof trusted === 'object' && trusted.enabledCommands.every((id) => id.startsWith('marginalia.')), 'trust is limited to our commands');
      }
    }
  });
});
