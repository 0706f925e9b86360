// The shared entity registry: its file and schema, references to it from annotation files (allowed, shadowing
// reported, unreadable registry reported once), the loading path that finds it, and the resolved model that
// joins it. Files that name no registry behave exactly as before.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRegistry, loadReadingSync, prepareReading, registryRead } from '../../src/core/load';
import { parseAnnotationFile } from '../../src/core/parse';
import { parseRegistry, readRegistryField, relativeRegistryPath, REGISTRY_SEGMENTS } from '../../src/core/registry';
import { FIXTURES, ROOT, fixture } from './fixtures';

const SHARED = join(FIXTURES, 'corpus', 'shared');
const registryText = readFileSync(join(SHARED, '.marginalia', 'entities.json'), 'utf8');

/** Loads a file of the shared fixture corpus, with that folder as the root. */
function loadShared(...path: string[]) {
  const dir = path.slice(0, -1);
  return loadReadingSync(readFileSync(join(SHARED, ...path), 'utf8'), dir, (segments) => {
    try {
      return { text: readFileSync(join(SHARED, ...segments), 'utf8') };
    } catch (e) {
      return { error: String(e) };
    }
  });
}

const file = (extra: Record<string, unknown>) =>
  JSON.stringify({ marginalia: 1, article: { path: 'a.txt' }, types: [], entities: [], mentions: [], claims: [], ...extra }, null, 2);

