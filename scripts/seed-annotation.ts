// Builds media/articles/beijing-moscow-push-back.annotations.json from the readable spec below.
// Nobody types offsets: mentions are every whole-word occurrence of an entity's surface forms, claims are
// exact sentence spans, and every selector comes from selectorsFor() so quote, context and position agree.
// The judgement calls behind the spec are written down in docs/annotation-guide.md.
//
// Run from the repository root:
//   npx esbuild scripts/seed-annotation.ts --bundle --platform=node --outfile=/tmp/seed.js && node /tmp/seed.js
// `node /tmp/seed.js --check` exits 1 when the committed file differs from what the spec produces.

import { DEFAULT_TYPES } from '../src/core/palette';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationFile, ChainLinkDef, ClaimDef, ClaimMode, EntityDef, EntityTypeDef, MentionDef, RelationDef } from '../src/core/model';
import { hashText, normalizeText, OffsetMap, selectorsFor } from '../src/core/text';

export const ARTICLE_FILE = 'media/articles/beijing-moscow-push-back.txt';
export const ANNOTATION_FILE = 'media/articles/beijing-moscow-push-back.annotations.json';
const ARTICLE_PATH = 'beijing-moscow-push-back.txt';
const TITLE = 'Beijing and Moscow push back against democracies';

// ---- Types ----------------------------------------------------------------------------------------

// The bundled article's types are the default palette every new annotation file starts from.
export const TYPES: readonly EntityTypeDef[] = DEFAULT_TYPES;

// ---- Entities -------------------------------------------------------------------------------------

interface EntitySpec {
  id: string;
  type: string;
  name: string;
  aliases?: string[];
  role?: string;
  affiliations?: string[];
  description: string;
  /** Surface forms annotated at every whole-word occurrence; defaults to the name and aliases. */
  forms?: string[];
  /** Longer strings whose occurrences contain a form that is NOT a mention of this entity. */
  notInside?: string[];
}

