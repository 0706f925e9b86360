// Saved pages → articles: the extraction on each fixture page (written in the shape of real news sites:
// navigation, ads, share buttons, related links, bylines, og: metadata, JSON-LD), the Markdown it writes read
// back with the reader's parser, character sets, and the escaping that keeps page text literal.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeHtml } from '../../src/core/article/charset';
import { markdownBlocks } from '../../src/core/article/markdown';
import { EXTRACTOR, extractPage, type PageExtraction } from '../../src/core/article/page';
import { drawnText } from '../../src/core/article/rendered';
import { escapeText, inlineText, writeMarkdown, type PageBlock } from '../../src/core/article/writeMarkdown';
import { FIXTURES, ROOT } from './fixtures';

const page = (name: string): Buffer => readFileSync(join(FIXTURES, 'pages', name));
function extract(name: string): PageExtraction {
  return extractPage({ html: page(name), fileName: name, sha256: 'a'.repeat(64) });
}

interface Expected {
  headline: string;
  standfirst?: string;
  paragraphs: number;
  headings: number;
  quotes: number;
  listItems?: number;
  firstParagraph: string;
  byline?: string;
  siteName?: string;
  url?: string;
  published?: string;
  /** Text of the page that is not the story (navigation, ads, share buttons, related links, the byline line). */
  absent: string[];
}

const PAGES: Record<string, Expected> = {
  'harbour-gazette.html': {
    headline: 'Harbour towns brace for a second season of record tides',
    standfirst: 'Flood defences built after 2019 were meant to last thirty years. Engineers say they may not last ten.',
    paragraphs: 7,
    headings: 2,
    quotes: 1,
    firstParagraph: 'The sea wall at Port Alwen was finished in March 2021',
    byline: 'Ines Valdés',
    siteName: 'The Harbour Gazette',
    url: 'https://www.harbour-gazette.example/news/2025/05/12/record-tides-sea-wall',
    published: '2025-05-12T06:30:00+01:00',
    absent: ['Subscribe from', 'Advertisement', 'Share on', 'Most read', 'Storm Elin', 'cookies', 'Coastal Briefing', 'By Ines', 'Photograph', 'Topics:'],
  },
  'wire-service.html': {
    headline: 'Grain shipments resume through Black Sea corridor after three-week halt',
    paragraphs: 8,
    headings: 0,
    quotes: 0,
    firstParagraph: 'ODESA, Ukraine, March 4 (Meridian) - The first convoy',
    byline: 'Oksana Hrytsenko, David Mercer',
    siteName: 'Meridian Wire',
    url: 'https://www.meridianwire.example/world/europe/grain-shipments-resume-2025-03-04/',
    published: '2025-03-04T14:05:00Z',
    absent: ['Read Next', 'Wheat futures slide', 'Purchase Licensing', 'Our Standards', 'Sign In', '2:05 PM', 'More from Meridian', 'Breakingviews'],
  },
  'magazine-longform.html': {
    headline: 'The last lighthouse keepers',
    standfirst: 'Automation came for the lights decades ago. On one Norwegian island, it has not quite arrived.',
    paragraphs: 8,
    headings: 2,
    quotes: 2,
    listItems: 3,
    firstParagraph: 'The boat from Bodø leaves at seven',
    byline: 'Samuel Achterberg',
    siteName: 'The Longitude Review',
    url: 'https://longitude-review.example/features/the-last-lighthouse-keepers',
    published: '2024-11-28T08:00:00-05:00',
    absent: ['Enjoying this story', 'Comments (34)', 'Nordlys77', 'You might also like', 'min read', 'By Samuel', 'free articles left', 'Tweet'],
  },
  'public-broadcaster.html': {
    headline: 'Analysts: Beijing and Moscow court the Global South at summit',
    standfirst: 'Leaders from 30 countries gathered in Kazan for a summit that analysts describe as a showcase for an alternative order.',
    paragraphs: 6,
    headings: 0,
    quotes: 0,
    firstParagraph: 'WASHINGTON — Chinese President Xi Jinping',
    siteName: 'Radio Meridian International',
    published: '2024-10-23T16:20:00Z',
    absent: ['Share on Facebook', 'naval drills', 'Most popular', 'cookies', 'Listen live', 'Comments are closed', 'Skip to main'],
  },
  'small-blog.html': {
    headline: 'Why our town’s library count is wrong',
    paragraphs: 5,
    headings: 1,
    quotes: 0,
    firstParagraph: 'The county’s annual report says Elmfield has three public libraries.',
    url: 'http://notes-from-elmfield.example/2025/02/library-count/',
    absent: ['Posted on', 'Share this', 'Recent Posts', 'Pat R.', 'Previous:', 'Proudly powered', 'Send a tip', 'Notes from Elmfield'],
  },
};

