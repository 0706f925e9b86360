// Properties of the suggester on arbitrary text: it never throws, it is deterministic, every suggestion's
// span is in the text and quotes it exactly (in code points), and nothing overlaps an annotated span or
// repeats a rejected one.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EntityTypeDef } from '../../src/core/model';
import { suggest } from '../../src/core/suggest/engine';
import type { SuggestInput } from '../../src/core/suggest/types';
import { fixture } from './fixtures';

const TYPES = (JSON.parse(fixture('..', '..', 'media', 'articles', 'beijing-moscow-push-back.annotations.json')) as { types: EntityTypeDef[] }).types;
const WORDS = [
  'said',
  'told',
  'according to',
  'Alan Chong',
  'Chong',
  'the',
  'China',
  'China Daily',
  'US$',
  'VOA',
  '“',
  '”',
  '"',
  '‘',
  '’',
  "'",
  ',',
  '.',
  '\n\n',
  'he',
  'analysts say',
  'Reuters',
  '(',
  ')',
  '-',
  '😀',
  'é',
  'Dr',
  'President',
  'of',
  'University',
  'Institute',
];
const textArb = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((ws) => ws.join(' '));

function input(text: string, more: Partial<SuggestInput> = {}): SuggestInput {
  return { text, types: TYPES, entities: [], mentions: [], claims: [], rejected: [], ...more };
}

describe('suggest: properties', () => {
  it('spans lie in the text and quote it exactly; runs are deterministic', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const a = suggest(input(text)).suggestions;
        const b = suggest(input(text)).suggestions;
        assert.deepEqual(a, b);
        const cps = Array.from(text);
        for (const s of a) {
          assert.ok(s.start >= 0 && s.start < s.end && s.end <= cps.length, `${s.start}-${s.end}`);
          assert.equal(cps.slice(s.start, s.end).join(''), s.exact);
          assert.ok(s.score >= 0 && s.score <= 1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('nothing overlaps an annotated mention or repeats a rejected suggestion', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const first = suggest(input(text)).suggestions;
        if (first.length === 0) return;
        const taken = first.filter((s, i) => i % 2 === 0 && s.kind === 'mention').map((s) => ({ start: s.start, end: s.end, exact: s.exact }));
        const rejected = first.filter((_, i) => i % 2 === 1).map((s) => ({ kind: s.kind, start: s.start, end: s.end }));
        const again = suggest(input(text, { mentions: taken, rejected })).suggestions;
        for (const s of again) {
          if (s.kind === 'mention') for (const t of taken) assert.ok(!(s.start === t.start && s.end === t.end), `annotated ${t.exact} suggested again`);
          assert.ok(!rejected.some((r) => r.kind === s.kind && r.start === s.start && r.end === s.end), `rejected ${s.exact} came back`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