export const ENTITIES: EntitySpec[] = [
  // Officials
  {
    id: 'xi-jinping',
    type: 'official',
    name: 'Xi Jinping',
    aliases: ['Xi'],
    role: 'Chinese President',
    description:
      'Chinese President whose "ruling Communist Party" has become more aggressive in promoting its views; his policies at home and abroad and his administration\'s partnership with Russia are discussed.',
  },
  {
    id: 'vladimir-putin',
    type: 'official',
    name: 'Vladimir Putin',
    aliases: ['Putin'],
    role: 'Russian President',
    description:
      'Russian President; believes closer ties with China will unsettle Washington; held a video call with Biden about tension on the borders of Ukraine.',
  },
  {
    id: 'joe-biden',
    type: 'official',
    name: 'Joe Biden',
    aliases: ['Biden'],
    role: 'US President',
    description: 'US President, seen by Beijing as "a very tough opponent"; held a video call with Putin about Ukraine.',
  },
  {
    id: 'sergey-lavrov',
    type: 'official',
    name: 'Sergey Lavrov',
    role: 'Foreign Minister',
    description: 'Foreign Minister who hailed Russia\'s relations with China as "unique".',
  },
  {
    id: 'jake-sullivan',
    type: 'official',
    name: 'Jake Sullivan',
    role: 'US National Security Adviser',
    description: "US National Security Adviser who described Biden's warning to Putin at a media briefing.",
  },
  {
    id: 'barack-obama',
    type: 'official',
    name: 'Barack Obama',
    description: "His presidency is named as a period of US policies that Xi's administration tries to stop a return to.",
  },
  {
    id: 'george-w-bush',
    type: 'official',
    name: 'George W. Bush',
    description: "His presidency is named as a period of US policies that Xi's administration tries to stop a return to.",
  },

  // Analysts
  {
    id: 'alan-chong',
    type: 'analyst',
    name: 'Alan Chong',
    aliases: ['Chong'],
    role: 'associate professor',
    affiliations: ['s-rajaratnam-school-of-international-studies'],
    description: 'Associate professor at the S. Rajaratnam School of International Studies in Singapore.',
  },
  {
    id: 'vassily-kashin',
    type: 'analyst',
    name: 'Vassily Kashin',
    aliases: ['Kashin'],
    role: 'senior fellow',
    affiliations: ['institute-of-far-eastern-studies'],
    description: 'Senior fellow at the Institute of Far Eastern Studies of the Russian Academy of Sciences.',
  },
  {
    id: 'andrew-yang',
    type: 'analyst',
    name: 'Andrew Yang',
    aliases: ['Yang'],
    role: 'secretary-general',
    affiliations: ['chinese-council-of-advanced-policy-studies'],
    description: 'Secretary-general of the Chinese Council of Advanced Policy Studies think tank in Taiwan.',
  },
  {
    id: 'nigel-gould-davies',
    type: 'analyst',
    name: 'Nigel Gould-Davies',
    aliases: ['Gould-Davies'],
    role: 'senior fellow for Russia and Eurasia',
    affiliations: ['international-institute-for-strategic-studies'],
    description: 'Senior fellow for Russia and Eurasia at the International Institute for Strategic Studies; spoke to Al Jazeera.',
  },
  {
    id: 'nguyen-thanh-trung',
    type: 'analyst',
    name: 'Nguyen Thanh Trung',
    aliases: ['Nguyen'],
    role: 'faculty member',
    affiliations: ['fulbright-university-vietnam'],
    description: 'Faculty member at Fulbright University Vietnam.',
  },
  // The article gives Bobo Lo no institution: "independent" is the point. The seed test lists him as its one exception.
  {
    id: 'bobo-lo',
    type: 'analyst',
    name: 'Bobo Lo',
    role: 'independent international relations analyst',
    description:
      'A former Australian diplomat and an independent international relations analyst; spoke at a virtual talk held by the Center for Global Security Research.',
  },

  // Institutions
  { id: 'pentagon', type: 'institution', name: 'Pentagon', description: 'Where the closer China-Russia relations raise new concerns, with the White House.' },
  {
    id: 'white-house',
    type: 'institution',
    name: 'White House',
    description: 'Where the closer China-Russia relations raise new concerns, with the Pentagon.',
  },
  {
    id: 'communist-party',
    type: 'institution',
    name: 'Communist Party',
    description: "President Xi Jinping's ruling Communist Party in China, described as more aggressive in promoting its views on the international stage.",
  },
  {
    id: 's-rajaratnam-school-of-international-studies',
    type: 'institution',
    name: 'S. Rajaratnam School of International Studies',
    description: 'School in Singapore; Alan Chong is an associate professor there.',
  },
  {
    id: 'institute-of-far-eastern-studies',
    type: 'institution',
    name: 'Institute of Far Eastern Studies',
    aliases: ['Institute of Far Eastern Studies of the Russian Academy of Sciences'],
    forms: ['Institute of Far Eastern Studies of the Russian Academy of Sciences'],
    description: 'Institute of the Russian Academy of Sciences; Vassily Kashin is a senior fellow there.',
  },
  {
    id: 'russian-academy-of-sciences',
    type: 'institution',
    name: 'Russian Academy of Sciences',
    description: 'Academy of which the Institute of Far Eastern Studies is part.',
  },
  {
    id: 'pacific-fleet',
    type: 'institution',
    name: 'Pacific Fleet',
    description: 'The Russian Pacific Fleet; its anti-submarine ship Admiral Panteleyev joined the "Maritime Interaction" drills.',
  },
  {
    id: 'chinese-council-of-advanced-policy-studies',
    type: 'institution',
    name: 'Chinese Council of Advanced Policy Studies',
    description: 'Think tank in Taiwan; Andrew Yang is its secretary-general.',
  },
  {
    id: 'international-institute-for-strategic-studies',
    type: 'institution',
    name: 'International Institute for Strategic Studies',
    description: 'Nigel Gould-Davies is its senior fellow for Russia and Eurasia.',
  },
  {
    id: 'united-nations',
    type: 'institution',
    name: 'United Nations',
    description: 'Its sanctions on North Korea are the subject of a push by Beijing and Moscow to lift them.',
  },
  {
    id: 'fulbright-university-vietnam',
    type: 'institution',
    name: 'Fulbright University Vietnam',
    description: 'University in Vietnam (as its name says); Nguyen Thanh Trung is a faculty member there.',
  },
  {
    id: 'center-for-global-security-research',
    type: 'institution',
    name: 'Center for Global Security Research',
    description: 'Held the virtual talk at which Bobo Lo spoke.',
  },

  // Media outlets
  {
    id: 'voice-of-america',
    type: 'outlet',
    name: 'Voice Of America',
    aliases: ['VOA'],
    description: 'Reported most of what this article relays ("Voice Of America reported", "VOA reported"); listed first among its sources.',
  },
  { id: 'sputnik', type: 'outlet', name: 'Sputnik', description: 'Moscow-based news service that reported the "Maritime Interaction" drills.' },
  { id: 'al-jazeera', type: 'outlet', name: 'Al Jazeera', description: 'Outlet Nigel Gould-Davies spoke to.' },
  {
    id: 'china-factor',
    type: 'outlet',
    name: 'China Factor',
    description: 'Publisher of this article; its boilerplate says it is not responsible for the content of external sites.',
  },
  { id: 'china-daily', type: 'outlet', name: 'China Daily', description: "Listed among the article's sources." },
  { id: 'the-interpreter', type: 'outlet', name: 'The Interpreter', description: "Listed among the article's sources." },
  { id: 'associated-press', type: 'outlet', name: 'Associated Press', description: "Listed among the article's sources." },

  // Countries and places. "China" inside an outlet's name is part of that name, not the country.
  { id: 'china', type: 'place', name: 'China', notInside: ['China Factor', 'China Daily'], description: 'Country; with Russia the subject of the article.' },
  { id: 'russia', type: 'place', name: 'Russia', description: 'Country; with China the subject of the article.' },
  {
    id: 'beijing',
    type: 'place',
    name: 'Beijing',
    description: 'Used in the article for the Chinese government ("Beijing\'s aggressive language on Taiwan").',
  },
  { id: 'moscow', type: 'place', name: 'Moscow', description: 'Used in the article for the Russian government; Sputnik is Moscow-based.' },
  // "US$" is the currency, not a mention of the country.
  {
    id: 'united-states',
    type: 'place',
    name: 'United States',
    aliases: ['US'],
    notInside: ['US$'],
    description: 'Country; leads the upcoming Summit for Democracy and is party to the AUKUS pact.',
  },
  {
    id: 'washington',
    type: 'place',
    name: 'Washington',
    description: 'Used in the article for the US government ("ambassadors to Washington", "unsettle Washington").',
  },
  // Annotated on "West" alone, as "United States" is annotated without "the".
  {
    id: 'the-west',
    type: 'place',
    name: 'the West',
    aliases: ['West'],
    forms: ['West'],
    description: 'The Western democracies as a bloc.',
  },
  { id: 'australia', type: 'place', name: 'Australia', description: 'Country; party to the AUKUS pact.' },
  { id: 'united-kingdom', type: 'place', name: 'United Kingdom', description: 'Country; party to the AUKUS pact.' },
  { id: 'asia', type: 'place', name: 'Asia', description: 'Region where Russia wants to show it can "still play a role".' },
  { id: 'europe', type: 'place', name: 'Europe', description: 'Region whose democracies have strengthened their ties.' },
  // Used locatively ("rules in the European Union ... imports there"), so a place rather than an institution.
  { id: 'european-union', type: 'place', name: 'European Union', description: 'Its environmental rules complicate energy imports there.' },
  {
    id: 'taiwan',
    type: 'place',
    name: 'Taiwan',
    description: "Target of Beijing's aggressive language; home of the Chinese Council of Advanced Policy Studies.",
  },
  { id: 'hong-kong', type: 'place', name: 'Hong Kong', description: 'Where pro-democracy activists faced a crackdown.' },
  { id: 'xinjiang', type: 'place', name: 'Xinjiang', description: 'Region of China where policies target the Muslim minority.' },
  { id: 'singapore', type: 'place', name: 'Singapore', description: 'Home of the S. Rajaratnam School of International Studies.' },
  {
    id: 'ukraine',
    type: 'place',
    name: 'Ukraine',
    description: 'Country parts of which Russia aims to occupy; tension on its borders was the subject of the Biden-Putin call.',
  },
  { id: 'eurasia', type: 'place', name: 'Eurasia', description: "Region in Nigel Gould-Davies's title." },
  { id: 'crimea', type: 'place', name: 'Crimea', description: 'Annexed by Russia in 2014.' },
  { id: 'iran', type: 'place', name: 'Iran', description: 'Country on which Beijing and Moscow share similar approaches.' },
  { id: 'syria', type: 'place', name: 'Syria', description: 'Country on which Beijing and Moscow share similar approaches.' },
  { id: 'venezuela', type: 'place', name: 'Venezuela', description: 'Country on which Beijing and Moscow share similar approaches.' },
  { id: 'north-korea', type: 'place', name: 'North Korea', description: 'Under United Nations sanctions Beijing and Moscow push to lift.' },
  { id: 'vietnam', type: 'place', name: 'Vietnam', description: 'Country in the name of Fulbright University Vietnam.' },

  // Events
  {
    id: 'summit-for-democracy',
    type: 'event',
    name: 'Summit for Democracy',
    description: 'Upcoming US-led summit with 110 invitees, neither China nor Russia among them.',
  },
  {
    id: 'maritime-interaction',
    type: 'event',
    name: 'Maritime Interaction',
    description: 'Annual naval drills of China and Russia; the 10th was held in October with the Admiral Panteleyev.',
  },
  {
    id: 'biden-putin-video-call',
    type: 'event',
    name: 'Biden-Putin video call',
    aliases: ['video call'],
    forms: ['video call'],
    description: 'Video call earlier in the week of the article about escalating tension on the borders of Ukraine.',
  },
  { id: 'cold-war', type: 'event', name: 'Cold War', description: "Its era's distrust between China and Russia could limit cooperation." },
  {
    id: 'annexation-of-crimea',
    type: 'event',
    name: 'Annexation of Crimea',
    aliases: ['annexation of Crimea'],
    forms: ['annexation of Crimea'],
    description: "Russia's annexation of Crimea in 2014, followed by Western sanctions on Russia.",
  },

  // Treaties and pacts
  {
    id: 'treaty-of-good-neighborliness',
    type: 'treaty',
    name: 'Treaty of Good Neighborliness and Friendly Cooperation',
    description: 'The 20-year-old treaty between China and Russia, which they agreed in the summer to extend.',
  },
  {
    id: 'aukus',
    type: 'treaty',
    name: 'AUKUS',
    description: 'Pact involving Australia, the United Kingdom and the US, cited as a model military technology-sharing deal.',
  },

  // Weapon systems and ships
  { id: 's-400', type: 'weapon', name: 'S-400', description: 'Surface-to-air missile system; Russia agreed in 2015 to sell four to Beijing.' },
  {
    id: 'admiral-panteleyev',
    type: 'weapon',
    name: 'Admiral Panteleyev',
    description: 'Anti-submarine ship of the Russian Pacific Fleet that took part in the "Maritime Interaction" drills.',
  },

  // Unnamed sources
  {
    id: 'unnamed-analysts',
    type: 'unnamed-source',
    name: 'Unnamed analysts',
    aliases: ['analysts'],
    forms: ['analysts'],
    description: 'Analysts the article cites without naming them ("analysts say", "Some analysts also believe").',
  },
  {
    id: 'chinese-russian-ambassadors',
    type: 'unnamed-source',
    name: 'Chinese and Russian ambassadors to Washington',
    description: 'Authors, not named in the article, of an essay protesting the Summit for Democracy.',
  },
];

