// Resolving the conflicts a merge left: each choice puts that version in place and removes its entry; the
// result is one edit and valid, and choosing a deletion deletes the way the editor does.
import * as assert from 'node:assert/strict';
import { deleteEntity, EditError, updateEntity } from '../../src/core/edit';
import { mergeTexts } from '../../src/core/merge/mergeText';
import { conflictsOf, resolveConflict, resolveConflicts } from '../../src/core/merge/resolve';
import { parseAnnotationFile } from '../../src/core/parse';
import { fixture } from './fixtures';

const BASE = fixture('editing', 'briefing.annotations.json');
function merged(ours: string, theirs: string): string {
  const r = mergeTexts(BASE, ours, theirs);
  if (!r.ok) throw new Error(r.message);
  return r.text;
}
const errors = (text: string): string[] =>
  parseAnnotationFile(text)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => p.code);
const entity = (text: string, id: string) => parseAnnotationFile(text).file?.entities.find((e) => e.id === id);

describe('merge: resolving conflicts', () => {
  const roles = merged(updateEntity(BASE, 'lee-min-jun', { role: 'fellow' }).text, updateEntity(BASE, 'lee-min-jun', { role: 'director' }).text);

  it('lists the entries of a merged file', () => {
    assert.deepEqual(
      conflictsOf(roles).map((c) => [c.id, c.item, c.path]),
      [['conflict-1', 'lee-min-jun', ['role']]],
    );
    assert.deepEqual(conflictsOf(BASE), []);
    assert.deepEqual(conflictsOf('{ not json'), []);
  });

  const choices: ['ours' | 'theirs' | 'base', string][] = [
    ['ours', 'fellow'],
    ['theirs', 'director'],
    ['base', 'senior fellow'],
  ];
  for (const [choice, role] of choices)
    it(`a field: ${choice} puts "${role}" in place and the file is clean again`, () => {
      const out = resolveConflict(roles, 'conflict-1', choice);
      assert.equal(entity(out.text, 'lee-min-jun')?.role, role);
      assert.deepEqual(errors(out.text), []);
      assert.equal(out.text.includes('"conflicts"'), false);
    });

  it('resolving to ours after a merge gives back ours byte for byte', () => {
    const ours = updateEntity(BASE, 'lee-min-jun', { role: 'fellow' }).text;
    assert.equal(resolveConflict(roles, 'conflict-1', 'ours').text, ours);
  });

  const editDelete = merged(updateEntity(BASE, 'lee-min-jun', { role: 'fellow' }).text, deleteEntity(BASE, 'lee-min-jun').text);
  it('an edit against a deletion: theirs deletes the entity the way the editor does', () => {
    const out = resolveConflict(editDelete, 'conflict-1', 'theirs');
    assert.equal(out.text, deleteEntity(updateEntity(BASE, 'lee-min-jun', { role: 'fellow' }).text, 'lee-min-jun').text);
    assert.deepEqual(errors(out.text), []);
  });
  it('an edit against a deletion: ours keeps the edited entity', () => {
    const out = resolveConflict(editDelete, 'conflict-1', 'ours');
    assert.equal(entity(out.text, 'lee-min-jun')?.role, 'fellow');
  });

  it('several decisions are one edit; an unknown id is refused', () => {
    const two = merged(
      updateEntity(updateEntity(BASE, 'lee-min-jun', { role: 'a' }).text, 'ana-ortiz', { role: 'c' }).text,
      updateEntity(updateEntity(BASE, 'lee-min-jun', { role: 'b' }).text, 'ana-ortiz', { role: 'd' }).text,
    );
    const idOf = (item: string): string => conflictsOf(two).find((c) => c.item === item)?.id ?? '';
    const out = resolveConflicts(
      two,
      new Map([
        [idOf('lee-min-jun'), 'theirs'],
        [idOf('ana-ortiz'), 'ours'],
      ]),
    );
    assert.deepEqual([entity(out.text, 'lee-min-jun')?.role, entity(out.text, 'ana-ortiz')?.role, errors(out.text)], ['b', 'c', []]);
    assert.throws(() => resolveConflict(two, 'conflict-9', 'ours'), EditError);
  });

  it('a version that would make the file invalid is refused, nothing changed', () => {
    const hostile = roles.replace('"theirs": "director"', '"theirs": 42');
    assert.throws(() => resolveConflict(hostile, 'conflict-1', 'theirs'), /would make the file invalid/);
    const proto = roles.replace('"role"\n      ]', '"__proto__"\n      ]');
    assert.throws(() => resolveConflict(proto, 'conflict-1', 'theirs'), /forbidden path/);
  });
});
