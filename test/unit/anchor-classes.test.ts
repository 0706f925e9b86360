// The five ways a Hypothesis-style pipeline places annotations wrongly once an article was edited outside the
// editor (only the stored selectors known), each as a table of cases, plus properties of the evidence-based
// anchoring: an unchanged text anchors exactly, and an edit far away never changes which copy is chosen.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorAllDetailed } from '../../src/core/anchor';
import type { AnchorStatus, Selector } from '../../src/core/model';
import { OffsetMap, selectorsFor } from '../../src/core/text';

const WORDS = (
  'the ministry said on tuesday that talks with the delegation would resume next week after a pause of several ' +
  'months during which both sides accused each other of stalling while analysts warned that the agreement remained ' +
  'fragile and that any new sanctions could derail the fragile process entirely according to officials familiar'
).split(' ');

/** Deterministic prose: `n` sentences of 12 to 20 words drawn from WORDS, each paragraph `per` sentences. */
function prose(seed: number, n: number, per = 4): string {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sentences: string[] = [];
  for (let s = 0; s < n; s++) {
    const w = Array.from({ length: 12 + Math.floor(rand() * 9) }, () => WORDS[Math.floor(rand() * WORDS.length)] as string);
    w[0] = (w[0] as string).charAt(0).toUpperCase() + (w[0] as string).slice(1);
    sentences.push(w.join(' ') + ` (${seed}.${s}).`);
  }
  const paras: string[] = [];
  for (let i = 0; i < sentences.length; i += per) paras.push(sentences.slice(i, i + per).join(' '));
  return paras.join('\n\n');
}

/** Selectors for `exact` at its `occurrence`-th place in `text`, and neighbours: every sentence marker around. */
function at(text: string, exact: string, occurrence = 0): Selector[] {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(exact, i + 1);
  if (i === -1) throw new Error(`test setup: ${exact} #${occurrence} not in the text`);
  return selectorsFor(new OffsetMap(text), i, i + exact.length);
}

/** Annotations on every "(seed.n)" marker: the neighbours whose anchors say how the text moved. */
function neighbours(text: string): { selector: Selector[] }[] {
  const out: { selector: Selector[] }[] = [];
  const map = new OffsetMap(text);
  for (const m of text.matchAll(/\(\d+\.\d+\)/g)) out.push({ selector: selectorsFor(map, m.index, m.index + m[0].length) });
  return out;
}

interface Case {
  name: string;
  before: string;
  after: string;
  /** The annotation under test, on `before`. */
  quote: string;
  occurrence?: number;
  /** Where it must end up in `after` (the text there, and which occurrence of it), or null for an orphan. */
  want: { text: string; occurrence: number; status: AnchorStatus[] } | null;
  /** Give the other annotations too (the usual case: a file annotates much of the article). */
  withNeighbours?: boolean;
}

function startOf(text: string, s: string, occurrence: number): number {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(s, i + 1);
  return i;
}

function run(c: Case): void {
  const items = [{ selector: at(c.before, c.quote, c.occurrence) }, ...(c.withNeighbours === false ? [] : neighbours(c.before))];
  const [got] = anchorAllDetailed(items, c.after);
  assert.ok(got);
  if (c.want === null) {
    assert.equal(got.status, 'orphan', `placed at ${got.start}: ${JSON.stringify(c.after.slice(got.start, got.end))}`);
    return;
  }
  assert.ok(c.want.status.includes(got.status), `status ${got.status}`);
  const map = new OffsetMap(c.after);
  const s = map.toUtf16(got.start ?? -1);
  const e = map.toUtf16(got.end ?? -1);
  const wantAt = startOf(c.after, c.want.text, c.want.occurrence);
  assert.ok(wantAt !== -1, 'test setup: wanted text not in the edited article');
  assert.ok(s < wantAt + c.want.text.length && wantAt < e, `got ${JSON.stringify(c.after.slice(s, e))} at ${s}, want ${wantAt}`);
  if (got.status !== 'fuzzy') assert.deepEqual([s, e], [wantAt, wantAt + c.want.text.length]);
}

const A = prose(1, 40);
const B = prose(2, 40);
const C = prose(3, 40);
const P = 'Mr Lavrov called the memorandum a unique document that would bind both governments for a decade.';
const S = 'And then the minister added this.';
const P2 = 'Ms Ortiz said the memorandum was a unique document in the history of the region, and then left.';

