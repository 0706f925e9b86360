// The review queue and the grouping of the Suggestions view, as plain data: decisions advance by themselves,
// undo walks back in order, new results keep the current suggestion; and the reader's review messages are
// checked field by field before the host acts on them.

import * as assert from 'node:assert/strict';
import { groupSuggestions, ReviewQueue } from '../../src/core/suggest/review';
import type { ClaimSuggestion, MentionSuggestion } from '../../src/core/suggest/types';
import { parseWebviewMessage } from '../../src/shared/protocol';

function mention(start: number, name: string, id?: string, source: MentionSuggestion['source'] = id ? 'registry' : 'nlp'): MentionSuggestion {
  return {
    kind: 'mention',
    key: `m:${start}:${name}`,
    start,
    end: start + 3,
    exact: name,
    entity: { name, type: 'person', category: 'person', ...(id ? { id } : {}) },
    score: 0.9,
    source,
    why: 'test',
  };
}

const claim: ClaimSuggestion = {
  kind: 'claim',
  key: 'c:50',
  start: 50,
  end: 80,
  exact: 'x',
  speaker: { name: 'A' },
  chain: [{ role: 'speaker', name: 'A' }],
  mode: 'paraphrase',
  cue: 'said',
  score: 0.8,
  source: 'rules',
  why: 'test',
};

describe('suggest: review queue', () => {
  const items = [mention(0, 'A'), mention(10, 'B', 'b'), mention(20, 'A'), mention(30, 'C', undefined, 'registry'), claim];

  it("groups new entities, mentions of known entities (this file's or the registry's) and claims", () => {
    const g = groupSuggestions(items);
    assert.deepEqual(
      g.newEntities.map((x) => [x.key, x.items.length]),
      [['new:A', 2]],
    );
    assert.deepEqual(
      g.known.map((x) => [x.key, x.items.length]),
      [
        ['known:b', 1],
        ['known:C', 1],
      ],
    );
    assert.deepEqual(
      g.claims.map((c) => c.key),
      ['c:50'],
    );
  });

  it('decisions advance; undo walks back in order and restores what was current', () => {
    const q = new ReviewQueue(items);
    assert.equal(q.current?.key, 'm:0:A');
    q.decide('accept', [q.current as MentionSuggestion], { before: 'v0', after: 'v1' });
    assert.equal(q.current?.key, 'm:10:B');
    q.decide('skip', [q.current as MentionSuggestion]);
    assert.equal(q.current?.key, 'm:20:A');
    q.decide('reject', [q.current as MentionSuggestion], { before: 'v1', after: 'v2' });
    assert.equal(q.current?.key, 'm:30:C');
    assert.deepEqual(
      q.history.map((h) => h.decision),
      ['accept', 'skip', 'reject'],
    );
    assert.equal(q.undo()?.before, 'v1');
    assert.equal(q.current?.key, 'm:20:A');
    assert.equal(q.items.length, 4);
    assert.equal(q.undo()?.decision, 'skip');
    assert.equal(q.current?.key, 'm:10:B');
    q.undo();
    assert.equal(q.current?.key, 'm:0:A');
    assert.equal(q.items.length, 5);
    assert.equal(q.undo(), undefined);
  });

  it('a group decision removes the whole group at once', () => {
    const q = new ReviewQueue(items);
    q.decide(
      'accept',
      items.filter((s) => s.kind === 'mention' && s.entity.name === 'A'),
    );
    assert.deepEqual(
      q.items.map((s) => s.key),
      ['m:10:B', 'm:30:C', 'c:50'],
    );
    assert.equal(q.current?.key, 'm:10:B');
  });

  it('new results keep the current suggestion, or the one at its place', () => {
    const q = new ReviewQueue(items);
    q.select('m:20:A');
    q.replace(items.filter((s) => s.key !== 'm:0:A'));
    assert.equal(q.current?.key, 'm:20:A');
    q.replace(items.filter((s) => s.key !== 'm:20:A'));
    assert.equal(q.current?.key, 'm:30:C');
    q.replace([]);
    assert.equal(q.current, undefined);
  });

  it('review messages from the reader are checked field by field', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'review', action: 'accept', key: 'm:0:A' }), {
      ok: true,
      message: { type: 'review', action: 'accept', key: 'm:0:A' },
    });
    assert.deepEqual(parseWebviewMessage({ type: 'review', action: 'undo', key: null }), { ok: true, message: { type: 'review', action: 'undo', key: null } });
    for (const bad of [
      { type: 'review', action: 'delete', key: null },
      { type: 'review', action: 'accept', key: 5 },
      { type: 'review', action: 'accept', key: 'x'.repeat(2000) },
    ])
      assert.equal(parseWebviewMessage(bad).ok, false, JSON.stringify(bad).slice(0, 80));
  });
});
