// The pure parts of the views and the editor: Markdown escaping and command links, fuzzy matching, the Claims
// tree's groups and rows, and the article index (code points -> UTF-16 -> line/column, lookups at a cursor).

import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { adjacentSpan, articleIndex, mentionLabel, offsetAt, positionAt, rangesByType, spansAt } from '../../src/core/articleIndex';
import { buildClaimTree, claimRow, truncate } from '../../src/core/claimTree';
import { bestFuzzy, fuzzyScore } from '../../src/core/fuzzy';
import { commandLink, commandUri, escapeMarkdown } from '../../src/core/markdown';
import type { AnnotationFile } from '../../src/core/model';
import { resolveModel, type Model } from '../../src/core/resolve';
import { ROOT, loadAnnotationFile } from './fixtures';

function bundled(): Model {
  const { model } = loadAnnotationFile(join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json'));
  assert.ok(model);
  return model;
}

describe('markdown: escaping file text', () => {
  const hostile = [
    '[pwn](command:workbench.action.terminal.new)',
    '<img src=x onerror=alert(1)>',
    '$(bug) **bold** _it_ `code`',
    '# heading\n- list\n> quote',
    '![img](https://evil.example/x.png)',
    '&lt;script&gt; &amp;',
    'a\\](command:x)',
  ];
  for (const s of hostile) {
    it(`leaves no live syntax in ${JSON.stringify(s)}`, () => {
      const e = escapeMarkdown(s);
      assert.ok(!/[\r\n]/.test(e), 'one line');
      // Every ASCII punctuation character is escaped: no unescaped [ ] ( ) < > ` * _ $ & ! # remain.
      assert.doesNotMatch(e.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~]/);
      assert.equal(e.replace(/\\([!-/:-@[-`{-~])/g, '$1'), s.replace(/[\r\n]+/g, ' '));
    });
  }

  it('round-trips any string (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeMarkdown(s);
        return e.replace(/\\([!-/:-@[-`{-~])/g, '$1') === s.replace(/[\r\n]+/g, ' ');
      }),
    );
  });

  it('command links: encoded arguments that cannot end the link early, escaped label', () => {
    const uri = commandUri('marginalia.showTarget', ['file:///a (b).json', { kind: 'claim', id: ')](command:evil' }]);
    assert.doesNotMatch(uri, /[()\s\]]/);
    const decoded = JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))) as unknown[];
    assert.deepEqual(decoded, ['file:///a (b).json', { kind: 'claim', id: ')](command:evil' }]);
    assert.equal(commandLink('[x]', 'marginalia.reveal', []), `[\\[x\\]](command:marginalia.reveal?%5B%5D)`);
    assert.throws(() => commandUri('evil) (command:x', []));
  });
});

describe('fuzzy', () => {
  const table: { query: string; text: string; match: boolean }[] = [
    { query: 'chong', text: 'Alan Chong', match: true },
    { query: 'achong', text: 'Alan Chong', match: true },
    { query: 'ac', text: 'Alan Chong', match: true },
    { query: 'xyz', text: 'Alan Chong', match: false },
    { query: 'ac', text: 'xaxc ab', match: true },
    { query: 'gd', text: 'Nigel Gould-Davies', match: true },
    { query: '', text: 'anything', match: true },
  ];
  for (const { query, text, match } of table) {
    it(`${JSON.stringify(query)} ${match ? 'matches' : 'does not match'} ${JSON.stringify(text)}`, () => {
      const m = fuzzyScore(query, text);
      assert.equal(!!m, match);
      // Ranges cover the query's characters, in order.
      if (m && query)
        assert.equal(
          m.ranges
            .map(([s, e]) => text.slice(s, e))
            .join('')
            .toLowerCase(),
          query.toLowerCase().replace(/\s+/g, ''),
        );
    });
  }

  it('ranks a prefix above a word start above a scattered match', () => {
    const a = fuzzyScore('chong', 'Chong Alan')?.score ?? 0;
    const b = fuzzyScore('chong', 'Alan Chong')?.score ?? 0;
    const c = fuzzyScore('chong', 'Cahonag')?.score ?? -Infinity;
    assert.ok(a > b && b > c, `${a} ${b} ${c}`);
  });

  it('the best of a name and its aliases', () => {
    assert.equal(bestFuzzy('voa', ['Voice Of America', 'VOA'])?.index, 1);
  });

  it('is a subsequence match whenever it says so (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 30 }), (q, t) => {
        const m = fuzzyScore(q, t);
        const qq = q.toLowerCase().replace(/\s+/g, '');
        let i = 0;
        for (const ch of t.toLowerCase()) if (ch === qq[i]) i++;
        const isSub = i >= qq.length;
        return !!m === isSub || t.toLowerCase().length !== t.length;
      }),
    );
  });
});