const tables: Record<string, Case[]> = {
  '1. an edited quote stays where it was, not on a verbatim copy elsewhere': [
    {
      name: 'the quote edited in place, drifted by an insertion; its words verbatim 100 KB away with other context',
      before: `${A}\n\n${P}\n\n${B}\n\n${C.repeat(20)}\n\nHe spoke of a unique document that would bind both sides.`,
      after: `${prose(9, 30)}\n\n${A}\n\n${P.replace('bind both', 'bind the two')}\n\n${B}\n\n${C.repeat(20)}\n\nHe spoke of a unique document that would bind both sides.`,
      quote: 'a unique document that would bind both',
      want: { text: 'a unique document that would bind the two', occurrence: 0, status: ['fuzzy'] },
    },
    {
      name: 'the whole passage copied far away (wire copy), the original edited inside the quote',
      before: `${A}\n\n${P}\n\n${B}\n\n${C}\n\n${A}\n\n${P}\n\n${B}`,
      after: `${prose(9, 10)}\n\n${A}\n\n${P.replace('unique document', 'singular document')}\n\n${B}\n\n${C}\n\n${A}\n\n${P}\n\n${B}`,
      quote: 'memorandum a unique document that would bind',
      want: { text: 'memorandum a singular document that would bind', occurrence: 0, status: ['fuzzy'] },
    },
  ],
  '2. a moved paragraph is followed, not a weaker copy left near the old place': [
    {
      name: 'cut and pasted 60 KB later; a sentence with the same words and half the context stays behind',
      before: `${A}\n\n${P}\n\n${B}\n\n${C}`,
      after: `${A}\n\n${P2}\n\n${B}\n\n${C}\n\n${P}`,
      quote: 'a unique document',
      want: { text: 'a unique document', occurrence: 1, status: ['relocated'] },
    },
    {
      name: 'moved alone, with no neighbour of its own in the paragraph',
      before: `${A}\n\n${P}\n\n${B}\n\n${C}`,
      after: `${A}\n\n${B}\n\n${P}\n\n${C}`,
      quote: 'bind both governments',
      want: { text: 'bind both governments', occurrence: 0, status: ['relocated'] },
    },
  ],
  '3. one changed character next to the quote costs one character of context': [
    {
      name: "the paragraph's first word deleted (a newline now before the quote), the quote again elsewhere",
      before: `${A}\n\nToday ${P}\n\n${B}\n\n${P}\n\n${C}`,
      after: `${prose(8, 6)}\n\n${A}\n\n${P}\n\n${B}\n\n${P}\n\n${C}`,
      quote: 'Mr Lavrov called',
      want: { text: 'Mr Lavrov called', occurrence: 0, status: ['relocated'] },
    },
    {
      name: 'a comma added right after the quote, the quote again further on',
      before: `${A}\n\nThe treaty was signed and the treaty was ratified by the senate. ${B}\n\nThe treaty was signed in Geneva. ${C}`,
      after: `${prose(7, 5)}\n\n${A}\n\nThe treaty was signed, and the treaty was ratified by the senate. ${B}\n\nThe treaty was signed in Geneva. ${C}`,
      quote: 'treaty was signed',
      want: { text: 'treaty was signed', occurrence: 0, status: ['relocated'] },
    },
  ],
  '4. drift beyond any window is followed through the neighbours': [
    {
      name: '20 KB inserted before; a near-identical sentence where the old position points',
      before: `${A}\n\n${P}\n\n${B}`,
      after: `${prose(5, 120)}\n\n${P2}\n\n${A}\n\n${P}\n\n${B}`,
      quote: 'called the memorandum a unique document',
      want: { text: 'called the memorandum a unique document', occurrence: 0, status: ['relocated'] },
    },
    {
      name: 'ties between copies with identical context go to the one where the neighbours expect it',
      before: `${A}\n\n${S} ${P} ${S}\n\n${B}\n\n${S} ${P} ${S}\n\n${C}`,
      after: `${prose(6, 80)}\n\n${A}\n\n${S} ${P} ${S}\n\n${B}\n\n${S} ${P} ${S}\n\n${C}`,
      quote: P,
      occurrence: 1,
      want: { text: P, occurrence: 1, status: ['relocated'] },
    },
  ],
  '5. a replaced text orphans, even where short quotes occur in it': [
    {
      name: 'another article with the same words',
      before: `${A}\n\n${P}\n\n${B}`,
      after: `${prose(11, 40)}\n\n${prose(12, 40)}`,
      quote: 'the agreement',
      want: null,
    },
    {
      name: 'another article with the same words, the annotation alone in its file',
      before: `${A}\n\n${P}\n\n${B}`,
      after: `${prose(15, 40)}\n\n${prose(16, 40)}`,
      quote: 'the agreement',
      want: null,
      withNeighbours: false,
    },
    {
      name: 'another article that quotes a phrase of the first',
      before: `${A}\n\n${P}\n\n${B}`,
      after: `${prose(13, 40)}\n\nCritics mocked the phrase a unique document at length.\n\n${prose(14, 40)}`,
      quote: 'a unique document',
      want: null,
    },
  ],
};

describe('anchoring: the five failure classes', () => {
  for (const [title, cases] of Object.entries(tables)) {
    describe(title, () => {
      for (const c of cases) it(c.name, () => run(c));
    });
  }
});

