// Shaping types as text edits: change fields, remove a type moving its entities, add the default palette.

import * as assert from 'node:assert/strict';
import { addTypes, applyReplacement, entitiesOfType, removeType, updateType } from '../../src/core/edit';
import type { AnnotationFile } from '../../src/core/model';
import { DEFAULT_TYPES } from '../../src/core/palette';
import { parseAnnotationFile } from '../../src/core/parse';
import { fixture } from './fixtures';

const base = fixture('editing', 'briefing.annotations.json');
const parsed = (text: string): AnnotationFile => JSON.parse(text) as AnnotationFile;

describe('editing types', () => {
  it('renames, recolours and changes the cue of a type; the id and everything else stay', () => {
    const out = updateType(base, 'official', { label: 'Office holder', color: '#112233', cue: 'box' });
    const t = parsed(out.text).types.find((x) => x.id === 'official');
    assert.deepEqual([t?.label, t?.color, t?.cue], ['Office holder', '#112233', 'box']);
    assert.equal(applyReplacement(base, out.replacement), out.text, 'one minimal replacement');
    assert.deepEqual(
      parseAnnotationFile(out.text).problems.filter((p) => p.severity === 'error'),
      [],
    );
  });

  it('refuses to drop a required field, and a colour the schema refuses', () => {
    assert.throws(() => updateType(base, 'official', { label: null }), /needs a label/);
    assert.throws(() => updateType(base, 'official', { color: 'red' }), /invalid/);
  });

  it('removing a used type moves its entities to the replacement, in one edit', () => {
    const users = entitiesOfType(base, 'official');
    assert.ok(users.length > 0);
    assert.throws(() => removeType(base, 'official'), /say which type/);
    const out = removeType(base, 'official', 'person');
    const file = parsed(out.text);
    assert.equal(
      file.types.some((t) => t.id === 'official'),
      false,
    );
    for (const id of users) assert.equal(file.entities.find((e) => e.id === id)?.type, 'person');
    assert.deepEqual(
      parseAnnotationFile(out.text).problems.filter((p) => p.severity === 'error'),
      [],
    );
  });

  it('removing a type that others refine leaves them without a parent, not dangling', () => {
    const out = removeType(base, 'person', 'institution');
    const file = parsed(out.text);
    assert.ok(file.types.every((t) => t.parent !== 'person'));
    assert.deepEqual(
      parseAnnotationFile(out.text).problems.filter((p) => p.severity === 'error'),
      [],
    );
  });

  it('adds the default palette to a file without types, and only the types a file lacks', () => {
    const empty = '{\n  "marginalia": 1,\n  "article": { "path": "a.txt" },\n  "types": [],\n  "entities": [],\n  "mentions": [],\n  "claims": []\n}\n';
    const out = addTypes(empty, DEFAULT_TYPES);
    assert.deepEqual(
      parsed(out.text).types.map((t) => t.id),
      DEFAULT_TYPES.map((t) => t.id),
    );
    const again = addTypes(base, DEFAULT_TYPES);
    const have = parsed(base).types.map((t) => t.id);
    assert.deepEqual(
      parsed(again.text).types.map((t) => t.id),
      [...have, ...DEFAULT_TYPES.map((t) => t.id).filter((id) => !have.includes(id))],
    );
  });
});
