// The Markdown worker (src/vscode/article/structures.ts with the built dist/structureWorker.js): what it hands
// back is exactly what the host would have parsed, one parse serves every reader of a text, and a worker that
// cannot start costs speed, never the structure.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readingStructure, structureIsSlow } from '../../src/core/article/kind';
import { markdownBlocks } from '../../src/core/article/markdown';
import { Structures } from '../../src/vscode/article/structures';
import { fixture } from './fixtures';

const root = join(__dirname, '..', '..', '..');
const script = join(root, 'dist', 'structureWorker.js');

describe('Markdown structures from the worker', function () {
  this.timeout(30_000);
  let structures: Structures;
  let n = 0;
  /** A Markdown text no earlier test has parsed (the core keeps the last few). */
  const fresh = (name: string): string => `${fixture('markdown', name)}\n\nParagraph ${++n} of *this* run.\n`;

  before(() => assert.ok(existsSync(script), `${script} is not built`));
  beforeEach(() => (structures = new Structures(script)));
  afterEach(() => structures.dispose());

  for (const name of ['field-report.md', 'interview.md', 'structured.md']) {
    it(`${name}: the worker's blocks are the parser's, and the host then finds them without parsing`, async () => {
      const text = fresh(name);
      assert.equal(structures.pending('a/story.md', text), true);
      await structures.prepare('a/story.md', text);
      assert.equal(structureIsSlow('a/story.md', text), false);
      const blocks = readingStructure('a/story.md', text);
      assert.deepEqual(blocks, markdownBlocks(text));
      assert.ok(blocks.length > 3);
    });
  }

  it('two readers of one text wait for one parse', () => {
    const text = fresh('field-report.md');
    const a = structures.prepare('story.md', text);
    const b = structures.prepare('other/story.md', text);
    assert.equal(a, b);
    return Promise.all([a, b]);
  });

  it('a plain-text article has nothing to prepare', async () => {
    const text = fresh('field-report.md');
    assert.equal(structures.pending('story.txt', text), false);
    await structures.prepare('story.txt', text);
    assert.equal(structureIsSlow('story.md', text), true);
  });

  it('a worker that cannot start is logged, and the host parses the structure itself', async () => {
    const logged: string[] = [];
    const broken = new Structures(join(root, 'dist', 'no-such-worker.js'), (m) => logged.push(m));
    try {
      const text = fresh('interview.md');
      await broken.prepare('story.md', text);
      assert.match(logged.join('\n'), /Markdown worker .*parsing on the extension host/);
      assert.deepEqual(readingStructure('story.md', text), markdownBlocks(text));
    } finally {
      broken.dispose();
    }
  });
});
