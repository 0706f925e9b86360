// Three-way merges of annotation files, with both sides edited through the editor's own actions (core/edit)
// from the editing fixtures. Each scenario says what the result must hold; every result must also parse,
// add no error but the conflicts it lists, and keep ours' formatting.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addEntity, addMentions, deleteEntity, deleteItem, EditError, setAttribution, updateEntity } from '../../src/core/edit';
import { mergeTexts, hasConflictMarkers } from '../../src/core/merge/mergeText';
import type { AnnotationFile, ConflictDef, Problem } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { normalizeText, OffsetMap, selectorsFor } from '../../src/core/text';
import { fixture } from './fixtures';

const BASE = fixture('editing', 'briefing.annotations.json');
const CRLF = fixture('editing', 'crlf.annotations.json');
const ARTICLE = normalizeText(fixture('editing', 'briefing.txt'));
const MAP = new OffsetMap(ARTICLE);

/** Selectors for the n-th occurrence of `exact` in the article. */
function at(exact: string, nth = 0): ReturnType<typeof selectorsFor> {
  let i = ARTICLE.indexOf(exact);
  for (let k = 0; k < nth; k++) i = ARTICLE.indexOf(exact, i + 1);
  if (i < 0) throw new Error(`${exact} not in the article`);
  return selectorsFor(MAP, i, i + exact.length);
}

type Step = (text: string) => string;
const mention =
  (entity: string, exact: string, nth = 0, id?: string): Step =>
  (t) =>
    addMentions(t, [{ entity, selector: at(exact, nth), ...(id ? { id } : {}) }]).text;
const role =
  (id: string, value: string): Step =>
  (t) =>
    updateEntity(t, id, { role: value }).text;
const speaker =
  (claim: string, entity: string): Step =>
  (t) => {
    const c = file(t).claims.find((x) => x.id === claim);
    if (!c) throw new Error(claim);
    return setAttribution(t, claim, { ...c.attribution, chain: [{ role: 'speaker', entity }, ...c.attribution.chain.slice(1)] }).text;
  };
const apply = (text: string, steps: Step[]): string => steps.reduce((t, s) => s(t), text);
/** A random step that the editor would refuse on this side (a mention of an entity it deleted) is skipped. */
const tolerant =
  (step: Step): Step =>
  (t) => {
    try {
      return step(t);
    } catch (e) {
      if (e instanceof EditError) return t;
      throw e;
    }
  };

function file(text: string): AnnotationFile {
  const f = parseAnnotationFile(text).file;
  if (!f) throw new Error('not a file');
  return f;
}

function errors(text: string): Problem[] {
  return parseAnnotationFile(text).problems.filter((p) => p.severity === 'error');
}

interface Merged {
  text: string;
  file: AnnotationFile;
  conflicts: ConflictDef[];
  notes: string[];
}

/** Merges and checks what every merge must: it parses, and its only new errors are its conflicts. */
function merge(base: string, ours: string, theirs: string): Merged {
  const r = mergeTexts(base, ours, theirs);
  if (!r.ok) throw new Error(r.message);
  const before = new Set([...errors(ours), ...errors(theirs)].map((p) => p.code));
  const added = errors(r.text).filter((p) => p.code !== 'merge-conflict' && !before.has(p.code));
  assert.deepEqual(added, [], 'the merge added errors');
  assert.equal(errors(r.text).filter((p) => p.code === 'merge-conflict').length, (file(r.text).conflicts ?? []).length);
  return { text: r.text, file: file(r.text), conflicts: r.conflicts, notes: r.notes };
}

const ids = (f: AnnotationFile, kind: 'entities' | 'mentions' | 'claims' | 'relations'): string[] => (f[kind] ?? []).map((x) => x.id);