describe('registry: the file', () => {
  it('the fixture registry parses with no problems', () => {
    const r = parseRegistry(registryText);
    assert.deepEqual(r.problems, []);
    assert.equal(r.registry?.entities.length, 10);
    assert.equal(r.registry?.typeById.get('analyst')?.parent, 'person');
    assert.ok(r.registry?.ids.entities.has('lee-min-jun'));
  });

  const cases: [string, string, string, string, [number, number]?][] = [
    [
      'a dangling affiliation',
      JSON.stringify({ marginalia: 1, types: [], entities: [{ id: 'x', type: 't', name: 'X', affiliations: ['nowhere'] }] }),
      'dangling-reference',
      'error',
    ],
    ['an unknown type', JSON.stringify({ marginalia: 1, types: [], entities: [{ id: 'x', type: 't', name: 'X' }] }), 'unknown-type', 'error'],
    [
      'a duplicate id',
      JSON.stringify({
        marginalia: 1,
        types: [],
        entities: [
          { id: 'x', type: 't', name: 'X' },
          { id: 'x', type: 't', name: 'Y' },
        ],
      }),
      'duplicate-id',
      'error',
    ],
    [
      'mentions, which belong in an annotation file',
      '{\n  "marginalia": 1, "types": [], "entities": [],\n  "mentions": []\n}',
      'registry-misplaced',
      'warning',
      [3, 15],
    ],
    ['a missing version', JSON.stringify({ types: [], entities: [] }), 'schema-required', 'error'],
    [
      'an unsafe link',
      JSON.stringify({ marginalia: 1, types: [], entities: [{ id: 'x', type: 't', name: 'X', sameAs: [{ url: 'javascript:alert(1)' }] }] }),
      'unsafe-link',
      'error',
    ],
  ];
  for (const [name, text, code, severity, at] of cases)
    it(`reports ${name} (${code})`, () => {
      const p = parseRegistry(text).problems.find((x) => x.code === code);
      assert.ok(p, JSON.stringify(parseRegistry(text).problems));
      assert.equal(p.severity, severity);
      if (at) assert.deepEqual([p.line, p.column], at);
    });

  it('asks for no article, mentions or claims', () => {
    const problems = parseRegistry(JSON.stringify({ marginalia: 1, types: [], entities: [] })).problems;
    assert.deepEqual(problems, []);
  });

  it('a registry with a syntax error is not used, and says where', () => {
    const r = parseRegistry(registryText.slice(0, 400));
    assert.equal(r.registry, undefined);
    assert.ok(r.problems.some((p) => p.code === 'syntax-error' && p.line > 1));
    const read = registryRead(r);
    assert.ok('error' in read && /cannot be used \(\d+:\d+: JSON syntax/.test(read.error));
  });

  it('the registry schema uses the annotation schema’s definitions, unchanged', () => {
    const annotations = JSON.parse(fixtureSchema('annotations')) as { definitions: Record<string, unknown> };
    const reg = JSON.parse(fixtureSchema('registry')) as { definitions: Record<string, unknown>; properties: Record<string, unknown> };
    for (const [name, def] of Object.entries(reg.definitions)) assert.deepEqual(def, annotations.definitions[name], name);
    assert.deepEqual(Object.keys(reg.definitions).sort(), ['entity', 'id', 'idRef', 'link', 'type']);
  });
});

function fixtureSchema(name: string): string {
  return readFileSync(join(ROOT, 'media', 'schema', `${name}.schema.json`), 'utf8');
}

describe('registry: references from an annotation file', () => {
  const ids = { types: new Set(['analyst']), entities: new Set(['lee']) };
  const text = file({
    registry: '.marginalia/entities.json',
    entities: [{ id: 'local', type: 'analyst', name: 'Local', affiliations: ['lee'] }],
    mentions: [{ id: 'm1', entity: 'lee', selector: [{ type: 'TextQuoteSelector', exact: 'Lee' }] }],
    claims: [
      { id: 'c1', selector: [{ type: 'TextQuoteSelector', exact: 'x' }], attribution: { mode: 'paraphrase', chain: [{ role: 'speaker', entity: 'lee' }] } },
    ],
  });

  it('without the registry, its ids are dangling (as before)', () => {
    const codes = parseAnnotationFile(text).problems.map((p) => p.code);
    assert.deepEqual(codes.sort(), ['dangling-reference', 'dangling-reference', 'dangling-reference', 'unknown-type']);
  });

  it('with the registry, they resolve', () => {
    assert.deepEqual(parseAnnotationFile(text, ids).problems, []);
  });

  it('an id the registry lacks is still dangling', () => {
    const problems = parseAnnotationFile(text, { types: ids.types, entities: new Set() }).problems;
    assert.equal(problems.filter((p) => p.code === 'dangling-reference').length, 3);
  });

  it('an unreadable registry (no ids known) checks nothing it might hold', () => {
    assert.deepEqual(parseAnnotationFile(text, {}).problems, []);
  });

  it('a local id shadowing a registry id is a located warning, for every kind of item', () => {
    const shadowing = file({
      types: [{ id: 'analyst', label: 'A', color: '#000000', cue: 'solid' }],
      entities: [{ id: 'lee', type: 'analyst', name: 'Lee' }],
      mentions: [{ id: 'lee-2', entity: 'lee', selector: [{ type: 'TextQuoteSelector', exact: 'Lee' }] }],
    });
    const problems = parseAnnotationFile(shadowing, { types: new Set(['analyst']), entities: new Set(['lee', 'lee-2']) }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.path.join('.')]),
      [
        ['shadowed-id', 'warning', 'types.0.id'],
        ['shadowed-id', 'warning', 'entities.0.id'],
        ['shadowed-id', 'warning', 'mentions.0.id'],
      ],
    );
    assert.match(problems[1]?.message ?? '', /entity "lee" shadows the registry's entity of the same id: this file's own is used here/);
  });

  it('every fixture file without a registry parses exactly as it did', function () {
    // Seventy files parsed twice: slow only on a loaded machine.
    this.timeout(30_000);
    for (const dir of ['valid', 'invalid']) {
      for (const name of readdirOf(dir)) {
        const t = fixture(dir, name);
        assert.equal(readRegistryField(t), undefined, name);
        assert.deepEqual(prepareReading(t, [dir]).problems, parseAnnotationFile(t).problems, name);
      }
    }
  });
});

function readdirOf(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.annotations.json'));
}

