// Accepting and rejecting suggestions as edits of the annotation file: one minimal, validated replacement
// per batch, undone byte for byte by its inverse; a rejection persists in the file and keeps the suggestion
// away after a reload, also once the article has changed.

import * as assert from 'node:assert/strict';
import { applyReplacement, type TextReplacement } from '../../src/core/edit';
import type { AnnotationFile } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel } from '../../src/core/resolve';
import { acceptSuggestions, rejectSuggestions } from '../../src/core/edit/suggestions';
import { suggest } from '../../src/core/suggest/engine';
import { inputFromModel } from '../../src/core/suggest/input';
import type { ClaimSuggestion, MentionSuggestion, Suggestion } from '../../src/core/suggest/types';
import { fixture } from './fixtures';

const ARTICLE = fixture('..', '..', 'media', 'articles', 'beijing-moscow-push-back.txt');
const BUNDLED = parseAnnotationFile(fixture('..', '..', 'media', 'articles', 'beijing-moscow-push-back.annotations.json')).file as AnnotationFile;
/** A new annotation file of the bundled article: its types, nothing else (what `marginalia new` writes). */
const EMPTY = `${JSON.stringify({ marginalia: 1, article: { path: 'beijing-moscow-push-back.txt' }, types: BUNDLED.types, entities: [], mentions: [], claims: [] }, null, 2)}\n`;

function suggestionsFor(fileText: string, article = ARTICLE): Suggestion[] {
  const file = parseAnnotationFile(fileText).file as AnnotationFile;
  return suggest(inputFromModel(resolveModel(file, article))).suggestions;
}

function problems(fileText: string, article = ARTICLE): string[] {
  const parsed = parseAnnotationFile(fileText);
  const model = resolveModel(parsed.file as AnnotationFile, article, { parseProblems: parsed.problems, fileText });
  return model.problems.filter((p) => p.severity !== 'info').map((p) => `${p.code}: ${p.message}`);
}

function inverse(before: string, r: TextReplacement): TextReplacement {
  return { offset: r.offset, length: r.content.length, content: before.slice(r.offset, r.offset + r.length) };
}

