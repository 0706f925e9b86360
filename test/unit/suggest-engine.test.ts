// The suggester, rule by rule: tables of short texts and what must (and must not) be suggested for them.

import * as assert from 'node:assert/strict';
import type { EntityTypeDef } from '../../src/core/model';
import { suggest } from '../../src/core/suggest/engine';
import type { ClaimSuggestion, KnownEntity, MentionSuggestion, SuggestInput, Suggestion } from '../../src/core/suggest/types';
import { fixture } from './fixtures';

const TYPES = (JSON.parse(fixture('..', '..', 'media', 'articles', 'beijing-moscow-push-back.annotations.json')) as { types: EntityTypeDef[] }).types;

function run(text: string, more: Partial<SuggestInput> = {}): Suggestion[] {
  return suggest({ text, types: TYPES, entities: [], mentions: [], claims: [], rejected: [], ...more }).suggestions;
}
const mentions = (s: Suggestion[]): MentionSuggestion[] => s.filter((x): x is MentionSuggestion => x.kind === 'mention');
const claims = (s: Suggestion[]): ClaimSuggestion[] => s.filter((x): x is ClaimSuggestion => x.kind === 'claim');
const cp = (text: string, sub: string, from = 0): number => Array.from(text.slice(0, text.indexOf(sub, from))).length;

interface MentionCase {
  text: string;
  /** [exact, type] pairs that must be suggested (first occurrence of exact, unless `at` says which). */
  yes: [string, string][];
  /** Texts never suggested as mentions. */
  no?: string[];
  entities?: KnownEntity[];
}

