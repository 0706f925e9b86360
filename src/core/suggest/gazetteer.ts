// Names compromise's lexicon lacks and news text uses all the time: the major news organisations, the
// buildings that stand for governments ("the Pentagon said"), and blocs written as compass points ("the
// West"). General knowledge, not any one article: an article's own outlets are found by its rules (an
// outlet "reported" or "stated", a "Sources:" line, a publisher's notice).

import type { Category } from './types';

const OUTLETS = `Reuters|AFP|Agence France-Presse|Associated Press|AP|Bloomberg|BBC|BBC News|CNN|CNBC|MSNBC|Sky News|ITV|Channel 4|Al Jazeera|Xinhua|TASS|Sputnik|RT|Kyodo|Yonhap|NHK|
Interfax|Nikkei|Nikkei Asia|Fox News|NPR|PBS|CBS News|NBC News|ABC News|Politico|Axios|Deutsche Welle|DW|France 24|Euronews|Voice of America|VOA|
Radio Free Europe|Radio Free Asia|South China Morning Post|Global Times|China Daily|People's Daily|CCTV|CGTN|The Guardian|The New York Times|
New York Times|The Washington Post|Washington Post|The Wall Street Journal|Wall Street Journal|Financial Times|The Economist|Le Monde|Der Spiegel|
El País|The Times|The Telegraph|The Independent|Kommersant|Izvestia|Caixin|Anadolu|The Hindu|Times of India|Haaretz|Asahi Shimbun|
Yomiuri Shimbun|Straits Times|The Straits Times|Jakarta Post|Bangkok Post|Daily Maverick|Mail & Guardian|Daily Nation|The East African|
Le Figaro|Süddeutsche Zeitung|Frankfurter Allgemeine Zeitung|Corriere della Sera|La Repubblica|El Mundo|ANSA|EFE|Efe|dpa|PAP|ITAR-TASS|RIA Novosti|
Meduza|Novaya Gazeta|Al Arabiya|Kyiv Independent|Ukrainska Pravda|Balkan Insight|Politico Europe|The Atlantic|The New Yorker|Newsweek|
Forbes|The Diplomat|Foreign Policy|Foreign Affairs|The Conversation|Devex|The Lancet`;

const GOVERNMENT = `Pentagon|White House|Kremlin|Downing Street|Élysée|Elysee|Élysée Palace|Zhongnanhai|Blue House|Capitol|Capitol Hill|State Department|
Foreign Office|Whitehall|Quai d'Orsay|Bundestag|Duma|State Duma|Knesset|Politburo|Federal Reserve|Fed|Treasury|Supreme Court|Vatican|Holy See`;

const BLOCS = `West|Global South|Global North|Middle East|Far East|Indo-Pacific|Asia-Pacific|Balkans|Sahel|Caucasus|Arctic|Antarctic|Levant|Maghreb|
Horn of Africa|Gulf|Persian Gulf|Baltics|Nordics|Scandinavia|Latin America|Central Asia|Southeast Asia|East Asia|South Asia|West Africa|East Africa|
Sub-Saharan Africa|North Africa|Philippines|Netherlands|Bahamas|Maldives|Seychelles|Comoros|Solomon Islands|Marshall Islands|Falklands|Eastern Europe|Western Europe|Central Europe|South China Sea|East China Sea|Black Sea|Red Sea|Taiwan Strait`;

function table(list: string, category: Category): [string, Category][] {
  return list
    .split(/\s*\|\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => [s, category]);
}

/** Case-sensitive surface form → category. Blocs written as compass points count only after "the". */
export const GAZETTEER: ReadonlyMap<string, Category> = new Map([...table(OUTLETS, 'outlet'), ...table(GOVERNMENT, 'institution'), ...table(BLOCS, 'place')]);

/** Bloc names that are also ordinary words and count only after "the": "the West", not "West Bank" or "Gulf of". */
export const NEEDS_THE: ReadonlySet<string> = new Set(['West', 'Gulf', 'Capitol', 'Fed', 'Treasury']);

/** The longest number of words in a gazetteer entry, for matching runs. */
export const GAZETTEER_MAX_WORDS = Math.max(...[...GAZETTEER.keys()].map((k) => k.split(' ').length));