// ---- Relations (only what the article states) -----------------------------------------------------

export const RELATIONS: [subject: string, type: string, object: string][] = [
  ['alan-chong', 'affiliatedWith', 's-rajaratnam-school-of-international-studies'],
  ['vassily-kashin', 'affiliatedWith', 'institute-of-far-eastern-studies'],
  ['andrew-yang', 'affiliatedWith', 'chinese-council-of-advanced-policy-studies'],
  ['nigel-gould-davies', 'affiliatedWith', 'international-institute-for-strategic-studies'],
  ['nguyen-thanh-trung', 'affiliatedWith', 'fulbright-university-vietnam'],
  ['s-rajaratnam-school-of-international-studies', 'locatedIn', 'singapore'],
  ['chinese-council-of-advanced-policy-studies', 'locatedIn', 'taiwan'],
  ['fulbright-university-vietnam', 'locatedIn', 'vietnam'],
  ['sputnik', 'locatedIn', 'moscow'],
  ['institute-of-far-eastern-studies', 'partOf', 'russian-academy-of-sciences'],
  ['admiral-panteleyev', 'partOf', 'pacific-fleet'],
  ['xi-jinping', 'leaderOf', 'china'],
  ['xi-jinping', 'leaderOf', 'communist-party'],
  ['vladimir-putin', 'leaderOf', 'russia'],
  ['joe-biden', 'leaderOf', 'united-states'],
  ['sergey-lavrov', 'officialOf', 'russia'],
  ['jake-sullivan', 'officialOf', 'united-states'],
  ['australia', 'partyTo', 'aukus'],
  ['united-kingdom', 'partyTo', 'aukus'],
  ['united-states', 'partyTo', 'aukus'],
  ['china', 'partyTo', 'treaty-of-good-neighborliness'],
  ['russia', 'partyTo', 'treaty-of-good-neighborliness'],
];