describe('suggest: mentions', () => {
  const cases: [string, MentionCase][] = [
    [
      'places from the lexicon; demonyms and adjectives are not mentions',
      {
        text: 'Kenyan farmers fear the drought will spread from Kenya and Ethiopia to Somalia, while Western donors hesitate.',
        yes: [
          ['Kenya', 'place'],
          ['Ethiopia', 'place'],
          ['Somalia', 'place'],
        ],
        no: ['Kenyan', 'Western'],
      },
    ],
    [
      '"China" inside "China Daily" is part of the outlet\'s name',
      {
        text: 'China Daily reported that China would raise tariffs on steel imports.',
        yes: [
          ['China Daily', 'outlet'],
          ['China', 'place'],
        ],
        no: [],
      },
    ],
    [
      '"US$" is a currency, "US" and "US-led" the country',
      { text: 'The US said the deal was worth about US$7 billion. The US-led coalition agreed.', yes: [['US', 'place']], no: ['US$'] },
    ],
    [
      'a title-case headline gives only names the body or the lexicon knows',
      {
        text: 'Kenya Drought Deepens As Rains Fail For A Third Year\n\nThe drought in Kenya has killed livestock across the north, officials said.',
        yes: [['Kenya', 'place']],
        no: ['Kenya Drought Deepens', 'Drought Deepens', 'Rains Fail', 'Third Year', 'A Third Year'],
      },
    ],
    [
      'titles come off the name and become its role; an opening place is a mention of its own',
      {
        text: 'US National Security Adviser Jake Sullivan met Foreign Minister Sergey Lavrov, and Los Angeles Mayor Karen Bass spoke later.',
        yes: [
          ['US', 'place'],
          ['Jake Sullivan', 'official'],
          ['Sergey Lavrov', 'official'],
          ['Los Angeles', 'place'],
          ['Karen Bass', 'official'],
        ],
        no: ['US National Security Adviser Jake Sullivan', 'Foreign Minister', 'Mayor Karen Bass'],
      },
    ],
    [
      'an apposition gives an analyst with role and affiliation; the surname joins the full name',
      {
        text: 'Prices will rise, said Maria Santos, a senior fellow at the Lisbon Institute of Economics. Santos added that wages would lag.',
        yes: [
          ['Maria Santos', 'analyst'],
          ['Santos', 'analyst'],
          ['Lisbon Institute of Economics', 'institution'],
        ],
      },
    ],
    [
      'an acronym joins the name it abbreviates; in brackets, whatever its letters',
      {
        text: 'Voice Of America reported the talks. VOA said more would follow. The Association of Southeast Asian Nations (ASEAN) met on Monday.',
        yes: [
          ['Voice Of America', 'outlet'],
          ['VOA', 'outlet'],
          ['ASEAN', 'institution'],
        ],
      },
    ],
    [
      'head words and the words around a name type it: institution, event, treaty, weapon, ship, region, outlet',
      {
        text: 'Officers of the Pacific Fleet joined the “Maritime Interaction” naval drills after the Cold War-era Treaty of Friendship lapsed; the anti-submarine ship Admiral Panteleyev fired four S-400 missile systems near China’s Xinjiang region, the Moscow-based Sputnik news service stated.',
        yes: [
          ['Pacific Fleet', 'institution'],
          ['Maritime Interaction', 'event'],
          ['Cold War', 'event'],
          ['Treaty of Friendship', 'treaty'],
          ['Admiral Panteleyev', 'weapon'],
          ['S-400', 'weapon'],
          ['Xinjiang', 'place'],
          ['Sputnik', 'outlet'],
          ['Moscow', 'place'],
        ],
        no: ['Xinjiang region', 'Sputnik news service', 'Panteleyev'],
      },
    ],
    [
      "nested names: a place or institution inside an institution's name, never at its start",
      {
        text: 'She works at the Institute of Far Eastern Studies of the Russian Academy of Sciences and taught at Fulbright University Vietnam.',
        yes: [
          ['Institute of Far Eastern Studies of the Russian Academy of Sciences', 'institution'],
          ['Russian Academy of Sciences', 'institution'],
          ['Vietnam', 'place'],
        ],
      },
    ],
    [
      "registry: this file's entities by name, alias and surname after the full name; acronyms",
      {
        text: 'Chong spoke first. Then Alan Chong of the United Nations spoke, and Chong and the UN agreed.',
        entities: [
          { id: 'alan-chong', name: 'Alan Chong', type: 'analyst' },
          { id: 'un', name: 'United Nations', type: 'institution' },
        ],
        yes: [
          ['Alan Chong', 'analyst'],
          ['United Nations', 'institution'],
          ['UN', 'institution'],
        ],
      },
    ],
  ];
  for (const [name, c] of cases) {
    it(name, () => {
      const got = mentions(run(c.text, c.entities ? { entities: c.entities } : {}));
      for (const [exact, type] of c.yes) {
        const hit = got.find((m) => m.exact === exact);
        assert.ok(hit, `${exact} not suggested; got ${got.map((m) => m.exact).join(' | ')}`);
        assert.equal(hit.entity.type, type, `${exact} typed ${hit.entity.type}`);
      }
      for (const exact of c.no ?? []) assert.ok(!got.some((m) => m.exact === exact), `${exact} suggested`);
    });
  }

  it("a registry hit carries the entity id and source; another file's entity has none but names its origin", () => {
    const text = 'Alan Chong met Jane Roe in Oslo.';
    const got = mentions(
      run(text, {
        entities: [
          { id: 'alan-chong', name: 'Alan Chong', type: 'analyst' },
          { name: 'Jane Roe', type: 'person', origin: 'other.annotations.json', category: 'person' },
        ],
      }),
    );
    const chong = got.find((m) => m.exact === 'Alan Chong');
    const roe = got.find((m) => m.exact === 'Jane Roe');
    assert.equal(chong?.entity.id, 'alan-chong');
    assert.equal(chong?.source, 'registry');
    assert.equal(roe?.entity.id, undefined);
    assert.equal(roe?.entity.origin, 'other.annotations.json');
    assert.equal(roe?.source, 'registry');
  });

  it('a surname of a registry person counts only once the full name has appeared', () => {
    const text = 'Chong arrived. Alan Chong spoke. Chong left.';
    const got = mentions(run(text, { entities: [{ id: 'alan-chong', name: 'Alan Chong', type: 'analyst' }] })).filter((m) => m.exact === 'Chong');
    assert.deepEqual(
      got.map((m) => m.start),
      [cp(text, 'Chong left')],
    );
  });

  it('never suggests what is annotated or rejected', () => {
    const text = 'Kenya and Ethiopia signed. Kenya agreed.';
    const first = { start: 0, end: 5 };
    const second = { start: cp(text, 'Ethiopia'), end: cp(text, 'Ethiopia') + 8 };
    const got = mentions(run(text, { mentions: [first], rejected: [{ kind: 'mention', ...second }] }));
    assert.deepEqual(
      got.map((m) => [m.exact, m.start]),
      [['Kenya', cp(text, 'Kenya agreed')]],
    );
  });

  it('offsets are code points of the text', () => {
    const text = '😀 Kenya 👩‍🔬 and Ethiopia.';
    for (const m of mentions(run(text))) assert.equal(Array.from(text).slice(m.start, m.end).join(''), m.exact);
  });
});

