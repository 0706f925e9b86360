// The pure editing actions over the editing fixtures (LF with two spaces, CRLF with tabs): each row is an
// action and what the file must hold afterwards; every row also checks the invariants every edit keeps
// (valid result, one replacement, line endings and indentation, unknown fields, untouched bytes elsewhere).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  addClaim,
  addEntity,
  addMentions,
  applyReplacement,
  deleteById,
  deleteEntity,
  detectFormat,
  EditError,
  findOccurrences,
  minimalReplacement,
  referencesTo,
  removeReference,
  setAttribution,
  setSelectors,
  slug,
  uniqueId,
  updateEntity,
  type EditOutcome,
} from '../../src/core/edit';
import type { AnnotationFile } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel } from '../../src/core/resolve';
import { OffsetMap, selectorsFor } from '../../src/core/text';
import { applyChanges, ChangeLog } from '../../src/core/changes';
import { applyEdits, modify } from 'jsonc-parser/lib/esm/main.js';
import type { TextChange } from '../../src/core/anchor';

/** An item's fields, unknown ones included, for checking what the parser or an edit kept. */
const fieldsOf = (item: object | undefined): Record<string, unknown> => ({ ...item });

function fixturesDir(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'test', 'fixtures', 'editing'))) return join(dir, 'test', 'fixtures', 'editing');
  }
  throw new Error('test/fixtures/editing not found');
}
const DIR = fixturesDir();
const ARTICLE = readFileSync(join(DIR, 'briefing.txt'), 'utf8');
const MAP = new OffsetMap(ARTICLE);
const FILES = ['briefing.annotations.json', 'crlf.annotations.json'];

function sel(quote: string): ReturnType<typeof selectorsFor> {
  const i = ARTICLE.indexOf(quote);
  assert.ok(i >= 0, quote);
  return selectorsFor(MAP, i, i + quote.length);
}

function json(text: string): AnnotationFile {
  return JSON.parse(text) as AnnotationFile;
}

interface Row {
  name: string;
  run: (text: string) => EditOutcome;
  check: (after: AnnotationFile, before: AnnotationFile, out: EditOutcome) => void;
}

