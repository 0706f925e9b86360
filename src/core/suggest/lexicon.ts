// What the suggester knows about words. The tags come from compromise's lexicon (compromise/two: ~24,600
// words with their part of speech, ~3,000 first names, ~900 surnames, ~940 countries, cities and regions,
// ~250 demonyms, ~360 organisations) and its list of organisation head words. Its tagger is not used: it
// parses about 25 KB a second, so a 1 MB article would take 40 s; the lexicon lookups are what its
// person/place/organisation tagging rests on anyway (docs/suggestions.md says more).

import nlp from 'compromise/two';

function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null && key in o ? (o as Record<string, unknown>)[key] : undefined;
}

function loadLexicon(): Map<string, ReadonlySet<string>> {
  const lexicon = new Map<string, ReadonlySet<string>>();
  const raw = field(field(nlp.model(), 'one'), 'lexicon');
  if (typeof raw !== 'object' || raw === null) return lexicon;
  for (const [word, tags] of Object.entries(raw)) {
    const list = Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : typeof tags === 'string' ? [tags] : [];
    if (list.length) lexicon.set(word, new Set(list));
  }
  return lexicon;
}

function loadWords(key: string): ReadonlySet<string> {
  const raw = field(field(nlp.model(), 'two'), key);
  return new Set(typeof raw === 'object' && raw !== null ? Object.keys(raw) : []);
}

let lexicon: Map<string, ReadonlySet<string>> | undefined;
let orgWords: ReadonlySet<string> | undefined;
let placeWords: ReadonlySet<string> | undefined;
const NONE: ReadonlySet<string> = new Set();

/** compromise's tags for a lower-case word or phrase ("hong kong"), empty when it does not know it. */
export function tagsOf(lower: string): ReadonlySet<string> {
  lexicon ??= loadLexicon();
  return lexicon.get(lower) ?? NONE;
}

/** compromise's organisation head words ("institute", "bank", "ministry"): a capitalised run ending in one is an organisation. */
export function isOrgWord(lower: string): boolean {
  orgWords ??= loadWords('orgWords');
  return orgWords.has(lower) || ORG_HEADS.has(lower);
}

/** compromise's place head words ("lake", "river", "dam", "strait"), and a few it lacks: "Lake Nasser", "Blue Nile"… */
export function isPlaceHead(lower: string): boolean {
  placeWords ??= loadWords('placeWords');
  return (placeWords.has(lower) && !GENERIC_PLACE_HEADS.has(lower)) || EXTRA_PLACE_HEADS.has(lower);
}

/** compromise place words too common in other names ("White House", "Supreme Court", "Labour Party"). */
const GENERIC_PLACE_HEADS = new Set([
  'house',
  'hall',
  'building',
  'complex',
  'memorial',
  'museum',
  'library',
  'site',
  'field',
  'centre',
  'bar',
  'way',
  'landing',
  'state',
  'farm',
  'arena',
  'garden',
  'gardens',
]);
const EXTRA_PLACE_HEADS = new Set(['area', 'sea', 'ocean', 'canal', 'gulf', 'desert', 'mountains', 'plateau', 'delta', 'basin', 'corridor', 'nile']);

const PLACE_TAGS = ['Country', 'City', 'Region', 'Place'];
const NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName'];
const COMMON_TAGS = [
  'Adjective',
  'Adverb',
  'Noun',
  'Singular',
  'Plural',
  'Uncountable',
  'Verb',
  'PastTense',
  'PresentTense',
  'Infinitive',
  'Gerund',
  'Participle',
  'PhrasalVerb',
  'Determiner',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'Possessive',
  'Modal',
  'Copula',
  'QuestionWord',
  'Expression',
  'Comparative',
  'Superlative',
  'Value',
  'Cardinal',
  'Ordinal',
  'TextValue',
  'Date',
  'Month',
  'WeekDay',
  'Duration',
  'Negative',
];

// Each word's tags as bits, worked out once per word: the lookups run for every token of a 1 MB article.
const PLACE = 1;
const NAME = 2;
const LAST = 4;
const ORG = 8;
const PERSON = 16;
const DEMONYM = 32;
const COMMON = 64;
const FUNCTION = 128;
const TITLE = 256;
const flagCache = new Map<string, number>();

