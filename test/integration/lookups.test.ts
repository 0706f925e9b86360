// Command-palette lookups: the entity picker's items (names, roles, affiliations, type icons) and fuzzy ranking,
// choosing an entity in the live picker, the claims picker, grouping and filter commands, next/previous mention
// in an article editor, and Show/Hide Entity Type.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { claimItems, entityItems, rankEntityItems } from '../../src/vscode/lookups';
import { api, closeAllEditors, waitFor } from './util';

const BUNDLED = ['media', 'articles', 'beijing-moscow-push-back.annotations.json'];

async function bundled() {
  const { api: m, extension } = await api();
  const uri = vscode.Uri.joinPath(extension.extensionUri, ...BUNDLED);
  const reading = await m.store.open(uri);
  assert.ok(reading.model);
  return { m, uri, reading, model: reading.model };
}

describe('lookups', () => {
  afterEach(closeAllEditors);

  it('entity items carry names, type, aliases, role and affiliations', async () => {
    const { model } = await bundled();
    const items = entityItems(model);
    assert.equal(items.length, model.entities.size);
    const chong = items.find((i) => i.label === 'Alan Chong');
    assert.ok(chong);
    assert.equal(chong.detail, 'associate professor · S. Rajaratnam School of International Studies');
    assert.match(chong.description ?? '', /^Analyst · also Chong$/);
    assert.ok(chong.iconPath instanceof vscode.ThemeIcon && chong.iconPath.id === 'mortar-board');
  });

  const ranking: { query: string; first: string }[] = [
    { query: 'chong', first: 'Alan Chong' },
    { query: 'VOA', first: 'Voice Of America' },
    { query: 'rajaratnam', first: 'S. Rajaratnam School of International Studies' },
    { query: 'vkashin', first: 'Vassily Kashin' },
    { query: 'gould', first: 'Nigel Gould-Davies' },
  ];
  for (const { query, first } of ranking) {
    it(`fuzzy "${query}" ranks ${first} first`, async () => {
      const { model } = await bundled();
      const ranked = rankEntityItems(entityItems(model), query);
      assert.equal(
        ranked[0]?.label,
        first,
        ranked
          .slice(0, 3)
          .map((i) => i.label)
          .join(', '),
      );
      assert.ok(
        ranked.every((i) => i.alwaysShow),
        'alias matches stay visible in the picker',
      );
    });
  }

  it('choosing an entity in the live picker reveals its first mention in the reader', async () => {
    const { m, uri } = await bundled();
    const t0 = Date.now();
    await m.readers.open(uri);
    await waitFor('the reader to paint', () => m.readers.paints.some((p) => p.source === uri.toString() && p.at >= t0));
    let done = false;
    const running = Promise.resolve(vscode.commands.executeCommand('marginalia.lookUpEntity', 'kashin')).then(() => {
      done = true;
    });
    // Accept once the picker is up and filtered; accepting with no picker open does nothing, so poll.
    await waitFor('the picker accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    });
    await running;
    await waitFor('the reader focused on a Kashin mention', () => {
      const f = m.readers.inspect(uri)?.focused;
      return f?.kind === 'mention' && f.id.startsWith('m-vassily-kashin');
    });
  });

  it('claim items sit under a separator per source with the chain as description', async () => {
    const { model } = await bundled();
    const items = claimItems(model);
    const claims = items.filter((i) => i.claimId);
    assert.equal(claims.length, model.claims.length);
    const sep = items.findIndex((i) => i.kind === vscode.QuickPickItemKind.Separator && i.label.startsWith('Alan Chong'));
    assert.ok(sep >= 0);
    assert.equal(items[sep + 1]?.description, 'Alan Chong · via VOA');
  });

  it('group, filter and clear through the commands', async () => {
    await bundled();
    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    const inspect = async () =>
      (await vscode.commands.executeCommand('marginalia.inspectViews')) as { claims: { grouping: string; filter: string; message?: string } };
    await vscode.commands.executeCommand('marginalia.groupClaimsBy', 'entityType');
    assert.equal((await inspect()).claims.grouping, 'entityType');
    await vscode.commands.executeCommand('marginalia.filterClaims', 'taiwan');
    const filtered = await inspect();
    assert.equal(filtered.claims.filter, 'taiwan');
    assert.match(filtered.claims.message ?? '', /Filter “taiwan”: \d+ of \d+ claims/);
    await vscode.commands.executeCommand('marginalia.clearClaimsFilter');
    assert.equal((await inspect()).claims.message, undefined);
    await vscode.commands.executeCommand('marginalia.groupClaimsBy', 'speaker');
  });

  it('next and previous mention and claim move the selection in an article editor', async () => {
    const { uri } = await bundled();
    await vscode.commands.executeCommand('marginalia.openArticleAsText', uri);
    const editor = await waitFor('the article editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('beijing-moscow-push-back.txt')),
    );
    const start = new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(start, start);
    const selected = () => editor.document.getText(editor.selection);
    await vscode.commands.executeCommand('marginalia.nextMention');
    assert.equal(selected(), 'Moscow');
    await vscode.commands.executeCommand('marginalia.previousMention');
    assert.equal(selected(), 'Beijing');
    await vscode.commands.executeCommand('marginalia.nextClaim');
    assert.match(selected(), /^Growing pressure from the West has ultimately/);
  });

  it('Show/Hide Entity Type hides types in every view of the reading', async () => {
    const { m, reading, uri } = await bundled();
    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    await vscode.commands.executeCommand('marginalia.openArticle');
    await waitFor(
      'the views on the bundled reading',
      async () => ((await vscode.commands.executeCommand('marginalia.inspectViews')) as { current?: string }).current === uri.toString(),
    );
    await vscode.commands.executeCommand('marginalia.toggleEntityTypes', ['outlet']);
    assert.deepEqual([...m.readers.hiddenTypes(reading)], ['outlet']);
    await vscode.commands.executeCommand('marginalia.toggleEntityTypes', []);
    assert.equal(m.readers.hiddenTypes(reading).size, 0);
  });
});
