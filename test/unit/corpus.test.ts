// The corpus core over the fixture corpus (test/fixtures/corpus/shared: four articles sharing a registry, one of
// them shadowing a registry id, and one broken file): per-file summaries, the incremental index, the report's
// tables and their instances, CSV, sentences and paragraphs.

import * as assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { CorpusIndex } from '../../src/core/corpus/index';
import { buildReport, instances, reportCsv, REPORT_TABLES, trackReport } from '../../src/core/corpus/report';
import { csvField, toCsv } from '../../src/core/corpus/csv';
import { segmentAt, segmentText } from '../../src/core/corpus/segments';
import type { FileSummary } from '../../src/core/corpus/summary';
import { articleRows, corpusCard, corpusClaims, groupCorpusClaims } from '../../src/core/corpus/views';
import { SHARED, SHARED_FILES, sharedIndex, summaries } from './corpus-fixtures';

describe('corpus: sentences and paragraphs', () => {
  const cases: [string, string[]][] = [
    ['One. Two! Three? Four', ['One. ', 'Two! ', 'Three? ', 'Four']],
    ['Dr. Lee Min-jun said so. Mr. Smith agreed.', ['Dr. Lee Min-jun said so. ', 'Mr. Smith agreed.']],
    ['U.S. officials disagreed. J. Smith did not.', ['U.S. officials disagreed. ', 'J. Smith did not.']],
    ['He said “no.” Then he left.', ['He said “no.” ', 'Then he left.']],
    ['Prices rose 3.5 percent. Nobody knew why.', ['Prices rose 3.5 percent. ', 'Nobody knew why.']],
    ['See No. 5 and fig. 2 here. Done.', ['See No. 5 and fig. 2 here. ', 'Done.']],
    ['a heading\n\nA paragraph. Another\nline of it.', ['a heading\n\n', 'A paragraph. ', 'Another\nline of it.']],
    ['ends with a period. and a lower-case word', ['ends with a period. and a lower-case word']],
  ];
  for (const [text, expected] of cases)
    it(JSON.stringify(text), () => {
      const { sentences } = segmentText(text);
      assert.deepEqual(
        sentences.map((s, i) => text.slice(s, sentences[i + 1] ?? text.length)),
        expected,
      );
    });

  it('paragraphs are separated by blank lines, whatever spaces they hold', () => {
    const text = 'Title\n\nOne two.\nstill one.\n \t\nThree.\n\n\n';
    assert.deepEqual(segmentText(text).paragraphs, [0, 7, 30]);
  });

  it('segments cover the text in order (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '!', '\n', '“', '”', 'Dr', '3') }), (text) => {
        const { sentences, paragraphs } = segmentText(text);
        for (const starts of [sentences, paragraphs]) {
          assert.equal(starts[0], 0);
          for (let i = 1; i < starts.length; i++) assert.ok((starts[i] as number) > (starts[i - 1] as number) && (starts[i] as number) < text.length);
        }
        for (const p of paragraphs) assert.ok(sentences.includes(p), 'a paragraph starts a sentence');
        for (let o = 0; o < text.length; o++) assert.ok((sentences[segmentAt(sentences, o)] as number) <= o);
      }),
    );
  });
});

