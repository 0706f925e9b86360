// Export to every format and back: what docs/interchange.md says is kept is kept, exactly, on the bundled
// article and on the fixtures (multilingual with astral characters, CRLF article, BOM file). Each exported file
// is also checked by an independent reader: JSON-LD expansion in safe mode (jsonld, offline), brat's standoff
// grammar and annotation.conf rules, an RFC 4180 CSV parser (csv-parse), and the spaCy spans against the text.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import * as jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec';
import { exportAnnotations, importAnnotations, newFileText, type ExportFormat, type ImportResult } from '../../src/core/interop';
import { CSV_COLUMNS, csvField } from '../../src/core/interop/csv';
import { MARGINALIA_CONTEXT, MARGINALIA_CONTEXT_DOCUMENT, W3C_CONTEXT } from '../../src/core/interop/w3cContext';
import { loadReadingSync } from '../../src/core/load';
import type { AnnotationFile } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import type { Model } from '../../src/core/resolve';
import { loadAnnotationFile, ROOT, FIXTURES } from './fixtures';

const FILES = [
  join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json'),
  ...['briefing', 'multilingual', 'crlf-article', 'bom', 'minimal', 'quote-only'].map((n) => join(FIXTURES, 'valid', `${n}.annotations.json`)),
];

interface Loaded {
  path: string;
  fileText: string;
  model: Model;
  /** The article as read from disk (CRLF, BOM and all). */
  article: string;
}

function load(path: string): Loaded {
  const { model } = loadAnnotationFile(path);
  assert.ok(model, path);
  const fileText = readFileSync(path, 'utf8');
  const article = readFileSync(join(path, '..', model.file.article.path), 'utf8');
  return { path, fileText, model, article };
}

function exported(l: Loaded, format: ExportFormat): ReturnType<typeof exportAnnotations> {
  return exportAnnotations(format, { model: l.model, fileText: l.fileText, fileName: basename(l.path), articleName: basename(l.model.file.article.path) });
}

