// Markdown articles: blocks in source offsets (the shared contract), checked against an independent reading of
// the same source (mdast-util-from-markdown), the chunked, plain-paragraph and text-level shortcuts against
// parsing the whole document, and the rendered ↔ source map.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { markdownBlocks, markdownChunks, plainParagraph, simpleLeaves } from '../../src/core/article/markdown';
import { drawnText, RenderedText } from '../../src/core/article/rendered';
import { markdownTitle } from '../../src/core/article/title';
import type { BlockKind, TextBlock } from '../../src/core/structure';
import { fixture } from './fixtures';

type Row = [BlockKind, string, Partial<Pick<TextBlock, 'level' | 'marker'>>?];

function shape(text: string, blocks: TextBlock[]): Row[] {
  return blocks.map((b) => {
    const extra: Partial<Pick<TextBlock, 'level' | 'marker'>> = {};
    if (b.level !== undefined) extra.level = b.level;
    if (b.marker !== undefined) extra.marker = b.marker;
    return Object.keys(extra).length ? [b.kind, drawnText(text, b), extra] : [b.kind, drawnText(text, b)];
  });
}

describe('article: Markdown blocks', () => {
  const cases: { name: string; md: string; rows: Row[] }[] = [
    {
      name: 'headline, standfirst, heading, paragraph',
      md: '# The *headline*\n\n_A standfirst in italics._\n\n## Section two ##\n\nBody text.\n',
      rows: [
        ['headline', 'The headline', { level: 1 }],
        ['standfirst', 'A standfirst in italics.'],
        ['heading', 'Section two', { level: 2 }],
        ['paragraph', 'Body text.'],
      ],
    },
    {
      name: 'no headline when the first block is no level-1 heading',
      md: 'Intro.\n\n# Later',
      rows: [
        ['paragraph', 'Intro.'],
        ['heading', 'Later', { level: 1 }],
      ],
    },
    {
      name: 'setext headings',
      md: 'Title\n=====\n\nPart\n----\n\nText',
      rows: [
        ['headline', 'Title', { level: 1 }],
        ['heading', 'Part', { level: 2 }],
        ['paragraph', 'Text'],
      ],
    },
    {
      name: 'lists: nesting depth and CommonMark numbering',
      md: '1. one\n1. two\n   - inner\n3) new list\n\n- a\n\n  still a\n- b',
      rows: [
        ['list-item', 'one', { level: 1, marker: '1.' }],
        ['list-item', 'two', { level: 1, marker: '2.' }],
        ['list-item', 'inner', { level: 2, marker: '•' }],
        ['list-item', 'new list', { level: 1, marker: '3)' }],
        ['list-item', 'a', { level: 1, marker: '•' }],
        ['list-item', 'still a', { level: 1 }],
        ['list-item', 'b', { level: 1, marker: '•' }],
      ],
    },
    {
      name: 'bullets by depth of unordered lists, as browsers draw them',
      md: '- a\n  - b\n    - c\n      - d\n- e',
      rows: [
        ['list-item', 'a', { level: 1, marker: '•' }],
        ['list-item', 'b', { level: 2, marker: '◦' }],
        ['list-item', 'c', { level: 3, marker: '▪' }],
        ['list-item', 'd', { level: 4, marker: '•' }],
        ['list-item', 'e', { level: 1, marker: '•' }],
      ],
    },
    {
      name: 'block quote over two lines, prefixes hidden',
      md: '> He said\n> it twice.\n\nAfter.',
      rows: [
        ['quote', 'He said\nit twice.'],
        ['paragraph', 'After.'],
      ],
    },
    {
      name: 'links: text drawn, URL kept for the tooltip; references resolved across the document',
      md: 'See [the report](https://example.org/r "Title") and [the data][d].\n\n<https://a.example> or <me@example.org>\n\n[d]: https://example.org/d',
      rows: [
        ['paragraph', 'See the report and the data.'],
        ['paragraph', 'https://a.example or me@example.org'],
      ],
    },
    { name: 'character references and escapes', md: 'AT&amp;T said \\*not\\* &#x1F600; &copy;', rows: [['paragraph', 'AT&T said *not* 😀 ©']] },
    {
      name: 'code: fenced, indented, inline',
      md: '```js\na < b\n\nc\n```\n\n    indented\n\nUse `x  y` here',
      rows: [
        ['code', 'a < b\n\nc'],
        ['code', 'indented'],
        ['paragraph', 'Use x  y here'],
      ],
    },
    {
      name: 'HTML comments and images are not drawn; other HTML is shown as written',
      md: '<!-- note -->\n\nA ![photo](p.jpg) <b>bold</b>\n\n<div>\nraw\n</div>',
      rows: [
        ['paragraph', 'A  bold'],
        ['code', '<div>\nraw\n</div>'],
      ],
    },
    {
      name: 'publisher lines',
      md: '# T\n\nBody.\n\nAll rights reserved.\n\nSources: wires',
      rows: [
        ['headline', 'T', { level: 1 }],
        ['paragraph', 'Body.'],
        ['boilerplate', 'All rights reserved.'],
        ['sources', 'Sources: wires'],
      ],
    },
    {
      name: 'emoji count as two UTF-16 units, like the rest of the contract',
      md: '# 😀 Big\n\n😀 *x*',
      rows: [
        ['headline', '😀 Big', { level: 1 }],
        ['paragraph', '😀 x'],
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const blocks = markdownBlocks(c.md);
      assert.deepEqual(shape(c.md, blocks), c.rows);
      assert.deepEqual(blocks, markdownBlocks(c.md, { chunked: false }), 'chunked = whole');
    });
  }

  it('links carry their destination, inline marks their visible content only', () => {
    const md = 'See [the report](https://example.org/r) and **bold *nested***.';
    const [block] = markdownBlocks(md);
    const marks = (block?.marks ?? []).map((m) => [m.kind, md.slice(m.start, m.end), m.href]);
    assert.deepEqual(marks, [
      ['link', 'the report', 'https://example.org/r'],
      ['strong', 'bold *nested*', undefined],
      ['emphasis', 'nested', undefined],
    ]);
  });

  it('GFM deletion (~~two tildes~~) is a mark; a single tilde is prose', () => {
    const md = 'Then ~~nobody~~ replied, ~50 of ~60 people.';
    const [block] = markdownBlocks(md);
    assert.deepEqual(
      (block?.marks ?? []).map((m) => [m.kind, md.slice(m.start, m.end)]),
      [['delete', 'nobody']],
    );
    assert.equal(block && drawnText(md, block), 'Then nobody replied, ~50 of ~60 people.');
    assert.deepEqual(markdownBlocks(md), markdownBlocks(md, { chunked: false }));
  });

  describe('front matter (Jekyll, Hugo, Obsidian)', () => {
    const yaml = '---\ntitle: "Harbour towns brace"\ntags: [tides, council]\n---\n\n# Real heading\n\nText.\n';
    const cases: [string, string, { code?: string; kinds: BlockKind[]; title: string }][] = [
      [
        'YAML: a code block of metadata, then the headline',
        yaml,
        { code: 'title: "Harbour towns brace"\ntags: [tides, council]', kinds: ['code', 'headline', 'paragraph'], title: 'Harbour towns brace' },
      ],
      ['TOML', "+++\ntitle = 'Tides'\n+++\n# Real heading\n", { code: "title = 'Tides'", kinds: ['code', 'headline'], title: 'Tides' }],
      [
        'closed by "..." (YAML end of document)',
        '---\nauthor: Ines\n...\n# Real heading\n',
        { code: 'author: Ines', kinds: ['code', 'headline'], title: 'Real heading' },
      ],
      ['empty: nothing drawn for it', '---\n---\n# Real heading\n', { kinds: ['headline'], title: 'Real heading' }],
      ['never closed: CommonMark as usual (a rule, then text)', '---\ntitle: x\n\nText.\n', { kinds: ['paragraph', 'paragraph'], title: 'title: x' }],
      ['not at the very start: a rule and a setext heading', '\n---\ntitle: x\n---\n', { kinds: ['heading'], title: 'title: x' }],
    ];
    for (const [name, md, want] of cases) {
      it(name, () => {
        const blocks = markdownBlocks(md);
        assert.deepEqual(
          blocks.map((b) => b.kind),
          want.kinds,
        );
        if (want.code !== undefined) assert.equal(drawnText(md, blocks[0] as TextBlock), want.code);
        assert.equal(markdownTitle(md, blocks, 'fallback'), want.title);
        assert.deepEqual(blocks, markdownBlocks(md, { chunked: false }));
      });
    }
    it('offsets after the front matter are the source’s: a heading’s text is where the file has it', () => {
      const blocks = markdownBlocks(yaml);
      const head = blocks.find((b) => b.kind === 'headline') as TextBlock;
      assert.equal(yaml.slice(head.start, head.end).replace(/^# /, ''), 'Real heading');
    });
  });

  it('the Markdown fixtures: every block within the text, hidden ranges sorted and inside their block', () => {
    for (const name of ['field-report.md', 'interview.md']) {
      const md = fixture('markdown', name);
      const blocks = markdownBlocks(md);
      assert.ok(blocks.length > 5, name);
      assert.equal(blocks[0]?.kind, 'headline', name);
      checkContract(md, blocks);
    }
  });
});

/** The contract's invariants: ordered blocks, hidden ranges sorted, non-overlapping and inside the block. */
function checkContract(md: string, blocks: TextBlock[]): void {
  let previousEnd = 0;
  for (const b of blocks) {
    assert.ok(b.start >= previousEnd && b.end > b.start && b.end <= md.length, `block ${b.start}-${b.end}`);
    previousEnd = b.end;
    let at = b.start;
    for (const [s, e] of b.hidden ?? []) {
      assert.ok(s >= at && e > s && e <= b.end, `hidden ${s}-${e} in ${b.start}-${b.end}`);
      at = e;
    }
    for (const m of b.marks ?? []) assert.ok(m.start >= b.start && m.end <= b.end, 'mark inside its block');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Properties over generated Markdown

const word = fc.constantFrom('Chong', 'said', 'the', 'West', '😀', 'é', 'AT&amp;T', '\\*', '&copy;', 'x_y', '2024', 'U.S.', '“quote”');
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  fc.constantFrom(
    '*em*',
    '**strong**',
    '_u_',
    '`co de`',
    '[link](https://x.org/a "t")',
    '[ref][d]',
    '[d]',
    '<https://y.org>',
    '![alt](i.png)',
    '<b>',
    '*',
    '_',
    '[',
    ']',
  ),
);
const line = fc.array(inline, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: paragraph },
  line.map((l) => `# ${l}`),
  fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([n, l]) => `${'#'.repeat(n)} ${l}`),
  line.map((l) => `${l}\n===`),
  paragraph.map((p) => p.replace(/^/gm, '> ')),
  fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l, i) => `${i + 1}. ${l}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l, i) => (i % 2 ? `  - ${l}` : `- ${l}`)).join('\n')),
  line.map((l) => '```\n' + l + '\n\n' + l + '\n```'),
  line.map((l) => `    ${l}`),
  fc.constantFrom(
    '<!-- a\n\ncomment -->',
    '[d]: https://d.org',
    '***',
    '<div>\nhtml\n</div>',
    '  indented para',
    'plain text  \nwith a hard break',
    '- a\n\n  b',
  ),
);
const document = fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n\n', '\n')), { maxLength: 10 }).map((bs) => bs.map(([b, sep]) => b + sep).join(''));
const noise = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ' ',
    ' ',
    '\n',
    '\n',
    '*',
    '_',
    '[',
    ']',
    '(',
    ')',
    '#',
    '>',
    '-',
    '1',
    '.',
    '`',
    '~',
    '<',
    '!',
    '&',
    ';',
    '\\',
    '\t',
    '😀',
    '=',
  ),
  maxLength: 80,
});

