import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseAnnotationFile } from '../../src/core/parse';
import { FIXTURES, fixture, fixtureNames, loadAnnotationFile } from './fixtures';

interface Expected {
  file: string;
  code: string;
  severity: string;
  path: (string | number)[];
  line: number;
  column: number;
}

describe('parse: valid files', () => {
  for (const name of fixtureNames('valid', '.annotations.json')) {
    it(`${name} has no problems`, () => {
      const { problems, model } = loadAnnotationFile(join(FIXTURES, 'valid', name));
      assert.deepEqual(
        problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`),
        [],
      );
      assert.ok(model);
      assert.equal(model.summary.orphan, 0);
    });
  }

  it('keeps unknown fields, at the top level and in items', () => {
    const text = fixture('valid', 'briefing.annotations.json').replace('"name": "Ana Ortiz",', '"name": "Ana Ortiz",\n      "x-wikidata-note": "check",');
    const { file, problems } = parseAnnotationFile(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(file?.reviewer, { name: 'kept as an unknown field' });
    assert.equal((file?.entities[0] as unknown as Record<string, unknown>)['x-wikidata-note'], 'check');
  });
});

describe('parse: invalid files (one per kind of problem)', () => {
  const table = JSON.parse(fixture('invalid', 'expected.json')) as Expected[];

  it('covers at least 40 fixtures, every fixture listed once', () => {
    assert.ok(table.length >= 40, `${table.length} cases`);
    assert.deepEqual(table.map((e) => e.file).sort(), fixtureNames('invalid', '.annotations.json'));
  });

  for (const e of table) {
    it(`${e.file}: ${e.severity} ${e.code} at ${e.line}:${e.column} ${JSON.stringify(e.path)}`, () => {
      const { problems } = loadAnnotationFile(join(FIXTURES, 'invalid', e.file));
      const hit = problems.find((p) => p.code === e.code && JSON.stringify(p.path) === JSON.stringify(e.path));
      assert.ok(hit, `got: ${problems.map((p) => `${p.code} ${JSON.stringify(p.path)}`).join('; ')}`);
      assert.equal(hit.severity, e.severity);
      assert.deepEqual([hit.line, hit.column], [e.line, e.column]);
      assert.ok(hit.message.length > 0);
    });
  }
});

describe('parse: one bad item never hides the good ones', () => {
  const base = JSON.parse(fixture('valid', 'briefing.annotations.json')) as { mentions: Record<string, unknown>[]; entities: Record<string, unknown>[] };
  const cases: [string, (o: typeof base) => void, (file: NonNullable<ReturnType<typeof parseAnnotationFile>['file']>) => void][] = [
    [
      'an invalid mention is dropped, the rest kept',
      (o) => {
        o.mentions[2] = { id: 'bad' };
      },
      (f) => {
        assert.equal(f.mentions.length, base.mentions.length - 1);
        assert.ok(!f.mentions.some((m) => m.id === 'bad'));
      },
    ],
    [
      'a duplicate keeps the first',
      (o) => {
        o.entities.push({ ...o.entities[0], name: 'Impostor' });
      },
      (f) => {
        assert.equal(f.entities.filter((e) => e.id === 'ortiz').length, 1);
        assert.equal(f.entities.find((e) => e.id === 'ortiz')?.name, 'Ana Ortiz');
      },
    ],
    [
      'an unsafe link is dropped, its entity kept',
      (o) => {
        o.entities[1] = { ...o.entities[1], sameAs: [{ url: 'javascript:alert(1)' }, { url: 'https://example.org/ok' }] };
      },
      (f) => {
        assert.deepEqual(f.entities.find((e) => e.id === 'lee')?.sameAs, [{ url: 'https://example.org/ok' }]);
      },
    ],
    [
      'a `__proto__` key never reaches a prototype',
      () => undefined,
      (f) => {
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.equal(Object.getPrototypeOf(f.entities[0]), Object.prototype);
        assert.equal((f.entities[0] as unknown as Record<string, unknown>).polluted, undefined);
      },
    ],
  ];
  for (const [name, mutate, check] of cases) {
    it(name, () => {
      const o = structuredClone(base);
      mutate(o);
      // JSON.stringify drops a real __proto__ key, so that case is written as text.
      const text = name.includes('__proto__')
        ? JSON.stringify(o, null, 2).replace('"id": "ortiz"', '"__proto__": {"polluted": 1}, "id": "ortiz"')
        : JSON.stringify(o, null, 2);
      const { file, problems } = parseAnnotationFile(text);
      assert.ok(file);
      assert.ok(problems.length > 0);
      check(file);
    });
  }
});

describe('parse: hostile input terminates quickly with located errors', () => {
  const cases: [string, () => string, string][] = [
    ['100k nested arrays', () => '['.repeat(100_000), 'too-deep'],
    ['a 5 MB string value', () => `{"marginalia": 1, "x": "${'a'.repeat(5_000_000)}"`, 'syntax-error'],
    ['50k unknown top-level keys', () => `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}": ${i}`).join(',')}}`, 'schema-required'],
    ['binary garbage', () => '\u0000\u0001\u00ff{]]"', 'syntax-error'],
    ['only a BOM', () => '\ufeff', 'empty-file'],
  ];
  for (const [name, make, code] of cases) {
    it(name, () => {
      const t0 = performance.now();
      const { problems } = parseAnnotationFile(make());
      assert.ok(performance.now() - t0 < 3000);
      assert.ok(
        problems.some((p) => p.code === code),
        problems.map((p) => p.code).join(','),
      );
      for (const p of problems) assert.ok(p.line >= 1 && p.column >= 1);
    });
  }

  it('caps the number of problems', () => {
    const mentions = Array.from({ length: 5000 }, (_, i) => ({ id: `m${i}`, entity: 'nobody', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }));
    const { problems } = parseAnnotationFile(JSON.stringify({ marginalia: 1, article: { path: 'a.txt' }, types: [], entities: [], mentions, claims: [] }));
    assert.ok(problems.length <= 1001);
    assert.equal(problems[problems.length - 1]?.code, 'too-many-problems');
  });
});
