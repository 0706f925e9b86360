import * as assert from 'node:assert/strict';
import { finishReading, isMidEdit, prepareReading, resolveArticlePath } from '../../src/core/load';

describe('the article.path rule', () => {
  const ok: [string, string[], string[]][] = [
    ['a.txt', [], ['a.txt']],
    ['./a.txt', ['x'], ['x', 'a.txt']],
    ['../articles/a.txt', ['annotations'], ['articles', 'a.txt']],
    ['b/../a.txt', [], ['a.txt']],
    ['deep/er/a.md', ['x', 'y'], ['x', 'y', 'deep', 'er', 'a.md']],
    ['café/😀.txt', [], ['café', '😀.txt']],
  ];
  for (const [path, dir, expected] of ok)
    it(`${path} from /${dir.join('/')} is ${expected.join('/')}`, () => assert.deepEqual(resolveArticlePath(path, dir), { ok: true, segments: expected }));

  const refused: [string, string[], RegExp][] = [
    ['../../../../etc/hostname', [], /leaves the project/],
    ['../a.txt', [], /leaves the project/],
    ['x/../../a.txt', [], /leaves the project/],
    ['../../a.txt', ['one'], /leaves the project/],
    ['/etc/passwd', [], /not absolute/],
    ['C:/Windows/win.ini', [], /not absolute/],
    ['c:\\x.txt', [], /not absolute|separators/],
    ['a\\b.txt', [], /separators/],
    ['file:///etc/passwd', [], /not a URI/],
    ['vscode-remote://h/x', [], /not a URI/],
    ['a\0.txt', [], /NUL/],
    ['', [], /empty/],
    ['.', ['x'], /folder/],
    ['..', ['x'], /folder/],
  ];
  for (const [path, dir, message] of refused)
    it(`refuses ${JSON.stringify(path)} from /${dir.join('/')}`, () => {
      const r = resolveArticlePath(path, dir);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, message);
    });
});

describe('the loading path', () => {
  const file = (path: string) =>
    `{\n  "marginalia": 1,\n  "article": { "path": ${JSON.stringify(path)} },\n  "types": [], "entities": [], "mentions": [], "claims": []\n}\n`;

  it('locates a refused article path at article.path and reads nothing', () => {
    const p = prepareReading(file('../../etc/hostname'), ['notes']);
    assert.equal(p.article, undefined);
    const problem = p.problems.find((x) => x.code === 'article-path');
    assert.ok(problem);
    assert.deepEqual([problem.line, problem.column, problem.path], [3, 24, ['article', 'path']]);
    assert.equal(finishReading(p, undefined).model, undefined);
  });

  it('turns a read error into a located problem', () => {
    const p = prepareReading(file('a.txt'), []);
    assert.deepEqual(p.article, ['a.txt']);
    const done = finishReading(p, { error: 'no such file' });
    assert.equal(done.model, undefined);
    assert.equal(done.problems.find((x) => x.code === 'article-unreadable')?.line, 3);
  });

  it('resolves against the normalized article text', () => {
    const p = prepareReading(file('a.txt'), []);
    const done = finishReading(p, { text: '\ufeffHello\r\nworld' });
    assert.equal(done.articleText, 'Hello\nworld');
    assert.equal(done.model?.text, 'Hello\nworld');
  });

  it('says when a file is mid-edit (a syntax error)', () => {
    assert.equal(isMidEdit(prepareReading('{"marginalia": 1,', [])), true);
    assert.equal(isMidEdit(prepareReading(file('a.txt'), [])), false);
  });
});
