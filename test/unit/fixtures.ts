// Fixture access for the unit tests. Tests run from the bundle in dist/test/unit, so paths are taken from
// the repository root, found from this file's location.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { loadReadingSync } from '../../src/core/load';
import type { Problem } from '../../src/core/model';
import type { Model } from '../../src/core/resolve';

function findRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'test', 'fixtures'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

export function fixtureNames(dir: string, suffix: string): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(suffix))
    .sort();
}

/** The core's one loading path, with the repository as the root article paths must stay inside. */
export function loadAnnotationFile(path: string): { problems: Problem[]; model?: Model } {
  const dir = relative(ROOT, dirname(path));
  const loaded = loadReadingSync(readFileSync(path, 'utf8'), dir ? dir.split(sep) : [], (segments) => {
    try {
      return { text: readFileSync(join(ROOT, ...segments), 'utf8') };
    } catch (e) {
      return { error: String(e) };
    }
  });
  return loaded.model ? { problems: loaded.problems, model: loaded.model } : { problems: loaded.problems };
}