describe('claim tree', () => {
  const model = bundled();

  it('speaker groups: role, chain and count; unnamed sources last and together', () => {
    const tree = buildClaimTree(model, 'speaker');
    const chong = tree.groups.find((g) => g.label === 'Alan Chong');
    assert.equal(chong?.description, 'associate professor · via VOA · 3');
    assert.equal(tree.groups[tree.groups.length - 1]?.id, 'speaker:unnamed');
    assert.equal(
      tree.groups.reduce((n, g) => n + g.claimIds.length, 0),
      model.claims.length,
    );
  });

  for (const grouping of ['speaker', 'outlet', 'entityType', 'document'] as const) {
    it(`${grouping}: every claim exactly once, in document order within its group`, () => {
      const tree = buildClaimTree(model, grouping);
      const ids = grouping === 'document' ? tree.rootClaimIds : tree.groups.flatMap((g) => g.claimIds);
      assert.equal(ids.length, model.claims.length);
      assert.equal(new Set(ids).size, ids.length);
      for (const g of tree.groups) {
        const starts = g.claimIds.map((id) => model.claims.find((c) => c.id === id)?.anchor.start ?? Infinity);
        assert.deepEqual(
          starts,
          [...starts].sort((a, b) => a - b),
        );
        assert.ok(g.description.endsWith(String(g.claimIds.length)));
      }
    });
  }

  it('a filter keeps matching claims and counts them', () => {
    const tree = buildClaimTree(model, 'speaker', 'kashin');
    assert.ok(tree.shown > 0 && tree.shown < tree.total);
    assert.equal(
      tree.groups.reduce((n, g) => n + g.claimIds.length, 0),
      tree.shown,
    );
  });

  it('rows: short label, mode, context around the claim', () => {
    const tree = buildClaimTree(model, 'outlet');
    const claim = model.claims.find((c) => c.id === 'c-chong-more-acceptable');
    assert.ok(claim);
    const row = claimRow(model, claim, tree);
    assert.ok(row.label.length <= 90);
    assert.equal(row.description, 'Alan Chong · via VOA · Direct quote');
    assert.ok(row.context.text.startsWith('Back then, smaller nations'));
    assert.ok(row.context.before.endsWith('presidencies. '));
    assert.equal(truncate('a'.repeat(10) + '😀', 11), 'aaaaaaaaaa…');
  });
});

describe('article index', () => {
  // An astral character before the mention and CRLF line ends: code points, UTF-16 and lines all differ.
  const raw = 'Title 😀\r\n\r\nAlan Chong said 😀 that Voice Of America\r\nreported it.\r\n';
  const file: AnnotationFile = {
    marginalia: 1,
    article: { path: 'a.txt' },
    types: [
      { id: 'analyst', label: 'Analyst', color: '#2f81f7', cue: 'double' },
      { id: 'outlet', label: 'Outlet', color: '#d4a72c', cue: 'wavy' },
    ],
    entities: [
      { id: 'chong', type: 'analyst', name: 'Alan Chong' },
      { id: 'voa', type: 'outlet', name: 'Voice Of America' },
    ],
    mentions: [
      { id: 'm1', entity: 'chong', selector: [{ type: 'TextQuoteSelector', exact: 'Alan Chong' }] },
      { id: 'm2', entity: 'voa', selector: [{ type: 'TextQuoteSelector', exact: 'Voice Of America' }] },
    ],
    claims: [
      {
        id: 'c1',
        selector: [{ type: 'TextQuoteSelector', exact: 'Alan Chong said 😀 that Voice Of America\nreported it.' }],
        attribution: { mode: 'paraphrase', chain: [{ role: 'speaker', entity: 'chong' }] },
      },
    ],
  };
  const model = resolveModel(file, raw);
  const index = articleIndex(model);
  const crlfLines = raw.split('\r\n');

  it('maps mentions to the line and UTF-16 column of the CRLF text', () => {
    for (const m of index.mentions) {
      const s = positionAt(index, m.start);
      const e = positionAt(index, m.end);
      assert.equal(crlfLines[s.line]?.slice(s.character, e.character), model.entities.get(m.entityId)?.name);
      assert.equal(offsetAt(index, s), m.start);
    }
  });

  it('finds what is under the cursor, innermost first, and the next and previous mention', () => {
    const m2 = index.mentions.find((m) => m.id === 'm2');
    assert.ok(m2);
    assert.deepEqual(
      spansAt(index.mentions, m2.start + 1).map((s) => s.id),
      ['m2'],
    );
    assert.deepEqual(
      spansAt(index.claims, m2.start + 1).map((s) => s.id),
      ['c1'],
    );
    assert.equal(adjacentSpan(index.mentions, 0, 1)?.id, 'm1');
    assert.equal(adjacentSpan(index.mentions, m2.start, 1)?.id, 'm1', 'wraps around');
    assert.equal(adjacentSpan(index.mentions, m2.start, -1)?.id, 'm1');
  });

  it('ranges per type, hidden types empty', () => {
    const ranges = rangesByType(index, ['analyst', 'outlet'], new Set(['outlet']));
    assert.equal(ranges.get('analyst')?.length, 1);
    assert.deepEqual(ranges.get('outlet'), []);
  });
});

describe('mention labels', () => {
  const text =
    'First line.\nIn Russia, Xi’s administration has found a partner as it tries to stop a return to the US policies of the Barack Obama and George W. Bush presidencies.\nLast.';
  const table = ['Russia', 'Xi', 'Barack Obama', 'presidencies'];
  for (const name of table) {
    it(`"${name}": context on its own line, the name highlighted`, () => {
      const start = text.indexOf(name);
      const { label, highlight } = mentionLabel(text, { start, end: start + name.length });
      assert.equal(label.slice(highlight[0], highlight[1]), name);
      assert.ok(!label.includes('First line') && !label.includes('Last.'));
      assert.ok(label.length <= name.length + 2 * 40 + 2);
    });
  }
});
