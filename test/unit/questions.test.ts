// The editing commands' question flows, run with scripted answers (no VS Code): what each question offers and
// what the answers turn into.

import * as assert from 'node:assert/strict';
import type { AnnotationFile } from '../../src/core/model';
import { DEFAULT_TYPES } from '../../src/core/palette';
import { resolveModel } from '../../src/core/resolve';
import type { InputOptions, PromptItem, Prompts } from '../../src/vscode/editing/prompts';
import { askAttribution, askNewEntity, NEW_ENTITY, NEW_TYPE, pickEntity } from '../../src/vscode/editing/questions';
import { fixture } from './fixtures';

type Answer = string | string[] | undefined;

/** Prompts that answer from a script (pick by label, input by text) and record what they were asked. */
function scripted(answers: Answer[]): Prompts & { asked: string[]; offered: string[][] } {
  const queue = [...answers];
  const asked: string[] = [];
  const offered: string[][] = [];
  const choose = <T>(items: readonly PromptItem<T>[], label: string): T => {
    const item = items.find((i) => !i.separator && i.label === label);
    if (!item || item.value === undefined) throw new Error(`no item "${label}" among ${items.map((i) => i.label).join(' | ')}`);
    return item.value;
  };
  return {
    asked,
    offered,
    async pick(items, { title }) {
      asked.push(title);
      offered.push(items.filter((i) => !i.separator).map((i) => i.label));
      const a = queue.shift();
      return typeof a === 'string' ? choose(items, a) : undefined;
    },
    async pickMany(items, { title }) {
      asked.push(title);
      offered.push(items.filter((i) => !i.separator).map((i) => i.label));
      const a = queue.shift();
      return Array.isArray(a) ? a.map((l) => choose(items, l)) : undefined;
    },
    async input(o: InputOptions) {
      asked.push(o.title);
      const a = queue.shift();
      if (typeof a !== 'string') return undefined;
      const problem = o.validate?.(a);
      if (problem) throw new Error(`"${a}" refused: ${problem}`);
      return a;
    },
  };
}

const briefing = () => resolveModel(JSON.parse(fixture('valid', 'briefing.annotations.json')) as AnnotationFile, fixture('articles', 'briefing.txt'));
const empty = () => resolveModel({ marginalia: 1, article: { path: 'a.txt' }, types: [], entities: [], mentions: [], claims: [] }, 'Ana Ortiz said so.');

describe('question flows', () => {
  it('an existing entity is one pick, the matching name offered first', async () => {
    const p = scripted(['Ana Ortiz']);
    assert.deepEqual(await pickEntity(p, briefing(), 'Annotate', 'ana ortiz'), { id: 'ortiz' });
    assert.equal(p.offered[0]?.[0], NEW_ENTITY);
    assert.equal(p.offered[0]?.[1], 'Ana Ortiz');
  });

  it('a new entity: name, type, role, affiliations', async () => {
    const p = scripted([NEW_ENTITY, 'Kim Jae-won', 'Analyst', 'research fellow', ['Harbour Institute']]);
    const got = await pickEntity(p, briefing(), 'Annotate', 'Kim');
    assert.deepEqual(got, { entity: { name: 'Kim Jae-won', type: 'analyst', role: 'research fellow', affiliations: ['harbour'] } });
  });

  it('Escape at any step cancels, and nothing is made', async () => {
    for (let steps = 0; steps < 4; steps++) {
      const answers: Answer[] = ['Kim', 'Analyst', 'fellow', ['Harbour Institute']].slice(0, steps);
      assert.equal(await askNewEntity(scripted([...answers, undefined]), briefing(), 'Kim'), undefined, `cancelled after ${steps} answers`);
    }
  });

  it('a file without types offers the default palette, and the chosen type comes with the entity', async () => {
    const p = scripted(['Ana Ortiz', 'Person', '']);
    const got = await askNewEntity(p, empty(), 'Ana Ortiz');
    assert.deepEqual(p.offered[0], [...DEFAULT_TYPES.map((t) => t.label), NEW_TYPE]);
    assert.equal(got?.type, 'person');
    assert.deepEqual(got?.newType, DEFAULT_TYPES[0]);
  });

  it('“New type…” asks label, colour and cue, with a free colour suggested', async () => {
    const p = scripted(['Ana Ortiz', NEW_TYPE, 'Think tank', '#112233', 'Box', '', []]);
    const got = await askNewEntity(p, briefing(), 'Ana Ortiz');
    assert.deepEqual(got?.newType, { id: 'think-tank', label: 'Think tank', color: '#112233', cue: 'box' });
    assert.equal(got?.type, 'think-tank');
  });

  it('a colour that is not #rrggbb is refused by the question itself', async () => {
    await assert.rejects(askNewEntity(scripted(['X', NEW_TYPE, 'T', 'red']), briefing(), 'X'), /refused: a colour like/);
  });

  it('an attribution: speaker, outlet, mode, cue (guessed from the text), summary', async () => {
    const p = scripted(['Lee Min-jun', 'An outlet (a named medium that reported it)…', 'Daily Ledger', 'Direct quote', 'told', 'Neither side will blink.']);
    const got = await askAttribution(p, briefing(), 'neither side wants to be seen blinking first, he told the Daily Ledger');
    assert.deepEqual(got, {
      attribution: {
        mode: 'direct-quote',
        chain: [
          { role: 'speaker', entity: 'lee' },
          { role: 'outlet', entity: 'ledger' },
        ],
        cue: 'told',
      },
      newEntities: [],
      summary: 'Neither side will blink.',
    });
  });

  it('a venue and a new speaker: the new entity gets an id the chain names', async () => {
    const p = scripted([
      NEW_ENTITY,
      'Maria Santos',
      'Official',
      '',
      [],
      'A venue (a briefing, essay, talk, interview)…',
      'a press conference',
      'briefing',
      'Paraphrase',
      '',
      '',
    ]);
    const got = await askAttribution(p, briefing(), 'the talks would resume');
    assert.equal(got?.newEntities[0]?.id, 'maria-santos');
    assert.deepEqual(got?.attribution.chain, [
      { role: 'speaker', entity: 'maria-santos' },
      { role: 'venue', label: 'a press conference', kind: 'briefing' },
    ]);
    assert.equal(got?.attribution.cue, undefined);
  });
});
