// Agreement numbers: hand-computed cases (the two-annotator fixture, textbook kappa, matching traps), and a
// second, independent implementation (every possible pairing enumerated, kappa from probabilities) that
// random small cases must agree with.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { agree, claimAgreement, mentionAgreement, sameAttribution, type ClaimItem, type MentionItem } from '../../src/core/agree/agree';
import { matchSpans, overlapLength, sameSpan, type Span } from '../../src/core/agree/match';
import { cohensKappa, prf } from '../../src/core/agree/measures';
import { FIXTURES, loadAnnotationFile } from './fixtures';

const close = (actual: number | null, expected: number | null, what: string): void => {
  if (expected === null || actual === null) assert.equal(actual, expected, what);
  else assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);
};

const mention = (id: string, start: number, end: number, type = 't', entity = id): MentionItem => ({ id, start, end, type, entity: [`id:${entity}`] });

describe('agree: hand-computed', () => {
  const a = loadAnnotationFile(join(FIXTURES, 'collab', 'briefing.alice.annotations.json')).model;
  const b = loadAnnotationFile(join(FIXTURES, 'collab', 'briefing.bob.annotations.json')).model;
  if (!a || !b) throw new Error('fixtures did not load');
  const r = agree(a, b);

  // Alice (A) and Bob (B) on test/fixtures/collab/briefing.txt, counted by hand (docs/collaboration.md shows the work):
  // mentions: Bob widens "Ana Ortiz" to "Foreign Minister Ana Ortiz", types Lee as person, misses "Daily Ledger",
  // adds "Analysts"; claims: Bob drops the quotation marks of Lee's quote and its outlet, gives Ortiz's second-round
  // claim to Lee, and adds Lee's belief.
  const rows: [string, number | null, number | null][] = [
    ['mentions.exact.f1', r.mentions.exact.f1, 4 / 6],
    ['mentions.overlap.f1', r.mentions.overlap.f1, 5 / 6],
    ['mentions.typed.exact.f1', r.mentions.typed.exact.f1, 3 / 6],
    ['mentions.typed.overlap.f1', r.mentions.typed.overlap.f1, 4 / 6],
    // 5 pairs, 4 equal types; A: official 2, place, analyst, institution; B: official 2, place, person, institution.
    // κ = (5·4 − (2·2 + 1 + 1)) / (25 − 6) = 14/19.
    ['mentions.kappa', r.mentions.kappa, 14 / 19],
    ['claims.span.precision', r.claims.span.precision, 3 / 4],
    ['claims.span.recall', r.claims.span.recall, 1],
    ['claims.span.f1', r.claims.span.f1, 6 / 7],
    ['claims.spanExact.f1', r.claims.spanExact.f1, 4 / 7],
    ['claims.attribution.precision', r.claims.attribution.precision, 1 / 4],
    ['claims.attribution.recall', r.claims.attribution.recall, 1 / 3],
    ['claims.attribution.f1', r.claims.attribution.f1, 2 / 7],
  ];
  for (const [what, actual, expected] of rows) it(`${what} = ${expected?.toFixed(4)}`, () => close(actual, expected, what));

  it('per type: official by overlap 2/2, exact 1/2; analyst has recall 0 and no precision', () => {
    const official = r.mentions.byType.find((t) => t.type === 'official');
    assert.deepEqual([official?.overlap.f1, official?.exact.f1], [1, 0.5]);
    const analyst = r.mentions.byType.find((t) => t.type === 'analyst');
    assert.deepEqual([analyst?.overlap.precision, analyst?.overlap.recall, analyst?.overlap.f1, analyst?.label], [null, 0, 0, 'Analyst']);
  });

  it('lists each disagreement in text order, with both versions', () => {
    const list = r.disagreements.map((d) => `${d.kind} ${d.category} ${d.aspects.join('+')} ${d.a?.id ?? '-'} ${d.b?.id ?? '-'}`);
    assert.deepEqual(list, [
      'mention differ boundary m-ana-ortiz-1 m-ortiz-1',
      'mention only-b  - m-analysts-1',
      'mention differ type m-lee-min-jun-1 m-lee-min-jun-1',
      'mention only-a  m-daily-ledger-1 -',
      'claim differ boundary+outlet c-lee-blinking c-lee-neither-side',
      'claim differ speaker c-ortiz-second-round c-lee-second-round',
      'claim only-b  - c-lee-will-fail',
    ]);
    const first = r.disagreements[0];
    assert.deepEqual([first?.a?.text, first?.b?.text, first?.b?.start, first?.b?.end], ['Ana Ortiz', 'Foreign Minister Ana Ortiz', 26, 52]);
  });

  it('a speaker with another id but the same name is the same speaker', () => {
    // Bob's entity for Ortiz is "ortiz", Alice's "ana-ortiz": c-ortiz-productive agrees on attribution.
    assert.equal(r.claims.attribution.matched, 1);
  });

  it('a file compared with itself agrees perfectly', () => {
    const self = agree(a, a);
    assert.deepEqual([self.mentions.exact.f1, self.mentions.overlap.f1, self.claims.attribution.f1, self.disagreements.length], [1, 1, 1, 0]);
    close(self.mentions.kappa, 1, 'kappa');
  });
});

