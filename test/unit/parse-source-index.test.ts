// Where each parsed item came from in the file text (src/core/source.ts). The parser records an item's index only
// where it differs from the item's place in its array; whatever was dropped before it (an invalid item, a
// duplicate or reserved id), `sourceIndex(item, place)` must still name the item the text holds there.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAnnotationFile } from '../../src/core/parse';
import { sourceIndex } from '../../src/core/source';
import { fixture } from './fixtures';

const LISTS = ['types', 'entities', 'mentions', 'claims'] as const;
type List = (typeof LISTS)[number];

describe('parse: source indexes of kept items', function () {
  // Sixty parses of the fixture, on a loaded 2-core machine, can take longer than mocha's 2 s.
  this.timeout(30_000);
  const o = JSON.parse(fixture('valid', 'briefing.annotations.json')) as Record<List, Record<string, unknown>[]>;
  const junk = fc.oneof(fc.constant(null), fc.integer(), fc.constant([]), fc.constant('constructor'), fc.constant({ type: 'x' }));
  const edit = fc.record({
    list: fc.constantFrom(...LISTS),
    at: fc.nat(20),
    // An id copied from another item of the lists (a duplicate), or junk in a field (a schema error drops the item).
    copyIdFrom: fc.option(fc.record({ list: fc.constantFrom(...LISTS), at: fc.nat(20) }), { nil: undefined }),
    key: fc.constantFrom('id', 'entity', 'type', 'selector', 'attribution', 'name'),
    value: junk,
  });

  it('name the item the text holds there, on both reading paths', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), fc.boolean(), (edits, syntaxTree) => {
        const copy = structuredClone(o);
        for (const e of edits) {
          const list = copy[e.list];
          const item = list[e.at % list.length];
          if (!item) continue;
          if (e.copyIdFrom) {
            const from = copy[e.copyIdFrom.list];
            const other = from[e.copyIdFrom.at % from.length];
            if (other) item.id = other.id;
          } else item[e.key] = e.value;
        }
        const text = JSON.stringify(copy, null, 2);
        const { file } = parseAnnotationFile(text, undefined, { syntaxTree });
        assert.ok(file);
        const inText = JSON.parse(text) as Record<List, unknown[]>;
        for (const name of LISTS) {
          const seen = new Set<number>();
          file[name].forEach((item, place) => {
            const at = sourceIndex(item, place);
            assert.ok(!seen.has(at), `${name}: two items from index ${at}`);
            seen.add(at);
            assert.deepEqual(JSON.parse(JSON.stringify(item)), inText[name][at], `${name}[${place}] is not the text's ${name}[${at}]`);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('an item after a dropped one is reported at its own index', () => {
    const copy = structuredClone(o);
    const [first, second, third] = copy.mentions;
    assert.ok(first && second && third);
    second.id = first.id; // dropped: the first is kept
    third.entity = 'nobody'; // a dangling reference, now at place 1 of `mentions`
    const { problems } = parseAnnotationFile(JSON.stringify(copy, null, 2));
    const dangling = problems.find((p) => p.code === 'dangling-reference');
    assert.deepEqual(dangling?.path, ['mentions', 2, 'entity']);
    assert.deepEqual(problems.find((p) => p.code === 'duplicate-id')?.path, ['mentions', 1, 'id']);
  });
});
