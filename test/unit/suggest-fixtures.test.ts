// The suggester's fixture articles: their expected annotation files are what specs.ts builds, they validate,
// and the suggester, started from an empty file of each article, stays above the aims on them (the
// figures themselves are measured by `npm run bench -- suggest`).

import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { AnnotationFile } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel } from '../../src/core/resolve';
import { suggest } from '../../src/core/suggest/engine';
import { expectedFrom, score } from '../../src/core/suggest/evaluate';
import { inputFromModel } from '../../src/core/suggest/input';
import { normalizeText } from '../../src/core/text';
import { buildExpected, defaultTypes, serialize } from '../fixtures/suggest/build';
import { FIXTURE_SPECS } from '../fixtures/suggest/specs';
import { fixture, FIXTURES, loadAnnotationFile } from './fixtures';

const types = defaultTypes(fixture('..', '..', 'media', 'articles', 'beijing-moscow-push-back.annotations.json'));
const annotationName = (article: string): string => article.replace(/\.[^.]+$/, '.annotations.json');

describe('suggest: fixture articles', () => {
  for (const spec of FIXTURE_SPECS) {
    const text = normalizeText(fixture('suggest', spec.article));
    const committed = fixture('suggest', annotationName(spec.article));

    it(`${spec.article}: the committed annotation file is what its spec builds`, () => {
      assert.equal(committed, serialize(buildExpected(spec, text, types)), 'regenerate with test/fixtures/suggest/write.ts');
    });

    it(`${spec.article}: the expected annotation file validates`, () => {
      const { problems } = loadAnnotationFile(join(FIXTURES, 'suggest', annotationName(spec.article)));
      assert.deepEqual(
        problems.filter((p) => p.severity !== 'info'),
        [],
      );
    });

    it(`${spec.article}: suggestions from an empty file meet the aims`, () => {
      const full = parseAnnotationFile(committed).file as AnnotationFile;
      const empty: AnnotationFile = { ...full, entities: [], mentions: [], claims: [] };
      const s = score(expectedFrom(resolveModel(full, text)), suggest(inputFromModel(resolveModel(empty, text))).suggestions);
      const why = s.errors.join('\n');
      assert.ok(s.mentions.precision >= 0.85, `mention precision ${s.mentions.precision}\n${why}`);
      assert.ok(s.mentions.recall >= 0.9, `mention recall ${s.mentions.recall}\n${why}`);
      assert.ok(s.claims.precisionOverlap >= 0.8, `claim precision ${s.claims.precisionOverlap}\n${why}`);
      assert.ok(s.quotationCoverage.covered / s.quotationCoverage.total >= 0.95, `quotations ${JSON.stringify(s.quotationCoverage)}\n${why}`);
      assert.ok(s.speakerAccuracy.right / s.speakerAccuracy.total >= 0.85, `speakers ${JSON.stringify(s.speakerAccuracy)}\n${why}`);
      assert.ok(s.outletAccuracy.right / s.outletAccuracy.total >= 0.8, `outlets ${JSON.stringify(s.outletAccuracy)}\n${why}`);
    });
  }
});