describe('registry: finding it', () => {
  const fields: [string, unknown][] = [
    [file({}), undefined],
    [file({ registry: '../.marginalia/entities.json' }), '../.marginalia/entities.json'],
    [file({ registry: 5 }), 5],
    ['{ "registry": "x.json", "marginalia": 1, ', 'x.json'],
    [file({ x: { note: 'the "registry" word in text' } }), undefined],
    [file({ x: { registry: 'nested.json' } }), undefined],
    [file({ note: 'registry', registry: { path: 'x' } }), null],
    ['{ "a": "\\"registry\\": 1", "registry": "b.json" }', 'b.json'],
  ];
  fields.forEach(([text, expected], i) => it(`reads the registry field (${i})`, () => assert.equal(readRegistryField(text), expected)));

  const paths: [string[], string][] = [
    [[], '.marginalia/entities.json'],
    [['articles'], '../.marginalia/entities.json'],
    [['articles', 'regional'], '../../.marginalia/entities.json'],
    [['.marginalia'], 'entities.json'],
  ];
  for (const [dir, expected] of paths)
    it(`from /${dir.join('/')} the registry is ${expected}`, () => {
      assert.equal(relativeRegistryPath(dir), expected);
      assert.deepEqual(findRegistry(file({ registry: expected }), dir), { ok: true, segments: [...REGISTRY_SEGMENTS] });
    });

  it('a registry path that leaves the project is refused, located at `registry`', () => {
    const text = file({ registry: '../../entities.json' });
    const where = findRegistry(text, ['notes']);
    assert.ok(where && !where.ok && /^registry "\.\.\/\.\.\/entities\.json" leaves the project/.test(where.message));
    const p = prepareReading(text, ['notes']).problems.find((x) => x.code === 'registry-path');
    assert.ok(p);
    assert.deepEqual([p.severity, p.path, p.line], ['error', ['registry'], 10]);
  });

  it('a registry that was not read is one located error, and no dangling references', () => {
    const text = file({ registry: 'r.json', mentions: [{ id: 'm', entity: 'lee', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }] });
    assert.deepEqual(
      prepareReading(text, [], { error: 'cannot read registry r.json: no such file' }).problems.map((p) => [p.code, p.message]),
      [['registry-unreadable', 'cannot read registry r.json: no such file']],
    );
  });
});

describe('registry: the loaded model', () => {
  it('an article naming the registry loads with no problems, its entities from the registry', () => {
    const loaded = loadShared('articles', 'talks-resume.annotations.json');
    assert.deepEqual(loaded.problems, []);
    const m = loaded.model;
    assert.ok(m);
    assert.equal(m.entities.get('lee-min-jun')?.role, 'senior fellow');
    assert.ok(m.fromRegistry.entities.has('lee-min-jun') && !m.fromRegistry.entities.has('analysts'));
    assert.equal(m.claims.find((c) => c.id === 'c-lee-outside')?.speaker?.name, 'Lee Min-jun');
  });

  it('joins only the registry entities the article uses, with their affiliations', () => {
    const m = loadShared('articles', 'regional', 'port-alda-vote.annotations.json').model;
    assert.ok(m);
    // Lee's affiliation (the Harbour Institute) comes along though the article never names it.
    assert.deepEqual([...m.entities.keys()].sort(), ['ana-ortiz', 'daily-ledger', 'harbour-institute', 'lee-min-jun', 'northern-wire', 'port-alda']);
    assert.equal(m.summary.entities, 6);
    assert.equal(m.types.size, 7);
    assert.ok(m.registry?.entityById.has('tomas-varga'), 'the whole registry stays at hand for pickers');
  });

  it('a shadowing local entity is the one used in its file, with a warning', () => {
    const loaded = loadShared('articles', 'second-opinion.annotations.json');
    assert.deepEqual(
      loaded.problems.map((p) => [p.code, p.line, p.column]),
      [['shadowed-id', 13, 13]],
    );
    assert.equal(loaded.model?.entities.get('lee-min-jun')?.role, 'visiting scholar');
    assert.equal(loaded.model?.fromRegistry.entities.has('lee-min-jun'), false);
  });

  it('the bundled article keeps working on its own', () => {
    const text = readFileSync(join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json'), 'utf8');
    const loaded = loadReadingSync(text, ['media', 'articles'], (s) => ({ text: readFileSync(join(ROOT, ...s), 'utf8') }));
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.model?.summary.entities, 67);
    assert.equal(loaded.model?.fromRegistry.entities.size, 0);
    assert.equal(loaded.registryPath, undefined);
  });
});
