// Corpus search (keyword in context, grouped), annotating the hits as mentions (one new text per file, checked
// against the registry) and "Move Entities to the Registry" (the reviewed plan, then every file's new text and
// the registry's), over the fixture corpus.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotateHits } from '../../src/core/corpus/annotate';
import { CorpusIndex } from '../../src/core/corpus/index';
import { memberKey, needsReview, planMigration, type MigrationInput } from '../../src/core/corpus/migrate';
import { applyMigration } from '../../src/core/corpus/migrateApply';
import { groupHits, searchCorpus } from '../../src/core/corpus/search';
import { EditError } from '../../src/core/edit';
import { parseAnnotationFile } from '../../src/core/parse';
import { parseRegistry } from '../../src/core/registry';
import { SHARED, sharedIndex, summaries } from './corpus-fixtures';
import { FIXTURES } from './fixtures';

const registry = parseRegistry(readFileSync(join(SHARED, '.marginalia', 'entities.json'), 'utf8')).registry;
const PATROLS = 'articles/strait-patrols.annotations.json';

describe('corpus: search', () => {
  const index = sharedIndex();

  it('keyword in context, case-insensitive and whole-word by default', () => {
    const r = searchCorpus(index, 'ministry');
    assert.deepEqual(
      r.hits.map((h) => [h.file, h.before.slice(-12), h.match, h.after.slice(0, 12), h.mentionOf ?? null, h.inMentionOf ?? null]),
      [
        [PATROLS, 'The Defence ', 'Ministry', ' said on Tue', null, 'reg:defence-ministry'],
        [PATROLS, 'e, said the ', 'ministry', ' had not con', 'reg:defence-ministry', 'reg:defence-ministry'],
        [PATROLS, '', 'Ministry', ' spokesman T', null, null],
      ],
    );
    assert.equal(r.hits[1]?.claim?.id, 'c-lee-consulted');
    assert.equal(r.hits[1]?.claim?.speakerName, 'Lee Min-jun');
    assert.equal(searchCorpus(index, 'ministry', { caseSensitive: true }).hits.length, 1);
  });

  it('whole words only: "Lee" is not found inside "Leeds"; a phrase spans any white space', () => {
    const s = {
      ...(index.get(PATROLS) as NonNullable<ReturnType<CorpusIndex['get']>>),
      file: 'x',
      text: 'Leeds and Lee met.\nLee  Min-jun too.',
      mentions: [],
      claims: [],
    };
    const one = new CorpusIndex();
    one.set(s);
    assert.deepEqual(
      searchCorpus(one, 'lee').hits.map((h) => h.start),
      [10, 19],
    );
    assert.deepEqual(
      searchCorpus(one, 'Lee Min-jun').hits.map((h) => h.match),
      ['Lee  Min-jun'],
    );
    assert.equal(searchCorpus(one, 'lee', { wholeWord: false }).hits.length, 3);
    assert.equal(searchCorpus(one, '(', {}).hits.length, 0, 'the query is text, never a pattern');
  });

  it('groups hits by article, by the entity annotated there, or by speaker', () => {
    const hits = searchCorpus(index, 'Lee').hits;
    assert.deepEqual(
      groupHits(index, hits, 'article').map((g) => [g.label, g.hits.length]),
      [
        ['Talks resume in Geneva as pressure mounts', 2],
        ['Patrols increase in the Strait of Kessa', 2],
        ['Port Alda votes on the harbour treaty', 1],
        ['A second opinion on the Geneva talks', 1],
        // The broken file's article is still searched: what is broken is its annotations.
        ['Talks resume in Geneva as pressure mounts', 2],
      ],
    );
    assert.deepEqual(
      groupHits(index, hits, 'entity').map((g) => [g.key, g.hits.length]),
      [
        ['reg:lee-min-jun', 5],
        ['loc:analyst:lee min jun', 1],
        ['none', 2],
      ],
    );
    assert.deepEqual(
      groupHits(index, searchCorpus(index, 'patrols').hits, 'speaker').map((g) => [g.label, g.hits.length]),
      [
        ['Defence Ministry', 1],
        ['Lee Min-jun', 1],
        ['Tomas Varga', 1],
        ['Outside any claim', 1],
      ],
    );
  });

  it('stops at maxHits and says so', () => {
    const r = searchCorpus(index, 'the', { maxHits: 3 });
    assert.deepEqual([r.hits.length, r.truncated], [3, true]);
  });
});