describe('article: saved pages', function () {
  // Readability over each page: well under a second, but more than mocha's 2 s default on a busy machine.
  this.timeout(30_000);
  for (const [name, want] of Object.entries(PAGES)) {
    it(name, () => {
      const got = extract(name);
      assert.ok(got.ok, got.ok ? '' : got.message);
      const of = (kind: PageBlock['kind']) => got.blocks.filter((b) => b.kind === kind).map((b) => inlineText(b.content));
      assert.deepEqual(of('headline'), [want.headline]);
      assert.equal(got.title, want.headline);
      assert.deepEqual(of('standfirst'), want.standfirst ? [want.standfirst] : []);
      assert.equal(of('paragraph').length, want.paragraphs, of('paragraph').join('\n'));
      assert.equal(of('heading').length, want.headings);
      assert.equal(of('quote').length, want.quotes);
      assert.equal(of('list-item').length, want.listItems ?? 0);
      assert.ok(of('paragraph')[0]?.startsWith(want.firstParagraph), of('paragraph')[0]);
      const { source } = got;
      assert.equal(source.file, name);
      assert.equal(source.byline, want.byline);
      assert.equal(source.siteName, want.siteName);
      assert.equal(source.url, want.url);
      assert.equal(source.published, want.published);
      assert.equal(source.extractor, '@mozilla/readability');
      for (const text of want.absent) assert.ok(!got.markdown.includes(text), `${JSON.stringify(text)} is not the story`);
      if (want.byline) {
        const body = got.blocks.filter((b) => b.kind !== 'headline' && b.kind !== 'standfirst').map((b) => inlineText(b.content));
        assert.ok(!body.some((t) => t.startsWith('By ') || t === want.byline), 'the byline is not in the body');
      }
      // The Markdown reads back, with the reader's parser, as the blocks that were extracted.
      const read = markdownBlocks(got.markdown);
      assert.deepEqual(
        read.map((b) => drawnText(got.markdown, b).replace(/\s+/g, ' ')),
        got.blocks.map((b) => inlineText(b.content).trim()),
      );
      assert.equal(read[0]?.kind, 'headline');
      if (want.standfirst) assert.equal(read[1]?.kind, 'standfirst');
    });
  }

  it('a page without article content is refused with a clear message', () => {
    const got = extract('section-front.html');
    assert.equal(got.ok, false);
    assert.match(got.ok ? '' : got.message, /^section-front\.html has no article text .*Nothing was written\.$/);
  });

  it('links keep their absolute http(s) target; relative ones are resolved against the page address', () => {
    const gazette = extract('harbour-gazette.html');
    assert.ok(gazette.ok && gazette.markdown.includes('[Institute for Coastal Research](https://coastal-research.example.org/about)'));
    const blog = extract('small-blog.html');
    assert.ok(blog.ok && blog.markdown.includes('[tell me](http://notes-from-elmfield.example/tips/)'));
  });

  it('the recorded extractor is the installed one', () => {
    const version = (pkg: string): string => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    assert.equal(EXTRACTOR.version, version('@mozilla/readability'));
    assert.equal(EXTRACTOR.dom, `linkedom ${version('linkedom')}`);
  });
});

describe('article: page character sets', () => {
  const bytes = (s: string, extra: number[] = []): Uint8Array => new Uint8Array([...Buffer.from(s, 'latin1'), ...extra]);
  const cases: [string, Uint8Array, string, string][] = [
    ['UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<p>“é”</p>')]), '<p>“é”</p>', 'utf-8'],
    [
      'meta charset windows-1252: curly quotes, not C1 controls',
      bytes('<meta charset="windows-1252"><p>', [0x93, 0x41, 0x94, 0x92, 0x80]),
      '<meta charset="windows-1252"><p>“A”’€',
      'windows-1252',
    ],
    [
      'http-equiv iso-8859-1 is read as windows-1252, as browsers do',
      bytes('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', [0x96]),
      '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">–',
      'windows-1252',
    ],
    ['no label, valid UTF-8', new Uint8Array(Buffer.from('<p>Król</p>')), '<p>Król</p>', 'utf-8'],
    ['no label, not UTF-8: windows-1252', bytes('<p>Kr', [0xf3, 0x6c]), '<p>Król', 'windows-1252'],
  ];
  for (const [name, input, text, charset] of cases)
    it(name, () => {
      const got = decodeHtml(input);
      assert.deepEqual(got, { ok: true, text, charset });
    });

  it('the windows-1252 fixture page keeps its quotes', () => {
    const got = extract('public-broadcaster.html');
    assert.ok(got.ok && got.markdown.includes('“The message is that Russia is not isolated,” said Marta Kowalczyk'));
  });

  it('an unknown charset is an error that says what to do', () => {
    const got = decodeHtml(bytes('<meta charset="x-klingon">'));
    assert.equal(got.ok, false);
    assert.match(got.ok ? '' : got.message, /"x-klingon".*save it again as UTF-8/);
  });
});

describe('article: writing Markdown', function () {
  // Hundreds of generated texts through the parser; no timing is asserted.
  this.timeout(60_000);
  it('escaped page text reads back as itself, whatever it holds', () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        'B',
        ' ',
        '*',
        '_',
        '[',
        ']',
        '(',
        ')',
        '#',
        '>',
        '-',
        '+',
        '1',
        '.',
        '`',
        '~',
        '<',
        '!',
        '&',
        ';',
        '\\',
        '=',
        '|',
        '😀',
        'é',
        '"',
      ),
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, fc.constantFrom<PageBlock['kind']>('paragraph', 'heading', 'quote', 'list-item'), (t, kind) => {
        fc.pre(t.trim() !== '');
        const md = writeMarkdown([{ kind, content: [t] }]);
        const read = markdownBlocks(md);
        const [first, ...rest] = read;
        assert.ok(first && rest.length === 0, md);
        assert.equal(drawnText(md, first).replace(/\s+/g, ' '), t.replace(/\s+/g, ' ').trim(), md);
      }),
      { numRuns: 500 },
    );
  });

  it('emphasis and links survive; a delimiter that cannot open falls back to plain text', () => {
    const md = writeMarkdown([
      {
        kind: 'paragraph',
        content: ['See ', { kind: 'emphasis', children: [' the report '] }, 'and ', { kind: 'link', href: 'https://x.example/a b', children: ['data'] }],
      },
      { kind: 'paragraph', content: ['a', { kind: 'strong', children: ['"quoted"'] }, 'b'] },
    ]);
    assert.equal(md, 'See *the report* and [data](https://x.example/a%20b)\n\na"quoted"b\n');
    assert.equal(escapeText('*not* [a](link) <b> &amp;'), '\\*not\\* \\[a\\](link) \\<b> \\&amp;');
  });
});
