// Real files from the tools themselves (test/fixtures/interop/PROVENANCE.md), imported and anchored at the right
// places: brat's own tutorial data, the Hypothesis client's anchoring baselines (a saved page and its API JSON),
// TextAE's PubAnnotation examples. Then merging: one validated edit, and a second import adds nothing.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { applyReplacement, idsIn } from '../../src/core/edit';
import { importAnnotations, mergeIntoFile, newFileText, type ImportResult, type ImportSources } from '../../src/core/interop';
import { loadReadingSync } from '../../src/core/load';
import type { MentionDef } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { normalizeText, positionOf, quoteOf } from '../../src/core/text';
import { FIXTURES } from './fixtures';

const dir = join(FIXTURES, 'interop');
const read = (...p: string[]): string => readFileSync(join(dir, ...p), 'utf8');
const cps = (s: string): string[] => Array.from(s);

function brat(name: string): ImportSources {
  return {
    main: { name: `${name}.ann`, text: read('brat', `${name}.ann`) },
    text: { name: `${name}.txt`, text: read('brat', `${name}.txt`) },
    config: { name: 'annotation.conf', text: read('brat', 'annotation.conf') },
  };
}

/** The text each imported mention is anchored at, by its selectors (positions are code points). */
function anchoredText(article: string, m: MentionDef): string {
  const p = positionOf(m.selector);
  assert.ok(p, `${m.id} is anchored`);
  return cps(normalizeText(article)).slice(p.start, p.end).join('');
}

/** The `body.textContent` a browser gives (linkedom's types assume a DOM library, which the unit tests do not load). */
function bodyText(html: string): string {
  // parseHTML returns a proxy whose `document` is a property read, not an own key: read it, do not test for it.
  const doc: unknown = Reflect.get(parseHTML(html), 'document');
  const body = typeof doc === 'object' && doc !== null && 'body' in doc ? doc.body : undefined;
  const text = typeof body === 'object' && body !== null && 'textContent' in body ? body.textContent : undefined;
  return typeof text === 'string' ? text : '';
}

function entityName(r: ImportResult, id: string): string | undefined {
  return r.additions.entities.find((e) => e.id === id)?.name;
}

function codes(r: ImportResult): string[] {
  return r.problems.map((p) => `${p.severity}:${p.code}:${p.line}`);
}

/** brat's .ann lines as [id, type, start, end, text] for the text-bound ones. */
function textBounds(ann: string): [string, string, number, number, string][] {
  return ann
    .split('\n')
    .map((l) => /^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1] as string, m[2] as string, Number(m[3]), Number(m[4]), m[5] as string]);
}