const rows: Row[] = [
  {
    name: 'add an entity: readable unique id, fields in order, nothing undefined',
    run: (t) => addEntity(t, { type: 'place', name: 'Genève', aliases: [], role: '' }),
    check: (a, b, out) => {
      assert.deepEqual(out.created, ['geneve']);
      assert.deepEqual(a.entities.at(-1), { id: 'geneve', type: 'place', name: 'Genève' });
      assert.equal(a.entities.length, b.entities.length + 1);
    },
  },
  {
    name: 'add a mention of an existing entity: m-<entity>-<n> id, core selectors',
    run: (t) => addMentions(t, [{ entity: 'ana-ortiz', selector: sel('Ortiz later') }]),
    check: (a, _b, out) => {
      assert.deepEqual(out.created, ['m-ana-ortiz-2']);
      assert.deepEqual(a.mentions.at(-1), { id: 'm-ana-ortiz-2', entity: 'ana-ortiz', selector: sel('Ortiz later') });
    },
  },
  {
    name: 'add a mention of a new entity: entity first, then the mention, one outcome',
    run: (t) => addMentions(t, [{ entity: '', selector: sel('Geneva') }], { type: 'place', name: 'Geneva' }),
    check: (a, _b, out) => {
      assert.deepEqual(out.created, ['geneva', 'm-geneva-1']);
      assert.equal(a.mentions.at(-1)?.entity, 'geneva');
    },
  },
  {
    name: 'add a claim with a new speaker and an outlet',
    run: (t) =>
      addClaim(t, {
        selector: sel('Geneva would host a second round'),
        mode: 'reported-statement',
        chain: [
          { role: 'speaker', entity: 'ana-ortiz' },
          { role: 'venue', label: 'a media briefing', kind: 'briefing' },
        ],
        cue: 'told',
        summary: 'Geneva will host a second round.',
      }),
    check: (a, _b, out) => {
      assert.deepEqual(out.created, ['c-ana-ortiz-geneva-will-host-a-second']);
      const c = a.claims.at(-1);
      assert.deepEqual(c?.attribution, {
        mode: 'reported-statement',
        chain: [
          { role: 'speaker', entity: 'ana-ortiz' },
          { role: 'venue', label: 'a media briefing', kind: 'briefing' },
        ],
        cue: 'told',
      });
      assert.deepEqual(c?.selector, sel('Geneva would host a second round'));
    },
  },
  {
    name: 'update an entity: change, add and remove fields; unknown fields and key order stay',
    run: (t) => updateEntity(t, 'ana-ortiz', { role: 'Minister of Foreign Affairs', description: 'Chief negotiator.', aliases: null }),
    check: (a) => {
      const e = fieldsOf(a.entities[0]);
      assert.deepEqual(Object.keys(e), ['id', 'type', 'name', 'role', 'x-wikidata', 'description']);
      assert.equal(e.role, 'Minister of Foreign Affairs');
      assert.equal(e['x-wikidata'], 'Q0');
    },
  },
  {
    name: 'change a claim attribution: mode and chain change, cue removed, unknown fields stay',
    run: (t) => setAttribution(t, 'c-ana-ortiz-talks-productive', { mode: 'paraphrase', chain: [{ role: 'speaker', entity: 'ana-ortiz' }] }),
    check: (a) => {
      const c = fieldsOf(a.claims[0]);
      assert.deepEqual(c.attribution, { mode: 'paraphrase', chain: [{ role: 'speaker', entity: 'ana-ortiz' }] });
      assert.equal(c['x-confidence'], 0.9);
    },
  },
  {
    name: 'delete a mention',
    run: (t) => deleteById(t, 'm-lee-min-jun-1'),
    check: (a, b) =>
      assert.deepEqual(
        a.mentions.map((m) => m.id),
        b.mentions.map((m) => m.id).filter((id) => id !== 'm-lee-min-jun-1'),
      ),
  },
  {
    name: 'delete a claim: contradicts lists that name it lose the entry',
    run: (t) => deleteById(t, 'c-ana-ortiz-talks-productive'),
    check: (a) => {
      assert.deepEqual(
        a.claims.map((c) => c.id),
        ['c-lee-neither-side'],
      );
      assert.deepEqual(a.claims[0]?.contradicts ?? [], []);
    },
  },
  {
    name: 'delete an entity: its mentions, affiliations and relations go; chains keep its name as a label',
    run: (t) => deleteEntity(t, 'harbour-institute'),
    check: (a) => {
      assert.ok(!a.entities.some((e) => e.id === 'harbour-institute'));
      assert.ok(!a.mentions.some((m) => m.entity === 'harbour-institute'));
      assert.deepEqual(a.entities.find((e) => e.id === 'lee-min-jun')?.affiliations ?? [], []);
      assert.deepEqual(a.relations, []);
    },
  },
  {
    name: 'delete a speaker entity: the claim keeps a labelled speaker link',
    run: (t) => deleteEntity(t, 'ana-ortiz'),
    check: (a) => {
      assert.deepEqual(a.claims[0]?.attribution.chain[0], { role: 'speaker', label: 'Ana Ortiz' });
      assert.ok(!a.mentions.some((m) => m.entity === 'ana-ortiz'));
    },
  },
  {
    name: 're-anchor: new selectors and the article hash in one outcome',
    run: (t) => setSelectors(t, [{ kind: 'mentions', id: 'm-ana-ortiz-1', selector: sel('Ortiz later') }], ARTICLE),
    check: (a, b) => {
      assert.deepEqual(a.mentions[0]?.selector, sel('Ortiz later'));
      assert.deepEqual(a.article, b.article);
    },
  },
  {
    name: 'remove a dangling reference (an affiliation entry)',
    run: (t) => removeReference(t, ['entities', 1, 'affiliations', 0]),
    check: (a) => assert.deepEqual(a.entities[1]?.affiliations ?? [], []),
  },
];

