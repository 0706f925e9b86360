import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorAll, type TextChange } from '../../src/core/anchor';
import { diffSegments, SegmentMap } from '../../src/core/diffmap';
import type { AnchorStatus, Selector } from '../../src/core/model';
import { OffsetMap, normalizeText, selectorsFor } from '../../src/core/text';
import { fixture } from './fixtures';

interface Case {
  name: string;
  before: string;
  after: string;
  quotes: { exact: string; occurrence: number }[];
  mode: 'previousText' | 'changes' | 'changesWithPrevious' | 'none';
  changes?: TextChange[];
  expect: { status: AnchorStatus; text: string | null }[];
}

function selectorsAt(text: string, exact: string, occurrence: number): Selector[] {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = text.indexOf(exact, at + 1);
  if (at === -1) throw new Error(`fixture error: ${exact} #${occurrence} not in text`);
  return selectorsFor(new OffsetMap(text), at, at + exact.length);
}

function textOf(text: string, start?: number, end?: number): string | null {
  if (start === undefined || end === undefined) return null;
  const map = new OffsetMap(text);
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}

describe('anchoring cases', () => {
  const cases = JSON.parse(fixture('anchoring', 'cases.json')) as Case[];
  for (const c of cases) {
    it(c.name, () => {
      const before = normalizeText(c.before);
      const after = normalizeText(c.after);
      const items = c.quotes.map((q) => ({ selector: selectorsAt(before, q.exact, q.occurrence) }));
      const opts =
        c.mode === 'previousText'
          ? { previousText: before }
          : c.mode === 'changes'
            ? { changes: c.changes ?? [] }
            : c.mode === 'changesWithPrevious'
              ? { previousText: before, changes: c.changes ?? [] }
              : undefined;
      const anchors = anchorAll(items, after, opts);
      assert.equal(anchors.length, items.length);
      anchors.forEach((a, i) => {
        const want = c.expect[i];
        assert.ok(want);
        assert.equal(a.status, want.status, `quote ${i}`);
        assert.equal(textOf(after, a.start, a.end), want.text, `quote ${i}`);
        if (a.status === 'fuzzy') assert.ok(a.score !== undefined && a.score > 0 && a.score < 1);
      });
    });
  }

  it('counts offsets in code points around emoji', () => {
    const text = 'a😀b c';
    const [anchor] = anchorAll(
      [
        {
          selector: [
            { type: 'TextQuoteSelector', exact: 'c' },
            { type: 'TextPositionSelector', start: 4, end: 5 },
          ],
        },
      ],
      text,
    );
    assert.deepEqual(anchor, { status: 'anchored', start: 4, end: 5 });
  });
});

describe('diff mapping', () => {
  const cases: [string, string, string][] = [
    ['identical', 'abc\ndef\n', 'abc\ndef\n'],
    ['line inserted', 'a\nb\nc\n', 'a\nx\nb\nc\n'],
    ['paragraphs swapped', 'one one\ntwo two\nthree\n', 'three\none one\ntwo two\n'],
    ['everything different', 'abc\n', 'xyz\n'],
  ];
  for (const [name, a, b] of cases) {
    it(`${name}: segments are equal text, ascending in both`, () => {
      const segs = diffSegments(a, b);
      let lastA = 0;
      let lastB = 0;
      for (const s of segs) {
        assert.equal(a.slice(s.a, s.a + s.length), b.slice(s.b, s.b + s.length));
        assert.ok(s.a >= lastA && s.b >= lastB);
        lastA = s.a + s.length;
        lastB = s.b + s.length;
      }
    });
  }
  it('maps a range inside equal text exactly and flags a touched one', () => {
    const m = new SegmentMap(diffSegments('hello world\n', 'hello big world\n'));
    assert.deepEqual(m.mapRange(6, 11), { start: 10, end: 15, touched: false, startExact: true, endExact: true });
    assert.equal(m.mapRange(4, 8).touched, true);
  });
});

// ---- properties ---------------------------------------------------------------------------------

const alphabet = fc.constantFrom('a', 'b', 'e', 'é', 'e\u0301', ' ', ' ', '\n', '“', '”', '😀', '中', 'x', 'y', '.');
const textArb = fc.array(alphabet, { minLength: 1, maxLength: 400 }).map((a) => a.join(''));