describe('interop: brat tutorial data (nlplab/brat)', () => {
  it('000-introduction: entity mentions at brat offsets, the Transfer-money event reported, normalization and note kept', () => {
    const src = brat('000-introduction');
    const article = read('brat', '000-introduction.txt');
    const r = importAnnotations('brat', src, article);
    const tbs = textBounds(src.main.text).filter(([id]) => id !== 'T3');
    assert.equal(r.additions.mentions.length, tbs.length);
    for (const [, , start, end, text] of tbs) {
      const m = r.additions.mentions.find((x) => positionOf(x.selector)?.start === start);
      assert.ok(m, `a mention at ${start}`);
      assert.equal(positionOf(m.selector)?.end, end);
      assert.equal(anchoredText(article, m), text);
    }
    assert.ok(codes(r).includes('warning:not-an-attribution:4'), codes(r).join(' '));
    const carlos = r.additions.entities.find((e) => e.name === 'Carlos Salinas de Gortari');
    assert.ok(carlos, 'N1 names the referent');
    assert.deepEqual(carlos.sameAs, [{ url: 'https://en.wikipedia.org/?curid=64488' }]);
    assert.deepEqual(carlos.aliases, ['former Mexican president']);
    assert.equal(r.additions.entities.find((e) => e.name === '$100 million')?.description, '100000000 USD');
    const rel = (type: string) => r.additions.relations.filter((x) => x.type === type).map((x) => `${entityName(r, x.subject)} -> ${entityName(r, x.object)}`);
    assert.deepEqual(rel('Origin'), ['banks -> Switzerland']);
    assert.deepEqual(rel('Family'), ['Raul Salinas de Gortari -> Carlos Salinas de Gortari']);
    const t4 = r.additions.mentions.find((m) => anchoredText(article, m) === 'Raul Salinas de Gortari') as unknown as Record<string, unknown>;
    assert.deepEqual(t4['x-brat'], { id: 'T4', attributes: { Mention: 'Name', Individual: true } });
    assert.deepEqual(
      r.additions.types.map((t) => t.label),
      ['Organization', 'Money', 'Person', 'GPE'],
    );
  });

  it('060-relation_annotation: an equivalence (*) makes one entity of three names', () => {
    const r = importAnnotations('brat', brat('060-relation_annotation'), read('brat', '060-relation_annotation.txt'));
    const rowling = r.additions.entities.filter((e) => e.name === 'Joanne Rowling');
    assert.equal(rowling.length, 1);
    assert.deepEqual(rowling[0]?.aliases, ['Jo Rowling', 'J. K. Rowling']);
    assert.equal(r.additions.mentions.filter((m) => m.entity === rowling[0]?.id).length, 6);
    assert.deepEqual(
      r.additions.relations.map((x) => `${x.type} ${entityName(r, x.subject)} ${entityName(r, x.object)}`),
      ['Located Terry Pratchett England'],
    );
  });

  it('100-attribute_annotation: Report events become claims by their reporter, with the trigger as cue', () => {
    const article = read('brat', '100-attribute_annotation.txt');
    const r = importAnnotations('brat', brat('100-attribute_annotation'), article);
    assert.equal(r.additions.claims.length, 4);
    const first = r.additions.claims[0];
    assert.ok(first);
    assert.equal(first.attribution.cue, 'twitted');
    assert.equal(first.attribution.mode, 'reported-statement');
    assert.equal(entityName(r, first.attribution.chain[0]?.entity ?? ''), 'Somebody');
    assert.equal(cps(normalizeText(article)).slice(positionOf(first.selector)?.start, positionOf(first.selector)?.end).join(''), 'merge');
    assert.deepEqual((first as unknown as Record<string, unknown>)['x-brat'], { id: 'E1', type: 'Report', attributes: { Confidence: 'Neutral' } });
    const speakers = r.additions.claims.map((c) => entityName(r, c.attribution.chain[0]?.entity ?? ''));
    assert.deepEqual(speakers, ['Somebody', 'CNN', 'Somebody', 'CNN']);
  });

  it('110-note_annotation: notes become descriptions; a relation note is kept; the duplicate Family relation is skipped', () => {
    const r = importAnnotations('brat', brat('110-note_annotation'), read('brat', '110-note_annotation.txt'));
    assert.equal(r.additions.entities.find((e) => e.name === 'Discworld')?.description, 'Should fictional places be annotated?');
    const family = r.additions.relations.find((x) => x.type === 'Family') as unknown as Record<string, unknown>;
    assert.deepEqual(family['x-brat'], { id: 'R1', note: "Should this be marked? It's not explicitly stated." });
    assert.ok(codes(r).includes('info:duplicate:21'));
  });

  it('an edited article: every mention is found again at its new place', () => {
    const txt = read('brat', '000-introduction.txt');
    const inserted = 'A paragraph added before the tutorial, with a Citibank of its own.\n\n';
    const edited = inserted + txt.replace('moving', 'transferring');
    const r = importAnnotations('brat', brat('000-introduction'), edited);
    const shift = cps(inserted).length;
    for (const [, , start, , text] of textBounds(read('brat', '000-introduction.ann')).filter(([id]) => id !== 'T3')) {
      const m = r.additions.mentions.find((x) => anchoredText(edited, x) === text);
      assert.ok(m, text);
      const at = positionOf(m.selector)?.start ?? -1;
      assert.ok(at === start + shift || at === start + shift + 'transferring'.length - 'moving'.length, `${text} at ${at}`);
    }
  });
});