// ---- Claims ---------------------------------------------------------------------------------------

interface ClaimSpec {
  id: string;
  /** The claim sentence(s) exactly as printed; a plain space here also matches a no-break space. */
  text: string;
  summary: string;
  mode: ClaimMode;
  cue: string;
  chain: ChainLinkDef[];
}

const VOA: ChainLinkDef = { role: 'outlet', entity: 'voice-of-america' };
const AL_JAZEERA: ChainLinkDef = { role: 'outlet', entity: 'al-jazeera' };
const speaker = (entity: string): ChainLinkDef => ({ role: 'speaker', entity });
/** Analysts' and officials' words in the VOA-reported body came through VOA (the lead says "Voice Of America reported"). */
const viaVoa = (entity: string): ChainLinkDef[] => [speaker(entity), VOA];
const viaAlJazeera = (entity: string): ChainLinkDef[] => [speaker(entity), AL_JAZEERA];
const LO_TALK: ChainLinkDef = {
  role: 'venue',
  entity: 'center-for-global-security-research',
  label: 'a virtual talk held by the Center for Global Security Research',
  kind: 'virtual talk',
};

export const CLAIMS: ClaimSpec[] = [
  {
    id: 'c-voa-circle-the-wagons',
    text: 'Growing pressure from the West has ultimately forced China and Russia to “circle the wagons,” and strengthen their political, economic and military relations, despite their uneasy history, Voice Of America reported.',
    summary: 'Western pressure has forced China and Russia to strengthen political, economic and military ties despite their uneasy history.',
    mode: 'reported-statement',
    cue: 'reported',
    chain: [speaker('voice-of-america')],
  },
  {
    id: 'c-voa-vocal-opposition',
    text: 'Vocal opposition has grown in response to Beijing’s aggressive language on Taiwan, its crackdown on pro-democracy activists in Hong Kong, and its policies targeting the Muslim minority in China’s Xinjiang region, VOA reported.',
    summary: 'Opposition to China has grown over Taiwan, Hong Kong and Xinjiang.',
    mode: 'reported-statement',
    cue: 'reported',
    chain: [speaker('voice-of-america')],
  },
  {
    id: 'c-chong-more-acceptable',
    text: 'Back then, smaller nations saw the US as “more acceptable” among the great powers, according to Alan Chong, an associate professor at the S. Rajaratnam School of International Studies in Singapore.',
    summary: 'Under the Obama and Bush presidencies smaller nations saw the US as the more acceptable great power.',
    mode: 'direct-quote',
    cue: 'according to',
    chain: viaVoa('alan-chong'),
  },
  {
    id: 'c-chong-reputation-hit',
    text: 'As a result of Xi’s policies at home and abroad and the heated rhetoric coming from Beijing, China’s reputation “has taken a hit,” Chong said.',
    summary: "Xi's policies and Beijing's heated rhetoric have hurt China's reputation.",
    mode: 'direct-quote',
    cue: 'said',
    chain: viaVoa('alan-chong'),
  },
  {
    id: 'c-chong-biden-tough-opponent',
    text: 'Beijing also sees US President Joe Biden as “a very tough opponent,” he added.',
    summary: 'Beijing sees Biden as a very tough opponent.',
    mode: 'direct-quote',
    cue: 'added',
    chain: viaVoa('alan-chong'),
  },
  {
    id: 'c-ambassadors-summit-divisions',
    text: 'Last month, an essay by Chinese and Russian ambassadors to Washington protested the upcoming US-led Summit for Democracy for creating divisions in the world.',
    summary: 'The US-led Summit for Democracy creates divisions in the world.',
    mode: 'paraphrase',
    cue: 'protested',
    chain: [speaker('chinese-russian-ambassadors'), { role: 'venue', label: 'an essay', kind: 'essay' }, VOA],
  },
  {
    id: 'c-kashin-energy-dependence',
    text: 'Russia depends on China’s massive industrial economy for oil and gas exports as environmental rules in the European Union complicate energy imports there, Vassily Kashin, a senior fellow at the Institute of Far Eastern Studies of the Russian Academy of Sciences, pointed out.',
    summary: "Russia depends on China's economy for oil and gas exports as EU environmental rules complicate energy imports there.",
    mode: 'paraphrase',
    cue: 'pointed out',
    chain: viaVoa('vassily-kashin'),
  },
  {
    id: 'c-kashin-us-global-order',
    text: '“Most importantly, we don’t like the US global order, so this close partnership is based on common opposition to [that],” Kashin said.',
    summary: 'The Russia-China partnership rests on common opposition to the US global order.',
    mode: 'direct-quote',
    cue: 'said',
    chain: viaVoa('vassily-kashin'),
  },
  {
    id: 'c-lavrov-unique-relations',
    text: 'Foreign Minister Sergey Lavrov hailed Russia’s relations with China as “unique,” characterized by “comprehensive partnership and strategic interaction.”',
    summary: "Russia's relations with China are unique: comprehensive partnership and strategic interaction.",
    mode: 'direct-quote',
    cue: 'hailed',
    chain: viaVoa('sergey-lavrov'),
  },
  {
    id: 'c-putin-unsettle-washington',
    text: 'Russian President Vladimir Putin believes that closer Russo-Sino relations will unsettle Washington and its Western partners, complicating strategic calculations for the US.',
    summary: 'Closer Russia-China relations will unsettle Washington and its partners and complicate US strategic calculations.',
    mode: 'belief',
    cue: 'believes',
    chain: viaVoa('vladimir-putin'),
  },
  {
    id: 'c-voa-military-exercises-arms',
    text: 'With the world’s second-strongest military after the US, Russia has held military exercises with China – five made public to date. It also sells arms to its giant neighbor to the south, VOA reported.',
    summary: 'Russia has held five public military exercises with China and sells it arms.',
    mode: 'reported-statement',
    cue: 'reported',
    chain: [speaker('voice-of-america')],
  },
  {
    id: 'c-sputnik-maritime-interaction',
    text: 'In October, they held their 10th annual “Maritime Interaction” naval drills with the Russian Pacific Fleet’s anti-submarine ship Admiral Panteleyev, the Moscow-based Sputnik news service stated.',
    summary: 'China and Russia held their 10th annual "Maritime Interaction" naval drills in October with the Admiral Panteleyev.',
    mode: 'reported-statement',
    cue: 'stated',
    chain: [speaker('sputnik')],
  },
  {
    id: 'c-voa-treaty-extension',
    text: 'In the summer, they agreed to extend their 20-year-old Treaty of Good Neighborliness and Friendly Cooperation to strengthen relations by respecting each other’s interests and sovereignty, VOA reported.',
    summary: 'China and Russia agreed in the summer to extend their Treaty of Good Neighborliness and Friendly Cooperation.',
    mode: 'reported-statement',
    cue: 'reported',
    chain: [speaker('voice-of-america')],
  },
  {
    id: 'c-yang-asia-role',
    text: 'Russia looks to China for support of its goal in occupying parts of Ukraine, as well as a conduit to show Moscow can “still play a role” in the Asia region,” said Andrew Yang, the secretary-general of the Chinese Council of Advanced Policy Studies think tank in Taiwan.',
    summary: 'Russia looks to China for support over Ukraine and to show it can still play a role in Asia.',
    mode: 'direct-quote',
    cue: 'said',
    chain: viaVoa('andrew-yang'),
  },
  {
    id: 'c-sullivan-biden-warning',
    text: '“[Biden] told President Putin directly that if Russia further invades Ukraine, the United States and our European allies would respond with strong economic measures,” US National Security Adviser Jake Sullivan told a media briefing.',
    summary: 'Biden told Putin the US and its European allies would answer a further invasion of Ukraine with strong economic measures.',
    mode: 'direct-quote',
    cue: 'told',
    chain: [speaker('jake-sullivan'), { role: 'venue', label: 'a media briefing', kind: 'briefing' }, VOA],
  },
  {
    id: 'c-yang-china-needs-russia',
    text: 'Still, China needs Russian weapons, energy and support against Western pressure, Yang said.',
    summary: 'China needs Russian weapons, energy and support against Western pressure.',
    mode: 'paraphrase',
    cue: 'said',
    chain: viaVoa('andrew-yang'),
  },
  {
    id: 'c-voa-s400-sale',
    text: 'Russia agreed in 2015 to sell Beijing 24 combat aircraft and four S-400 surface-to-air missile systems for about US$7 billion, VOA reported.',
    summary: 'Russia agreed in 2015 to sell China 24 combat aircraft and four S-400 systems for about US$7 billion.',
    mode: 'reported-statement',
    cue: 'reported',
    chain: [speaker('voice-of-america')],
  },
  {
    id: 'c-yang-balance-of-power',
    text: '“I think this is the traditional, old-fashioned balance of power. They consider if China and Russia can join together, they can also regulate the regional security issues,” Yang said.',
    summary: 'The partnership is an old-fashioned balance of power aimed at regulating regional security together.',
    mode: 'direct-quote',
    cue: 'said',
    chain: viaVoa('andrew-yang'),
  },
  {
    id: 'c-gould-davies-strongest-relationship',
    text: '“It’s the strongest, closest and best relationship that the two countries have had since at least the mid-1950s. And possibly ever,” Nigel Gould-Davies, a senior fellow for Russia and Eurasia at the International Institute for Strategic Studies, said.',
    summary: 'China-Russia relations are the strongest since at least the mid-1950s, possibly ever.',
    mode: 'direct-quote',
    cue: 'said',
    chain: viaAlJazeera('nigel-gould-davies'),
  },
  {
    id: 'c-gould-davies-rapid-development',
    text: 'Calling the current state of affairs “exceptional,” ties have “developed very rapidly within the past 10 years,” he added, accelerating in the wake of Western sanctions on Russia over its annexation of Crimea in 2014.',
    summary: 'Ties are exceptional and developed rapidly in the past 10 years, accelerating after sanctions over Crimea.',
    mode: 'direct-quote',
    cue: 'added',
    chain: viaAlJazeera('nigel-gould-davies'),
  },
  {
    id: 'c-gould-davies-hostility-to-liberal-values',
    text: 'Gould-Davies stressed that the main driver behind this is hostility towards liberal democratic values from Beijing and Moscow.',
    summary: "The main driver is Beijing's and Moscow's hostility towards liberal democratic values.",
    mode: 'paraphrase',
    cue: 'stressed',
    chain: viaAlJazeera('nigel-gould-davies'),
  },
  {
    id: 'c-gould-davies-anti-democratic-regimes',
    text: '“Both countries are ruled by anti-democratic regimes that share a strong common interest in resisting the influence of liberal Western values within their own countries,” he told Al Jazeera.',
    summary: 'Both anti-democratic regimes share an interest in resisting liberal Western values at home.',
    mode: 'direct-quote',
    cue: 'told',
    chain: viaAlJazeera('nigel-gould-davies'),
  },
  {
    id: 'c-gould-davies-ideological-interest',
    text: '“They also have a strong shared interest in undermining the states and alliances, beyond their own borders, that embody liberal values. So, their main common interest is in effect, an ideological one – they seek to undermine the democratic and liberal West,” Gould-Davies said.',
    summary: 'Their main common interest is ideological: undermining the democratic and liberal West.',
    mode: 'direct-quote',
    cue: 'said',
    chain: viaAlJazeera('nigel-gould-davies'),
  },
  {
    id: 'c-analysts-limited-cooperation',
    text: 'Yet Cold War-era distrust between China and Russia could limit cooperation to broad or informal actions rather than a signed pact, analysts say.',
    summary: 'Cold War-era distrust could keep China-Russia cooperation informal rather than a signed pact.',
    mode: 'paraphrase',
    cue: 'say',
    chain: viaVoa('unnamed-analysts'),
  },
  {
    id: 'c-nguyen-aukus-style-deal',
    text: 'The two sides could set up a military technology-sharing deal such as the AUKUS pact involving Australia, the United Kingdom and the US, said Nguyen Thanh Trung, a faculty member at Fulbright University Vietnam.',
    summary: 'China and Russia could set up an AUKUS-style military technology-sharing deal.',
    mode: 'paraphrase',
    cue: 'said',
    chain: viaVoa('nguyen-thanh-trung'),
  },
  {
    id: 'c-nguyen-no-concrete-progress',
    text: '“Over the last two years, China and Russia have signed a lot of [deals], but I don’t see a lot of concrete progress in their agreements,” Nguyen said.',
    summary: 'China and Russia have signed many deals in two years but made little concrete progress.',
    mode: 'direct-quote',
    cue: 'said',
    chain: viaVoa('nguyen-thanh-trung'),
  },
  {
    id: 'c-analysts-no-reason-paranoid',
    text: 'Some analysts also believe there is no reason for the US to become paranoid over a China-Russia informal alliance.',
    summary: 'The US has no reason to become paranoid over an informal China-Russia alliance.',
    mode: 'belief',
    cue: 'believe',
    chain: viaVoa('unnamed-analysts'),
  },
  {
    id: 'c-lo-no-grand-conspiracy',
    text: '“There is no grand conspiracy against the West,” insisted Bobo Lo, a former Australian diplomat and an independent international relations analyst, at a virtual talk held by the Center for Global Security Research.',
    summary: 'There is no grand China-Russia conspiracy against the West.',
    mode: 'direct-quote',
    cue: 'insisted',
    chain: [speaker('bobo-lo'), LO_TALK, VOA],
  },
  {
    // The quote continues Bobo Lo's from the paragraph before: one claim per paragraph, same chain.
    id: 'c-lo-classic-great-power',
    text: '“What this is, is a classic great power relationship, meaning it’s driven by common interests, rather than shared values.”',
    summary: 'It is a classic great power relationship driven by common interests, not shared values.',
    mode: 'direct-quote',
    cue: 'insisted',
    chain: [speaker('bobo-lo'), LO_TALK, VOA],
  },
];