/** A file as it would be written by an import into a new file beside the original. */
function reimported(l: Loaded, result: ImportResult): AnnotationFile {
  const text = newFileText(result, l.model.file.article.path, l.article);
  const parsed = parseAnnotationFile(text);
  assert.deepEqual(
    parsed.problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.ok(parsed.file);
  return parsed.file;
}

/** Anchored spans of a model: what a mention or claim is, independent of how its selectors are written. */
function spans(model: Model): { mentions: string[]; claims: string[] } {
  return {
    mentions: model.mentions.filter((m) => m.anchor.start !== undefined).map((m) => `${m.def.entity}@${m.anchor.start}-${m.anchor.end}`),
    claims: model.claims
      .filter((c) => c.anchor.start !== undefined)
      .map((c) => {
        const a = c.def.attribution;
        const mentioned = (id: string) => model.mentions.some((m) => m.def.entity === id && m.anchor.start !== undefined);
        const links = a.chain.map((l) =>
          l.entity !== undefined && mentioned(l.entity) ? `${l.role}:${l.entity}` : `${l.role}:"${l.label ?? model.entities.get(l.entity ?? '')?.name}"`,
        );
        // Links without a mention travel as labels after the others: their place in the chain is not kept.
        return `${c.anchor.start}-${c.anchor.end} ${a.mode} ${a.cue ?? ''} ${links.sort().join(',')} ${c.def.summary ?? ''}`;
      }),
  };
}

function modelOf(l: Loaded, file: AnnotationFile): Model {
  const text = JSON.stringify(file);
  const { model } = loadAnnotationFileText(text, l);
  return model;
}

function loadAnnotationFileText(text: string, l: Loaded): { model: Model } {
  const dir = relative(ROOT, dirname(l.path));
  const loaded = loadReadingSync(text, dir ? dir.split(sep) : [], () => ({ text: l.article }));
  assert.ok(loaded.model);
  return { model: loaded.model };
}

/** The file with every selector replaced by the span it anchors to (selectors are re-derived on import). */
function withoutSelectors(file: AnnotationFile, model: Model): unknown {
  const copy = JSON.parse(JSON.stringify(file)) as AnnotationFile;
  copy.mentions.forEach(
    (m, i) => (m.selector = [{ type: 'TextPositionSelector', start: model.mentions[i]?.anchor.start ?? -1, end: model.mentions[i]?.anchor.end ?? -1 }]),
  );
  copy.claims.forEach(
    (c, i) => (c.selector = [{ type: 'TextPositionSelector', start: model.claims[i]?.anchor.start ?? -1, end: model.claims[i]?.anchor.end ?? -1 }]),
  );
  delete copy.$schema;
  delete copy.article.hash;
  delete copy.article.length;
  return copy;
}

describe('interop: W3C round trip', function () {
  this.timeout(20_000);
  for (const path of FILES) {
    it(`keeps everything: ${basename(path)}`, () => {
      const l = load(path);
      const out = exported(l, 'w3c');
      const result = importAnnotations('w3c', { main: { name: 'x.jsonld', text: out.files[0]?.content ?? '' } }, l.article);
      assert.deepEqual(
        result.problems.filter((p) => p.severity !== 'info'),
        [],
      );
      const back = reimported(l, result);
      assert.deepEqual(withoutSelectors(back, modelOf(l, back)), withoutSelectors(l.model.file, l.model));
    });
  }

  it('the bundled file comes back byte for byte as JSON (its selectors are canonical)', () => {
    const l = load(FILES[0] as string);
    const out = exported(l, 'w3c');
    const back = reimported(l, importAnnotations('w3c', { main: { name: 'x.jsonld', text: out.files[0]?.content ?? '' } }, l.article));
    assert.deepEqual(back, JSON.parse(l.fileText));
  });

  it('unknown fields at every level travel as JSON literals', () => {
    const l = load(join(FIXTURES, 'valid', 'briefing.annotations.json'));
    const file = JSON.parse(l.fileText) as AnnotationFile & Record<string, unknown>;
    file['x-project'] = { reviewed: true };
    (file.entities[0] as unknown as Record<string, unknown>)['x-note'] = 'kept';
    (file.mentions[0] as unknown as Record<string, unknown>)['x-tags'] = ['a', 'b'];
    const model = loadAnnotationFileText(JSON.stringify(file), l).model;
    const out = exportAnnotations('w3c', { model, fileName: 'm', articleName: 'briefing.txt' });
    const back = reimported(l, importAnnotations('w3c', { main: { name: 'x', text: out.files[0]?.content ?? '' } }, l.article));
    assert.deepEqual((back as Record<string, unknown>)['x-project'], { reviewed: true });
    assert.equal((back.entities[0] as unknown as Record<string, unknown>)['x-note'], 'kept');
    assert.deepEqual((back.mentions[0] as unknown as Record<string, unknown>)['x-tags'], ['a', 'b']);
  });
});

describe('interop: brat and PubAnnotation round trips', function () {
  this.timeout(20_000);
  for (const format of ['brat', 'pubannotation'] as const) {
    for (const path of FILES) {
      it(`${format} keeps spans, entities, claims' mode, cue, summary and entity links, relations: ${basename(path)}`, () => {
        const l = load(path);
        const out = exported(l, format);
        const file = (suffix: string) => out.files.find((f) => f.name.endsWith(suffix));
        const src =
          format === 'brat'
            ? {
                main: { name: 'a.ann', text: file('.ann')?.content ?? '' },
                text: { name: 'a.txt', text: file('.txt')?.content ?? '' },
                config: { name: 'annotation.conf', text: file('.conf')?.content ?? '' },
              }
            : { main: { name: 'a.json', text: out.files[0]?.content ?? '' } };
        const result = importAnnotations(format, src, l.article);
        assert.deepEqual(
          result.problems.filter((p) => p.severity === 'error'),
          [],
        );
        const back = modelOf(l, reimported(l, result));
        const before = spans(l.model);
        const after = spans(back);
        assert.deepEqual([...after.mentions].sort(), [...before.mentions].sort());
        assert.deepEqual([...after.claims].sort(), [...before.claims].sort());
        const withMentions = new Set(l.model.mentions.filter((m) => m.anchor.start !== undefined).map((m) => m.def.entity));
        const rel = (m: Model) =>
          (m.file.relations ?? [])
            .filter((r) => withMentions.has(r.subject) && withMentions.has(r.object))
            .map((r) => `${r.type} ${r.subject} ${r.object}`)
            .sort();
        assert.deepEqual(rel(back), rel(l.model));
        const names = (m: Model) =>
          m.file.entities
            .filter((e) => withMentions.has(e.id))
            .map((e) => `${e.id} ${e.type} ${e.name}`)
            .sort();
        assert.deepEqual(names(back), names(l.model));
      });
    }
  }
});

// ---- independent readers ----------------------------------------------------------------------------

const contextFile = (path: string): RemoteDocument['document'] => JSON.parse(readFileSync(path, 'utf8')) as RemoteDocument['document'];
const LOCAL_CONTEXTS: Record<string, RemoteDocument['document']> = {
  [W3C_CONTEXT]: contextFile(join(FIXTURES, 'interop', 'w3c', 'anno.jsonld')),
  [MARGINALIA_CONTEXT]: contextFile(join(ROOT, 'media', 'schema', 'interchange-1.jsonld')),
};

/** Serves only the local copies: a test never touches the network. */
async function documentLoader(url: string): Promise<RemoteDocument> {
  const document = LOCAL_CONTEXTS[url];
  if (!document) throw new Error(`no local copy of ${url}; nothing is fetched`);
  return { document, documentUrl: url };
}

/** Safe mode (jsonld 9; not in its type definitions) throws on anything expansion would drop. */
const EXPAND: jsonld.Options.Expand & { safe: boolean } = { documentLoader, safe: true };

const OA = 'http://www.w3.org/ns/oa#';

describe('interop: exports read by independent parsers', function () {
  this.timeout(20_000);
  it('the shipped Marginalia context is the one in the code', () => {
    assert.deepEqual(LOCAL_CONTEXTS[MARGINALIA_CONTEXT], MARGINALIA_CONTEXT_DOCUMENT);
    const doc = readFileSync(join(ROOT, 'docs', 'interchange.md'), 'utf8');
    const block = /```json\n(\{\n {2}"@context": \{\n {4}"@version"[\s\S]*?\n\})\n```/.exec(doc);
    assert.ok(block, 'docs/interchange.md shows the context');
    assert.deepEqual(JSON.parse(block[1] as string), MARGINALIA_CONTEXT_DOCUMENT);
  });

  for (const path of FILES) {
    it(`W3C: JSON-LD expansion in safe mode drops nothing and finds every selector: ${basename(path)}`, async () => {
      const l = load(path);
      const doc = JSON.parse(exported(l, 'w3c').files[0]?.content ?? '') as object;
      const expanded = await jsonld.expand(doc, EXPAND);
      const text = JSON.stringify(expanded);
      const count = (iri: string) => text.split(`"${iri}"`).length - 1;
      assert.equal(count(`${OA}Annotation`), l.model.mentions.length + l.model.claims.length);
      assert.equal(count(`${OA}TextQuoteSelector`), l.model.mentions.length + l.model.claims.length);
      assert.equal(count(`${OA}TextPositionSelector`), [...l.model.mentions, ...l.model.claims].filter((x) => x.anchor.start !== undefined).length);
      assert.ok(text.includes('"http://www.w3.org/ns/activitystreams#OrderedCollection"'));
    });

    it(`brat: every line follows the standoff grammar, offsets give the text, the conf declares every label: ${basename(path)}`, () => {
      const l = load(path);
      const out = exported(l, 'brat');
      const txt = out.files.find((f) => f.name.endsWith('.txt'))?.content ?? '';
      const ann = out.files.find((f) => f.name.endsWith('.ann'))?.content ?? '';
      const conf = out.files.find((f) => f.name === 'annotation.conf')?.content ?? '';
      checkBrat(txt, ann, conf);
    });

    it(`CSV: an RFC 4180 parser reads one row per mention and claim: ${basename(path)}`, () => {
      const l = load(path);
      const content = exported(l, 'csv').files[0]?.content ?? '';
      assert.ok(content.endsWith('\r\n'));
      const [header] = parseCsv(content, { to_line: 1 }) as string[][];
      assert.deepEqual(header, [...CSV_COLUMNS]);
      const rows = parseCsv(content, { columns: true, relax_column_count: false }) as Record<string, string>[];
      assert.equal(rows.length, l.model.mentions.length + l.model.claims.length);
      const texts = [...l.model.mentions, ...l.model.claims].map((x) => csvField(l.model.textOf(x))).sort();
      assert.deepEqual(rows.map((r) => csvField(r.text ?? '').replace(/^'(?=[=+\-@])/, '')).sort(), texts.map((t) => t.replace(/^'(?=[=+\-@])/, '')).sort());
      const cps = Array.from(l.model.text);
      for (const r of rows) if (r.start) assert.equal(cps.slice(Number(r.start), Number(r.end)).join(''), r.text);
    });

    it(`spaCy: spans are code points with no white space at an edge and no overlap, one label per type: ${basename(path)}`, () => {
      const l = load(path);
      const content = exported(l, 'spacy').files[0]?.content ?? '';
      const lines = content.trimEnd().split('\n');
      assert.equal(lines.length, 1);
      const task = JSON.parse(lines[0] as string) as { text: string; spans: { start: number; end: number; label: string }[] };
      const cps = Array.from(task.text);
      let last = -1;
      for (const s of task.spans) {
        const t = cps.slice(s.start, s.end).join('');
        assert.ok(t.length > 0 && t === t.trim(), JSON.stringify(t));
        assert.ok(s.start >= last, 'sorted, no overlap');
        last = s.end;
        assert.match(s.label, /^[A-Z][A-Z0-9_]*$/);
      }
      const labels = new Set(l.model.file.types.map((t) => t.id.toUpperCase().replace(/[^A-Z0-9]/g, '_')));
      for (const s of task.spans) assert.ok(labels.has(s.label), s.label);
    });

    it(`PubAnnotation: every denotation's span is inside the text and covers what it names: ${basename(path)}`, () => {
      const l = load(path);
      const doc = JSON.parse(exported(l, 'pubannotation').files[0]?.content ?? '') as {
        text: string;
        denotations: { id: string; span: { begin: number; end: number }; obj: string }[];
        attributes: { subj: string; pred: string; obj: string }[];
      };
      const cps = Array.from(doc.text);
      const ids = new Set(doc.denotations.map((d) => d.id));
      for (const d of doc.denotations) assert.ok(d.span.begin < d.span.end && d.span.end <= cps.length);
      for (const a of doc.attributes) assert.ok(ids.has(a.subj));
      const mentionTexts = l.model.mentions.filter((m) => m.anchor.start !== undefined).map((m) => l.model.textOf(m));
      const denoted = doc.denotations.filter((d) => d.obj !== 'Claim').map((d) => cps.slice(d.span.begin, d.span.end).join(''));
      assert.deepEqual(denoted.sort(), mentionTexts.sort());
    });
  }
});

/** brat's standoff format (brat.nlplab.org/standoff.html) and annotation.conf rules, written from the documentation. */
function checkBrat(txt: string, ann: string, conf: string): void {
  const cps = Array.from(txt);
  const ids = new Map<string, string>();
  const used = {
    entities: new Set<string>(),
    events: new Set<string>(),
    relations: new Set<string>(),
    attributes: new Map<string, string>(),
    roles: new Set<string>(),
  };
  const refs: string[] = [];
  for (const line of ann.split('\n').filter((x) => x)) {
    const [id, data, tail] = line.split('\t') as [string, string | undefined, string | undefined];
    assert.ok(data !== undefined, line);
    assert.ok(!ids.has(id), `duplicate ${id}`);
    if (/^T\d+$/.test(id)) {
      const t = /^([A-Za-z][A-Za-z0-9_-]*) (\d+ \d+(?:;\d+ \d+)*)$/.exec(data);
      assert.ok(t, line);
      const fragments = (t[2] as string).split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      for (const [s, e] of fragments) assert.ok(0 <= s && s < e && e <= cps.length, line);
      assert.equal(fragments.map(([s, e]) => cps.slice(s, e).join('')).join(' '), tail, line);
      ids.set(id, t[1] as string);
    } else if (/^N\d+$/.test(id)) {
      const n = /^Reference (T\d+) ([^\s:]+):(\S+)$/.exec(data);
      assert.ok(n && tail !== undefined, line);
      refs.push(n[1] as string);
      ids.set(id, 'N');
    } else if (/^#\d+$/.test(id)) {
      const n = /^AnnotatorNotes ([TER]\d+)$/.exec(data);
      assert.ok(n && tail, line);
      refs.push(n[1] as string);
      ids.set(id, '#');
    } else if (/^E\d+$/.test(id)) {
      const parts = data.split(' ');
      const [type, trigger] = (parts[0] as string).split(':') as [string, string];
      assert.equal(ids.get(trigger), type, `the trigger of ${id} is a ${type}`);
      used.events.add(type);
      for (const a of parts.slice(1)) {
        const arg = /^([A-Za-z]+)\d*:(T\d+)$/.exec(a);
        assert.ok(arg, line);
        used.roles.add(arg[1] as string);
        refs.push(arg[2] as string);
      }
      ids.set(id, type);
    } else if (/^A\d+$/.test(id)) {
      const a = /^([A-Za-z]+) (E\d+) (\S+)$/.exec(data);
      assert.ok(a, line);
      refs.push(a[2] as string);
      used.attributes.set(`${a[1]}=${a[3]}`, a[1] as string);
      ids.set(id, 'A');
    } else if (/^R\d+$/.test(id)) {
      const r = /^([A-Za-z][A-Za-z0-9_-]*) Arg1:(T\d+) Arg2:(T\d+)$/.exec(data);
      assert.ok(r, line);
      refs.push(r[2] as string, r[3] as string);
      used.relations.add(r[1] as string);
      ids.set(id, 'R');
    } else assert.fail(`unexpected line ${line}`);
  }
  for (const r of refs) assert.ok(ids.has(r), `reference to ${r}`);
  for (const [id, type] of ids) if (id.startsWith('T') && type !== 'Claim') used.entities.add(type);

  const sections = new Map<string, string[]>();
  let section = '';
  for (const raw of conf.split('\n')) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    const s = /^\[(entities|relations|events|attributes)\]$/.exec(raw);
    if (s) {
      section = s[1] as string;
      sections.set(section, []);
      continue;
    }
    assert.ok(section, `a line before any section: ${raw}`);
    sections.get(section)?.push(raw);
  }
  assert.deepEqual([...sections.keys()], ['entities', 'relations', 'events', 'attributes']);
  const declared = new Set((sections.get('entities') ?? []).map((x) => x.trim()));
  for (const e of used.entities) assert.ok(declared.has(e), `entity type ${e} declared`);
  const relations = new Map((sections.get('relations') ?? []).map((x) => x.split('\t') as [string, string]));
  for (const r of used.relations) assert.match(relations.get(r) ?? '', /^Arg1:\S+, Arg2:\S+$/);
  const events = new Map((sections.get('events') ?? []).map((x) => x.split('\t') as [string, string]));
  for (const e of used.events) {
    const roles = (events.get(e) ?? '').split(', ').map((x) => x.replace(/[?*+]?:.*$/, ''));
    for (const r of used.roles) assert.ok(roles.includes(r), `role ${r} of ${e} declared`);
  }
  const attributes = new Map((sections.get('attributes') ?? []).map((x) => x.split('\t') as [string, string]));
  for (const [pair, name] of used.attributes) {
    const values = /Value:(\S+)$/.exec(attributes.get(name) ?? '')?.[1]?.split('|') ?? [];
    assert.ok(values.includes(pair.split('=')[1] as string), `value of ${pair} declared`);
  }
}
