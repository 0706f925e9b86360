// The bundled annotation of the bundled article, checked for completeness and faithfulness against the text
// itself: every name occurrence is a mention, every quotation lies in an attributed claim, every selector
// agrees with the text. The checks read the committed JSON, not the script's spec, so a spec bug shows here.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import type { AnnotationFile, ClaimDef, EntityDef, MentionDef, Problem } from '../../src/core/model';
import { MODES } from '../../src/core/outline';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel } from '../../src/core/resolve';
import { hashText, normalizeText, OffsetMap, positionOf, quoteOf, selectorsFor } from '../../src/core/text';
import { ANNOTATION_FILE, ARTICLE_FILE, buildSeedAnnotation, serialize } from '../../scripts/seed-annotation';

/** The repository root, found from the bundle's location (dist/test/unit) or the source's (test/unit). */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ARTICLE_FILE))) return dir;
    if (dirname(dir) === dir) throw new Error(`no ${ARTICLE_FILE} above ${__dirname}`);
  }
}

const ROOT = repoRoot();
const raw = readFileSync(join(ROOT, ARTICLE_FILE), 'utf8');
const text = normalizeText(raw);
const fileText = readFileSync(join(ROOT, ANNOTATION_FILE), 'utf8');
const file = JSON.parse(fileText) as AnnotationFile;
const relations = file.relations ?? [];
const entityById = new Map(file.entities.map((e) => [e.id, e]));

// ---- What the brief fixes ---------------------------------------------------------------------------

const EXPECTED_TYPES = [
  { id: 'person', label: 'Person', color: '#8a63d2', cue: 'solid', icon: 'person' },
  { id: 'analyst', label: 'Analyst', color: '#2f81f7', cue: 'double', icon: 'mortar-board', parent: 'person' },
  { id: 'official', label: 'Official', color: '#bf3989', cue: 'dashed', icon: 'account', parent: 'person' },
  { id: 'institution', label: 'Institution', color: '#1a7f37', cue: 'box', icon: 'organization' },
  { id: 'outlet', label: 'Media outlet', color: '#d4a72c', cue: 'wavy', icon: 'broadcast' },
  { id: 'place', label: 'Country or place', color: '#0e8a87', cue: 'dotted', icon: 'globe' },
  { id: 'event', label: 'Event', color: '#cf222e', cue: 'bold', icon: 'calendar' },
  { id: 'treaty', label: 'Treaty or pact', color: '#6e40c9', cue: 'italic', icon: 'law' },
  { id: 'weapon', label: 'Weapon system or ship', color: '#bc4c00', cue: 'double', icon: 'rocket' },
  { id: 'unnamed-source', label: 'Unnamed source', color: '#6e7781', cue: 'dotted', icon: 'question' },
];

/** Whole-word occurrences of an entity's name or alias that are deliberately not mentions of it. */
const OCCURRENCE_EXCEPTIONS: { entity: string; form: string; inside: string; reason: string }[] = [
  { entity: 'china', form: 'China', inside: 'China Factor', reason: "part of the outlet's name, not the country (boilerplate lines)" },
  { entity: 'china', form: 'China', inside: 'China Daily', reason: "part of the outlet's name, not the country (source line)" },
  { entity: 'united-states', form: 'US', inside: 'US$', reason: 'the currency sign in "US$7 billion", not the country' },
];

/** Quotation-mark spans outside every claim, each with why no claim holds it. */
const QUOTE_EXCEPTIONS: { quote: string; reason: string }[] = [
  { quote: '‘circle the wagons’', reason: "scare quotes in the standfirst, the author's own voice" },
  { quote: '“Wolf Warrior diplomacy”', reason: 'a policy label in the narrative, attributed to no one' },
];

/** Analysts the article gives no institution. */
const UNAFFILIATED_ANALYSTS: { entity: string; reason: string }[] = [
  {
    entity: 'bobo-lo',
    reason: 'the article calls him "an independent international relations analyst"; the Center for Global Security Research only held the talk',
  },
];