// ---- Building -------------------------------------------------------------------------------------

const WORD = /[\p{L}\p{N}]/u;

/** True when text[start, end) is not glued to a letter or digit on either side ("Asia" is no word in "Eurasia"). */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.slice(start - 1, start) : '';
  const after = text.slice(end, end + 1);
  return !WORD.test(before) && !WORD.test(after);
}

/** Every occurrence of `needle`, case-sensitive, as UTF-16 [start, end). */
function occurrences(text: string, needle: string): [number, number][] {
  const found: [number, number][] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push([i, i + needle.length]);
  return found;
}

/** Every whole-word occurrence of `needle`, case-sensitive, as UTF-16 [start, end). */
export function wholeWordOccurrences(text: string, needle: string): [number, number][] {
  return occurrences(text, needle).filter(([s, e]) => isWholeWord(text, s, e));
}

function findClaimSpan(text: string, spec: ClaimSpec): [number, number] {
  const pattern = spec.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00a0]');
  const matches = [...text.matchAll(new RegExp(pattern, 'g'))];
  const only = matches[0];
  if (matches.length !== 1 || only === undefined) throw new Error(`claim ${spec.id}: found ${matches.length} times, expected once`);
  const start = only.index;
  const end = start + only[0].length;
  // A claim is whole sentences: it starts a paragraph or follows ". ", and ends a paragraph or precedes a space.
  const startsSentence = start === 0 || text[start - 1] === '\n' || /[.”] $/.test(text.slice(start - 2, start));
  const endsSentence = end === text.length || text[end] === '\n' || text[end] === ' ';
  if (!startsSentence || !endsSentence) throw new Error(`claim ${spec.id}: not a whole-sentence span`);
  return [start, end];
}