describe('corpus: the index over the fixture corpus', () => {
  const index = sharedIndex();

  it('counts every usable file; the broken one is reported and hides nothing', () => {
    assert.deepEqual(index.totals(), { articles: 5, entities: 13, mentions: 31, claims: 12 });
    const broken = index.get('articles/broken.annotations.json');
    assert.equal(broken?.health, 'errors');
    assert.ok(broken?.problems.some((p) => p.code === 'syntax-error'));
    assert.equal(index.get('articles/talks-resume.annotations.json')?.health, 'ok');
    assert.equal(index.get('articles/second-opinion.annotations.json')?.health, 'warnings');
  });

  it('speakers across articles, with the outlets they were reported through', () => {
    const lee = index.speakers()[0];
    assert.deepEqual(lee, { key: 'reg:lee-min-jun', name: 'Lee Min-jun', claims: 5, articles: 3, outlets: ['Northern Wire', 'Daily Ledger'] });
    // The shadowing local Lee of second-opinion is another entity: the warning says so, and so does the count.
    assert.ok(index.speakers().some((s) => s.key === 'loc:analyst:lee min jun' && s.claims === 1));
  });

  it('entities across articles', () => {
    const across = index.entities(2).map((e) => [e.name, e.articles, e.mentions]);
    assert.deepEqual(across.slice(0, 3), [
      ['Lee Min-jun', 3, 5],
      ['Daily Ledger', 3, 3],
      ['Northern Wire', 3, 3],
    ]);
    assert.ok(!across.some(([n]) => n === 'Strait of Kessa'));
  });

  it('occurrences of one entity, file by file ("5 claims in 3 articles")', () => {
    const o = index.occurrences('reg:lee-min-jun');
    assert.ok(o);
    assert.deepEqual(
      o.files.map((f) => [f.file, f.mentions.length, f.claims.length]),
      [
        ['articles/talks-resume.annotations.json', 2, 2],
        ['articles/strait-patrols.annotations.json', 2, 2],
        ['articles/regional/port-alda-vote.annotations.json', 1, 1],
      ],
    );
    const wire = index.occurrences('reg:northern-wire');
    assert.deepEqual(
      wire?.files.map((f) => f.reported.map((c) => c.id)),
      [['c-lee-outside', 'c-lee-moved'], ['c-ortiz-belongs'], ['c-lee-patience']],
    );
  });

  it('one changed file is subtracted and added again: the totals are those of a fresh index (property)', () => {
    const all = summaries(SHARED, SHARED_FILES);
    // Variants of each file: as it is, and with its claims dropped, so a re-set really changes the totals.
    const variants = all.flatMap((s) => [s, { ...s, claims: [] }]);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), i: fc.nat({ max: variants.length - 1 }) }),
      fc.record({ kind: fc.constant('delete' as const), i: fc.nat({ max: all.length - 1 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const live = new CorpusIndex();
        trackReport(live);
        const state = new Map<string, FileSummary>();
        for (const o of ops) {
          if (o.kind === 'set') {
            const s = variants[o.i] as FileSummary;
            live.set(s);
            state.set(s.file, s);
          } else {
            const file = (all[o.i] as FileSummary).file;
            live.delete(file);
            state.delete(file);
          }
        }
        const fresh = new CorpusIndex();
        for (const s of state.values()) fresh.set(s);
        assert.deepEqual(live.totals(), fresh.totals());
        // The report's running totals (kept from the first operation on) match a report of the fresh index.
        const a = buildReport(live);
        const b = buildReport(fresh);
        const norm = (r: typeof a) => ({
          so: sortBy(r.speakersByOutlet, (c) => `${c.speaker} ${c.outlet}`),
          nodes: sortBy(r.network.nodes, (n) => n.key),
          edges: sortBy(r.network.edges, (e) => `${e.from} ${e.to}`),
          // Which of a pair is `a` follows each index's own numbering of entities.
          pairs: sortBy(
            (r.cooccurrence.paragraph ?? []).map((p) => ({ pair: [p.a, p.b].sort().join(' '), count: p.count, articles: p.articles })),
            (p) => p.pair,
          ),
          frequency: sortBy(r.frequency, (c) => `${c.entity} ${c.file}`),
        });
        assert.deepEqual(norm(a), norm(b));
        assert.deepEqual(sortRows(live.speakers()), sortRows(fresh.speakers()));
        assert.deepEqual(sortRows(live.entities()), sortRows(fresh.entities()));
      }),
    );
  });
});

