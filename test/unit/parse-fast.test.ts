// The native fast path of the parser (JSON.parse, positions computed only for reported problems) must give exactly
// what the syntax tree gives: the same file, the same problems at the same line:column, offset and length.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Located } from '../../src/core/json';
import { parseAnnotationFile } from '../../src/core/parse';
import { sourceIndex } from '../../src/core/source';
import { fixture, fixtureNames } from './fixtures';

/** The parse result with each item's source index, comparable with deepEqual. */
function comparable(text: string, syntaxTree: boolean): unknown {
  const { file, problems } = parseAnnotationFile(text, undefined, { syntaxTree });
  const indexes = file
    ? (['types', 'entities', 'mentions', 'claims', 'relations'] as const).map((k) => (file[k] ?? []).map((it, i) => sourceIndex(it, i)))
    : [];
  return { file: file && JSON.parse(JSON.stringify(file)), problems, indexes };
}

const base = fixture('valid', 'briefing.annotations.json');

describe('parse: native fast path equals the syntax tree', () => {
  const files = [
    ...fixtureNames('valid', '.annotations.json').map((f) => ['valid', f]),
    ...fixtureNames('invalid', '.annotations.json').map((f) => ['invalid', f]),
    ['hostile', 'hostile.annotations.json'],
    ['editing', 'briefing.annotations.json'],
    ['editing', 'crlf.annotations.json'],
  ];
  for (const [dir, name] of files) {
    it(`${dir}/${name}`, () => {
      const text = fixture(dir as string, name as string);
      assert.deepEqual(comparable(text, false), comparable(text, true));
    });
  }

  const variants: [string, (o: Record<string, unknown>) => string][] = [
    ['compact', (o) => JSON.stringify(o)],
    ['tabs and CRLF', (o) => JSON.stringify(o, null, '\t').replace(/\n/g, '\r\n')],
    ['white space before colons', (o) => JSON.stringify(o, null, 2).replace(/": /g, '" : ')],
    ['a duplicate key', (o) => JSON.stringify(o, null, 2).replace('"name": "Ana Ortiz"', '"name": "Ana", "name": "Ana Ortiz"')],
    ['a string that starts with a colon', (o) => JSON.stringify({ ...o, note: ': not a key', other: '":still not' }, null, 2)],
    ['escaped quotes before colons', (o) => JSON.stringify({ ...o, note: 'say "x": y \\": z' }, null, 2)],
    ['colons in keys and values', (o) => JSON.stringify({ ...o, 'x:y': 'a:b::c', list: ['1:2', { 'k:': ':' }] }, null, 2)],
    [
      'an escaped colon hiding a duplicate key',
      (o) => JSON.stringify({ ...o, note: 'a:b' }, null, 2).replace('"note": "a:b"', '"note": "a\\u003ab", "note": "c"'),
    ],
    ['a __proto__ key', (o) => JSON.stringify(o, null, 2).replace('"id": "ortiz"', '"__proto__": {"polluted": 1}, "id": "ortiz"')],
    ['a constructor key', (o) => JSON.stringify({ ...o, constructor: 1 }, null, 2)],
    ['a BOM', (o) => '\ufeff' + JSON.stringify(o, null, 2)],
    ['nesting too deep', (o) => JSON.stringify({ ...o, deep: JSON.parse('['.repeat(140) + ']'.repeat(140)) as unknown })],
    ['a trailing comma', (o) => JSON.stringify(o, null, 2).replace(/\n}$/, ',\n}')],
  ];
  for (const [name, make] of variants) {
    it(name, () => {
      const text = make(JSON.parse(base) as Record<string, unknown>);
      assert.deepEqual(comparable(text, false), comparable(text, true));
    });
  }

  it('random changes to a valid file (schema and semantic problems) locate the same', () => {
    const o = JSON.parse(base) as { mentions: Record<string, unknown>[]; entities: Record<string, unknown>[]; claims: Record<string, unknown>[] };
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant([]), fc.constant({}), fc.constant('nobody'), fc.constant({ type: 'x' }));
    const edit = fc.record({
      list: fc.constantFrom('mentions', 'entities', 'claims') as fc.Arbitrary<'mentions' | 'entities' | 'claims'>,
      at: fc.nat(20),
      key: fc.constantFrom('id', 'entity', 'type', 'selector', 'attribution', 'name', 'extra', 'aliases'),
      value: junk,
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), fc.constantFrom(0, 2, '\t'), (edits, indent) => {
        const copy = structuredClone(o);
        for (const e of edits) {
          const list = copy[e.list];
          const item = list[e.at % list.length];
          if (item) item[e.key] = e.value;
        }
        const text = JSON.stringify(copy, null, indent);
        assert.deepEqual(comparable(text, false), comparable(text, true));
      }),
      { numRuns: 50 },
    );
  });
});

describe('json: paths found by scanning equal the syntax tree', () => {
  it('for every node of random JSON, and paths that go missing', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', 'mentions', 'claims', 'x"y', 'back\\slash', 'é', ''), fc.string({ maxLength: 4 }));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('object'), tie('array')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      array: fc.array(tie('value'), { maxLength: 4 }),
    }));
    const path = fc.array(fc.oneof(key, fc.nat(5)), { maxLength: 4 });
    fc.assert(
      fc.property(tree.object, fc.array(path, { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 1, '  \t'), (value, paths, indent) => {
        const text = JSON.stringify(value, null, indent);
        const scanned = new Located(text);
        const spans = paths.map((p) => scanned.spanAt(p));
        const tree = new Located(text);
        paths.forEach((p, i) => {
          const node = tree.nodeAt(p);
          assert.deepEqual(spans[i], { offset: node?.offset ?? 0, length: node?.length ?? 0 }, JSON.stringify(p));
        });
      }),
      { numRuns: 300 },
    );
  });
});