describe('suggest: review', () => {
  const all = suggestionsFor(EMPTY);
  const mentions = all.filter((s): s is MentionSuggestion => s.kind === 'mention');
  const claims = all.filter((s): s is ClaimSuggestion => s.kind === 'claim');

  it("accepting a new entity's mention creates the entity (with its affiliation) and the mention, valid", () => {
    const kashin = mentions.find((m) => m.exact === 'Vassily Kashin') as MentionSuggestion;
    const out = acceptSuggestions(EMPTY, ARTICLE, [kashin]);
    const file = parseAnnotationFile(out.text).file as AnnotationFile;
    const e = file.entities.find((x) => x.name === 'Vassily Kashin');
    assert.equal(e?.type, 'analyst');
    assert.equal(e?.role, 'senior fellow');
    const aff = file.entities.find((x) => x.id === e?.affiliations?.[0]);
    assert.equal(aff?.type, 'institution');
    assert.match(aff?.name ?? '', /^Institute of Far Eastern Studies/);
    assert.equal(file.mentions.length, 1);
    assert.deepEqual(problems(out.text), []);
    assert.equal(applyReplacement(EMPTY, out.replacement), out.text);
  });

  it('a group acceptance is one replacement, and its inverse restores the file byte for byte', () => {
    const chong = mentions.filter((m) => m.entity.name === 'Alan Chong');
    assert.ok(chong.length >= 2, 'Alan Chong and his surname');
    const first = acceptSuggestions(EMPTY, ARTICLE, [chong[0] as MentionSuggestion]);
    // The rest of the group, now of an entity the file has: one edit for all of them.
    const group = suggestionsFor(first.text).filter((s): s is MentionSuggestion => s.kind === 'mention' && s.entity.name === 'Alan Chong');
    assert.ok(group.every((m) => m.entity.id !== undefined && m.source === 'registry'));
    const out = acceptSuggestions(first.text, ARTICLE, group);
    const r = out.replacement as TextReplacement;
    assert.equal(applyReplacement(first.text, r), out.text);
    assert.equal(applyReplacement(out.text, inverse(first.text, r)), first.text);
    assert.equal((parseAnnotationFile(out.text).file as AnnotationFile).mentions.length, chong.length);
    assert.deepEqual(problems(out.text), []);
  });

  it('accepting a claim creates its speaker, venue and outlet entities and a valid chain', () => {
    const lo = claims.find((c) => c.speaker.name === 'Bobo Lo') as ClaimSuggestion;
    const out = acceptSuggestions(EMPTY, ARTICLE, [lo]);
    const file = parseAnnotationFile(out.text).file as AnnotationFile;
    const claim = file.claims[0];
    assert.equal(claim?.attribution.mode, 'direct-quote');
    assert.deepEqual(
      claim?.attribution.chain.map((l) => [l.role, file.entities.find((e) => e.id === l.entity)?.name ?? l.label]),
      [
        ['speaker', 'Bobo Lo'],
        ['venue', 'Center for Global Security Research'],
        ['outlet', 'Voice Of America'],
      ],
    );
    assert.deepEqual(problems(out.text), []);
  });

  it('accepting with edits: another type, another speaker, another span', () => {
    const beijing = mentions.find((m) => m.exact === 'Beijing') as MentionSuggestion;
    const asInstitution = acceptSuggestions(EMPTY, ARTICLE, [beijing], { type: 'institution' });
    assert.equal((parseAnnotationFile(asInstitution.text).file as AnnotationFile).entities[0]?.type, 'institution');
    const claim = claims[0] as ClaimSuggestion;
    const out = acceptSuggestions(EMPTY, ARTICLE, [claim], { speaker: 'Someone Else', speakerType: 'person', start: claim.start, end: claim.start + 20 });
    const file = parseAnnotationFile(out.text).file as AnnotationFile;
    assert.equal(file.entities.find((e) => e.id === file.claims[0]?.attribution.chain[0]?.entity)?.name, 'Someone Else');
    assert.equal(file.claims[0]?.selector.find((s) => s.type === 'TextPositionSelector')?.type, 'TextPositionSelector');
    assert.deepEqual(problems(out.text), []);
  });

  it('an accepted suggestion is not suggested again', () => {
    const out = acceptSuggestions(EMPTY, ARTICLE, [mentions[0] as MentionSuggestion, claims[0] as ClaimSuggestion]);
    const again = suggestionsFor(out.text).map((s) => `${s.kind}:${s.start}:${s.end}`);
    assert.ok(!again.includes(`mention:${mentions[0]?.start}:${mentions[0]?.end}`));
    assert.ok(!again.includes(`claim:${claims[0]?.start}:${claims[0]?.end}`));
  });

  it('a rejected suggestion stays rejected after a reload, also when the article has changed', () => {
    const target = [mentions[3] as MentionSuggestion, claims[2] as ClaimSuggestion];
    const out = rejectSuggestions(EMPTY, ARTICLE, target);
    assert.deepEqual(problems(out.text), []);
    const file = parseAnnotationFile(out.text).file as AnnotationFile;
    assert.deepEqual(
      file.rejectedSuggestions?.map((r) => r.kind),
      ['mention', 'claim'],
    );
    const after = suggestionsFor(out.text).map((s) => s.key);
    for (const t of target) assert.ok(!after.includes(t.key), `${t.key} came back`);
    assert.equal(after.length, all.length - 2);
    // A new first paragraph moves every offset; the rejections move with the text.
    const edited = `An editor's note.\n\n${ARTICLE}`;
    const movedAll = suggestionsFor(EMPTY, edited);
    const moved = suggestionsFor(out.text, edited);
    assert.equal(moved.length, movedAll.length - 2);
  });

  it('refuses a span outside the article and changes nothing', () => {
    const m = { ...(mentions[0] as MentionSuggestion), start: 999_999, end: 1_000_000 };
    assert.throws(() => acceptSuggestions(EMPTY, ARTICLE, [m]), /not in the article/);
    assert.throws(() => rejectSuggestions(EMPTY, ARTICLE, [m]), /not in the article/);
  });
});