describe('interop: Hypothesis client fixtures (API JSON of a saved page)', () => {
  const json = read('hypothesis', 'wikipedia-regression-testing.json');
  const page = bodyText(read('hypothesis', 'wikipedia-regression-testing.html'));
  const rows = (JSON.parse(json) as { rows: { id: string; target: { selector: { type: string; start?: number; exact?: string }[] }[] }[] }).rows;

  it("against the page's own text: every annotation at its quote, and at its UTF-16 position where that still points at it", () => {
    const r = importAnnotations('hypothesis', { main: { name: 'wikipedia.json', text: json } }, page);
    assert.equal(r.additions.mentions.length, rows.length);
    for (const row of rows) {
      const m = r.additions.mentions.find((x) => (x['x-hypothesis' as keyof MentionDef] as unknown as { id: string }).id === row.id);
      assert.ok(m, row.id);
      const q = row.target[0]?.selector.find((s) => s.type === 'TextQuoteSelector');
      const p = row.target[0]?.selector.find((s) => s.type === 'TextPositionSelector');
      assert.equal(anchoredText(page, m), q?.exact);
      if (page.slice(p?.start, (p?.start ?? 0) + (q?.exact?.length ?? 0)) === q?.exact) assert.equal(positionOf(m.selector)?.start, p?.start);
    }
    // The footer moved in this copy of the page: found by its quote, reported as information.
    assert.equal(r.problems.filter((p) => p.code === 'position-mismatch' && p.severity === 'info').length, 1);
    assert.equal(r.title, 'Regression testing - Wikipedia');
    assert.deepEqual(
      r.additions.types.map((t) => t.label),
      ['Annotation'],
    );
  });

  it('against the article as a reader extracts it (white space collapsed): every quote found, positions reported as page offsets', () => {
    const article = page.replace(/\s+/g, ' ').trim();
    const r = importAnnotations('hypothesis', { main: { name: 'wikipedia.json', text: json } }, article);
    for (const m of r.additions.mentions) assert.equal(anchoredText(article, m), quoteOf(m.selector)?.exact);
    assert.equal(r.additions.mentions.length, rows.length);
    assert.ok(r.problems.every((p) => p.severity === 'info'));
  });

  it('minimal.json: "Two" in "One Two Three"', () => {
    // linkedom needs the <html> the browser would have implied around the fixture's bare <body>.
    const text = bodyText(`<!doctype html><html>${read('hypothesis', 'minimal.html')}</html>`);
    assert.equal(text, 'One Two Three');
    const r = importAnnotations('hypothesis', { main: { name: 'minimal.json', text: read('hypothesis', 'minimal.json') } }, text);
    assert.deepEqual(positionOf(r.additions.mentions[0]?.selector ?? []), { type: 'TextPositionSelector', start: 4, end: 7 });
  });

  it('UTF-16 page offsets are converted: a repeated quote is placed at the occurrence they name, past astral characters', () => {
    const article = 'Chong 😀😀😀😀😀😀😀😀 said, and Chong said again.';
    const u16 = article.lastIndexOf('Chong');
    const h = {
      rows: [
        {
          id: 'h1',
          uri: 'https://example.org/',
          user: 'acct:a@example.org',
          target: [
            {
              selector: [
                { type: 'TextPositionSelector', start: u16, end: u16 + 5 },
                { type: 'TextQuoteSelector', exact: 'Chong' },
              ],
            },
          ],
        },
      ],
    };
    const r = importAnnotations('hypothesis', { main: { name: 'h.json', text: JSON.stringify(h) } }, article);
    assert.deepEqual(positionOf(r.additions.mentions[0]?.selector ?? []), {
      type: 'TextPositionSelector',
      start: cps(article.slice(0, u16)).length,
      end: cps(article.slice(0, u16)).length + 5,
    });
    assert.deepEqual(
      r.problems.filter((p) => p.severity !== 'info'),
      [],
    );
  });
});