describe('agree: measures', () => {
  it("Cohen's kappa on the textbook table (20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no) is 0.4", () => {
    const pairs = [
      ...Array<[string, string]>(20).fill(['yes', 'yes']),
      ...Array<[string, string]>(5).fill(['yes', 'no']),
      ...Array<[string, string]>(10).fill(['no', 'yes']),
      ...Array<[string, string]>(15).fill(['no', 'no']),
    ];
    close(cohensKappa(pairs), 0.4, 'kappa');
  });
  it('kappa is undefined without pairs, or when both used one label throughout', () => {
    assert.equal(cohensKappa([]), null);
    assert.equal(
      cohensKappa([
        ['x', 'x'],
        ['x', 'x'],
      ]),
      null,
    );
  });
  it('kappa is negative for systematic disagreement', () => {
    close(
      cohensKappa([
        ['x', 'y'],
        ['y', 'x'],
      ]),
      -1,
      'kappa',
    );
  });
  it('precision, recall and F1 are null only where there is nothing to count', () => {
    assert.deepEqual(prf(0, 0, 0), { precision: null, recall: null, f1: null, matched: 0, a: 0, b: 0 });
    assert.deepEqual(prf(0, 2, 0), { precision: null, recall: 0, f1: 0, matched: 0, a: 2, b: 0 });
    assert.deepEqual(prf(2, 2, 4), { precision: 0.5, recall: 1, f1: 2 / 3, matched: 2, a: 2, b: 4 });
  });
});

describe('agree: pairing', () => {
  it('pairs as many spans as possible where a greedy pairing would not', () => {
    // A0 overlaps B0 a lot and B1 a little; A1 overlaps only B0. Greedy by overlap pairs A0-B0 and leaves A1 out.
    const a = [mention('a0', 0, 10), mention('a1', 8, 12)];
    const b = [mention('b0', 2, 12), mention('b1', 0, 1)];
    assert.deepEqual(matchSpans(a, b), [
      [0, 1],
      [1, 0],
    ]);
  });
  it('prefers the identical span, then more overlap, then the same type', () => {
    const a = [mention('a0', 0, 10, 'x')];
    assert.deepEqual(matchSpans(a, [mention('b0', 0, 20, 'x'), mention('b1', 0, 10, 'y')]), [[0, 1]]);
    assert.deepEqual(matchSpans(a, [mention('b0', 0, 4, 'x'), mention('b1', 0, 6, 'y')]), [[0, 1]]);
    assert.deepEqual(matchSpans(a, [mention('b0', 0, 6, 'y'), mention('b1', 4, 10, 'x')], { agrees: (x, y) => x.type === y.type }), [[0, 1]]);
  });
  it('nested mentions pair with their own counterparts', () => {
    // "Institute of Far Eastern Studies of the Russian Academy of Sciences" and the Academy inside it.
    const a = [mention('outer', 0, 70), mention('inner', 43, 70)];
    const b = [mention('inner', 43, 70), mention('outer', 0, 70)];
    assert.deepEqual(matchSpans(a, b), [
      [0, 1],
      [1, 0],
    ]);
  });
  it('spans that only touch do not overlap', () => {
    assert.deepEqual(matchSpans([mention('a', 0, 5)], [mention('b', 5, 9)]), []);
  });
});

// ---- the independent implementation -----------------------------------------------------------------

interface Outcome {
  score: number[];
  pairs: [number, number][];
}

/** Every pairing of overlapping spans, best first by the documented priorities; ties all kept. */
function bestPairings<T extends Span>(a: readonly T[], b: readonly T[], allowed: (x: T, y: T) => boolean, agrees: (x: T, y: T) => boolean): Outcome[] {
  const all: Outcome[] = [];
  const walk = (i: number, used: Set<number>, pairs: [number, number][]): void => {
    if (i === a.length) {
      const score = [
        pairs.length,
        pairs.filter(([x, y]) => sameSpan(a[x] as T, b[y] as T)).length,
        pairs.reduce((s, [x, y]) => s + overlapLength(a[x] as T, b[y] as T), 0),
        pairs.filter(([x, y]) => agrees(a[x] as T, b[y] as T)).length,
      ];
      all.push({ score, pairs: [...pairs] });
      return;
    }
    walk(i + 1, used, pairs);
    b.forEach((y, j) => {
      if (used.has(j) || overlapLength(a[i] as T, y) === 0 || !allowed(a[i] as T, y)) return;
      used.add(j);
      pairs.push([i, j]);
      walk(i + 1, used, pairs);
      pairs.pop();
      used.delete(j);
    });
  };
  walk(0, new Set(), []);
  const cmp = (x: number[], y: number[]): number => x.reduce((d, v, k) => d || v - (y[k] as number), 0);
  const best = all.reduce((m, o) => (cmp(o.score, m) > 0 ? o.score : m), [0, 0, 0, 0]);
  return all.filter((o) => cmp(o.score, best) === 0);
}

