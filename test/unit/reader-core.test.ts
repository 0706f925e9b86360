// The pure parts behind the reader: article structure, the payload the webview draws (UTF-16 offsets, type
// indices, cards), the banner, the message guard, and visible bidi controls.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnnotationFile, readArticlePath } from '../../src/core/parse';
import { bannerFor, buildReaderPayload } from '../../src/core/readerPayload';
import { resolveModel } from '../../src/core/resolve';
import { articleBlocks, type BlockKind } from '../../src/core/structure';
import { normalizeText, visibleControls } from '../../src/core/text';
import type { Problem } from '../../src/core/model';
import { parseWebviewMessage, safeExternalUrl } from '../../src/shared/protocol';

const root = join(__dirname, '..', '..', '..');
const articles = join(root, 'media', 'articles');

describe('articleBlocks', () => {
  const cases: { name: string; text: string; kinds: BlockKind[] }[] = [
    { name: 'headline only', text: 'A headline', kinds: ['headline'] },
    {
      name: 'headline, standfirst, paragraph',
      text: 'Title\n\nA standfirst that sets the scene for the piece\n\nA paragraph. It has two sentences.',
      kinds: ['headline', 'standfirst', 'paragraph'],
    },
    {
      name: 'a heading between paragraphs',
      text: 'Title\n\nFirst paragraph, long enough to be prose. Really.\n\nSection two\n\nMore prose follows here. Yes.',
      kinds: ['headline', 'paragraph', 'heading', 'paragraph'],
    },
    {
      name: 'boilerplate and sources',
      text: 'T\n\nBody text. More.\n\nThe Site is not responsible for the content of external sites.\n\nSources: A, B',
      kinds: ['headline', 'paragraph', 'boilerplate', 'sources'],
    },
    { name: 'blank lines and spaces only', text: '\n\n   \n', kinds: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const blocks = articleBlocks(c.text);
      assert.deepEqual(
        blocks.map((b) => b.kind),
        c.kinds,
      );
      for (const b of blocks) assert.equal(c.text.slice(b.start, b.end), c.text.slice(b.start, b.end).trim(), 'blocks are trimmed');
    });
  }

  it('finds the structure of the bundled article', () => {
    const text = normalizeText(readFileSync(join(articles, 'beijing-moscow-push-back.txt'), 'utf8'));
    const blocks = articleBlocks(text);
    const of = (kind: BlockKind) => blocks.filter((b) => b.kind === kind).map((b) => text.slice(b.start, b.end));
    assert.deepEqual(of('headline'), ['Beijing and Moscow push back against democracies']);
    assert.equal(of('standfirst').length, 1);
    assert.deepEqual(of('heading'), ['US policies', 'Asia region', 'Cold War-era']);
    assert.equal(of('boilerplate').length, 2);
    assert.equal(of('sources').length, 1);
    assert.equal(of('paragraph').length, blocks.length - 8);
  });
});

describe('buildReaderPayload', () => {
  it('sends the bundled article with every anchored mention, type counts and a card per entity', () => {
    const fileText = readFileSync(join(articles, 'beijing-moscow-push-back.annotations.json'), 'utf8');
    const parsed = parseAnnotationFile(fileText);
    assert.ok(parsed.file);
    const model = resolveModel(parsed.file, readFileSync(join(articles, 'beijing-moscow-push-back.txt'), 'utf8'), { parseProblems: parsed.problems, fileText });
    const p = buildReaderPayload(model, 'file:///x.annotations.json');
    assert.equal(p.mentions.length, parsed.file.mentions.length);
    assert.equal(p.claims.length, parsed.file.claims.length);
    assert.equal(
      p.types.reduce((n, t) => n + t.count, 0),
      p.mentions.length,
    );
    assert.deepEqual(Object.keys(p.entityCards).sort(), parsed.file.entities.map((e) => e.id).sort());
    const typeOf = new Map(parsed.file.entities.map((e) => [e.id, e.type]));
    for (const m of p.mentions) assert.equal(p.types[m.type]?.id, typeOf.get(m.entityId));
    for (let i = 1; i < p.mentions.length; i++)
      assert.ok((p.mentions[i - 1] as { start: number }).start <= (p.mentions[i] as { start: number }).start, 'sorted');
    assert.equal(p.entityCards['alan-chong']?.affiliations[0]?.name, 'S. Rajaratnam School of International Studies');
  });

  it('converts code points to UTF-16 offsets around emoji and leaves bad colours out of CSS', () => {
    const article = 'I 😀 like Ana 🎉 and Bo.';
    const cp = [...article];
    const at = (s: string) => {
      const u = article.indexOf(s);
      return [...article.slice(0, u)].length;
    };
    const file = {
      marginalia: 1 as const,
      article: { path: 'a.txt' },
      types: [{ id: 'person', label: 'Person', color: 'red; background:url(x)', cue: 'solid' as const }],
      entities: [
        { id: 'ana', type: 'person', name: 'Ana' },
        { id: 'bo', type: 'person', name: 'Bo' },
      ],
      mentions: [
        {
          id: 'm1',
          entity: 'ana',
          selector: [
            { type: 'TextQuoteSelector' as const, exact: 'Ana' },
            { type: 'TextPositionSelector' as const, start: at('Ana'), end: at('Ana') + 3 },
          ],
        },
        {
          id: 'm2',
          entity: 'bo',
          selector: [
            { type: 'TextQuoteSelector' as const, exact: 'Bo' },
            { type: 'TextPositionSelector' as const, start: at('Bo'), end: at('Bo') + 2 },
          ],
        },
      ],
      claims: [],
    };
    assert.equal(cp.length, article.length - 2);
    const p = buildReaderPayload(resolveModel(file, article), 'file:///a');
    assert.deepEqual(
      p.mentions.map((m) => article.slice(m.start, m.end)),
      ['Ana', 'Bo'],
    );
    assert.equal(p.types[0]?.color, '#808080');
  });
});