describe('interop: PubAnnotation examples (TextAE)', () => {
  it('textae-annotation-example-1: two denotations and their relation', () => {
    const doc = read('pubannotation', 'textae-annotation-example-1.json');
    const article = 'Elon Musk is a member of the PayPal Mafia.';
    const r = importAnnotations('pubannotation', { main: { name: 'ex.json', text: doc } }, article);
    assert.deepEqual(
      r.additions.mentions.map((m) => anchoredText(article, m)),
      ['Elon Musk', 'PayPal Mafia'],
    );
    assert.deepEqual(
      r.additions.relations.map((x) => `${entityName(r, x.subject)} ${x.type} ${entityName(r, x.object)}`),
      ['Elon Musk member PayPal Mafia'],
    );
  });

  it('yurikago-no-uta: offsets count CR and LF of CRLF; anchored in the normalized article', () => {
    const doc = read('pubannotation', 'yurikago-no-uta.json');
    const raw = (JSON.parse(doc) as { text: string }).text;
    const r = importAnnotations('pubannotation', { main: { name: 'y.json', text: doc } }, raw);
    const spans = (JSON.parse(doc) as { denotations: { span: { begin: number; end: number } }[] }).denotations.map((d) =>
      cps(raw).slice(d.span.begin, d.span.end).join(''),
    );
    assert.deepEqual(
      r.additions.mentions.map((m) => anchoredText(raw, m)),
      spans,
    );
    assert.deepEqual(spans, ['カナリヤ', 'びわの実', '黄色い月']);
    assert.deepEqual(
      r.additions.types.map((t) => t.id),
      ['黄色'],
    );
    assert.ok(codes(r).some((c) => c.startsWith('info:blocks-ignored')));
  });

  it('multi_tracks: both tracks read, denotations without ids named in messages', () => {
    const doc = read('pubannotation', 'multi_tracks.json');
    const text = (JSON.parse(doc) as { text: string }).text;
    const r = importAnnotations('pubannotation', { main: { name: 'm.json', text: doc } }, text);
    assert.equal(r.additions.mentions.length, 6);
    assert.equal(r.problems.filter((p) => p.code === 'no-id').length, 2);
    assert.equal(r.additions.relations.length, 2);
  });

  it('warning_not_integer_span: a string and a fractional offset are located errors, nothing is guessed', () => {
    const doc = read('pubannotation', 'warning_not_integer_span.json');
    const r = importAnnotations('pubannotation', { main: { name: 'w.json', text: doc } }, (JSON.parse(doc) as { text: string }).text);
    assert.equal(r.additions.mentions.length, 0);
    assert.deepEqual(codes(r), ['error:bad-span:4', 'error:bad-span:12']);
  });
});

describe('interop: merging into an existing file', () => {
  const briefing = join(FIXTURES, 'valid', 'briefing.annotations.json');
  const fileText = readFileSync(briefing, 'utf8');
  const article = readFileSync(join(FIXTURES, 'articles', 'briefing.txt'), 'utf8');
  const load = (text: string) => loadReadingSync(text, ['test', 'fixtures', 'valid'], () => ({ text: article }));

  it('one replacement, validated; matching labels and entities reused; a second import adds nothing', () => {
    const ann = 'T1\tPerson 0 9\tMinisters\nT2\tPlace 18 24\tGeneva\n';
    const src: ImportSources = { main: { name: 'b.ann', text: ann }, text: { name: 'b.txt', text: article } };
    const before = load(fileText);
    assert.ok(before.model);
    const r = importAnnotations('brat', src, article, { model: before.model, ids: idsIn(fileText) });
    const outcome = mergeIntoFile(fileText, r);
    assert.ok(outcome.replacement);
    assert.equal(applyReplacement(fileText, outcome.replacement), outcome.text);
    assert.equal(outcome.text.includes('\r\n'), fileText.includes('\r\n'));
    const after = load(outcome.text);
    assert.ok(after.model);
    assert.deepEqual(
      after.problems.filter((p) => p.severity === 'error'),
      before.problems.filter((p) => p.severity === 'error'),
    );
    assert.equal(after.model.mentions.length, before.model.mentions.length + r.additions.mentions.length);
    const again = importAnnotations('brat', src, article, { model: after.model, ids: idsIn(outcome.text) });
    assert.deepEqual(again.additions, { types: [], entities: [], mentions: [], claims: [], relations: [] });
    assert.equal(mergeIntoFile(outcome.text, again).replacement, undefined);
  });

  it('a new file from an import is valid and names its article', () => {
    const r = importAnnotations(
      'pubannotation',
      { main: { name: 'ex.json', text: read('pubannotation', 'textae-annotation-example-1.json') } },
      'Elon Musk is a member of the PayPal Mafia.',
    );
    const text = newFileText(r, 'musk.txt', 'Elon Musk is a member of the PayPal Mafia.');
    const parsed = parseAnnotationFile(text);
    assert.deepEqual(
      parsed.problems.filter((p) => p.severity !== 'info'),
      [],
    );
    assert.equal(parsed.file?.article.path, 'musk.txt');
  });
});