describe('merge: concurrent edits', () => {
  it('both add mentions of different entities: both kept, clean, theirs after ours', () => {
    const ours = apply(BASE, [mention('ana-ortiz', 'Ortiz', 1)]);
    const theirs = apply(BASE, [mention('lee-min-jun', 'Lee', 1)]);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(ids(m.file, 'mentions').slice(-2), ['m-ana-ortiz-2', 'm-lee-min-jun-2']);
  });

  it('both add a different mention under the same id: both kept, theirs renamed', () => {
    const ours = apply(BASE, [mention('ana-ortiz', 'Ortiz', 1)]);
    const theirs = apply(BASE, [mention('ana-ortiz', 'Foreign Minister')]);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(ids(m.file, 'mentions').slice(-2), ['m-ana-ortiz-2', 'm-ana-ortiz-3']);
    assert.match(m.notes.join('\n'), /different mention "m-ana-ortiz-2"; theirs is now "m-ana-ortiz-3"/);
  });

  it('both add the same mention, under the same or another id: one mention', () => {
    const ours = apply(BASE, [mention('ana-ortiz', 'Ortiz', 1), mention('lee-min-jun', 'Lee', 1)]);
    const theirs = apply(BASE, [mention('lee-min-jun', 'Lee', 1, 'm-lee-min-jun-9'), mention('ana-ortiz', 'Ortiz', 1)]);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.equal(m.file.mentions.length, file(BASE).mentions.length + 2);
  });

  it('both mention the same span as different entities: a conflict on the entity, ours kept', () => {
    const ours = apply(BASE, [mention('ana-ortiz', 'Ortiz', 1, 'm-x')]);
    const theirs = apply(BASE, [mention('lee-min-jun', 'Ortiz', 1, 'm-x')]);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(
      m.conflicts.map((c) => [c.kind, c.item, c.path, c.ours, c.theirs, c.kept]),
      [['mentions', 'm-x', ['entity'], 'ana-ortiz', 'lee-min-jun', 'ours']],
    );
    assert.equal(m.file.mentions.find((x) => x.id === 'm-x')?.entity, 'ana-ortiz');
  });

  it('edits of different fields of one entity are both applied', () => {
    const ours = apply(BASE, [role('lee-min-jun', 'senior research fellow')]);
    const theirs = updateEntity(BASE, 'lee-min-jun', { aliases: ['Lee', 'Dr. Lee'], description: 'Quoted on the talks.' }).text;
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    const lee = m.file.entities.find((e) => e.id === 'lee-min-jun');
    assert.deepEqual([lee?.role, lee?.aliases, lee?.description], ['senior research fellow', ['Lee', 'Dr. Lee'], 'Quoted on the talks.']);
  });

  it('aliases added on both sides are all kept; one removed on one side is gone', () => {
    const ours = updateEntity(BASE, 'ana-ortiz', { aliases: ['Ortiz', 'Minister Ortiz'] }).text;
    const theirs = updateEntity(BASE, 'ana-ortiz', { aliases: ['Ana'] }).text;
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.file.entities.find((e) => e.id === 'ana-ortiz')?.aliases, ['Minister Ortiz', 'Ana']);
  });

  it('one field changed differently on both sides: a conflict with the three versions, ours kept', () => {
    const m = merge(BASE, role('lee-min-jun', 'fellow')(BASE), role('lee-min-jun', 'director')(BASE));
    assert.deepEqual(
      m.conflicts.map(({ id, kind, item, path, base, ours, theirs, kept }) => ({ id, kind, item, path, base, ours, theirs, kept })),
      [{ id: 'conflict-1', kind: 'entities', item: 'lee-min-jun', path: ['role'], base: 'senior fellow', ours: 'fellow', theirs: 'director', kept: 'ours' }],
    );
    assert.equal(m.file.entities.find((e) => e.id === 'lee-min-jun')?.role, 'fellow');
  });

  it('one edits an entity while the other deletes it: kept as edited, with everything the deletion took along', () => {
    const ours = role('lee-min-jun', 'senior research fellow')(BASE);
    const theirs = deleteEntity(BASE, 'lee-min-jun').text;
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(
      m.conflicts.map((c) => [c.kind, c.item, c.path, c.kept, c.theirs === undefined, (c.ours as { role?: string }).role]),
      [['entities', 'lee-min-jun', [], 'ours', true, 'senior research fellow']],
    );
    // Nothing of ours is lost: the mention, the relation and the claim's speaker link are still there.
    assert.equal(m.text, ours.replace(/\n}\n$/, m.text.slice(m.text.lastIndexOf(',\n  "conflicts"'))));
  });

  it('the same, the other way round: the edit is kept, from theirs', () => {
    const ours = deleteEntity(BASE, 'lee-min-jun').text;
    const theirs = role('lee-min-jun', 'senior research fellow')(BASE);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(
      m.conflicts.map((c) => [c.item, c.kept, c.ours === undefined]),
      [['lee-min-jun', 'theirs', true]],
    );
    assert.equal(m.file.entities.find((e) => e.id === 'lee-min-jun')?.role, 'senior research fellow');
    assert.ok(ids(m.file, 'mentions').includes('m-lee-min-jun-1'));
    assert.ok(ids(m.file, 'relations').includes('r-lee-fellow-of-harbour'));
    const chain = m.file.claims.find((c) => c.id === 'c-lee-neither-side')?.attribution.chain;
    assert.deepEqual(chain?.[0], { role: 'speaker', entity: 'lee-min-jun' });
  });

  it('a deletion nobody objects to goes through, with its references', () => {
    const ours = deleteEntity(BASE, 'lee-min-jun').text;
    const theirs = mention('ana-ortiz', 'Ortiz', 1)(BASE);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.ok(!ids(m.file, 'entities').includes('lee-min-jun') && !ids(m.file, 'mentions').includes('m-lee-min-jun-1'));
    assert.ok(ids(m.file, 'mentions').includes('m-ana-ortiz-2'));
  });

  it('a deletion the other side added a reference to is held back', () => {
    const ours = deleteEntity(BASE, 'lee-min-jun').text;
    const theirs = mention('lee-min-jun', 'Lee', 1)(BASE);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(
      m.conflicts.map((c) => [c.item, c.kept]),
      [['lee-min-jun', 'theirs']],
    );
    assert.match(m.conflicts[0]?.message ?? '', /theirs added references to it \(m-lee-min-jun-2\)/);
    assert.ok(ids(m.file, 'mentions').includes('m-lee-min-jun-2'));
  });

  it("both change one claim's speaker: a conflict on the chain", () => {
    const ours = speaker('c-lee-neither-side', 'ana-ortiz')(BASE);
    const theirs = speaker('c-lee-neither-side', 'harbour-institute')(BASE);
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(
      m.conflicts.map((c) => [c.kind, c.item, c.path]),
      [['claims', 'c-lee-neither-side', ['attribution', 'chain']]],
    );
    assert.equal(m.file.claims.find((c) => c.id === 'c-lee-neither-side')?.attribution.chain[0]?.entity, 'ana-ortiz');
  });

  it("one changes a claim's speaker, the other its mode: both applied", () => {
    const ours = speaker('c-lee-neither-side', 'ana-ortiz')(BASE);
    const c = file(BASE).claims.find((x) => x.id === 'c-lee-neither-side');
    if (!c) throw new Error('claim');
    const theirs = setAttribution(BASE, c.id, { ...c.attribution, mode: 'paraphrase' }).text;
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    const merged = m.file.claims.find((x) => x.id === c.id)?.attribution;
    assert.deepEqual([merged?.mode, merged?.chain[0]?.entity], ['paraphrase', 'ana-ortiz']);
  });

  it('a deleted claim that the other side contradicts is kept', () => {
    const ours = deleteItem(BASE, 'claims', 'c-ana-ortiz-talks-productive').text;
    const m = merge(BASE, ours, BASE.replace('"x-confidence": 0.9', '"x-confidence": 0.5'));
    assert.deepEqual(
      m.conflicts.map((c) => [c.item, c.kept]),
      [['c-ana-ortiz-talks-productive', 'theirs']],
    );
    assert.deepEqual(m.file.claims.find((x) => x.id === 'c-lee-neither-side')?.contradicts, ['c-ana-ortiz-talks-productive']);
  });

  it('new entities on both sides, one of them used by the other side', () => {
    const ours = addEntity(BASE, { id: 'geneva', type: 'place', name: 'Geneva' }).text;
    const theirs = addMentions(BASE, [{ entity: '', selector: at('Monday') }], { id: 'monday', type: 'place', name: 'Monday' }).text;
    const m = merge(BASE, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(ids(m.file, 'entities').slice(-2), ['geneva', 'monday']);
  });

  it('different article hashes: the hash is dropped and anchors are found by their quotes', () => {
    const m = merge(BASE, BASE.replace('4367483247ac77be', '0000000000000001'), BASE.replace('4367483247ac77be', '0000000000000002'));
    assert.deepEqual([m.conflicts, m.file.article.hash, m.file.article.length], [[], undefined, undefined]);
    assert.match(m.notes.join(), /hash is removed/);
  });

  it('a top-level field changed on both sides is a file conflict', () => {
    const m = merge(BASE, BASE.replace('"reviewed": false', '"reviewed": true'), BASE.replace('"reviewed": false', '"reviewed": "partly"'));
    assert.deepEqual(
      m.conflicts.map((c) => [c.kind, c.item, c.path, c.ours, c.theirs]),
      [['file', undefined, ['x-project', 'reviewed'], true, 'partly']],
    );
  });

  it('conflicts left by an earlier merge stay, and new ones get fresh ids', () => {
    const first = merge(BASE, role('lee-min-jun', 'a')(BASE), role('lee-min-jun', 'b')(BASE));
    const again = merge(BASE, first.text, role('ana-ortiz', 'c')(role('ana-ortiz', 'd')(BASE)));
    assert.deepEqual(
      again.file.conflicts?.map((c) => c.id),
      ['conflict-1'],
    );
    const third = merge(first.text, updateEntity(first.text, 'ana-ortiz', { role: 'x' }).text, updateEntity(first.text, 'ana-ortiz', { role: 'y' }).text);
    assert.deepEqual(
      third.file.conflicts?.map((c) => [c.id, c.item]),
      [
        ['conflict-1', 'lee-min-jun'],
        ['conflict-2', 'ana-ortiz'],
      ],
    );
  });
});

