// The reader's drawn text of a Markdown block (markup hidden, references replaced) and the map from a place in it
// back to the source: a selection of drawn text maps to the source range that draws exactly that text.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextBlock } from '../../src/core/structure';
import { appendDrawn, drawnText, pieces, sourceOffset } from '../../src/webview/drawnText';

/** The block of `src` covering all of it, with markup given as [start, end) and replacements as [start, end, text]. */
function block(
  src: string,
  hidden: [number, number][] = [],
  replace: [number, number, string][] = [],
): Pick<TextBlock, 'start' | 'end' | 'hidden' | 'replace'> {
  return { start: 0, end: src.length, hidden, replace: replace.map(([start, end, text]) => ({ start, end, text })) };
}

const drawnOf = (src: string, b: ReturnType<typeof block>, from: number, to: number): string => {
  let out = '';
  appendDrawn(pieces(src, b), from, to, (t) => (out += t));
  return out;
};

describe('drawn text of a block (reader)', () => {
  // Offsets: ## at 0, ** at 5 and 11, &amp; at 16–21, the backslashes at 23 and 29; 31 characters.
  const src = '## A **bold** AT&amp;T \\*star\\*';
  const b = block(
    src,
    [
      [0, 3],
      [5, 7],
      [11, 13],
      [23, 24],
      [29, 30],
    ],
    [[16, 21, '&']],
  );
  const ps = pieces(src, b);

  it('draws the block without its markup and with its references replaced', () => {
    assert.equal(drawnText(ps), 'A bold AT&T *star*');
  });

  const table: [string, string, number, number][] = [
    ['a word inside strong markup', 'bold', 5 + 2, 11],
    ['across a replacement', 'AT&T', 14, 22],
    ['the escaped stars and their word', '*star*', 24, 31],
    ['from the heading text into the strong text', 'A bo', 3, 9],
  ];
  for (const [name, selected, from, to] of table) {
    it(`maps a selection back to its exact source: ${name}`, () => {
      const text = drawnText(ps);
      const t1 = text.indexOf(selected);
      const a = sourceOffset(ps, b.start, t1, 'start');
      const z = sourceOffset(ps, b.start, t1 + selected.length, 'end');
      assert.deepEqual([a, z], [from, to]);
      assert.equal(drawnOf(src, b, a, z), selected);
    });
  }

  it('maps a plain block one to one', () => {
    const plain = block('plain text');
    const pp = pieces('plain text', plain);
    for (let t = 0; t <= 10; t++) {
      assert.equal(sourceOffset(pp, 0, t, 'start'), t);
      assert.equal(sourceOffset(pp, 0, t, 'end'), t);
    }
  });

  it('ignores overlapping and out-of-block cuts instead of guessing', () => {
    const s = 'abcdef';
    assert.equal(
      drawnText(
        pieces(
          s,
          block(s, [
            [1, 3],
            [2, 4],
            [9, 10],
          ]),
        ),
      ),
      'adef',
    );
  });

  /** A source string with random markup spans hidden and random single characters replaced by longer text. */
  const generated = fc
    .tuple(
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.boolean(), fc.string({ minLength: 1, maxLength: 3 })), { maxLength: 8 }),
    )
    .map(([src, raw]) => {
      const cuts: [number, number, boolean, string][] = [];
      let last = 0;
      for (const [at, len, isHidden, text] of [...raw].sort((x, y) => x[0] - y[0])) {
        const start = Math.max(last, at % (src.length + 1));
        const end = Math.min(src.length, start + Math.max(1, len));
        if (start >= src.length || end <= start) continue;
        cuts.push([start, end, isHidden, text]);
        last = end;
      }
      const b = block(
        src,
        cuts.filter((c) => c[2]).map(([s, e]) => [s, e] as [number, number]),
        cuts.filter((c) => !c[2]).map(([s, e, , t]) => [s, e, t] as [number, number, string]),
      );
      return { src, b };
    });

  it('selecting any drawn range outside replacements maps to a source range that draws exactly it', () => {
    fc.assert(
      fc.property(generated, fc.nat(), fc.nat(), ({ src, b }, i, j) => {
        const ps = pieces(src, b);
        const text = drawnText(ps);
        // Offsets that do not fall inside a replacement's drawn text.
        const stops: number[] = [];
        let at = 0;
        for (const p of ps) {
          if (p.literal) for (let k = 0; k < p.text.length; k++) stops.push(at + k);
          else stops.push(at);
          at += p.text.length;
        }
        stops.push(at);
        const [t1, t2] = [stops[i % stops.length] as number, stops[j % stops.length] as number].sort((x, y) => x - y) as [number, number];
        const a = sourceOffset(ps, b.start, t1, 'start');
        const z = sourceOffset(ps, b.start, t2, 'end');
        if (t1 < t2) {
          assert.ok(a <= z, `${a} <= ${z}`);
          assert.equal(drawnOf(src, b, a, z), text.slice(t1, t2));
        }
      }),
    );
  });

  it('is monotonic and lands on the same character for literal text', () => {
    fc.assert(
      fc.property(generated, ({ src, b }) => {
        const ps = pieces(src, b);
        const text = drawnText(ps);
        let before = -1;
        for (let t = 0; t <= text.length; t++) {
          const s = sourceOffset(ps, b.start, t, 'start');
          assert.ok(s >= before, 'monotonic');
          before = s;
        }
        let at = 0;
        for (const p of ps) {
          if (p.literal) for (let k = 0; k < p.text.length; k++) assert.equal(src[sourceOffset(ps, b.start, at + k, 'start')], text[at + k]);
          at += p.text.length;
        }
      }),
    );
  });
});