/** Adjectives and demonyms that must never be annotated as a name. */
const NOT_NAMES = ['Chinese', 'Russian', 'Western', 'Sino-Russian', 'Russo-Sino', 'Australian', 'European'];

/** Which entity types each relation type may join: [subject types, object types]. */
const RELATION_SHAPES: Record<string, [string[], string[]]> = {
  affiliatedWith: [['analyst'], ['institution']],
  locatedIn: [['institution', 'outlet'], ['place']],
  partOf: [['institution', 'weapon'], ['institution']],
  leaderOf: [['official'], ['place', 'institution']],
  officialOf: [['official'], ['place']],
  partyTo: [['place'], ['treaty']],
};

// ---- Helpers -----------------------------------------------------------------------------------------

const WORD = /[\p{L}\p{N}]/u;

function occurrencesOf(needle: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

/** Occurrences not glued to a letter or digit: "Asia" is no word in "Eurasia", "US" is one in "US-led". */
function wholeWord(needle: string): [number, number][] {
  return occurrencesOf(needle).filter(([s, e]) => !WORD.test(text.slice(Math.max(0, s - 1), s)) && !WORD.test(text.slice(e, e + 1)));
}

/** UTF-16 range of an item, from its position selector (the text is BMP-only, checked below, but go through the map anyway). */
const map = new OffsetMap(text);
function range(item: MentionDef | ClaimDef): [number, number] {
  const pos = positionOf(item.selector);
  assert.ok(pos, `${item.id} has no TextPositionSelector`);
  return [map.toUtf16(pos.start), map.toUtf16(pos.end)];
}

function names(e: EntityDef): string[] {
  return [e.name, ...(e.aliases ?? [])];
}

/** Spans between paired quotation marks, plus any closing mark with no opener (a typo in the source). */
function quotationSpans(): { start: number; end: number; quote: string }[] {
  const spans: { start: number; end: number; quote: string }[] = [];
  const pairs: [string, string][] = [
    ['“', '”'],
    ['‘', '’'],
  ];
  for (const [open, close] of pairs) {
    let i = 0;
    for (;;) {
      const o = text.indexOf(open, i);
      const c = text.indexOf(close, i);
      if (o === -1 && (c === -1 || close === '’')) break; // a lone ’ is an apostrophe, not a stray quote
      if (o === -1 || (c !== -1 && c < o)) {
        spans.push({ start: c, end: c + 1, quote: close });
        i = c + 1;
        continue;
      }
      const e = text.indexOf(close, o + 1);
      assert.notEqual(e, -1, `unclosed ${open} at ${o}`);
      spans.push({ start: o, end: e + 1, quote: text.slice(o, e + 1) });
      i = e + 1;
    }
  }
  return spans;
}

const claimsInOrder = [...file.claims].sort((a, b) => range(a)[0] - range(b)[0]);
const claimText = (c: ClaimDef): string => text.slice(...range(c));
const speakerOf = (c: ClaimDef): string | undefined => c.attribution.chain[0]?.entity;
function previousClaim(c: ClaimDef): ClaimDef | undefined {
  const i = claimsInOrder.indexOf(c);
  return i > 0 ? claimsInOrder[i - 1] : undefined;
}

// ---- Counts (in the titles, so the test report is the table) ---------------------------------------

const counts = file.types.map((t) => {
  const ents = file.entities.filter((e) => e.type === t.id);
  const ids = new Set(ents.map((e) => e.id));
  return { type: t.id, entities: ents.length, mentions: file.mentions.filter((m) => ids.has(m.entity)).length };
});

describe(`seed annotation: ${file.entities.length} entities, ${file.mentions.length} mentions, ${file.claims.length} claims, ${relations.length} relations`, () => {
  describe('counts per type', () => {
    for (const c of counts) {
      // `person` is only the parent of analyst and official: every person is one of the two.
      const expectUsed = c.type !== 'person';
      it(`${c.type.padEnd(14)} ${String(c.entities).padStart(3)} entities ${String(c.mentions).padStart(4)} mentions`, () => {
        if (expectUsed) assert.ok(c.entities > 0 && c.mentions >= c.entities, `${c.type} is unused`);
        else assert.equal(c.entities, 0);
      });
    }
    const modes = new Map<string, number>();
    for (const c of file.claims) modes.set(c.attribution.mode, (modes.get(c.attribution.mode) ?? 0) + 1);
    it(`claims by mode: ${[...modes].map(([m, n]) => `${m} ${n}`).join(', ')}`, () => {
      // The article has quotes, paraphrases, outlets' reports and stated beliefs: each mode is annotated.
      assert.deepEqual([...modes.keys()].sort(), MODES.map((m) => m.id).sort());
    });
  });

  describe('file', () => {
    it('is exactly what scripts/seed-annotation.ts produces (2-space JSON, fixed key order, final newline)', () => {
      assert.equal(fileText, serialize(buildSeedAnnotation(text)), 'stale: regenerate with scripts/seed-annotation.ts');
    });

    it('describes the article: path, title, hash and code-point length of the normalized text', () => {
      assert.equal(file.marginalia, 1);
      assert.equal(file.article.path, 'beijing-moscow-push-back.txt');
      assert.ok(existsSync(join(ROOT, dirname(ANNOTATION_FILE), file.article.path)));
      assert.equal(file.article.title, text.slice(0, text.indexOf('\n')));
      assert.equal(file.article.hash, hashText(text));
      assert.equal(file.article.length, [...text].length);
    });

    it('has the agreed types, labels, colours, cues and icons', () => {
      assert.deepEqual(
        file.types.map((t) => ({ id: t.id, label: t.label, color: t.color, cue: t.cue, icon: t.icon, ...(t.parent ? { parent: t.parent } : {}) })),
        EXPECTED_TYPES,
      );
    });

    it('has unique ids across entities, mentions, claims and relations, and unique type ids', () => {
      const ids = [...file.entities, ...file.mentions, ...file.claims, ...relations].map((x) => x.id);
      assert.deepEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
      );
      const typeIds = file.types.map((t) => t.id);
      assert.equal(new Set(typeIds).size, typeIds.length);
    });

    it('validates against the shipped JSON Schema', () => {
      const schemaPath = join(ROOT, 'media/schema/annotations.schema.json');
      const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
      assert.ok(validate(file), JSON.stringify(validate.errors, null, 1));
    });
  });

  describe('selectors', () => {
    const items: (MentionDef | ClaimDef)[] = [...file.mentions, ...file.claims];
    it(`every one of ${items.length} quotes equals the text at its position, with 32-code-point context`, () => {
      for (const item of items) {
        const quote = quoteOf(item.selector);
        assert.ok(quote, `${item.id} has no TextQuoteSelector`);
        const [s, e] = range(item);
        assert.equal(text.slice(s, e), quote.exact, `${item.id}: quote differs from the text at its position`);
        assert.deepEqual(item.selector, selectorsFor(map, s, e), `${item.id}: prefix/suffix/position disagree with the text`);
      }
    });
  });

  describe('entities and mentions', () => {
    it('every entity has a known type, at least one mention, and no invented external identifier', () => {
      const typeIds = new Set(file.types.map((t) => t.id));
      for (const e of file.entities) {
        assert.ok(typeIds.has(e.type), `${e.id}: unknown type ${e.type}`);
        assert.ok(
          file.mentions.some((m) => m.entity === e.id),
          `${e.id} has no mention`,
        );
        assert.equal(e.sameAs, undefined, `${e.id}: sameAs is not supported by the article`);
        assert.ok(e.description && !e.description.includes('\n'), `${e.id}: needs a one-paragraph description`);
      }
    });

    it('every mention names an existing entity and reads as its name or one of its aliases', () => {
      for (const m of file.mentions) {
        const e = entityById.get(m.entity);
        assert.ok(e, `${m.id}: unknown entity ${m.entity}`);
        assert.ok(names(e).includes(quoteOf(m.selector)?.exact ?? ''), `${m.id}: "${quoteOf(m.selector)?.exact}" is not a name of ${e.id}`);
      }
    });

    it('every alias occurs in the article (no invented names) and no adjective or demonym is a name', () => {
      for (const e of file.entities) {
        for (const a of e.aliases ?? []) assert.ok(wholeWord(a).length > 0, `${e.id}: alias "${a}" is not in the text`);
        for (const n of names(e)) assert.ok(!NOT_NAMES.includes(n), `${e.id}: "${n}" is an adjective`);
      }
    });

    it('mentions of one entity never overlap each other', () => {
      const byEntity = new Map<string, [number, number][]>();
      for (const m of file.mentions) byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), range(m)]);
      for (const [entity, spans] of byEntity) {
        spans.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++)
          assert.ok((spans[i - 1] as [number, number])[1] <= (spans[i] as [number, number])[0], `${entity}: overlapping mentions`);
      }
    });

    it('every whole-word occurrence of every name and alias is a mention of that entity (listed exceptions aside)', () => {
      const used = new Set<number>();
      const missing: string[] = [];
      for (const e of file.entities) {
        const spans = file.mentions.filter((m) => m.entity === e.id).map(range);
        for (const form of names(e)) {
          for (const [s, end] of wholeWord(form)) {
            // Covered by a mention that holds it ("Xi" in "Xi Jinping") or one nested in it ("West" in "the West").
            if (spans.some(([ms, me]) => (ms <= s && end <= me) || (s <= ms && me <= end))) continue;
            const x = OCCURRENCE_EXCEPTIONS.findIndex(
              (ex) => ex.entity === e.id && ex.form === form && occurrencesOf(ex.inside).some(([is, ie]) => is <= s && end <= ie),
            );
            if (x !== -1) {
              used.add(x);
              continue;
            }
            missing.push(`${e.id}: "${form}" at ${s} (…${text.slice(Math.max(0, s - 20), end + 20)}…)`);
          }
        }
      }
      assert.deepEqual(missing, []);
      assert.deepEqual(
        OCCURRENCE_EXCEPTIONS.filter((_, i) => !used.has(i)),
        [],
        'an exception no longer matches anything',
      );
    });

    it('every analyst has the role and affiliation the article states, with an affiliatedWith relation', () => {
      for (const e of file.entities.filter((x) => x.type === 'analyst')) {
        assert.ok(e.role, `${e.id} has no role`);
        if (UNAFFILIATED_ANALYSTS.some((u) => u.entity === e.id)) {
          assert.equal(e.affiliations, undefined, `${e.id} is listed as unaffiliated`);
          continue;
        }
        assert.ok(e.affiliations?.length, `${e.id} has no affiliation`);
        for (const a of e.affiliations) {
          assert.equal(entityById.get(a)?.type, 'institution', `${e.id}: affiliation ${a} is not an institution`);
          assert.ok(
            relations.some((r) => r.type === 'affiliatedWith' && r.subject === e.id && r.object === a),
            `${e.id}: no affiliatedWith ${a}`,
          );
        }
      }
    });

    it('every role is quoted verbatim from a paragraph that names its holder', () => {
      const paragraphOf = (at: number): [number, number] => {
        const s = text.lastIndexOf('\n', at) + 1;
        const e = text.indexOf('\n', at);
        return [s, e === -1 ? text.length : e];
      };
      for (const e of file.entities) {
        if (e.role === undefined) continue;
        const role = e.role;
        const stated = file.mentions
          .filter((m) => m.entity === e.id)
          .some((m) => {
            const [ps, pe] = paragraphOf(range(m)[0]);
            return wholeWord(role).some(([s, end]) => s >= ps && end <= pe);
          });
        assert.ok(stated, `${e.id}: role "${role}" is not stated next to any of its mentions`);
      }
    });
  });

  describe('claims', () => {
    it('every quotation-mark span lies inside a claim, or is a listed exception', () => {
      const claimRanges = file.claims.map(range);
      const used = new Set<number>();
      const outside: string[] = [];
      for (const q of quotationSpans()) {
        if (claimRanges.some(([s, e]) => s <= q.start && q.end <= e)) continue;
        const x = QUOTE_EXCEPTIONS.findIndex((ex) => ex.quote === q.quote);
        if (x !== -1) used.add(x);
        else outside.push(`${q.quote} at ${q.start}`);
      }
      assert.deepEqual(outside, []);
      assert.deepEqual(
        QUOTE_EXCEPTIONS.filter((_, i) => !used.has(i)),
        [],
        'an exception no longer matches anything',
      );
    });

    it('every claim is whole sentences, with a one-line summary, and claims never overlap', () => {
      let lastEnd = 0;
      for (const c of claimsInOrder) {
        const [s, e] = range(c);
        assert.ok(s >= lastEnd, `${c.id} overlaps the claim before it`);
        lastEnd = e;
        assert.ok(s === 0 || text[s - 1] === '\n' || /[.”] $/.test(text.slice(s - 2, s)), `${c.id} does not start a sentence`);
        assert.ok(e === text.length || text[e] === '\n' || text[e] === ' ', `${c.id} does not end a sentence`);
        assert.match(text.slice(e - 1, e), /[.”]/, `${c.id} does not end with a full stop or closing quote`);
        assert.ok(c.summary && c.summary.trim() !== '' && !c.summary.includes('\n'), `${c.id}: summary must be one line`);
      }
    });

    it('every chain starts with an existing speaker, then venues, then outlets', () => {
      const order = { speaker: 0, venue: 1, outlet: 2 };
      for (const c of file.claims) {
        const chain = c.attribution.chain;
        assert.equal(chain[0]?.role, 'speaker', `${c.id}: chain must start with the speaker`);
        assert.ok(entityById.has(speakerOf(c) ?? ''), `${c.id}: speaker ${speakerOf(c)} does not exist`);
        for (let i = 1; i < chain.length; i++) {
          const link = chain[i];
          assert.ok(link && link.role !== 'speaker' && order[link.role] >= order[(chain[i - 1] ?? link).role], `${c.id}: chain out of order`);
          if (link.entity !== undefined) assert.ok(entityById.has(link.entity), `${c.id}: ${link.entity} does not exist`);
          if (link.role === 'outlet') assert.equal(entityById.get(link.entity ?? '')?.type, 'outlet', `${c.id}: outlet must be a media outlet entity`);
          if (link.role === 'venue') assert.ok(link.entity !== undefined || link.label, `${c.id}: a venue needs an entity or a label`);
        }
      }
    });

    it('every speaker is named in the claim, or continues the claim just before it (he added, he told)', () => {
      for (const c of file.claims) {
        const speaker = entityById.get(speakerOf(c) ?? '');
        assert.ok(speaker);
        if (names(speaker).some((n) => wholeWord(n).some(([s, e]) => s >= range(c)[0] && e <= range(c)[1]))) continue;
        const prev = previousClaim(c);
        assert.ok(prev && speakerOf(prev) === speaker.id, `${c.id}: ${speaker.id} is neither named in it nor the previous claim's speaker`);
      }
    });

    it('every cue is printed in the claim (or, for a continued quotation, in the claim it continues)', () => {
      for (const c of file.claims) {
        const cue = c.attribution.cue;
        assert.ok(cue, `${c.id} has no cue`);
        const prev = previousClaim(c);
        assert.ok(
          claimText(c).includes(cue) || (prev !== undefined && speakerOf(prev) === speakerOf(c) && claimText(prev).includes(cue)),
          `${c.id}: cue "${cue}" not in the text`,
        );
      }
    });

    it('modes match the text: quotes for direct-quote, none for paraphrase or belief, outlets for reported-statement', () => {
      for (const c of file.claims) {
        const t = claimText(c);
        const quoted = /[“‘]/.test(t);
        switch (c.attribution.mode) {
          case 'direct-quote':
            assert.ok(quoted, `${c.id}: direct-quote without quotation marks`);
            break;
          case 'paraphrase':
          case 'belief':
            assert.ok(!quoted, `${c.id}: ${c.attribution.mode} holds a quotation`);
            if (c.attribution.mode === 'belief') assert.match(c.attribution.cue ?? '', /believ/);
            break;
          case 'reported-statement':
            assert.equal(entityById.get(speakerOf(c) ?? '')?.type, 'outlet', `${c.id}: reported-statement by a non-outlet`);
            break;
        }
      }
    });

    it('claims by people and unnamed sources came through an outlet; outlets speaking need none', () => {
      for (const c of file.claims) {
        const speakerType = entityById.get(speakerOf(c) ?? '')?.type;
        const outlets = c.attribution.chain.filter((l) => l.role === 'outlet');
        if (speakerType === 'outlet') assert.equal(outlets.length, 0, `${c.id}: an outlet's own statement`);
        else assert.equal(outlets.length, 1, `${c.id}: needs its reporting outlet`);
      }
    });
  });

  describe('relations', () => {
    it('join existing entities of the right types', () => {
      for (const r of relations) {
        const shape = RELATION_SHAPES[r.type];
        assert.ok(shape, `${r.id}: unknown relation type ${r.type}`);
        assert.ok(shape[0].includes(entityById.get(r.subject)?.type ?? ''), `${r.id}: subject ${r.subject} has the wrong type`);
        assert.ok(shape[1].includes(entityById.get(r.object)?.type ?? ''), `${r.id}: object ${r.object} has the wrong type`);
      }
      const keys = relations.map((r) => `${r.subject} ${r.type} ${r.object}`);
      assert.equal(new Set(keys).size, keys.length, 'duplicate relation');
    });
  });

  describe('the core reads it cleanly', () => {
    it('parseAnnotationFile reports zero problems', () => {
      const result = parseAnnotationFile(fileText);
      assert.deepEqual(result.problems.map(describeProblem), []);
      assert.ok(result.file);
      assert.equal(result.file.mentions.length, file.mentions.length);
      assert.equal(result.file.claims.length, file.claims.length);
    });

    it('resolveModel anchors every mention and claim exactly, with zero problems and zero orphans', () => {
      const parsed = parseAnnotationFile(fileText);
      assert.ok(parsed.file);
      const model = resolveModel(parsed.file, raw, { parseProblems: parsed.problems, fileText });
      assert.deepEqual(model.problems.map(describeProblem), []);
      assert.equal(model.summary.orphan, 0);
      const notExact = [...model.mentions, ...model.claims].filter((x) => x.anchor.status !== 'anchored').map((x) => `${x.id}: ${x.anchor.status}`);
      assert.deepEqual(notExact, []);
      assert.equal(model.mentions.length, file.mentions.length);
      assert.equal(model.claims.length, file.claims.length);
      for (const m of model.mentions) assert.ok(m.entity, `${m.id}: entity not resolved`);
      for (const c of model.claims) {
        assert.ok(c.speaker, `${c.id}: speaker not resolved`);
        for (const link of c.chain) assert.ok(link.entity !== undefined || link.label !== undefined, `${c.id}: a chain link resolved to nothing`);
      }
    });
  });
});

function describeProblem(p: Problem): string {
  return `${p.severity} ${p.code} at ${p.path.join('.')}: ${p.message}`;
}
