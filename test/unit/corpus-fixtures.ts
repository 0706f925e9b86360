// The fixture corpus for the corpus tests: test/fixtures/corpus/shared (four articles sharing a registry, one
// shadowing a registry id, one broken file) loaded through the one loading path, as the corpus index sees it.

import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CorpusIndex } from '../../src/core/corpus/index';
import { summarize, type FileSummary } from '../../src/core/corpus/summary';
import { loadReadingSync } from '../../src/core/load';
import { FIXTURES } from './fixtures';

export const SHARED = join(FIXTURES, 'corpus', 'shared');
export const SHARED_FILES = [
  'articles/talks-resume.annotations.json',
  'articles/strait-patrols.annotations.json',
  'articles/regional/port-alda-vote.annotations.json',
  'articles/second-opinion.annotations.json',
  'articles/broken.annotations.json',
];

/** Loads files below `root` through the one loading path (the registry read like any file), as summaries. */
export function summaries(root: string, files: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): FileSummary[] {
  const read = (rel: string): string => overrides.get(rel) ?? readFileSync(join(root, rel), 'utf8');
  return files.map((f) => {
    const dir = relative(root, join(root, f, '..'));
    const loaded = loadReadingSync(read(f), dir ? dir.split(sep) : [], (segments) => {
      try {
        return { text: read(segments.join('/')) };
      } catch (e) {
        return { error: String(e) };
      }
    });
    return summarize(f, loaded);
  });
}

export function sharedIndex(): CorpusIndex {
  const index = new CorpusIndex();
  for (const s of summaries(SHARED, SHARED_FILES)) index.set(s);
  return index;
}