function flagsOf(lower: string): number {
  let f = flagCache.get(lower);
  if (f !== undefined) return f;
  const t = tagsOf(lower);
  const any = (tags: readonly string[]): boolean => tags.some((x) => t.has(x));
  f = 0;
  if (any(PLACE_TAGS)) f |= PLACE;
  if (any(NAME_TAGS)) f |= NAME;
  if (t.has('LastName')) f |= LAST;
  if (any(['Organization', 'Company', 'School'])) f |= ORG;
  if (t.has('Person')) f |= PERSON;
  if (t.has('Demonym') || BELIEFS.has(lower)) f |= DEMONYM;
  const proper = (f & (PLACE | NAME | ORG | LAST | PERSON)) !== 0;
  if (any(COMMON_TAGS) && !proper) f |= COMMON;
  if (any(FUNCTION_TAGS) && (f & (PLACE | NAME | ORG)) === 0) f |= FUNCTION;
  if (any(['Honorific', 'Actor'])) f |= TITLE;
  if (flagCache.size > 200_000) flagCache.clear();
  flagCache.set(lower, f);
  return f;
}

export const isPlaceWord = (lower: string): boolean => (flagsOf(lower) & PLACE) !== 0;
export const isFirstName = (lower: string): boolean => (flagsOf(lower) & NAME) !== 0;
export const isLastName = (lower: string): boolean => (flagsOf(lower) & LAST) !== 0;
export const isLexOrganization = (lower: string): boolean => (flagsOf(lower) & ORG) !== 0;
export const isLexPerson = (lower: string): boolean => (flagsOf(lower) & PERSON) !== 0;
export const isDemonym = (lower: string): boolean => (flagsOf(lower) & DEMONYM) !== 0;
/** A word compromise knows as something other than a name (an adjective, a verb, a determiner…). */
export const isCommonWord = (lower: string): boolean => (flagsOf(lower) & COMMON) !== 0;
const FUNCTION_TAGS = [
  'Determiner',
  'Conjunction',
  'Preposition',
  'Adverb',
  'Pronoun',
  'QuestionWord',
  'Date',
  'Month',
  'WeekDay',
  'Expression',
  'Negative',
  'Possessive',
  'Modal',
  'Copula',
  'Cardinal',
  'Ordinal',
  'TextValue',
  'Value',
];
/** "Yet", "Meanwhile", "Some", "Yesterday": words that open a sentence without being part of a name after them. */
export const isFunctionWord = (lower: string): boolean => (flagsOf(lower) & FUNCTION) !== 0;
/** Titles and honorifics compromise knows ("president", "minister", "mr"). */
export const isLexTitle = (lower: string): boolean => (flagsOf(lower) & TITLE) !== 0;

