// The curation review's state (decisions, the item in front, undo) and the gate for the Compare / Curate
// webview's messages, which are untrusted input.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decide, rebase, remaining, select, startReview, undo } from '../../src/core/agree/review';
import { parseCollabMessage, parseCollabState } from '../../src/shared/collabProtocol';

const KEYS = ['k1', 'k2', 'k3', 'k4'];

describe('curation review', () => {
  it('starts on the first item and moves on to the next undecided one after each decision', () => {
    let s = startReview(KEYS);
    assert.equal(s.current, 'k1');
    s = decide(s, KEYS, 'k1', 'left');
    assert.equal(s.current, 'k2');
    s = decide(s, KEYS, 'k3', 'reject');
    assert.equal(s.current, 'k4');
    s = decide(s, KEYS, 'k4', 'right');
    assert.equal(s.current, 'k2', 'round to the top for what is still undecided');
    s = decide(s, KEYS, 'k2', 'right');
    assert.deepEqual([s.current, remaining(s, KEYS)], [null, 0]);
  });

  it('skipped items come round again once nothing else is undecided', () => {
    let s = decide(startReview(KEYS), KEYS, 'k1', 'skip');
    assert.equal(s.current, 'k2');
    for (const k of ['k2', 'k3', 'k4']) s = decide(s, KEYS, k, 'left');
    assert.deepEqual([s.current, remaining(s, KEYS)], ['k1', 1]);
  });

  it('undo puts the previous decision back and returns to its item', () => {
    let s = decide(startReview(KEYS), KEYS, 'k1', 'left');
    s = decide(s, KEYS, 'k1', 'reject');
    s = undo(s);
    assert.deepEqual([s.decisions.k1, s.current], ['left', 'k1']);
    s = undo(undo(s));
    assert.deepEqual([s.decisions, s.current], [{}, 'k1']);
  });

  it('unknown keys change nothing; selecting moves the front', () => {
    const s = startReview(KEYS);
    assert.equal(decide(s, KEYS, 'nope', 'left'), s);
    assert.equal(select(s, KEYS, 'k3').current, 'k3');
    assert.equal(select(s, KEYS, 'nope'), s);
  });

  it('after the files change, decisions on items still queued stay', () => {
    let s = decide(decide(startReview(KEYS), KEYS, 'k1', 'left'), KEYS, 'k2', 'right');
    s = rebase(s, ['k2', 'k5']);
    assert.deepEqual([s.decisions, s.current], [{ k2: 'right' }, 'k5']);
  });

  it('any sequence of decisions and undos ends with the decisions of the steps not undone', () => {
    const step = fc.oneof(
      fc.record({ key: fc.constantFrom(...KEYS), choice: fc.constantFrom('left' as const, 'right' as const, 'reject' as const, 'skip' as const) }),
      fc.constant('undo' as const),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let s = startReview(KEYS);
        const applied: { key: string; choice: string }[] = [];
        for (const st of steps) {
          if (st === 'undo') {
            s = undo(s);
            applied.pop();
          } else {
            s = decide(s, KEYS, st.key, st.choice);
            applied.push(st);
          }
        }
        const expected: Record<string, string> = {};
        for (const a of applied) expected[a.key] = a.choice;
        assert.deepEqual(s.decisions, expected);
      }),
    );
  });
});

describe('compare webview messages', () => {
  const accepted: unknown[] = [
    { type: 'ready' },
    { type: 'decide', key: 'mention:a:b', choice: 'right' },
    { type: 'reveal', key: 'claim::c' },
    { type: 'write', target: 'new' },
    { type: 'mode', mode: 'curate' },
    { type: 'undo' },
  ];
  for (const m of accepted) it(`accepts ${JSON.stringify(m)}`, () => assert.deepEqual(parseCollabMessage(m), { ok: true, message: m }));
  const refused: unknown[] = [
    null,
    'ready',
    [],
    { type: 'decide', key: 'k', choice: 'accept' },
    { type: 'decide', key: '', choice: 'left' },
    { type: 'decide', key: 'x'.repeat(5000), choice: 'left' },
    { type: 'write', target: '/etc/passwd' },
    { type: 'mode', mode: 'edit' },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
  ];
  for (const m of refused) it(`refuses ${JSON.stringify(m)?.slice(0, 60)}`, () => assert.equal(parseCollabMessage(m).ok, false));
  it('drops fields it does not know', () => {
    assert.deepEqual(parseCollabMessage({ type: 'undo', extra: '<script>' }), { ok: true, message: { type: 'undo' } });
  });
});

describe('agree: the saved state of a Compare / Curate panel', () => {
  const good = {
    a: 'file:///w/a.annotations.json',
    b: 'file:///w/b.annotations.json',
    mode: 'curate',
    decisions: { 'mention:x:y': 'left' },
    current: 'mention:x:y',
  };
  it('is read back as saved', () => assert.deepEqual(parseCollabState(good), good));
  it('keeps only decisions it knows, and no current that is not a key', () =>
    assert.deepEqual(parseCollabState({ ...good, decisions: { k1: 'right', k2: 'accept', '': 'left', k3: 5 }, current: 7 }), {
      ...good,
      decisions: { k1: 'right' },
      current: null,
    }));
  it('takes missing decisions as none', () => assert.deepEqual(parseCollabState({ a: good.a, b: good.b, mode: 'report' })?.decisions, {}));
  const refused: unknown[] = [null, [], 'state', { ...good, mode: 'edit' }, { ...good, a: '' }, { ...good, b: 5 }, { ...good, a: 'x'.repeat(5000) }];
  for (const s of refused) it(`refuses ${JSON.stringify(s)?.slice(0, 60)}`, () => assert.equal(parseCollabState(s), undefined));
});