function findMentionSpans(text: string, spec: EntitySpec): [number, number][] {
  const forms = [...(spec.forms ?? [spec.name, ...(spec.aliases ?? [])])].sort((a, b) => b.length - a.length);
  // Plain substring search: "US$7" has no word boundary after "$", yet "US" in it is still the currency.
  const excluded = (spec.notInside ?? []).flatMap((s) => occurrences(text, s));
  const taken: [number, number][] = [];
  for (const form of forms) {
    for (const [s, e] of wholeWordOccurrences(text, form)) {
      if (excluded.some(([xs, xe]) => xs <= s && e <= xe)) continue;
      // A shorter form inside a longer one already taken ("Xi" in "Xi Jinping") is the same mention.
      if (taken.some(([ts, te]) => s < te && ts < e)) continue;
      taken.push([s, e]);
    }
  }
  return taken;
}

function entityDef(spec: EntitySpec): EntityDef {
  const def: EntityDef = { id: spec.id, type: spec.type, name: spec.name };
  if (spec.aliases?.length) def.aliases = [...spec.aliases];
  if (spec.role !== undefined) def.role = spec.role;
  if (spec.affiliations?.length) def.affiliations = [...spec.affiliations];
  def.description = spec.description;
  return def;
}

/** Fixed key order for chain links, whatever order the spec literals use. */
function chainLink(link: ChainLinkDef): ChainLinkDef {
  const out: ChainLinkDef = { role: link.role };
  if (link.entity !== undefined) out.entity = link.entity;
  if (link.label !== undefined) out.label = link.label;
  if (link.kind !== undefined) out.kind = link.kind;
  return out;
}

