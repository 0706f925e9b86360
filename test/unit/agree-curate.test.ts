// Curation of Alice's and Bob's annotations (test/fixtures/collab): the queue, and each decision's effect on
// the result, which starts from Alice's text and must stay valid.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { applyCuration, curationQueue, type CurationChoice } from '../../src/core/agree/curate';
import { agree } from '../../src/core/agree/agree';
import { applyReplacement } from '../../src/core/edit';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel } from '../../src/core/resolve';
import { FIXTURES, fixture, loadAnnotationFile } from './fixtures';

const A_TEXT = fixture('collab', 'briefing.alice.annotations.json');
const a = loadAnnotationFile(join(FIXTURES, 'collab', 'briefing.alice.annotations.json')).model;
const b = loadAnnotationFile(join(FIXTURES, 'collab', 'briefing.bob.annotations.json')).model;
if (!a || !b) throw new Error('fixtures did not load');
const { agreed, queue } = curationQueue(a, b);
const key = (kind: string, aId: string, bId: string): string => `${kind}:${aId}:${bId}`;

function curate(decisions: [string, CurationChoice][]): ReturnType<typeof resolveModel> {
  const out = applyCuration(A_TEXT, a as NonNullable<typeof a>, b as NonNullable<typeof b>, queue, new Map(decisions));
  assert.equal(applyReplacement(A_TEXT, out.replacement), out.text, 'one replacement');
  const parsed = parseAnnotationFile(out.text);
  assert.deepEqual(
    parsed.problems.filter((p) => p.severity !== 'info'),
    [],
  );
  if (!parsed.file) throw new Error('no file');
  return resolveModel(parsed.file, (a as NonNullable<typeof a>).text, { fileText: out.text });
}

describe('curation', () => {
  it('accepts what both agree on and queues every disagreement with a stable key', () => {
    assert.deepEqual(agreed, { mentions: 3, claims: 1 });
    assert.deepEqual(
      queue.map((q) => q.key),
      [
        key('mention', 'm-ana-ortiz-1', 'm-ortiz-1'),
        key('mention', '', 'm-analysts-1'),
        key('mention', 'm-lee-min-jun-1', 'm-lee-min-jun-1'),
        key('mention', 'm-daily-ledger-1', ''),
        key('claim', 'c-lee-blinking', 'c-lee-neither-side'),
        key('claim', 'c-ortiz-second-round', 'c-lee-second-round'),
        key('claim', '', 'c-lee-will-fail'),
      ],
    );
  });

  it('skipping everything (or accepting every left) leaves A as it is', () => {
    const out = applyCuration(A_TEXT, a, b, queue, new Map(queue.map((q) => [q.key, q.key.length % 2 ? 'skip' : 'left'])));
    assert.equal(out.text, A_TEXT);
    assert.equal(out.replacement, undefined);
  });

  it("accepting right takes B's span, with A's own entity for B's 'ortiz'", () => {
    const m = curate([[key('mention', 'm-ana-ortiz-1', 'm-ortiz-1'), 'right']]);
    const mention = m.mentionById.get('m-ana-ortiz-1');
    assert.deepEqual(
      [m.textOf(mention as NonNullable<typeof mention>), mention?.def.entity, mention?.anchor.status],
      ['Foreign Minister Ana Ortiz', 'ana-ortiz', 'anchored'],
    );
    assert.equal(m.entities.has('ortiz'), false);
  });

  it("a mention only in B, accepted, brings its entity and that entity's type", () => {
    const m = curate([[key('mention', '', 'm-analysts-1'), 'right']]);
    assert.equal(m.mentionById.get('m-analysts-1')?.entity?.name, 'analysts');
    assert.equal(m.types.get('unnamed-source')?.label, 'Unnamed source');
  });

  it('reject removes A’s version too; a claim only in A, rejected, leaves no reference behind', () => {
    const m = curate([
      [key('mention', 'm-daily-ledger-1', ''), 'reject'],
      [key('claim', 'c-ortiz-second-round', 'c-lee-second-round'), 'reject'],
    ]);
    assert.equal(m.mentionById.has('m-daily-ledger-1'), false);
    assert.equal(m.claimById.has('c-ortiz-second-round'), false);
  });

  it("a claim's attribution from B, and B's extra claim, under ids free in A", () => {
    const m = curate([
      [key('claim', 'c-ortiz-second-round', 'c-lee-second-round'), 'right'],
      [key('claim', '', 'c-lee-will-fail'), 'right'],
    ]);
    assert.equal(m.claimById.get('c-ortiz-second-round')?.speaker?.id, 'lee-min-jun');
    assert.equal(m.claimById.get('c-lee-will-fail')?.def.attribution.mode, 'belief');
  });

  it('after accepting every right, A agrees with B perfectly', () => {
    const m = curate(queue.map((q) => [q.key, 'right']));
    const r = agree(m, b);
    assert.deepEqual([r.mentions.exact.f1, r.mentions.kappa, r.claims.attribution.f1, r.disagreements.length], [1, 1, 1, 0]);
  });

  it("B's type for a mention retypes A's entity", () => {
    const m = curate([[key('mention', 'm-lee-min-jun-1', 'm-lee-min-jun-1'), 'right']]);
    assert.equal(m.entities.get('lee-min-jun')?.type, 'person');
  });
});
