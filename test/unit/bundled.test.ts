import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_TYPES } from '../../src/core/palette';
import { ROOT, loadAnnotationFile } from './fixtures';

const BUNDLED = join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json');

describe('the bundled annotation file', () => {
  it('has zero problems and zero orphans', () => {
    const { problems, model } = loadAnnotationFile(BUNDLED);
    assert.deepEqual(
      problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`),
      [],
    );
    assert.ok(model);
    assert.equal(model.summary.orphan, 0);
    assert.equal(model.summary.fuzzy, 0);
    assert.ok(model.summary.mentions > 0 && model.summary.claims > 0);
  });
});

describe('the default type palette', () => {
  it('is the bundled annotation file’s types', () => {
    const { model } = loadAnnotationFile(BUNDLED);
    assert.deepEqual(DEFAULT_TYPES, [...(model?.types.values() ?? [])]);
  });
});