/** Random spans at code-unit positions that do not split a surrogate pair. */
function spansIn(text: string, ranges: [number, number][]): [number, number][] {
  const ok = (i: number): boolean => i <= 0 || i >= text.length || !(text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff);
  return ranges
    .map(([x, y]): [number, number] => {
      const s = Math.floor(x * text.length);
      const e = Math.min(text.length, s + 1 + Math.floor(y * 30));
      return [s, e];
    })
    .filter(([s, e]) => e > s && ok(s) && ok(e));
}

const editArb = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(8), ins: fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')) });

function applyEdits(text: string, edits: { at: number; del: number; ins: string }[]): { text: string; touched: [number, number][] } {
  let t = text;
  const touched: [number, number][] = [];
  for (const e of edits) {
    let p = Math.floor(e.at * t.length);
    if (p > 0 && p < t.length && t.charCodeAt(p) >= 0xdc00 && t.charCodeAt(p) <= 0xdfff) p--;
    let q = Math.min(t.length, p + e.del);
    if (q < t.length && t.charCodeAt(q) >= 0xdc00 && t.charCodeAt(q) <= 0xdfff) q++;
    t = t.slice(0, p) + e.ins + t.slice(q);
    touched.push([p, q]);
  }
  return { text: t, touched };
}

describe('anchoring properties', () => {
  it('an unchanged text anchors everything exactly', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 }),
        (text, ranges) => {
          const map = new OffsetMap(text);
          const spans = spansIn(text, ranges);
          const items = spans.map(([s, e]) => ({ selector: selectorsFor(map, s, e) }));
          const anchors = anchorAll(items, text);
          anchors.forEach((a, i) => {
            const [s, e] = spans[i] as [number, number];
            assert.deepEqual(a, { status: 'anchored', start: map.toCodePoint(s), end: map.toCodePoint(e) });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random edits never lose an annotation, and untouched ones keep their text', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 }),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        (text, ranges, edits) => {
          const map = new OffsetMap(text);
          const spans = spansIn(text, ranges);
          const items = spans.map(([s, e]) => ({ selector: selectorsFor(map, s, e) }));
          const { text: after } = applyEdits(text, edits);
          const newMap = new OffsetMap(after);
          for (const opts of [{ previousText: text }, undefined]) {
            const anchors = anchorAll(items, after, opts);
            assert.equal(anchors.length, items.length);
            anchors.forEach((a, i) => {
              if (a.status === 'orphan') {
                assert.equal(a.start, undefined);
                return;
              }
              assert.ok(a.start !== undefined && a.end !== undefined && a.start <= a.end && a.end <= newMap.codePointLength);
              if (a.status === 'anchored' || a.status === 'relocated') {
                // Exact statuses promise the quote's own text (or a canonically equivalent form of it).
                const got = after.slice(newMap.toUtf16(a.start), newMap.toUtf16(a.end));
                const want = text.slice(...(spans[i] as [number, number]));
                assert.ok(got === want || got === want.normalize('NFC') || got === want.normalize('NFD'), `${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
              }
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // Inserted text is drawn from letters the base text never has, so where the edit happened is not
  // ambiguous (deleting one "ab" of "abab" could be either).
  const distinctEdit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    del: fc.nat(8),
    ins: fc.array(fc.constantFrom('Z', 'Q', 'ü'), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
  });
  it('with the previous text, annotations away from the edit are found exactly where they moved', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 }),
        distinctEdit,
        (text, ranges, edit) => {
          const map = new OffsetMap(text);
          const spans = spansIn(text, ranges);
          const items = spans.map(([s, e]) => ({ selector: selectorsFor(map, s, e) }));
          const { text: after, touched } = applyEdits(text, [edit]);
          const [p, q] = touched[0] as [number, number];
          const shift = after.length - text.length;
          const newMap = new OffsetMap(after);
          const anchors = anchorAll(items, after, { previousText: text });
          anchors.forEach((a, i) => {
            const [s, e] = spans[i] as [number, number];
            if (e < p) assert.deepEqual([a.start, a.end], [newMap.toCodePoint(s), newMap.toCodePoint(e)]);
            else if (s > q) assert.deepEqual([a.start, a.end], [newMap.toCodePoint(s + shift), newMap.toCodePoint(e + shift)]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
