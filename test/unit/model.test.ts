import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { claimCard, entityCard } from '../../src/core/cards';
import type { AnnotationFile } from '../../src/core/model';
import { parseAnnotationFile } from '../../src/core/parse';
import { resolveModel, type Model } from '../../src/core/resolve';
import { FIXTURES, fixture, loadAnnotationFile } from './fixtures';

function briefing(): Model {
  const { model } = loadAnnotationFile(join(FIXTURES, 'valid', 'briefing.annotations.json'));
  assert.ok(model);
  return model;
}

describe('resolveModel', () => {
  it('anchors the briefing fixture completely and counts it', () => {
    const m = briefing();
    assert.deepEqual(m.summary, { entities: 6, mentions: 9, claims: 5, anchored: 14, relocated: 0, fuzzy: 0, orphan: 0 });
    assert.equal(m.claims[2]?.speaker?.id, 'lee');
    assert.deepEqual(
      m.claims[2]?.chain.map((l) => [l.role, l.entity?.id]),
      [
        ['speaker', 'lee'],
        ['outlet', 'ledger'],
      ],
    );
    assert.equal(m.mentions[1]?.entity?.name, 'Ana Ortiz');
  });

  it('re-anchors through the previous text when the article changed, with an info, not an error', () => {
    const text = fixture('valid', 'briefing.annotations.json');
    const parsed = parseAnnotationFile(text);
    assert.ok(parsed.file);
    const article = fixture('articles', 'briefing.txt');
    const edited = 'Updated at noon.\n\n' + article.replace('Analysts say', 'Several analysts say');
    const m = resolveModel(parsed.file, edited, { fileText: text, previousText: article });
    assert.equal(m.summary.orphan, 0);
    assert.equal(m.summary.anchored + m.summary.relocated, 14);
    assert.deepEqual([...new Set(m.problems.map((p) => `${p.severity} ${p.code}`))], ['info article-changed']);
  });

  it('keeps orphans in the model, reported as errors at their selector', () => {
    const file = JSON.parse(fixture('valid', 'briefing.annotations.json')) as AnnotationFile;
    const m = resolveModel(file, 'A different article entirely.');
    assert.equal(m.mentions.length, 9);
    assert.equal(m.summary.orphan, 14);
    assert.ok(m.problems.every((p) => p.code === 'orphan' || p.code === 'article-changed'));
    assert.deepEqual(m.problems.find((p) => p.code === 'orphan')?.path, ['mentions', 0, 'selector']);
  });
});

describe('cards', () => {
  it('entity card for an analyst', () => {
    const card = entityCard(briefing(), 'lee');
    assert.ok(card);
    assert.equal(card.typeLabel, 'Analyst');
    assert.equal(card.role, 'senior fellow');
    assert.deepEqual(card.affiliations, [{ id: 'harbour', name: 'Harbour Institute' }]);
    assert.deepEqual(
      card.claims.map((c) => c.text),
      ['“neither side wants to be seen blinking first.”', 'the second round will fail 😐'],
    );
    assert.equal(card.claimCount, 2);
    assert.equal(card.mentionCount, 2);
    assert.deepEqual(card.relations, [{ id: 'harbour', name: 'Harbour Institute', type: 'affiliatedWith', direction: 'out' }]);
    assert.deepEqual(card.links, [{ url: 'https://example.org/lee', label: 'profile' }]);
    assert.doesNotThrow(() => JSON.stringify(card));
  });

  it('entity card for an outlet lists what it reported', () => {
    const card = entityCard(briefing(), 'ledger');
    assert.deepEqual([card?.claimCount, card?.reportedCount, card?.reported[0]?.id], [0, 1, 'c-blinking']);
  });

  it('claim card with its chain', () => {
    const card = claimCard(briefing(), 'c-second-round');
    assert.deepEqual(card, {
      id: 'c-second-round',
      text: 'Geneva would host a second round',
      mode: 'paraphrase',
      modeLabel: 'Paraphrase',
      cue: 'told',
      speaker: { id: 'ortiz', name: 'Ana Ortiz', role: 'Foreign Minister' },
      chain: [
        { role: 'speaker', id: 'ortiz', name: 'Ana Ortiz' },
        { role: 'venue', name: 'a media briefing', kind: 'briefing' },
      ],
      status: 'anchored',
    });
  });

  it('only http(s) links reach a card; unknown ids give no card', () => {
    const m = briefing();
    const lee = m.entities.get('lee');
    assert.ok(lee);
    lee.sameAs = [{ url: 'javascript:alert(1)' }, { url: 'file:///etc/passwd' }, { url: 'HTTPS://example.org/x' }];
    assert.deepEqual(entityCard(m, 'lee')?.links, [{ url: 'HTTPS://example.org/x' }]);
    assert.equal(entityCard(m, 'nobody'), undefined);
    assert.equal(claimCard(m, 'nothing'), undefined);
  });
});