describe('merge: the text it writes', () => {
  it('theirs unchanged: ours byte for byte', () => {
    const ours = apply(BASE, [mention('ana-ortiz', 'Ortiz', 1), role('lee-min-jun', 'x')]);
    assert.equal(merge(BASE, ours, BASE).text, ours);
  });

  it("ours unchanged: theirs' content; items nobody touched stay byte for byte", () => {
    const theirs = apply(BASE, [mention('ana-ortiz', 'Ortiz', 1), role('lee-min-jun', 'x'), (t) => deleteItem(t, 'relations', 'r-lee-fellow-of-harbour').text]);
    assert.equal(merge(BASE, BASE, theirs).text, theirs);
  });

  it('CRLF and tabs stay CRLF and tabs, in new and edited items alike', () => {
    const ours = role('ana-ortiz', 'Minister')(CRLF);
    const theirs = apply(CRLF, [mention('lee-min-jun', 'Lee', 1), (t) => updateEntity(t, 'ana-ortiz', { description: 'Geneva host.' }).text]);
    const m = merge(CRLF, ours, theirs);
    assert.equal(m.text.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF');
    assert.match(m.text, /\r\n\t\t\{\r\n\t\t\t"id": "m-lee-min-jun-2",\r\n\t\t\t"entity": "lee-min-jun",/);
    assert.match(m.text, /\t\t\t"role": "Minister",\r\n/);
    assert.match(m.text, /\t\t\t"description": "Geneva host\."\r\n/);
  });

  it('a BOM stays', () => {
    const bom = '\ufeff' + BASE;
    const m = mergeTexts(bom, role('ana-ortiz', 'x')(BASE), mention('lee-min-jun', 'Lee', 1)(BASE));
    assert.ok(m.ok);
    const withBom = mergeTexts(BASE, '\ufeff' + role('ana-ortiz', 'x')(BASE), mention('lee-min-jun', 'Lee', 1)(BASE));
    assert.ok(withBom.ok && withBom.text.startsWith('\ufeff{'));
  });

  it('an empty base (both sides added the file) merges as two additions', () => {
    const m = merge('', BASE, mention('lee-min-jun', 'Lee', 1)(BASE));
    assert.deepEqual(m.conflicts, []);
    assert.ok(ids(m.file, 'mentions').includes('m-lee-min-jun-2'));
  });

  it('a side that is not JSON is refused with its location; conflict markers are recognized', () => {
    const marked = BASE.replace('"role": "senior fellow"', '<<<<<<< ours\n"role": "a"\n=======\n"role": "b"\n>>>>>>> theirs');
    const r = mergeTexts(BASE, BASE, marked);
    assert.ok(!r.ok);
    assert.equal(r.side, 'theirs');
    assert.match(r.message, /^theirs is not valid JSON at \d+:\d+: .*git conflict markers/);
    assert.equal(hasConflictMarkers(marked), true);
    assert.equal(hasConflictMarkers(BASE), false);
  });

  it('a __proto__ key is dropped, never assigned', () => {
    const hostile = BASE.replace('"x-project": {', '"x-project": { "__proto__": { "polluted": true },');
    const m = mergeTexts(BASE, BASE, hostile);
    assert.ok(m.ok);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('merge: properties', function () {
  // Each run makes a few edits on both sides with the editor's own (validating) actions, then merges.
  this.timeout(60_000);
  // Random edits on each side, drawn from the editor's own actions.
  const steps: fc.Arbitrary<Step>[] = [
    fc
      .constantFrom<[string, string, number]>(['ana-ortiz', 'Ortiz', 1], ['lee-min-jun', 'Lee', 1], ['daily-ledger', 'Ledger', 0], ['ana-ortiz', 'Geneva', 1])
      .map(([e, x, n]) => mention(e, x, n)),
    fc.tuple(fc.constantFrom('ana-ortiz', 'lee-min-jun', 'harbour-institute'), fc.constantFrom('a', 'b', 'c')).map(([e, r]) => role(e, r)),
    fc.constantFrom('lee-min-jun', 'daily-ledger', 'harbour-institute').map(
      (e): Step =>
        (t) =>
          file(t).entities.some((x) => x.id === e) ? deleteEntity(t, e).text : t,
    ),
    fc.constantFrom<[string, string]>(['c-lee-neither-side', 'ana-ortiz'], ['c-ana-ortiz-talks-productive', 'harbour-institute']).map(
      ([c, e]): Step =>
        (t) =>
          file(t).claims.some((x) => x.id === c) && file(t).entities.some((x) => x.id === e) ? speaker(c, e)(t) : t,
    ),
  ];
  const side = fc.array(fc.oneof(...steps), { maxLength: 4 }).map((s) => apply(BASE, s.map(tolerant)));

  it('every merge parses, adds no error but its conflicts, and refers to nothing missing', () => {
    fc.assert(
      fc.property(side, side, (ours, theirs) => {
        merge(BASE, ours, theirs);
      }),
      { numRuns: 40 },
    );
  });

  it('merging with an unchanged side, or with itself, gives that side', () => {
    fc.assert(
      fc.property(side, (x) => {
        assert.deepEqual(merge(BASE, x, BASE).file, file(x));
        assert.deepEqual(merge(BASE, BASE, x).file, file(x));
        assert.equal(merge(BASE, x, x).text, x);
      }),
      { numRuns: 25 },
    );
  });

  it('every item either side added is in the result; what both kept, too', () => {
    fc.assert(
      fc.property(side, side, (ours, theirs) => {
        const m = merge(BASE, ours, theirs);
        const kinds = ['entities', 'mentions', 'claims', 'relations'] as const;
        for (const kind of kinds) {
          const base = new Set(ids(file(BASE), kind));
          const o = new Set(ids(file(ours), kind));
          const t = new Set(ids(file(theirs), kind));
          const result = new Set(ids(m.file, kind));
          for (const id of o) if (!base.has(id) || t.has(id)) assert.ok(result.has(id), `${kind} ${id} of ours`);
          const theirsAdded = [...t].filter((id) => !base.has(id)).length;
          const oursAdded = [...o].filter((id) => !base.has(id)).length;
          assert.ok(result.size >= [...base].filter((id) => o.has(id) && t.has(id)).length + Math.max(oursAdded, theirsAdded));
        }
      }),
      { numRuns: 60 },
    );
  });
});