describe('corpus: annotate the hits', () => {
  const index = sharedIndex();
  const fileText = readFileSync(join(SHARED, PATROLS), 'utf8');
  const article = readFileSync(join(SHARED, 'articles', 'strait-patrols.txt'), 'utf8');

  it('adds a mention of a registry entity per new hit, skips the one already annotated, and the file stays clean', () => {
    const hits = searchCorpus(index, 'ministry').hits;
    const out = annotateHits(fileText, article, 'defence-ministry', hits, registry?.ids);
    assert.deepEqual(out.created, ['m-defence-ministry-3', 'm-defence-ministry-4']);
    assert.deepEqual(
      out.skipped.map((h) => h.start),
      [hits[1]?.start],
    );
    assert.ok(out.replacement && out.replacement.offset > 0, 'one minimal replacement');
    const after = summaries(SHARED, [PATROLS], new Map([[PATROLS, out.text]]))[0];
    assert.deepEqual(after?.problems, []);
    const texts = after?.mentions.filter((m) => m.entity === 'reg:defence-ministry').map((m) => after.text?.slice(m.start, m.end));
    assert.deepEqual(texts, ['Defence Ministry', 'Ministry', 'ministry', 'Ministry']);
  });

  it('keeps the file’s formatting: only the mentions array grows', () => {
    const hit = searchCorpus(index, 'spokesman').hits;
    const out = annotateHits(fileText, article, 'tomas-varga', hit, registry?.ids);
    const before = JSON.parse(fileText) as { mentions: unknown[] };
    const after = JSON.parse(out.text) as { mentions: { selector: { exact?: string }[] }[] };
    assert.deepEqual(after, {
      ...before,
      mentions: [...before.mentions, { id: 'm-tomas-varga-2', entity: 'tomas-varga', selector: after.mentions.at(-1)?.selector }],
    });
    assert.equal(after.mentions.at(-1)?.selector[0]?.exact, 'spokesman');
    assert.match(out.text, /\n {4}\{\n {6}"id": "m-tomas-varga-2",/, 'indented like the file');
  });

  it('refuses an entity that is nowhere, and a hit outside the article; nothing changes', () => {
    assert.throws(
      () => annotateHits(fileText, article, 'nobody', [{ start: 0, end: 3 }], registry?.ids),
      (e: unknown) => e instanceof EditError && /no entity "nobody" in this file or its registry/.test(e.message),
    );
    assert.throws(() => annotateHits(fileText, article, 'port-alda', [{ start: 10, end: 100_000 }], registry?.ids), /outside the article/);
  });

  it('without the registry, a registry id is refused: the file would gain dangling references', () => {
    assert.throws(() => annotateHits(fileText, article, 'port-alda', [{ start: 0, end: 7 }]), /no entity "port-alda" in this file/);
  });
});

describe('corpus: Move Entities to the Registry', () => {
  const LEGACY = join(FIXTURES, 'corpus', 'legacy');
  const files = ['a/talks.annotations.json', 'b/patrols.annotations.json'];
  const input = (): MigrationInput => ({
    files: files.map((f) => ({ file: f, dir: [f.split('/')[0] as string], text: readFileSync(join(LEGACY, f), 'utf8') })),
  });
  const plan = planMigration(input());
  const review = plan.groups.filter(needsReview);

  it('proposes merging the same entity found in several files, and lists the doubtful ones for review', () => {
    assert.deepEqual(
      review.map((g) => [g.name, g.members.map((m) => [m.key, m.proposed])]),
      [
        [
          'Daily Ledger',
          [
            ['a/talks.annotations.json#ledger', true],
            ['b/patrols.annotations.json#the-ledger', true],
          ],
        ],
        [
          'Lee Min-jun',
          [
            ['a/talks.annotations.json#lee', true],
            ['b/patrols.annotations.json#lee-min-jun', true],
            ['b/patrols.annotations.json#lee-jae-won', false],
          ],
        ],
        [
          'Harbour Institute',
          [
            ['a/talks.annotations.json#harbour', true],
            ['b/patrols.annotations.json#harbour-institute', true],
          ],
        ],
      ],
    );
    const lee = review[1];
    assert.match(lee?.members[2]?.reason ?? '', /shares the name or alias "Lee"/);
    assert.deepEqual(lee?.differences, ['name: Lee Min-jun | Lee Jae-won', 'role: senior fellow | historian']);
    assert.deepEqual(plan.kept, [{ file: 'a/talks.annotations.json', id: 'analysts', reason: 'an unnamed source stays with its article' }]);
  });

  /** Loads the migrated corpus from the texts the migration produced. */
  const afterMigration = (result: ReturnType<typeof applyMigration>) => {
    const overrides = new Map<string, string>([
      ['.marginalia/entities.json', result.registry.text],
      ...result.files.map((f): [string, string] => [f.file, f.text]),
    ]);
    return summaries(LEGACY, files, overrides);
  };

  it('applies the plan: one registry, every file naming it, every mention still on the same name, no new problems', () => {
    const before = summaries(LEGACY, files);
    const result = applyMigration(plan);
    assert.equal(result.files.length, 2);
    assert.deepEqual(parseRegistry(result.registry.text).problems, []);
    const after = afterMigration(result);
    for (const [i, s] of after.entries()) {
      assert.deepEqual(
        s.problems.map((p) => p.code),
        i === 1 ? ['shadowed-id'] : [],
        'b keeps its own "place" type (its colour differs): reported, nothing lost',
      );
      const texts = (x: typeof s) => x.mentions.map((m) => [x.text?.slice(m.start, m.end), x.entities.has(m.entity)]);
      assert.deepEqual(texts(s), texts(before[i] as typeof s));
      assert.equal(s.claims.length, before[i]?.claims.length);
    }
    assert.deepEqual(
      result.entities.filter((e) => e.from.length > 1).map((e) => [e.id, e.from.length]),
      [
        ['ledger', 2],
        ['lee-min-jun', 2],
        ['harbour-institute', 2],
      ],
    );
    const a = parseAnnotationFile(result.files[0]?.text ?? '', parseRegistry(result.registry.text).registry?.ids);
    assert.deepEqual(
      a.file?.entities.map((e) => e.id),
      ['analysts'],
    );
    assert.equal(a.file?.registry, '../.marginalia/entities.json');
    assert.equal(a.file?.mentions.find((m) => m.id === 'm-lee-1')?.entity, 'lee-min-jun', 'references renamed to the merged id');
    const ledger = after[1]?.mentions.find((m) => m.id === 'm-the-ledger-1');
    assert.equal(after[1]?.entities.get(ledger?.entity ?? '')?.name, 'Daily Ledger', 'The Daily Ledger is now the Daily Ledger');
    // Index keys are now registry ids: the two Lees of the two files are one speaker.
    const index = new CorpusIndex();
    for (const s of after) index.set(s);
    assert.equal(index.speakers().find((s) => s.key === 'reg:lee-min-jun')?.claims, 4);
  });

  it('the reviewer decides: taking Lee Jae-won into the merge, or leaving the ledgers apart', () => {
    const taken = applyMigration(plan, { include: new Set([memberKey('b/patrols.annotations.json', 'lee-jae-won')]) });
    assert.ok(!taken.entities.some((e) => e.name === 'Lee Jae-won'));
    const apart = applyMigration(plan, { exclude: new Set([memberKey('b/patrols.annotations.json', 'the-ledger')]) });
    assert.deepEqual(
      apart.entities.filter((e) => /Ledger/.test(e.name)).map((e) => [e.id, e.name]),
      [
        ['ledger', 'Daily Ledger'],
        ['the-ledger', 'The Daily Ledger'],
      ],
    );
    for (const s of afterMigration(apart)) assert.ok(!s.problems.some((p) => p.severity === 'error'));
  });

  it('migrating again changes nothing', () => {
    const first = applyMigration(plan);
    const again = planMigration({
      files: first.files.map((f) => ({ file: f.file, dir: [f.file.split('/')[0] as string], text: f.text })),
      registryText: first.registry.text,
    });
    const second = applyMigration(again);
    assert.deepEqual(second.files, []);
    assert.equal(second.registry.text, first.registry.text);
  });

  it('into an existing registry: a shadowing local entity that is the same one joins it, and the warning goes', () => {
    const file = 'articles/second-opinion.annotations.json';
    const p = planMigration({
      files: [{ file, dir: ['articles'], text: readFileSync(join(SHARED, file), 'utf8') }],
      registryText: readFileSync(join(SHARED, '.marginalia', 'entities.json'), 'utf8'),
    });
    assert.deepEqual(
      p.groups.map((g) => [g.existing?.id, g.members.map((m) => [m.reason, m.proposed])]),
      [['lee-min-jun', [['same id and name', true]]]],
    );
    const r = applyMigration(p);
    const after = summaries(SHARED, [file], new Map([[file, r.files[0]?.text ?? '']]))[0];
    assert.deepEqual(after?.problems, []);
    assert.ok(after?.entities.has('reg:lee-min-jun'));
    assert.match(r.registry.text, /"role": "senior fellow"/, 'the registry keeps its own role (the review listed the other)');
    assert.deepEqual(p.groups[0]?.differences, ['role: senior fellow | visiting scholar']);
  });

  it('leaves a broken file alone, and says why', () => {
    const p = planMigration({ files: [{ file: 'x.annotations.json', dir: [], text: '{ "marginalia": 1, ' }] });
    assert.deepEqual(p.skipped, [{ file: 'x.annotations.json', reason: 'it is not valid JSON' }]);
  });
});
