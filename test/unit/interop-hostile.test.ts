// Hostile foreign files: huge, truncated, nested without end, offsets past the end, overlapping, in the wrong
// unit, markup in labels, prototype keys, the wrong article. Each gives a clear error (nothing imported) or
// located problems with everything else imported; none crashes or hangs (each case runs well inside mocha's
// default timeout, on inputs at the limits).

import * as assert from 'node:assert/strict';
import { importAnnotations, ImportError, newFileText, type ImportFormat, type ImportSources } from '../../src/core/interop';
import { MAX_FOREIGN_CHARS, MAX_ITEMS } from '../../src/core/interop/foreign';
import { parseAnnotationFile } from '../../src/core/parse';
import { positionOf } from '../../src/core/text';

const ARTICLE = 'Alan Chong told VOA that "Beijing is watching." 😀 Kashin said Moscow agrees.\n';

const brat = (ann: string, txt = ARTICLE): ImportSources => ({ main: { name: 'h.ann', text: ann }, text: { name: 'h.txt', text: txt } });
const one = (text: string, name = 'h.json'): ImportSources => ({ main: { name, text } });
const hyp = (annotations: unknown[]): string => JSON.stringify({ rows: annotations, total: annotations.length });
const quote = (exact: string, extra: object = {}): object => ({
  id: exact,
  uri: 'https://x.example/',
  user: 'acct:u@x',
  target: [{ selector: [{ type: 'TextQuoteSelector', exact }] }],
  ...extra,
});

type Expect = { refused: RegExp } | { problems: string[]; mentions: number; check?: (r: ReturnType<typeof importAnnotations>) => void };

