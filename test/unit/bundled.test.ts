import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadAnnotationFile } from './fixtures';

const BUNDLED = join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json');

describe('the bundled annotation file', () => {
  it('has zero problems and zero orphans', function () {
    if (!existsSync(BUNDLED)) {
      // The file is being written in parallel; until it lands there is nothing to check.
      console.log(`      (skipped: ${BUNDLED} does not exist yet)`);
      this.skip();
    }
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