describe('bannerFor', () => {
  const problem = (severity: Problem['severity'], message: string, line: number): Problem => ({
    severity,
    code: 'x',
    message,
    path: [],
    line,
    column: 3,
    offset: 0,
    length: 0,
  });
  const cases: { name: string; problems: Problem[]; stale: boolean; expected: string | null }[] = [
    { name: 'no problems', problems: [], stale: false, expected: null },
    { name: 'warnings only', problems: [problem('warning', 'w', 1)], stale: false, expected: null },
    { name: 'one error', problems: [problem('error', 'bad', 4)], stale: false, expected: 'bad @ f.json:4:3' },
    {
      name: 'several, stale',
      problems: [problem('warning', 'w', 1), problem('error', 'first', 7), problem('error', 'second', 9)],
      stale: true,
      expected: 'Showing the last good version. first (+1 more) @ f.json:7:3',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = bannerFor(c.problems, 'f.json', c.stale);
      assert.equal(b ? `${b.message} @ ${b.location}` : null, c.expected);
    });
  }
});

describe('webview message guard', () => {
  const accepted: unknown[] = [
    { type: 'ready', state: null },
    { type: 'ready' },
    { type: 'ready', state: { source: 'file:///a', scrollTop: 3, openCard: { kind: 'entity', id: 'x' }, hiddenTypes: ['place'] } },
    { type: 'painted', ms: 12.5, mentions: 3 },
    { type: 'openLink', url: 'https://example.org' },
    { type: 'focus', target: { kind: 'mention', id: 'm1' } },
    { type: 'selection', start: 1, end: 5, source: 'file:///a' },
    { type: 'action', action: 'editEntity', id: 'alan-chong' },
    { type: 'action', action: 'delete', id: 'm-1' },
    { type: 'copyToWorkspace' },
    { type: 'openProblem' },
    { type: 'ready', state: { source: 'file:///a', legendCollapsed: true } },
  ];
  const rejected: unknown[] = [
    undefined,
    42,
    [],
    { type: 'ready', state: { source: 1 } },
    { type: 'ready', state: { source: 'x', openCard: { kind: 'file', id: 'x' } } },
    { type: 'painted', ms: Infinity, mentions: 1 },
    { type: 'focus', target: { kind: 'entity' } },
    { type: 'selection', start: 5, end: 1, source: 'x' },
    { type: 'selection', start: -1, end: 1, source: 'x' },
    { type: 'selection', start: 0.5, end: 1, source: 'x' },
    { type: 'openLink', url: 'x'.repeat(5000) },
    { type: '__proto__' },
    { type: 'action', action: 'runCommand', id: 'x' },
    { type: 'action', action: 'delete' },
    { type: 'action', action: 'toString', id: 'x' },
    { type: 'ready', state: { source: 'x', legendCollapsed: 'yes' } },
  ];
  accepted.forEach((m, i) => it(`accepts #${i} ${JSON.stringify(m)?.slice(0, 50)}`, () => assert.equal(parseWebviewMessage(m).ok, true)));
  rejected.forEach((m, i) => it(`rejects #${i} ${JSON.stringify(m)?.slice(0, 50)}`, () => assert.equal(parseWebviewMessage(m).ok, false)));

  const urls: [string, string | undefined][] = [
    ['https://example.org/a?b#c', 'https://example.org/a?b#c'],
    ['http://example.org', 'http://example.org/'],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['file:///etc/passwd', undefined],
    ['command:workbench.action.quit', undefined],
    ['vscode:extension/x', undefined],
    ['//example.org', undefined],
    ['not a url', undefined],
  ];
  for (const [url, expected] of urls) it(`safeExternalUrl(${url})`, () => assert.equal(safeExternalUrl(url), expected));
});

describe('visibleControls', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['\u202egnp.exe', '⟨U+202E⟩gnp.exe'],
    ['a\u2066b\u2069c', 'a⟨U+2066⟩b⟨U+2069⟩c'],
    ['עברית', 'עברית'],
    ['\u200f', '⟨U+200F⟩'],
    // Zero-width characters: two names that differ only in them must not look alike.
    ['Alan\u200bChong', 'Alan⟨U+200B⟩Chong'],
    ['VOA\u2060', 'VOA⟨U+2060⟩'],
    ['\ufeffName', '⟨U+FEFF⟩Name'],
    ['soft\u00adhyphen', 'soft⟨U+00AD⟩hyphen'],
    // Inside an emoji sequence the joiner and the variation selector are part of the picture.
    ['👩\u200d🔬 ❤\ufe0f', '👩\u200d🔬 ❤\ufe0f'],
    ['a\u200db', 'a⟨U+200D⟩b'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(visibleControls(input), expected));
});

describe('readArticlePath', () => {
  const cases: [string, string, string | undefined][] = [
    ['a plain file', '{"marginalia":1,"article":{"path":"a.txt"}}', 'a.txt'],
    ['comments and a trailing comma', '// c\n{"article": {"path": "dir/b.txt",},}', 'dir/b.txt'],
    ['a broken file still names its article', '{"article":{"path":"c.txt"},"mentions":[{', 'c.txt'],
    ['no article', '{"marginalia":1}', undefined],
    ['a path that is not a string', '{"article":{"path":3}}', undefined],
    ['an empty path', '{"article":{"path":""}}', undefined],
    ['not an object', '[1,2]', undefined],
    ['not JSON', 'hello', undefined],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.equal(readArticlePath(text), expected));
});
