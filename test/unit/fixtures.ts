// Fixture access for the unit tests. Tests run from the bundle in dist/test/unit, so paths are taken from
// the repository root, found from this file's location.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Problem } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel, type Model } from '../../src/core/resolve';

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

/** Parse + resolve against the article named by the file, as the CLI and the extension do. */
export function loadAnnotationFile(path: string): { problems: Problem[]; model?: Model } {
  const text = readFileSync(path, 'utf8');
  const parsed = parseAnnotationFile(text);
  if (!parsed.file || !parsed.file.article.path) return { problems: parsed.problems };
  const article = readFileSync(resolve(dirname(path), parsed.file.article.path), 'utf8');
  const model = resolveModel(parsed.file, article, { parseProblems: parsed.problems, fileText: text });
  return { problems: model.problems, model };
}