/** The text of an mdast leaf, as the reader should draw it: no images, no HTML, hard breaks as line breaks. */
function mdastText(node: Nodes): string {
  if (node.type === 'image' || node.type === 'html' || node.type === 'imageReference') return '';
  if (node.type === 'break') return '\n';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map((c) => mdastText(c)).join('');
  return '';
}

/** The leaves the reader draws, in document order, from the independent mdast reading. */
function mdastLeaves(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'code') out.push(mdastText(node));
  else if (node.type === 'html') {
    if (!node.value.startsWith('<!--')) out.push(node.value);
  } else if ('children' in node) for (const c of node.children) mdastLeaves(c, out);
  return out;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('article: Markdown properties', function () {
  // Hundreds of generated documents, each parsed twice: more than mocha's default 2 s, and no timing is asserted.
  this.timeout(60_000);
  it('chunked parsing gives the blocks of parsing the whole document', () => {
    fc.assert(
      fc.property(fc.oneof(document, noise), (md) => {
        assert.deepEqual(markdownBlocks(md), markdownBlocks(md, { chunked: false }));
      }),
      { numRuns: 300 },
    );
  });

  it('a plain paragraph drawn without the parser is drawn as the parser draws it', () => {
    const plainWord = fc.constantFrom('Chong', 'said', 'the', 'West', '😀', 'é', '2024', 'U.S.', '“quote”', '-', '1.', '#', '', '  ', '\u00a0');
    const plain = fc
      .array(
        fc.array(plainWord, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' ')),
        { minLength: 1, maxLength: 4 },
      )
      .map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(plain, fc.constantFrom('', '\n', '\n\n'), (p, tail) => {
        const md = p + tail;
        const fast = plainParagraph(md, 0, md.length);
        if (!fast) return;
        const { topLevel: _t, ...block } = fast;
        assert.deepEqual(markdownBlocks(md, { chunked: false }), [block]);
      }),
      { numRuns: 500 },
    );
  });

  it('paragraphs and headings parsed by the text level alone are drawn as the whole parser draws them', () => {
    const edge = fc.constantFrom('#', '# x #', 'C#', '#5', '##', '=', '= =', '--', '-x', '+y', '2024', '1)', '\\', '\u00a0', '  ', '***x***', '```', '<i>');
    const simpleLine = fc.oneof(
      { weight: 4, arbitrary: line },
      fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(' ', '  ', ''), line).map(([n, gap, l]) => `${'#'.repeat(n)}${gap}${l}`),
      fc.array(fc.oneof(inline, edge), { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' ')),
    );
    const chunk = fc.array(simpleLine, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('\n'));
    let taken = 0;
    fc.assert(
      fc.property(chunk, fc.constantFrom('', '\n', '\n\n'), (c, tail) => {
        const md = c + tail;
        if (!simpleLeaves(md, 0, md.length)) return;
        taken++;
        assert.deepEqual(markdownBlocks(md), markdownBlocks(md, { chunked: false }));
      }),
      { numRuns: 500 },
    );
    // Not vacuous: most generated chunks take the shortcut.
    assert.ok(taken > 100, `the shortcut was taken ${taken} times`);
  });

  it('every block draws the text mdast-util-from-markdown reads (an independent parser of the same source)', () => {
    fc.assert(
      fc.property(document, (md) => {
        const blocks = markdownBlocks(md);
        const ours = blocks.map((b) => squash(drawnText(md, b)));
        const theirs = mdastLeaves(fromMarkdown(md))
          .map(squash)
          .filter((t) => t !== '');
        assert.deepEqual(ours, theirs);
        checkContract(md, blocks);
      }),
      { numRuns: 300 },
    );
  });

  it('rendered ↔ source: each drawn character sits at its source offset, and back', () => {
    fc.assert(
      fc.property(fc.oneof(document, noise), (md) => {
        const blocks = markdownBlocks(md);
        const r = new RenderedText(md, blocks);
        let previous = -1;
        const drawnAt = new Set<number>();
        for (const b of blocks)
          for (let i = b.start; i < b.end; i++)
            if (!(b.hidden ?? []).some(([s, e]) => i >= s && i < e) && !(b.replace ?? []).some((x) => i >= x.start && i < x.end)) drawnAt.add(i);
        for (let i = 0; i <= r.text.length; i++) {
          const s = r.toSource(i);
          assert.ok(s >= previous, 'monotonic');
          previous = s;
        }
        for (const s of drawnAt) {
          const i = r.toRendered(s);
          assert.equal(r.text[i], md[s]);
          assert.equal(r.toSource(i), s);
        }
        const [a, z] = r.sourceRange(0, r.text.length);
        assert.ok(a <= z && z <= md.length);
      }),
      { numRuns: 300 },
    );
  });

  it('chunks cover the text in order', () => {
    fc.assert(
      fc.property(fc.oneof(document, noise), (md) => {
        const chunks = markdownChunks(md);
        assert.equal(chunks[0]?.[0], 0);
        assert.equal(chunks[chunks.length - 1]?.[1], md.length);
        for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]?.[0], chunks[i - 1]?.[1]);
      }),
    );
  });
});