/** Kappa from probabilities, the way it is usually written. */
function kappaByProbabilities(pairs: [string, string][]): number | null {
  if (pairs.length === 0) return null;
  const n = pairs.length;
  const po = pairs.filter(([x, y]) => x === y).length / n;
  const labels = new Set(pairs.flat());
  let pe = 0;
  for (const k of labels) pe += (pairs.filter(([x]) => x === k).length / n) * (pairs.filter(([, y]) => y === k).length / n);
  return Math.abs(1 - pe) < 1e-12 ? null : (po - pe) / (1 - pe);
}

const spanArb = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 5 })).map(([s, l]) => ({ start: s, end: s + l }));
const mentionsArb = fc.array(
  fc
    .record({ span: spanArb, type: fc.constantFrom('p', 'q', 'r'), entity: fc.constantFrom('e1', 'e2') })
    .map(({ span, type, entity }) => ({ ...span, type, entity })),
  { maxLength: 5 },
);
const toMentions = (list: { start: number; end: number; type: string; entity: string }[], side: string): MentionItem[] =>
  list.map((m, i) => ({ id: `${side}${i}`, start: m.start, end: m.end, type: m.type, entity: [`id:${m.entity}`] }));

describe('agree: against an exhaustive second implementation', () => {
  it('mention F1 (exact, overlapping, per type) and kappa agree on random small cases', () => {
    fc.assert(
      fc.property(mentionsArb, mentionsArb, (la, lb) => {
        const a = toMentions(la, 'a');
        const b = toMentions(lb, 'b');
        const r = mentionAgreement(a, b);
        const f1 = (m: number): number | null => (a.length + b.length === 0 ? null : (2 * m) / (a.length + b.length));
        const any = (): boolean => true;
        const sameType = (x: MentionItem, y: MentionItem): boolean => x.type === y.type;
        // Exact pairs: per distinct span, the smaller of the two counts.
        const key = (s: Span): string => `${s.start}:${s.end}`;
        const exact = [...new Set(a.map(key))].reduce((n, k) => n + Math.min(a.filter((x) => key(x) === k).length, b.filter((y) => key(y) === k).length), 0);
        assert.equal(r.exact.f1, f1(exact));
        const best = bestPairings(a, b, any, sameType);
        assert.equal(r.overlap.f1, f1(best[0]?.score[0] ?? 0));
        // When several pairings are equally good, kappa may be any of theirs; it must be one of them.
        const kappas = best.map((o) => kappaByProbabilities(o.pairs.map(([i, j]) => [(a[i] as MentionItem).type, (b[j] as MentionItem).type])));
        assert.ok(
          kappas.some((k) => (k === null ? r.kappa === null : r.kappa !== null && Math.abs(k - r.kappa) < 1e-9)),
          `kappa ${r.kappa} not in ${kappas.join(', ')}`,
        );
        for (const t of r.byType) {
          const ta = a.filter((m) => m.type === t.type);
          const tb = b.filter((m) => m.type === t.type);
          assert.equal(t.overlap.matched, bestPairings(ta, tb, any, any)[0]?.score[0] ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('claim span and attribution F1 agree on random small cases', () => {
    const claimArb = fc.array(fc.record({ span: spanArb, speaker: fc.constantFrom('s1', 's2'), outlet: fc.constantFrom('', 'o1', 'o2') }), { maxLength: 5 });
    const toClaims = (list: { span: Span; speaker: string; outlet: string }[], side: string): ClaimItem[] =>
      list.map((c, i) => ({ id: `${side}${i}`, ...c.span, speaker: [`id:${c.speaker}`], outlets: c.outlet ? [[`id:${c.outlet}`]] : [] }));
    fc.assert(
      fc.property(claimArb, claimArb, (la, lb) => {
        const a = toClaims(la, 'a');
        const b = toClaims(lb, 'b');
        const r = claimAgreement(a, b);
        const same = (x: ClaimItem, y: ClaimItem): boolean => x.speaker[0] === y.speaker[0] && (x.outlets[0]?.[0] ?? '') === (y.outlets[0]?.[0] ?? '');
        assert.equal(r.span.matched, bestPairings(a, b, () => true, same)[0]?.score[0] ?? 0);
        assert.equal(r.attribution.matched, bestPairings(a, b, same, () => true)[0]?.score[0] ?? 0);
        for (const [i, j] of matchSpans(a, b, { allowed: sameAttribution })) assert.ok(same(a[i] as ClaimItem, b[j] as ClaimItem));
      }),
      { numRuns: 300 },
    );
  });
});
