// A new reading of any article, planned in the core: which files, what they hold, and that the annotation file
// is valid and anchors against its article as written.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleKindOf, baseName } from '../../src/core/article/kind';
import { newReadingTargets, planNewReading, type NewReadingPlan } from '../../src/core/article/newReading';
import { DEFAULT_TYPES } from '../../src/core/palette';
import { schemaCopyText, schemaRef } from '../../src/core/article/template';
import { shortTitle } from '../../src/core/article/title';
import { loadReadingSync } from '../../src/core/load';
import { codePointLength, hashText, normalizeText } from '../../src/core/text';
import { FIXTURES, ROOT } from './fixtures';

const bytes = (...p: string[]): Buffer => readFileSync(join(FIXTURES, ...p));

function plan(fileName: string, content: Uint8Array | string, dir: string[] = []): Extract<NewReadingPlan, { ok: true }> {
  const got = planNewReading({ fileName, content, sha256: 'b'.repeat(64), dir });
  assert.ok(got.ok, got.ok ? '' : got.message);
  return got;
}

/** The planned annotation file, loaded through the one loading path against the article it names. */
function load(p: Extract<NewReadingPlan, { ok: true }>, article: string) {
  const file = p.files.find((f) => f.name === p.targets.annotations);
  assert.ok(file);
  const loaded = loadReadingSync(file.text, [], () => ({ text: article }));
  return { json: JSON.parse(file.text), loaded };
}

describe('article: new reading', () => {
  const cases: { name: string; file: string; content: Buffer; title: string }[] = [
    { name: 'plain text: the first line is the title', file: 'briefing.txt', content: bytes('articles', 'briefing.txt'), title: '' },
    { name: 'CRLF text: hash and length of the normalized text', file: 'briefing-crlf.txt', content: bytes('articles', 'briefing-crlf.txt'), title: '' },
    {
      name: 'Markdown: the headline, drawn (no markup)',
      file: 'field-report.md',
      content: bytes('markdown', 'field-report.md'),
      title: 'Harbour towns brace for a second season of record tides',
    },
    {
      name: 'Markdown with a setext headline and a character reference',
      file: 'interview.md',
      content: bytes('markdown', 'interview.md'),
      title: 'Q&A: the diplomat who wrote the ceasefire',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const text = normalizeText(c.content.toString('utf8'));
      const p = plan(c.file, c.content);
      assert.deepEqual(
        p.files.map((f) => f.name),
        [`${baseName(c.file)}.annotations.json`],
      );
      const { json, loaded } = load(p, c.content.toString('utf8'));
      const title = c.title || text.split('\n')[0]?.trim();
      assert.equal(json.article.title, title);
      assert.equal(p.title, title);
      assert.equal(json.article.path, c.file);
      assert.equal(json.article.hash, hashText(text));
      assert.equal(json.article.length, codePointLength(text));
      assert.equal(json.$schema, '.marginalia/annotations.schema.json');
      assert.deepEqual(json.types, DEFAULT_TYPES);
      assert.deepEqual([json.entities, json.mentions, json.claims, json.relations], [[], [], [], []]);
      assert.deepEqual(loaded.problems, [], 'valid, and the article is known unchanged');
      assert.ok(loaded.model);
    });

  it('a saved page: the frozen Markdown first, then the annotation file naming it, with provenance', () => {
    const p = plan('wire-service.html', bytes('pages', 'wire-service.html'));
    assert.deepEqual(
      p.files.map((f) => f.name),
      ['wire-service.md', 'wire-service.annotations.json'],
    );
    const md = p.files[0]?.text ?? '';
    const { json, loaded } = load(p, md);
    assert.equal(json.article.path, 'wire-service.md');
    assert.equal(json.article.title, 'Grain shipments resume through Black Sea corridor after three-week halt');
    assert.equal(json.article.hash, hashText(md));
    assert.deepEqual(Object.keys(json.article.source), ['file', 'sha256', 'extractor', 'extractorVersion', 'url', 'siteName', 'byline', 'published', 'lang']);
    assert.equal(json.article.source.sha256, 'b'.repeat(64));
    assert.deepEqual(loaded.problems, []);
  });

  it('a page without article content plans nothing', () => {
    const got = planNewReading({ fileName: 'section-front.html', content: bytes('pages', 'section-front.html'), sha256: 'c'.repeat(64), dir: [] });
    assert.equal(got.ok, false);
  });

  it('the default palette is the bundled article’s types', () => {
    const bundled = JSON.parse(readFileSync(join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json'), 'utf8'));
    assert.deepEqual(DEFAULT_TYPES, bundled.types);
  });

  it('$schema is relative to the project root, and the copy is the shipped schema', () => {
    assert.equal(schemaRef([]), '.marginalia/annotations.schema.json');
    assert.equal(schemaRef(['notes', 'week 1']), '../../.marginalia/annotations.schema.json');
    const shipped = JSON.parse(readFileSync(join(ROOT, 'media', 'schema', 'annotations.schema.json'), 'utf8'));
    assert.deepEqual(JSON.parse(schemaCopyText()), shipped);
    const p = plan('a.txt', 'Title\n\nText.', ['notes']);
    assert.equal(JSON.parse(p.files[0]?.text ?? '{}').$schema, '../.marginalia/annotations.schema.json');
  });

  it('kinds, targets and titles', () => {
    assert.deepEqual(['a.txt', 'b.MD', 'c.markdown', 'd.html', 'e.HTM', 'f.pdf', 'g', 'x.annotations.json'].map(articleKindOf), [
      'text',
      'markdown',
      'markdown',
      'page',
      'page',
      undefined,
      undefined,
      undefined,
    ]);
    assert.deepEqual(newReadingTargets('report.htm'), {
      kind: 'page',
      annotations: 'report.annotations.json',
      article: 'report.md',
      writes: ['report.md', 'report.annotations.json'],
    });
    assert.match(
      JSON.stringify(newReadingTargets('paper.pdf')),
      /paper\.pdf is not an article Marginalia can read: expected a \.txt, \.md, \.html or \.htm file/,
    );
    assert.equal(plan('empty.txt', '\n\n').title, 'empty', 'an empty article is titled by its file name');
    assert.equal(plan('e.md', '![only an image](x.png)\n').title, 'e');
    assert.equal(plan('h.md', 'Intro paragraph.\n\n## First section\n').title, 'First section');
    const long = shortTitle('word '.repeat(100));
    assert.ok(long.length <= 201 && long.endsWith('word…'), long);
  });
});