describe('anchoring: annotations stored without context', () => {
  it('follow the drift through each other, from quotes long enough to be specific', () => {
    const before = `${A}\n\n${P}\n\n${B}`;
    const after = `${prose(21, 60)}\n\n${A}\n\n${P}\n\n${B}`;
    const bare = (s: Selector[]): Selector[] => s.map((x) => (x.type === 'TextQuoteSelector' ? { type: x.type, exact: x.exact } : x));
    const items = [{ selector: bare(at(before, 'memorandum a unique')) }, ...neighbours(before).map((n) => ({ selector: bare(n.selector) }))];
    const got = anchorAllDetailed(items, after);
    const shift = after.length - before.length;
    items.forEach((it, i) => {
      const pos = it.selector[1] as { start: number; end: number };
      assert.deepEqual([got[i]?.status, got[i]?.start], ['relocated', pos.start + shift], JSON.stringify(it.selector[0]));
    });
  });
});

describe('anchoring properties without the previous text', () => {
  const textArb = fc.tuple(fc.nat(1000), fc.integer({ min: 8, max: 40 })).map(([seed, n]) => prose(seed, n));
  it('an unchanged text anchors every annotation exactly where its position says', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 30 }),
        (text, spans) => {
          const map = new OffsetMap(text);
          const ranges = spans.map(([x, len]): [number, number] => {
            const s = Math.floor(x * (text.length - 1));
            return [s, Math.min(text.length, s + len)];
          });
          const got = anchorAllDetailed(
            ranges.map(([s, e]) => ({ selector: selectorsFor(map, s, e) })),
            text,
          );
          got.forEach((a, i) => assert.deepEqual([a.status, a.start, a.end], ['anchored', ...(ranges[i] as [number, number])]));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('an insertion far away never changes which copy of a repeated sentence is chosen', () => {
    const repeated = 'The delegation said the talks would resume next week.';
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.integer({ min: 2, max: 5 }),
        fc.nat(4),
        fc.boolean(),
        fc.integer({ min: 500, max: 8000 }),
        (seed, copies, which, before, size) => {
          const parts = Array.from({ length: copies }, (_, k) => prose(seed + k, 6));
          const text = parts.map((p) => `${p}\n\n${repeated}`).join('\n\n');
          const k = which % copies;
          const items = [{ selector: at(text, repeated, k) }, ...neighbours(text)];
          // Far away: at the very start, or at the very end, of the article.
          const filler = prose(seed + 500, Math.ceil(size / 120));
          const after = before ? `${filler}\n\n${text}` : `${text}\n\n${filler}`;
          const [a] = anchorAllDetailed(items, after);
          const want = startOf(after, repeated, k);
          assert.ok(a && (a.status === 'relocated' || a.status === 'anchored'), a?.status);
          assert.equal(new OffsetMap(after).toUtf16(a?.start ?? -1), want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('annotations whose whole context is untouched and unique are found exactly after scattered edits', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 25 }),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(12), ins: fc.constantFrom('', 'ZQ', ' QQZ QZ ', 'Z') }), {
          minLength: 1,
          maxLength: 6,
        }),
        (seed, spans, edits) => {
          const text = prose(seed, 30);
          const map = new OffsetMap(text);
          const ranges = spans.map(([x, len]): [number, number] => {
            const s = Math.floor(x * (text.length - 1));
            return [s, Math.min(text.length, s + len)];
          });
          // Edits applied from the end so earlier offsets hold; `origin` maps new positions back to old ones.
          let after = text;
          let origin = Array.from(text, (_, i) => i);
          for (const e of [...edits].sort((x, y) => y.at - x.at)) {
            const p = Math.floor(e.at * after.length);
            const q = Math.min(after.length, p + e.del);
            after = after.slice(0, p) + e.ins + after.slice(q);
            origin = [...origin.slice(0, p), ...Array.from(e.ins, () => -1), ...origin.slice(q)];
          }
          const got = anchorAllDetailed(
            ranges.map(([s, e]) => ({ selector: selectorsFor(map, s, e) })),
            after,
          );
          ranges.forEach(([s, e], i) => {
            const w = selectorsFor(map, s, e)[0];
            const window = (w.prefix ?? '') + w.exact + (w.suffix ?? '');
            const ws = s - (w.prefix ?? '').length;
            if (text.indexOf(window) !== ws || text.indexOf(window, ws + 1) !== -1) return; // not unique
            const n = origin.indexOf(ws);
            if (n === -1 || after.slice(n, n + window.length) !== window) return; // touched
            for (let k = 0; k < window.length; k++) if (origin[n + k] !== ws + k) return;
            const a = got[i];
            assert.deepEqual([a?.start, a?.end], [n + (w.prefix ?? '').length, n + (w.prefix ?? '').length + (e - s)], JSON.stringify(w.exact));
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