function sortBy<T>(rows: readonly T[], key: (r: T) => string): T[] {
  return [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

function sortRows<T extends { key: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('corpus: the report', () => {
  const index = sharedIndex();
  const report = buildReport(index);

  it('entity frequency per article', () => {
    const lee = report.frequency.filter((c) => c.entity === 'reg:lee-min-jun').map((c) => [c.file, c.mentions]);
    assert.deepEqual(lee, [
      ['articles/talks-resume.annotations.json', 2],
      ['articles/strait-patrols.annotations.json', 2],
      ['articles/regional/port-alda-vote.annotations.json', 1],
    ]);
    const cells = instances(index, { table: 'frequency', entity: 'reg:lee-min-jun', file: 'articles/strait-patrols.annotations.json' });
    const text = index.get('articles/strait-patrols.annotations.json')?.text ?? '';
    assert.deepEqual(
      cells.map((c) => text.slice(c.start, c.end)),
      ['Lee Min-jun', 'Lee'],
    );
  });

  it('speakers × outlets, a claim without outlet under "none"', () => {
    const row = (speaker: string, outlet: string) => report.speakersByOutlet.find((c) => c.speaker === speaker && c.outlet === outlet)?.claims;
    assert.equal(row('reg:lee-min-jun', 'reg:northern-wire'), 2);
    assert.equal(row('reg:lee-min-jun', 'reg:daily-ledger'), 1);
    assert.equal(row('reg:lee-min-jun', 'none'), 2);
    assert.deepEqual(
      instances(index, { table: 'speakersByOutlet', speaker: 'reg:lee-min-jun', outlet: 'none' }).map((i) => i.id),
      ['c-lee-message', 'c-lee-consulted'],
    );
  });

  it('co-occurrence in the same sentence, paragraph and claim, each cell opening its instances', () => {
    const pair = (level: 'sentence' | 'paragraph' | 'claim', a: string, b: string) =>
      report.cooccurrence[level]?.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    const lee = pair('sentence', 'reg:lee-min-jun', 'reg:harbour-institute');
    assert.deepEqual([lee?.count, lee?.articles], [2, 2]);
    // Two sentences of talks-resume name Lee, one of them the Wire: their paragraph counts once. The shadowing Lee of
    // second-opinion is another entity.
    assert.equal(pair('sentence', 'reg:lee-min-jun', 'reg:northern-wire')?.count, 1);
    assert.equal(pair('paragraph', 'reg:lee-min-jun', 'reg:northern-wire')?.count, 2);
    assert.equal(pair('claim', 'reg:ana-ortiz', 'reg:northern-wire')?.count, 1);
    const found = instances(index, { table: 'cooccurrence', level: 'sentence', a: 'reg:lee-min-jun', b: 'reg:harbour-institute' });
    const texts = found.map((i) => index.get(i.file)?.text?.slice(i.start, i.end));
    assert.deepEqual(texts, [
      'Lee Min-jun, a senior fellow at the Harbour Institute, told the Northern Wire that “the pressure is coming from outside the room.”',
      'Lee, of the Harbour Institute, said the ministry had not consulted its neighbours.',
    ]);
  });

  it('the attribution network: speaker → venue → outlet, weighted', () => {
    const edge = (from: string, to: string) => report.network.edges.find((e) => e.from === from && e.to === to)?.weight;
    assert.equal(edge('speaker|reg:lee-min-jun', 'outlet|reg:northern-wire'), 2);
    assert.equal(edge('speaker|reg:ana-ortiz', 'venue|label:an essay'), 1);
    assert.equal(edge('venue|label:an essay', 'outlet|reg:northern-wire'), 1);
    assert.equal(edge('venue|label:a media briefing', 'outlet|reg:daily-ledger'), 1);
    assert.deepEqual(
      instances(index, { table: 'network', from: 'venue|label:an essay', to: 'outlet|reg:northern-wire' }).map((i) => i.id),
      ['c-ortiz-belongs'],
    );
  });

  it('what a view draws: the top entities against the articles mentioning them most, top pairs, heaviest edges', () => {
    const view = buildReport(index, { entities: 2, articles: 2, pairs: 1, levels: ['sentence'], edges: 2 });
    assert.deepEqual([...new Set(view.frequency.map((c) => c.entity))].sort(), ['reg:geneva', 'reg:lee-min-jun']);
    assert.ok(new Set(view.frequency.map((c) => c.file)).size <= 2);
    assert.deepEqual(Object.keys(view.cooccurrence), ['sentence']);
    assert.equal(view.cooccurrence.sentence?.length, 1);
    assert.deepEqual(view.cooccurrence.sentence?.[0], report.cooccurrence.sentence?.[0]);
    assert.deepEqual(view.network.edges, report.network.edges.slice(0, 2));
    assert.ok(view.network.nodes.every((n) => view.network.edges.some((e) => e.from === n.key || e.to === n.key)));
    assert.throws(() => reportCsv(index, view, 'frequency'), /without limits/);
  });

  it('every table exports as RFC 4180 CSV that a CSV reader reads back row for row', () => {
    for (const table of REPORT_TABLES) {
      const csv = reportCsv(index, report, table);
      assert.ok(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv), `${table}: CRLF record ends`);
      const rows = parseCsv(csv, { relax_column_count: false }) as string[][];
      const header = rows[0] ?? [];
      assert.ok(rows.length > 1, table);
      for (const r of rows) assert.equal(r.length, header.length, table);
    }
    const freq = parseCsv(reportCsv(index, report, 'frequency'), { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      freq.find((r) => r.entity_key === 'reg:geneva' && r.file === 'articles/talks-resume.annotations.json'),
      {
        entity: 'Geneva',
        entity_key: 'reg:geneva',
        type: 'place',
        file: 'articles/talks-resume.annotations.json',
        title: 'Talks resume in Geneva as pressure mounts',
        mentions: '2',
      },
    );
  });
});

describe('corpus: CSV', () => {
  it('quotes what needs quoting, and nothing else', () => {
    assert.deepEqual(
      ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', '', 3, null].map((v) => csvField(v)),
      ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"', '', '3', ''],
    );
  });

  it('round-trips any strings through a CSV reader (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '😀') }), { minLength: 3, maxLength: 3 }), { minLength: 1 }),
        (rows) => {
          const back = parseCsv(toCsv(['x', 'y', 'z'], rows), { relax_quotes: false }) as string[][];
          assert.deepEqual(back, [['x', 'y', 'z'], ...rows]);
        },
      ),
    );
  });

  it('refuses a row that does not fit the header', () => {
    assert.throws(() => toCsv(['a', 'b'], [['1']]), /1 fields; the header has 2/);
  });
});

