// The reader payload packed for the trip to the webview (typed arrays and flat lists) comes back equal after a
// structured clone, for the bundled article and for generated payloads with Markdown block structure.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnnotationFile } from '../../src/core/parse';
import { buildReaderPayload } from '../../src/core/readerPayload';
import { resolveModel } from '../../src/core/resolve';
import type { BlockKind, TextBlock } from '../../src/core/structure';
import { packPayload, unpackPayload } from '../../src/shared/packedPayload';
import type { ReaderPayload } from '../../src/shared/protocol';
import { ROOT } from './fixtures';

const KINDS: BlockKind[] = ['headline', 'standfirst', 'heading', 'paragraph', 'boilerplate', 'sources', 'list-item', 'quote', 'code'];
const status = fc.constantFrom('anchored' as const, 'relocated' as const, 'fuzzy' as const);
const offset = fc.nat({ max: 1_000_000 });
const id = fc.string({ minLength: 1, maxLength: 12 });

const block: fc.Arbitrary<TextBlock> = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    start: offset,
    end: offset,
    level: fc.integer({ min: 1, max: 6 }),
    marker: fc.constantFrom('•', '1.', '10)'),
    hidden: fc.array(fc.tuple(offset, offset), { minLength: 1, maxLength: 3 }),
    replace: fc.array(fc.record({ start: offset, end: offset, text: fc.string({ maxLength: 3 }) }), { minLength: 1, maxLength: 2 }),
    marks: fc.array(
      fc.record(
        {
          kind: fc.constantFrom('emphasis' as const, 'strong' as const, 'link' as const, 'code' as const, 'delete' as const),
          start: offset,
          end: offset,
          href: fc.webUrl(),
        },
        { requiredKeys: ['kind', 'start', 'end'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['kind', 'start', 'end'] },
);

const payload: fc.Arbitrary<ReaderPayload> = fc.record({
  source: fc.string(),
  title: fc.string(),
  text: fc.string({ unit: 'binary', maxLength: 200 }),
  blocks: fc.array(block, { maxLength: 8 }),
  types: fc.constant([{ id: 'person', label: 'Person', color: '#112233', cue: 'solid', index: 0, count: 1 }]),
  mentions: fc.array(fc.record({ id, entityId: id, type: fc.nat({ max: 20 }), start: offset, end: offset, status }), { maxLength: 20 }),
  claims: fc.array(fc.record({ id, start: offset, end: offset, status, label: fc.string() }), { maxLength: 10 }),
  entityCards: fc.constant({}),
  claimCards: fc.constant({}),
  orphans: fc.nat(),
  editable: fc.boolean(),
});

describe('packed reader payload', () => {
  it('round-trips generated payloads through a structured clone', () => {
    fc.assert(
      fc.property(payload, (p) => {
        assert.deepEqual(unpackPayload(structuredClone(packPayload(p))), structuredClone(p));
      }),
    );
  });

  it('round-trips the bundled article, and its numbers travel as typed arrays', () => {
    const dir = join(ROOT, 'media', 'articles');
    const fileText = readFileSync(join(dir, 'beijing-moscow-push-back.annotations.json'), 'utf8');
    const parsed = parseAnnotationFile(fileText);
    assert.ok(parsed.file);
    const model = resolveModel(parsed.file, readFileSync(join(dir, 'beijing-moscow-push-back.txt'), 'utf8'), { parseProblems: parsed.problems, fileText });
    const p = buildReaderPayload(model, 'file:///x.annotations.json');
    const packed = packPayload(p);
    assert.ok(packed.mentions instanceof Int32Array && packed.blocks instanceof Int32Array && packed.claims instanceof Int32Array);
    assert.equal(packed.mentionIds.length, p.mentions.length);
    // The clone drops the cards' null prototype, as the real trip does; nothing else changes.
    assert.deepEqual(unpackPayload(structuredClone(packed)), structuredClone(p));
  });
});