const CASES: [string, ImportFormat, ImportSources, Expect][] = [
  ['truncated JSON', 'w3c', one('{"type": "AnnotationCollection", "first": {"items": [{"target": '), { refused: /^h\.json:1:\d+: not valid JSON/ }],
  ['not JSON at all', 'pubannotation', one('\u0000\u0001PK\u0003\u0004 binary'), { refused: /^h\.json:1:1: not valid JSON/ }],
  ['an empty file', 'w3c', one(''), { refused: /^h\.json:1:1: not valid JSON/ }],
  ['nested without end', 'w3c', one('['.repeat(100_000)), { refused: /nesting deeper than 128 levels/ }],
  ['huge: over the size limit', 'hypothesis', one(' '.repeat(MAX_FOREIGN_CHARS + 1)), { refused: /the limit is 33554432; nothing was imported/ }],
  ['huge: more standoff lines than the item limit', 'brat', brat('T1\tX 0 4\tAlan\n'.repeat(MAX_ITEMS + 1)), { refused: /more than 200000 lines/ }],
  [
    'a collection whose pages are elsewhere',
    'w3c',
    one('{"type": "AnnotationCollection", "first": "https://example.org/page1"}'),
    { refused: /nothing is fetched/ },
  ],
  ['PubAnnotation without its text', 'pubannotation', one('{"denotations": []}'), { refused: /needs its `text`/ }],
  ['brat without its text', 'brat', { main: { name: 'h.ann', text: 'T1\tX 0 4\tAlan\n' } }, { refused: /need their \.txt/ }],
  [
    'the wrong article: most quotes are not in it',
    'hypothesis',
    one(hyp([quote('Lorem ipsum'), quote('dolor sit amet'), quote('consectetur adipiscing'), quote('Alan Chong')])),
    { refused: /3 of 4 annotations are not in the article: the file seems to be about another text/ },
  ],
  [
    'offsets past the end of the text',
    'brat',
    brat('T1\tPerson 0 10\tAlan Chong\nT2\tPerson 70 99999\tKashin\n'),
    { problems: ['error:bad-offsets:2'], mentions: 1 },
  ],
  ['a span that ends before it starts', 'brat', brat('T1\tPerson 10 0\tAlan Chong\n'), { problems: ['error:bad-line:1'], mentions: 0 }],
  [
    'garbage lines among good ones',
    'brat',
    brat('hello world\nT1\tPerson 0 10\tAlan Chong\nZ9 no tab\n'),
    { problems: ['error:bad-line:1', 'error:bad-line:3'], mentions: 1 },
  ],
  [
    'overlapping and nested spans are kept (Marginalia nests mentions)',
    'brat',
    brat('T1\tPerson 0 10\tAlan Chong\nT2\tPerson 5 10\tChong\nT3\tOrg 5 19\tChong told VOA\n'),
    { problems: [], mentions: 3 },
  ],
  [
    'wrong units: UTF-16 offsets after an astral character',
    'brat',
    brat(`T1\tPerson ${ARTICLE.indexOf('Kashin')} ${ARTICLE.indexOf('Kashin') + 6}\tKashin\n`),
    {
      problems: ['warning:offset-unit:1'],
      mentions: 1,
      check: (r) => assert.equal(positionOf(r.additions.mentions[0]?.selector ?? [])?.start, Array.from(ARTICLE.slice(0, ARTICLE.indexOf('Kashin'))).length),
    },
  ],
  [
    'offsets over CRLF text counted with LF only',
    'brat',
    brat('T1\tPlace 12 18\tMoscow\n', 'First line.\r\nMoscow agrees.\r\n'),
    { problems: ['warning:offset-unit:1'], mentions: 1 },
  ],
  ['the line says other text than the offsets cover', 'brat', brat('T1\tPerson 0 10\tSomeone Else\n'), { problems: ['warning:text-mismatch:1'], mentions: 1 }],
  [
    'HTML in labels is kept as text and reported',
    'pubannotation',
    one(JSON.stringify({ text: ARTICLE, denotations: [{ id: 'T1', span: { begin: 0, end: 10 }, obj: '<img src=x onerror=alert(1)>' }] })),
    {
      problems: ['warning:markup-in-label:1'],
      mentions: 1,
      check: (r) => {
        assert.equal(r.additions.types[0]?.label, '<img src=x onerror=alert(1)>');
        assert.match(r.additions.types[0]?.id ?? '', /^[\p{L}\p{N}-]+$/u);
      },
    },
  ],
  [
    'prototype keys in a Hypothesis annotation are not carried into the file',
    'hypothesis',
    one(
      `{"rows": [{"id": "p", "uri": "u", "user": "u", "__proto__": {"polluted": true}, "constructor": 1, "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Alan Chong"}]}]}]}`,
    ),
    {
      problems: [],
      mentions: 1,
      check: (r) => {
        const kept = JSON.stringify(r.additions.mentions[0]);
        assert.ok(!kept.includes('__proto__') && !kept.includes('constructor') && !kept.includes('polluted'), kept);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      },
    },
  ],
  [
    'page notes, replies and empty quotes are reported, not imported',
    'hypothesis',
    one(hyp([{ id: 'note', uri: 'u', user: 'u', target: [{ source: 'u' }] }, quote('Alan Chong', { references: ['x'] }), quote('   '), quote('Kashin')])),
    { problems: ['warning:no-quote:1', 'info:reply:1', 'error:empty-quote:1'], mentions: 1 },
  ],
  [
    'a quote made of thousands of characters not in the article: an orphan, kept and reported',
    'w3c',
    one(JSON.stringify({ items: [quote('Alan Chong'), quote('Kashin'), quote('Moscow'), quote('x'.repeat(50_000))] })),
    { problems: ['error:orphan:1'], mentions: 4 },
  ],
  [
    'denotations with null, number and missing fields',
    'pubannotation',
    one(
      JSON.stringify({
        text: ARTICLE,
        denotations: [{ id: 'a', span: { begin: 0, end: 4 }, obj: null }, { id: 'b', span: { begin: -1, end: 4 }, obj: 'X' }, 7, { id: 'c', obj: 'X' }],
      }),
    ),
    { problems: ['error:bad-obj:1', 'error:bad-span:1', 'error:bad-denotation:1', 'error:bad-span:1'], mentions: 0 },
  ],
];

describe('interop: hostile foreign files', () => {
  for (const [name, format, src, expect] of CASES) {
    it(name, () => {
      if ('refused' in expect) {
        assert.throws(
          () => importAnnotations(format, src, ARTICLE),
          (e: unknown) => e instanceof ImportError && expect.refused.test(e.message),
        );
        return;
      }
      const r = importAnnotations(format, src, ARTICLE);
      const got = r.problems
        .filter((p) => p.severity !== 'info' || expect.problems.some((x) => x.startsWith('info:')))
        .map((p) => `${p.severity}:${p.code}:${p.line}`);
      assert.deepEqual(
        got.filter((g) => !g.startsWith('info:unknown-label')),
        expect.problems,
      );
      for (const p of r.problems) assert.ok(p.line >= 1 && p.column >= 1 && p.file.length > 0, JSON.stringify(p));
      assert.equal(r.additions.mentions.length, expect.mentions);
      expect.check?.(r);
      // Whatever was imported makes a valid file.
      const parsed = parseAnnotationFile(newFileText(r, 'a.txt', ARTICLE));
      assert.deepEqual(
        parsed.problems.filter((p) => p.severity === 'error'),
        [],
      );
    });
  }
});