/** Adjectives of religion and ideology that compromise does not list as demonyms; capitalised, yet no names. */
export const BELIEFS: ReadonlySet<string> = new Set(
  'muslim muslims christian jewish hindu buddhist catholic protestant orthodox islamic sunni shia shiite evangelical marxist leninist maoist communist socialist fascist'.split(
    ' ',
  ),
);

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Head words that make a capitalised run an institution (beyond compromise's list). */
export const ORG_HEADS = words(`institute institution school university college academy council center centre foundation fund bank ministry department agency
  office bureau commission committee parliament congress senate assembly court tribunal party league federation association society organization
  organisation corporation company group fleet navy army forces force guard police authority board trust coalition network laboratory hospital
  museum library church cabinet government administration secretariat directorate command corps club observatory union alliance`);
export const EVENT_HEADS = words(
  'war summit conference olympics games cup championship election elections revolution crisis festival talks dialogue uprising massacre spring',
);
export const TREATY_HEADS = words('treaty pact accord accords agreement convention protocol charter declaration regulation directive act');
/** Capitalised words that end an outlet's name ("South China Morning Post", "Daily Mail"). */
export const OUTLET_HEADS = words(`times post news daily herald journal gazette tribune telegraph chronicle guardian observer express mirror press broadcasting
  radio television tv wire economist monitor insider magazine mail standard independent dispatch`);

/** Common nouns after a name that say what it is: "Xinjiang region", "Sputnik news service", "AUKUS pact". */
export const PLACE_NOUNS = words('region province state city town village district county territory republic island islands peninsula valley capital');
export const OUTLET_NOUNS = words('newspaper daily broadcaster channel magazine website outlet tabloid weekly network');
export const OUTLET_PHRASES = [
  'news service',
  'news agency',
  'news site',
  'news website',
  'news outlet',
  'news network',
  'state media',
  'state television',
  'television',
];
export const EVENT_NOUNS = words('drills drill exercises exercise summit talks games festival operation war conference campaign negotiations');
export const TREATY_NOUNS = words('pact treaty accord agreement alliance deal');
export const INSTITUTION_NOUNS = words('party university institute council ministry agency company firm group foundation');
export const INSTITUTION_PHRASES = ['think tank', 'research institute', 'research group'];
export const VESSEL_NOUNS = words('ship vessel destroyer frigate corvette cruiser carrier submarine warship icebreaker tanker flagship');
export const WEAPON_NOUNS =
  words(`missile missiles system systems jet jets fighter fighters aircraft tank tanks drone drones rocket rockets launcher launchers bomber
  bombers helicopter helicopters warhead warheads howitzer howitzers interceptor interceptors surface-to-air air-defence air-defense`);

/** Capitalised title words before a name ("Foreign Minister Sergey Lavrov"); the last one heads the title. */
export const TITLE_HEADS =
  words(`president vice-president minister secretary adviser advisor ambassador envoy spokesman spokeswoman spokesperson chancellor premier officer
  governor senator sen rep representative congressman congresswoman mayor king queen prince princess emperor pope chairman chairwoman chair director
  commissioner officer commander general gen admiral adm colonel col major lieutenant lt captain capt sergeant judge justice chief leader president-elect
  secretary-general sheikh emir dr prof professor mr mrs ms sir dame lord lady`);
export const TITLE_MODIFIERS =
  words(`foreign defence defense finance interior home health trade economy justice education energy national security deputy vice prime
  executive state acting senior supreme joint staff affairs former first`);
/** Titles that make a person an official (the others — Mr, Dr, Professor — only say it is a person). */
export const HONORIFICS = words('dr prof professor mr mrs ms sir dame lord lady');

/** Words in a role that make a person an analyst rather than an official. */
export const ANALYST_ROLE_WORDS = words(`analyst fellow professor researcher scholar lecturer expert economist faculty scientist historian director-general
  commentator strategist specialist associate`);
export const OFFICIAL_ROLE_WORDS =
  words(`president minister secretary adviser advisor ambassador envoy spokesman spokeswoman spokesperson chancellor premier governor
  senator mayor official diplomat lawmaker commander general admiral commissioner`);
/** Roles that make a person an official even without a title before the name ("a spokesperson" or "its president" may be a company's). */
export const GOVERNMENT_ROLE_WORDS =
  words(`minister ambassador envoy chancellor premier governor senator mayor lawmaker diplomat congressman congresswoman legislator
  official commissioner secretary-general`);
/** Institutions whose people are analysts: universities, institutes, think tanks. */
export const ACADEMIC_ORG_WORDS = words('university institute school college academy center centre council foundation studies observatory laboratory');

/** Plural nouns for sources the article does not name ("analysts say", "officials said"). */
export const UNNAMED_SOURCES =
  words(`analysts experts officials observers diplomats sources critics economists researchers scientists residents witnesses activists
  lawmakers investors insiders commentators scholars historians strategists campaigners regulators authorities prosecutors investigators doctors lawyers
  negotiators aides traders executives`);
/** The same, one person: counts only as "a/an …" ("A senior Indonesian diplomat, who asked not to be named, said"). */
export const UNNAMED_SOURCE = words(`analyst expert official observer diplomat source critic economist researcher scientist resident witness activist lawmaker
  investor insider spokesperson spokesman spokeswoman aide negotiator executive`);

export const MONTHS = words(`january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
  nov dec monday tuesday wednesday thursday friday saturday sunday`);

/** Heads of an apposition after a name that say what it is: "Northvolt, the Swedish battery maker". */
export const ORG_APPOSITION_HEADS =
  words(`maker company firm manufacturer producer group start-up startup bank agency giant operator carrier retailer insurer lender
  developer miner supplier provider brand organisation organization charity ngo movement party body regulator watchdog union club team university
  institute arm subsidiary unit division branch affiliate consortium coalition alliance network association foundation fund tank`);
export const PLACE_APPOSITION_HEADS = words('city town village country region province state capital island port district');
export const OUTLET_APPOSITION_HEADS = words('newspaper broadcaster magazine website channel daily tabloid outlet');
/** "Reliqua’s chief executive": what only an organisation has. */
export const ORG_POSSESSIONS =
  words(`chief ceo founder co-founder chairman chairwoman chair board shareholders employees staff spokesperson spokesman spokeswoman
  headquarters director managing executive owner owners investors subsidiary`);
/** Words after an organisation's name in a newsroom's credit line ("Reporting by …; Editing by …"). */
export const CREDIT_LINE = /^\(?\s*(?:by\s+\p{Lu}|(?:additional\s+)?(?:reporting|writing|editing|compiled|research|contributing)\b)/iu;

/** Country codes written as words: "US", "UK", "UAE" (compromise reads "us" as a pronoun). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(['US', 'UK', 'USA', 'UAE', 'DRC', 'PRC', 'ROK', 'DPRK', 'U.S.', 'U.K.']);