describe('core/edit', () => {
  for (const file of FILES) {
    const original = readFileSync(join(DIR, file), 'utf8');
    describe(file, () => {
      for (const row of rows) {
        it(row.name, () => {
          const out = row.run(original);
          assert.ok(out.replacement, 'something changed');
          assert.equal(applyReplacement(original, out.replacement), out.text, 'the one replacement gives the whole new text');
          const after = json(out.text);
          row.check(after, json(original), out);
          // Invariants of every edit.
          const fmt = detectFormat(original);
          assert.deepEqual(detectFormat(out.text), fmt, 'line endings and indentation kept');
          if (fmt.eol === '\r\n') assert.doesNotMatch(out.text.replace(/\r\n/g, ''), /\n/, 'no bare LF in a CRLF file');
          else assert.doesNotMatch(out.text, /\r/, 'no CR in an LF file');
          assert.deepEqual((after as Record<string, unknown>)['x-project'], { annotator: 'test', reviewed: false }, 'unknown top-level field kept');
          assert.equal(out.text.slice(0, 200), original.slice(0, 200), 'the head of the file is untouched');
          const errors = parseAnnotationFile(out.text).problems.filter((p) => p.severity === 'error');
          assert.deepEqual(errors, [], 'the result is valid');
          const parsed = parseAnnotationFile(out.text);
          assert.ok(parsed.file);
          const orphans = resolveModel(parsed.file, ARTICLE).mentions.filter((m) => m.anchor.status === 'orphan');
          assert.deepEqual(orphans, []);
        });
      }
    });
  }

  const refusals: { name: string; run: (t: string) => unknown; message: RegExp }[] = [
    { name: 'an id already in use', run: (t) => addEntity(t, { id: 'ana-ortiz', type: 'place', name: 'X' }), message: /already used/ },
    { name: 'an unknown item', run: (t) => deleteById(t, 'nobody'), message: /nothing with id/ },
    {
      name: 'a mention of an entity that does not exist',
      run: (t) => addMentions(t, [{ entity: 'ghost', selector: sel('Geneva') }]),
      message: /invalid.*ghost/,
    },
    { name: 'an entity of an undeclared type', run: (t) => addEntity(t, { type: 'planet', name: 'Mars' }), message: /invalid.*planet/ },
    { name: 'an entity without a name', run: (t) => updateEntity(t, 'ana-ortiz', { name: null }), message: /needs a name/ },
    { name: 'a file that is not JSON', run: () => addEntity('{ "marginalia": 1, ', { type: 'place', name: 'X' }), message: /not valid JSON/ },
  ];
  describe('refuses, with a message, and changes nothing', () => {
    const original = readFileSync(join(DIR, 'briefing.annotations.json'), 'utf8');
    for (const r of refusals) {
      it(r.name, () => {
        assert.throws(
          () => r.run(original),
          (e: unknown) => e instanceof EditError && r.message.test(e.message),
        );
      });
    }
  });

  it('references: everything that names an id', () => {
    const original = readFileSync(join(DIR, 'briefing.annotations.json'), 'utf8');
    assert.deepEqual(
      referencesTo(original, 'harbour-institute').map((r) => r.what),
      ['mention', 'affiliation', 'relation'],
    );
    assert.deepEqual(
      referencesTo(original, 'c-ana-ortiz-talks-productive').map((r) => `${r.what}:${r.owner}`),
      ['contradicts:c-lee-neither-side'],
    );
  });

  const slugs: [string, string][] = [
    ['Ana Ortiz', 'ana-ortiz'],
    ['Genève', 'geneve'],
    ['  Dr. Lee Min-jun  ', 'dr-lee-min-jun'],
    ['中国', '中国'],
    ['!!!', ''],
  ];
  for (const [input, expected] of slugs) it(`slug ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => assert.equal(slug(input), expected));
  it('unique ids count up from 2', () => assert.equal(uniqueId('a', new Set(['a', 'a-2'])), 'a-3'));

  const replacements: [string, string, { offset: number; length: number; content: string } | undefined][] = [
    ['abc', 'abc', undefined],
    ['abc', 'abXc', { offset: 2, length: 0, content: 'X' }],
    ['a\r\nb', 'a\r\nc\r\nb', { offset: 1, length: 0, content: '\r\nc' }],
  ];
  for (const [a, b, r] of replacements) {
    it(`minimal replacement ${JSON.stringify(a)} -> ${JSON.stringify(b)} never splits CRLF`, () => {
      const got = minimalReplacement(a, b);
      assert.equal(applyReplacement(a, got), b);
      if (r) assert.ok(got && !(a[got.offset - 1] === '\r' && a[got.offset] === '\n'));
      else assert.equal(got, undefined);
    });
  }

  const occurrences: { names: string[]; taken?: { start: number; end: number }[]; expect: string[] }[] = [
    { names: ['Ortiz', 'Ana Ortiz'], expect: ['Ana Ortiz', 'Ortiz'] },
    { names: ['Lee', 'Lee Min-jun'], expect: ['Lee Min-jun', 'Lee'] },
    { names: ['Geneva'], taken: [{ start: ARTICLE.indexOf('Geneva'), end: ARTICLE.indexOf('Geneva') + 6 }], expect: ['Geneva', 'Geneva'] },
    { names: ['Gen'], expect: [] },
  ];
  for (const o of occurrences) {
    it(`occurrences of ${o.names.join(', ')}: whole words, longest first, skipping existing mentions`, () => {
      const got = findOccurrences(ARTICLE, o.names, o.taken).map((r) => ARTICLE.slice(r.start, r.end));
      assert.deepEqual(got, o.expect);
    });
  }
});

describe('core/changes: editor events composed into changes from the base text', () => {
  const base = 'Ministers meet in Geneva 😐 today.';
  const events: { name: string; events: TextChange[][] }[] = [
    { name: 'nothing', events: [] },
    { name: 'one insertion', events: [[{ start: 0, end: 0, text: 'Two ' }]] },
    {
      name: 'typing letter by letter',
      events: [[{ start: 10, end: 10, text: 'a' }], [{ start: 11, end: 11, text: 'b' }], [{ start: 12, end: 12, text: 'c' }]],
    },
    { name: 'insert then delete inside the insertion', events: [[{ start: 5, end: 5, text: 'XYZ' }], [{ start: 6, end: 7, text: '' }]] },
    { name: 'delete across an earlier insertion and base text', events: [[{ start: 3, end: 3, text: '++' }], [{ start: 2, end: 9, text: '-' }]] },
    {
      name: 'several changes in one event (multi-cursor)',
      events: [
        [
          { start: 0, end: 1, text: 'm' },
          { start: 15, end: 24, text: 'Genf' },
        ],
      ],
    },
    { name: 'astral characters around an edit', events: [[{ start: 25, end: 26, text: '🙂🙂' }], [{ start: 27, end: 27, text: '!' }]] },
    { name: 'delete everything, type anew', events: [[{ start: 0, end: 33, text: '' }], [{ start: 0, end: 0, text: 'New text' }]] },
  ];
  for (const e of events) {
    it(e.name, () => {
      const log = new ChangeLog(Array.from(base).length);
      let current = base;
      for (const ev of e.events) {
        log.apply(ev);
        current = applyChanges(current, ev);
      }
      assert.equal(applyChanges(base, log.changes()), current, 'the composed changes turn the base into the current text');
      assert.equal(log.currentLength, Array.from(current).length);
    });
  }
});

describe('core/edit setSelectors writes what modify would', () => {
  for (const file of ['briefing.annotations.json', 'crlf.annotations.json']) {
    it(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const fmt = detectFormat(text);
      const fast = setSelectors(text, [{ kind: 'claims', id: 'c-lee-neither-side', selector: sel('Lee believes') }]).text;
      const root = JSON.parse(text) as AnnotationFile;
      const i = root.claims.findIndex((c) => c.id === 'c-lee-neither-side');
      const slow = applyEdits(text, modify(text, ['claims', i, 'selector'], sel('Lee believes'), { formattingOptions: fmt }));
      assert.equal(fast, slow);
    });
  }
});