describe('corpus: view models', () => {
  const index = sharedIndex();

  it('the Corpus view: a row per article with counts and health, by title', () => {
    assert.deepEqual(
      articleRows(index).map((r) => [r.title, r.health, r.mentions, r.claims, r.errors, r.warnings]),
      [
        ['A second opinion on the Geneva talks', 'warnings', 4, 1, 0, 1],
        ['Patrols increase in the Strait of Kessa', 'ok', 11, 4, 0, 0],
        ['Port Alda votes on the harbour treaty', 'ok', 6, 2, 0, 0],
        ['Talks resume in Geneva as pressure mounts', 'errors', 0, 0, 7, 0],
        ['Talks resume in Geneva as pressure mounts', 'ok', 10, 5, 0, 0],
      ],
    );
  });

  it('an entity card knows the corpus: "3 claims in 2 other articles", with the way there', () => {
    const card = corpusCard(index, 'reg:lee-min-jun', 'articles/talks-resume.annotations.json');
    assert.ok(card);
    assert.equal(card.articles, 3);
    assert.equal(card.line, '3 claims in 2 other articles');
    assert.deepEqual(
      card.elsewhere.map((f) => [f.file, f.mentions, f.claims.map((c) => c.id)]),
      [
        ['articles/strait-patrols.annotations.json', 2, ['c-lee-message', 'c-lee-consulted']],
        ['articles/regional/port-alda-vote.annotations.json', 1, ['c-lee-margin']],
      ],
    );
    assert.equal(card.elsewhere[1]?.claims[0]?.text, 'the margin was smaller than the government had hoped');
    assert.equal(corpusCard(index, 'reg:geneva', 'articles/talks-resume.annotations.json')?.line, 'mentioned in 1 other article');
    assert.equal(corpusCard(index, 'loc:place:strait of kessa', 'articles/strait-patrols.annotations.json')?.line, 'in no other article');
    assert.equal(corpusCard(index, 'reg:ana-ortiz')?.line, '3 claims in 2 other articles');
    assert.equal(corpusCard(index, 'reg:nobody'), undefined);
  });

  it('claims by source across articles: speaker → article → claim', () => {
    const groups = groupCorpusClaims(index, 'speaker');
    const lee = groups[0];
    assert.deepEqual([lee?.label, lee?.count, lee?.articles], ['Lee Min-jun', 5, 3]);
    assert.deepEqual(
      lee?.children.map((c) => [c.label, c.claims.map((x) => x.id)]),
      [
        ['Patrols increase in the Strait of Kessa', ['c-lee-message', 'c-lee-consulted']],
        ['Talks resume in Geneva as pressure mounts', ['c-lee-outside', 'c-lee-moved']],
        ['Port Alda votes on the harbour treaty', ['c-lee-margin']],
      ],
    );
    assert.equal(lee?.children[0]?.claims[0]?.via, 'at Coastal Forum');
  });

  it('outlet → speaker → claim, claims without an outlet last; a filter narrows every level', () => {
    const groups = groupCorpusClaims(index, 'outlet');
    assert.deepEqual(
      groups.map((g) => [g.label, g.count]),
      [
        ['Daily Ledger', 4],
        ['Northern Wire', 4],
        ['No outlet named', 4],
      ],
    );
    assert.deepEqual(
      groups[1]?.children.map((c) => [c.label, c.claims.length]),
      [
        ['Lee Min-jun', 2],
        ['Ana Ortiz', 1],
        ['Lee Min-jun', 1],
      ],
    );
    const narrowed = groupCorpusClaims(index, 'outlet', ['essay']);
    assert.deepEqual(
      narrowed.map((g) => [g.label, g.children.map((c) => c.claims.map((x) => x.id))]),
      [['Northern Wire', [['c-ortiz-belongs']]]],
    );
    assert.equal(corpusClaims(index, ['PATIENCE']).length, 1);
  });
});