function typeDef(t: EntityTypeDef): EntityTypeDef {
  const out: EntityTypeDef = { id: t.id, label: t.label, color: t.color, cue: t.cue };
  if (t.icon !== undefined) out.icon = t.icon;
  if (t.parent !== undefined) out.parent = t.parent;
  if (t.description !== undefined) out.description = t.description;
  return out;
}

const kebab = (s: string): string => s.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** The whole annotation file for the normalized article text. Pure: the same text always gives the same file. */
export function buildSeedAnnotation(text: string): AnnotationFile {
  const map = new OffsetMap(text);
  const ids = new Set<string>();
  const fresh = (id: string): string => {
    if (ids.has(id)) throw new Error(`duplicate id ${id}`);
    ids.add(id);
    return id;
  };
  const entityIds = new Set(ENTITIES.map((e) => e.id));
  const need = (id: string, where: string): void => {
    if (!entityIds.has(id)) throw new Error(`${where}: unknown entity ${id}`);
  };

  const entities = ENTITIES.map((spec) => {
    fresh(spec.id);
    if (!TYPES.some((t) => t.id === spec.type)) throw new Error(`${spec.id}: unknown type ${spec.type}`);
    for (const a of spec.affiliations ?? []) need(a, spec.id);
    return entityDef(spec);
  });

  const spans = ENTITIES.flatMap((spec) => {
    const found = findMentionSpans(text, spec);
    if (found.length === 0) throw new Error(`${spec.id}: no mention in the text`);
    return found.map(([start, end]) => ({ entity: spec.id, start, end }));
  });
  // Text order; an enclosing mention before the ones nested in it.
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.entity.localeCompare(b.entity));
  const perEntity = new Map<string, number>();
  const mentions: MentionDef[] = spans.map(({ entity, start, end }) => {
    const n = (perEntity.get(entity) ?? 0) + 1;
    perEntity.set(entity, n);
    return { id: fresh(`m-${entity}-${n}`), entity, selector: selectorsFor(map, start, end) };
  });

  const claimSpans = CLAIMS.map((spec) => ({ spec, span: findClaimSpan(text, spec) }));
  claimSpans.sort((a, b) => a.span[0] - b.span[0]);
  const claims: ClaimDef[] = claimSpans.map(({ spec, span: [start, end] }) => {
    for (const link of spec.chain) if (link.entity !== undefined) need(link.entity, spec.id);
    return {
      id: fresh(spec.id),
      selector: selectorsFor(map, start, end),
      summary: spec.summary,
      attribution: { mode: spec.mode, chain: spec.chain.map(chainLink), cue: spec.cue },
    };
  });

  const relations: RelationDef[] = RELATIONS.map(([subject, type, object]) => {
    need(subject, type);
    need(object, type);
    return { id: fresh(`r-${subject}-${kebab(type)}-${object}`), type, subject, object };
  });

  return {
    marginalia: 1,
    article: { path: ARTICLE_PATH, title: TITLE, hash: hashText(text), length: map.codePointLength },
    types: TYPES.map(typeDef),
    entities,
    mentions,
    claims,
    relations,
  };
}

/** The file's exact bytes: 2-space JSON and a final newline, so regenerating an unchanged spec is a no-op diff. */
export function serialize(file: AnnotationFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function main(): void {
  const root = process.cwd();
  const text = normalizeText(readFileSync(join(root, ARTICLE_FILE), 'utf8'));
  const out = serialize(buildSeedAnnotation(text));
  const target = join(root, ANNOTATION_FILE);
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== out) {
      console.error(`${ANNOTATION_FILE} is stale: regenerate it with scripts/seed-annotation.ts`);
      process.exit(1);
    }
    console.log(`${ANNOTATION_FILE} is up to date`);
    return;
  }
  writeFileSync(target, out);
  const file = JSON.parse(out) as AnnotationFile;
  console.log(
    `wrote ${ANNOTATION_FILE}: ${file.entities.length} entities, ${file.mentions.length} mentions, ${file.claims.length} claims, ${file.relations?.length ?? 0} relations`,
  );
}

// Run only as the entry point, so the unit test can import the builder to check the committed file is fresh.
if (require.main === module) main();
