// The article outline (document symbols) of Markdown and text articles: a Markdown article's sections are its
// Markdown headings, named without their markup and nested by level; a text article keeps its plain-text
// sections side by side; claims sit under the section they start in.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { markdownBlocks } from '../../src/core/article/markdown';
import { articleBlocks } from '../../src/core/structure';
import { normalizeText } from '../../src/core/text';
import { articleOutline, type OutlineNode } from '../../src/core/sections';
import { FIXTURES, fixture, loadAnnotationFile } from './fixtures';

/** The outline as names and kinds, nested: what a reader of the editor's outline sees. */
type Shape = [string, OutlineNode['kind'], Shape[]?];
function shape(nodes: OutlineNode[]): Shape[] {
  return nodes.map((n) => (n.children.length > 0 ? [n.name, n.kind, shape(n.children)] : [n.name, n.kind]));
}

describe('outline: Markdown articles', function () {
  // The property parses a couple of hundred generated documents; no timing is asserted.
  this.timeout(30_000);
  it('the headline is the root; headings are named without their markup and nested by level', () => {
    const md = [
      '# The *long* report',
      'Standfirst.',
      '## First **part**',
      'Text.',
      '### A detail',
      'More.',
      '### Another',
      '## Second part',
      'Setext section\n--------------',
      'End.',
    ].join('\n\n');
    assert.deepEqual(shape(articleOutline(md, undefined, 'story.md')), [
      [
        'The long report',
        'headline',
        [
          [
            'First part',
            'section',
            [
              ['A detail', 'section'],
              ['Another', 'section'],
            ],
          ],
          ['Second part', 'section'],
          ['Setext section', 'section'],
        ],
      ],
    ]);
  });

  it('a section runs to the next heading of its level or above; its selection is its heading', () => {
    const md = '# H\n\n## A\n\nabout a\n\n### A1\n\ndetail\n\n## B\n\nabout b\n';
    const [root] = articleOutline(md, undefined, 'x.md');
    const [a, b] = root?.children ?? [];
    const a1 = a?.children[0];
    assert.equal(md.slice(a?.selection.start, a?.selection.end), 'A');
    assert.equal(md.slice(a?.range.start, a?.range.end), '## A\n\nabout a\n\n### A1\n\ndetail');
    assert.equal(md.slice(a1?.range.start, a1?.range.end), '### A1\n\ndetail');
    assert.equal(md.slice(b?.range.start, b?.range.end), '## B\n\nabout b');
    assert.equal(md.slice(root?.range.start, root?.range.end), md.trimEnd());
  });

  it('Markdown that only looks like a heading to the plain-text structure is no section', () => {
    // A short line between blank lines is a heading in plain text; in Markdown it is a paragraph, and a `#` in
    // a code block is code.
    const md = '# Title\n\nA short line\n\n```\n# not a heading\n```\n\n## Real one\n\nText.\n';
    assert.deepEqual(shape(articleOutline(md, undefined, 'a.markdown')), [['Title', 'headline', [['Real one', 'section']]]]);
  });

  it('a text article keeps the plain-text structure: its headings, side by side under the headline', () => {
    const text = [
      'Ministers meet in Geneva',
      'Foreign Minister Ana Ortiz said on Monday that the talks were productive but unfinished.',
      'What happened next',
      'Analysts say the agreement is fragile, and that neither side wants to be seen blinking first.',
      '## The outlook',
      'Geneva would host a second round, the minister said.',
    ].join('\n\n');
    const headings = articleBlocks(text)
      .filter((b) => b.kind === 'heading')
      .map((b) => text.slice(b.start, b.end));
    assert.ok(headings.length > 1, 'the fixture has sections');
    const outline = articleOutline(text, undefined, 'briefing.txt');
    const sections = outline.flatMap((n) => (n.kind === 'section' ? [n] : n.children.filter((c) => c.kind === 'section')));
    assert.deepEqual(
      sections.map((n) => n.name),
      headings,
    );
    assert.ok(sections.every((n) => n.children.every((c) => c.kind === 'claim')));
  });

  it('the Markdown fixture: claims under the section they start in, one node per claim', () => {
    const path = join(FIXTURES, 'markdown', 'structured.annotations.json');
    const { model } = loadAnnotationFile(path);
    assert.ok(model, 'the fixture loads');
    const text = normalizeText(fixture('markdown', 'structured.md'));
    const outline = articleOutline(text, model, 'structured.md');
    const claims: { node: OutlineNode; section: OutlineNode | undefined }[] = [];
    const walk = (nodes: OutlineNode[], section: OutlineNode | undefined): void => {
      for (const n of nodes) {
        if (n.kind === 'claim') claims.push({ node: n, section });
        walk(n.children, n.kind === 'claim' ? section : n);
      }
    };
    walk(outline, undefined);
    assert.equal(claims.length, model.claims.length);
    for (const { node, section } of claims) {
      assert.ok(section, 'every claim sits under the headline or a section');
      assert.ok(node.range.start >= section.range.start && node.range.start < section.range.end, `${node.name} inside ${section.name}`);
    }
  });

  it('property: the outline lists every Markdown heading once, in order, nested under a lower level', () => {
    const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('Alpha', 'Beta *em*', 'Gamma `x`', 'Delta'));
    const doc = fc
      .array(fc.tuple(heading, fc.constantFrom('Text.', 'More *text*.', '- a list', '> quoted')), { maxLength: 12 })
      .map((parts) => parts.map(([[n, h], body]) => `${'#'.repeat(n)} ${h}\n\n${body}\n`).join('\n'));
    fc.assert(
      fc.property(doc, (md) => {
        const headings = markdownBlocks(md).filter((b) => b.kind === 'heading' || b.kind === 'headline');
        const seen: number[] = [];
        const walk = (nodes: OutlineNode[], parentLevel: number): void => {
          for (const n of nodes) {
            if (n.kind === 'claim') continue;
            const block = headings.find((h) => h.start === n.selection.start);
            assert.ok(block, 'each node is a heading');
            const level = block.kind === 'headline' ? 0 : (block.level ?? 2);
            assert.ok(level > parentLevel, 'nested under a lower level');
            seen.push(block.start);
            walk(n.children, level);
          }
        };
        walk(articleOutline(md, undefined, 'gen.md'), -1);
        assert.deepEqual(
          seen,
          headings.map((h) => h.start),
        );
      }),
      { numRuns: 200 },
    );
  });
});