interface ClaimCase {
  text: string;
  /** The claims in order, by the start of their text. */
  want: { from: string; speaker: string; mode: string; cue: string; outlets?: string[]; venue?: string; to?: string }[];
}

describe('suggest: claims', () => {
  const cases: [string, ClaimCase][] = [
    [
      'straight quotes, speaker after the quote',
      {
        text: 'Talks broke down. "We will not sign this," Maria Lopez said. She left.',
        want: [{ from: '"We will', speaker: 'Maria Lopez', mode: 'direct-quote', cue: 'said' }],
      },
    ],
    [
      'a quote split around its attribution is one claim',
      {
        text: 'Ana Ruiz, a diplomat at the Foreign Ministry, arrived late. “The talks failed,” she said, “but we will return.”',
        want: [{ from: '“The talks', to: 'return.”', speaker: 'Ana Ruiz', mode: 'direct-quote', cue: 'said' }],
      },
    ],
    [
      'a quote running over paragraphs: one claim per paragraph, the same attribution',
      {
        text: 'Jane Doe, an economist at the Bank of Ghana, said prices would rise.\n\n“Food is the worst. Fuel is next.\n\n“Nobody is ready for this,” she said.',
        want: [
          { from: 'Jane Doe', speaker: 'Jane Doe', mode: 'paraphrase', cue: 'said' },
          { from: '“Food', speaker: 'Jane Doe', mode: 'direct-quote', cue: 'said' },
          { from: '“Nobody', speaker: 'Jane Doe', mode: 'direct-quote', cue: 'said' },
        ],
      },
    ],
    [
      'a quotation paragraph without a cue continues the claim before it',
      {
        text: '“There is no conspiracy,” insisted Bobo Lo, an independent analyst, at a virtual talk held by the Center for Global Security Research.\n\n“It is a classic great power relationship.”',
        want: [
          { from: '“There', speaker: 'Bobo Lo', mode: 'direct-quote', cue: 'insisted', venue: 'Center for Global Security Research' },
          { from: '“It is', speaker: 'Bobo Lo', mode: 'direct-quote', cue: 'insisted', venue: 'Center for Global Security Research' },
        ],
      },
    ],
    [
      'cue verbs: stressed, pointed out, according to, believes, said after the statement',
      {
        text: 'Tom Lee stressed that the deal was fragile. Exports fell, Ana Gomez, a senior fellow at the Brookings Institution, pointed out. Prices rose 5%, according to Ana Gomez. Tom Lee believes the rules will change. Still, trade will grow, Lee said.',
        want: [
          { from: 'Tom Lee stressed', speaker: 'Tom Lee', mode: 'paraphrase', cue: 'stressed' },
          { from: 'Exports', speaker: 'Ana Gomez', mode: 'paraphrase', cue: 'pointed out' },
          { from: 'Prices', speaker: 'Ana Gomez', mode: 'paraphrase', cue: 'according to' },
          { from: 'Tom Lee believes', speaker: 'Tom Lee', mode: 'belief', cue: 'believes' },
          { from: 'Still', speaker: 'Tom Lee', mode: 'paraphrase', cue: 'said' },
        ],
      },
    ],
    [
      'a pronoun is the previous speaker, not the last name in its own sentence',
      {
        text: '“It has taken a hit,” Alan Chong said. Beijing also sees US President Joe Biden as “a very tough opponent,” he added.',
        want: [
          { from: '“It has', speaker: 'Alan Chong', mode: 'direct-quote', cue: 'said' },
          { from: 'Beijing also', speaker: 'Alan Chong', mode: 'direct-quote', cue: 'added' },
        ],
      },
    ],
    [
      'venues: a media briefing',
      {
        text: '“We will respond,” US National Security Adviser Jake Sullivan told a media briefing.',
        want: [{ from: '“We', speaker: 'Jake Sullivan', mode: 'direct-quote', cue: 'told', venue: 'a media briefing' }],
      },
    ],
    [
      'outlets: "VOA reported" speaks; "he told Al Jazeera" is the outlet of the speaker\'s consecutive claims',
      {
        text: 'Voice Of America reported that the two sides met.\n\n“Ties are strong,” Nigel Gould-Davies, a senior fellow at the International Institute for Strategic Studies, said.\n\n“They share values,” he told Al Jazeera.\n\nRussia sells arms to China, VOA reported.',
        want: [
          { from: 'Voice Of', speaker: 'Voice Of America', mode: 'reported-statement', cue: 'reported', outlets: [] },
          { from: '“Ties', speaker: 'Nigel Gould-Davies', mode: 'direct-quote', cue: 'said', outlets: ['Al Jazeera'] },
          { from: '“They', speaker: 'Nigel Gould-Davies', mode: 'direct-quote', cue: 'told', outlets: ['Al Jazeera'] },
          { from: 'Russia sells', speaker: 'Voice Of America', mode: 'reported-statement', cue: 'reported', outlets: [] },
        ],
      },
    ],
    [
      "the lead's outlet relays the claims of people after it",
      {
        text: 'China and Russia grew closer, Voice Of America reported.\n\nPrices rose, said Tom Lee, an analyst at Capital Economics.',
        want: [
          { from: 'China and', speaker: 'Voice Of America', mode: 'reported-statement', cue: 'reported', outlets: [] },
          { from: 'Prices', speaker: 'Tom Lee', mode: 'paraphrase', cue: 'said', outlets: ['Voice Of America'] },
        ],
      },
    ],
    [
      "a dateline's agency relays the story; the dateline is not part of the claim",
      {
        text: 'NAIROBI, May 3 (Reuters) - Kenya said on Friday it would cut fuel taxes.\n\n"We have no choice," Finance Minister John Mbadi told reporters.',
        want: [
          { from: 'Kenya said', speaker: 'Kenya', mode: 'paraphrase', cue: 'said', outlets: ['Reuters'] },
          { from: '"We have', speaker: 'John Mbadi', mode: 'direct-quote', cue: 'told', outlets: ['Reuters'] },
        ],
      },
    ],
    [
      'a sentence ends before a symbol that opens the next one ("… its fleet. 🚢 Ships …")',
      {
        text: 'Officials said the fleet would grow. 🚢 Ships have doubled since 2020, according to the Barents Observer.',
        want: [
          { from: 'Officials', speaker: 'Unnamed officials', mode: 'paraphrase', cue: 'said' },
          { from: '🚢 Ships', speaker: 'Barents Observer', mode: 'reported-statement', cue: 'according to' },
        ],
      },
    ],
    [
      '"officials said …, according to Le Monde": the second cue names the outlet',
      {
        text: 'Officials said on Monday that the talks would resume next week, according to Le Monde.',
        want: [{ from: 'Officials', speaker: 'Unnamed officials', mode: 'paraphrase', cue: 'said', outlets: ['Le Monde'] }],
      },
    ],
    [
      '"analysts at the institute believe": the unnamed analysts speak, not the institute',
      {
        text: 'Analysts at the Fridtjof Nansen Institute believe Russia will expand its fleet.',
        want: [{ from: 'Analysts', speaker: 'Unnamed analysts', mode: 'belief', cue: 'believe' }],
      },
    ],
    [
      'the Moscow-based Sputnik news service stated: the outlet speaks',
      {
        text: 'In October, they held their 10th annual drills, the Moscow-based Sputnik news service stated.',
        want: [{ from: 'In October', speaker: 'Sputnik', mode: 'reported-statement', cue: 'stated', outlets: [] }],
      },
    ],
    [
      'unnamed sources: "analysts say", "some experts believe", "a senior diplomat, who …, said"',
      {
        text: 'Cooperation could stay informal, analysts say. Some experts believe a deal is near. A senior Indonesian diplomat, who asked not to be named, said the talks had become “a ritual”.',
        want: [
          { from: 'Cooperation', speaker: 'Unnamed analysts', mode: 'paraphrase', cue: 'say' },
          { from: 'Some experts', speaker: 'Unnamed experts', mode: 'belief', cue: 'believe' },
          { from: 'A senior', speaker: 'Unnamed Indonesian diplomat', mode: 'direct-quote', cue: 'said' },
        ],
      },
    ],
    [
      'an essay by a group: the authors speak, the essay is the venue',
      {
        text: 'Last month, an essay by Chinese and Russian ambassadors to Washington protested the upcoming summit.',
        want: [{ from: 'Last month', speaker: 'Chinese and Russian ambassadors to Washington', mode: 'paraphrase', cue: 'protested', venue: 'an essay' }],
      },
    ],
    [
      "a quote inside a quote, and a cue inside quotation marks, are the speaker's words",
      {
        text: '“He told me ‘never again’, and I believed him,” Tom Lee said.',
        want: [{ from: '“He told', speaker: 'Tom Lee', mode: 'direct-quote', cue: 'said' }],
      },
    ],
    [
      'an unbalanced closing mark is kept as printed and lies inside the claim',
      {
        text: 'Russia wants to show it can “still play a role” in the region,” said Andrew Yang, the secretary-general of the Chinese Council of Advanced Policy Studies. “It will not stop,” Yang said.',
        want: [
          { from: 'Russia wants', speaker: 'Andrew Yang', mode: 'direct-quote', cue: 'said' },
          { from: '“It will', speaker: 'Andrew Yang', mode: 'direct-quote', cue: 'said' },
        ],
      },
    ],
    [
      'scare quotes and quoted labels with no cue are no claims',
      { text: 'Growing pressure forced them to ‘circle the wagons’. China’s “Wolf Warrior diplomacy” approach has grown.', want: [] },
    ],
    [
      '"the department said": the institution named before',
      {
        text: 'The California Department of Insurance approved the rates. Insurers paid $22 billion, according to the department.',
        want: [{ from: 'Insurers', speaker: 'California Department of Insurance', mode: 'paraphrase', cue: 'according to' }],
      },
    ],
  ];
  for (const [name, c] of cases) {
    it(name, () => {
      const got = claims(run(c.text));
      assert.deepEqual(
        got.map((x) => x.exact.slice(0, 12)),
        c.want.map((w) => c.text.slice(c.text.indexOf(w.from), c.text.indexOf(w.from) + 12)),
        'claim starts',
      );
      c.want.forEach((w, i) => {
        const g = got[i] as ClaimSuggestion;
        assert.equal(g.speaker.name, w.speaker, `speaker of claim ${i}`);
        assert.equal(g.mode, w.mode, `mode of claim ${i}`);
        assert.equal(g.cue, w.cue, `cue of claim ${i}`);
        assert.equal(g.chain[0]?.role, 'speaker');
        if (w.outlets)
          assert.deepEqual(
            g.chain.filter((l) => l.role === 'outlet').map((l) => l.name),
            w.outlets,
            `outlets of claim ${i}`,
          );
        if (w.venue)
          assert.ok(
            g.chain.some((l) => l.role === 'venue' && (l.name === w.venue || l.label === w.venue)),
            `venue of claim ${i}: ${JSON.stringify(g.chain)}`,
          );
        if (w.to) assert.ok(g.exact.endsWith(w.to), `claim ${i} ends with ${w.to}: ${g.exact}`);
      });
    });
  }

  it('never suggests a claim over an annotated or rejected one', () => {
    const text = '"We will win," Maria Lopez said. "They will lose," Tom Lee said.';
    const all = claims(run(text));
    assert.equal(all.length, 2);
    const [a, b] = all as [ClaimSuggestion, ClaimSuggestion];
    assert.deepEqual(
      claims(run(text, { claims: [{ start: a.start, end: a.end }] })).map((c) => c.start),
      [b.start],
    );
    assert.deepEqual(
      claims(run(text, { rejected: [{ kind: 'claim', start: b.start, end: b.end }] })).map((c) => c.start),
      [a.start],
    );
  });
});
