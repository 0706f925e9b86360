// The anchoring benchmark's inputs: for each kind of article, the annotated base text and the edited texts with
// their exact truth. Built lazily, one kind at a time (each case holds a 1 MB text).

import type { AnchorOptions, TextChange } from '../src/core/anchor';
import type { Selector } from '../src/core/model';
import { OffsetMap } from '../src/core/text';
import { annotate, prng, proseArticle, realParagraphs, recurringArticle } from './anchoring-corpus';
import { insertBlocks, moveParagraphs, scatteredEdits, truthOf, unedited, type Edited, type Truth } from './anchoring-edits';

export const ARTICLE_CHARS = 1_000_000;
export const ANNOTATIONS = 10_000;

export interface Case {
  name: string;
  text: string;
  /** Per annotation; `null` when the text was replaced and an orphan is right. */
  truth: (Truth | null)[];
  opts?: AnchorOptions;
  note: string;
}

export interface Kind {
  label: string;
  items: { selector: Selector[] }[];
  spans: [number, number][];
  cases: () => Generator<Case>;
}

type Make = (seed: number, chars: number) => string;

export function kinds(repo: string): Kind[] {
  const real = realParagraphs(repo);
  return [
    kind(
      'recurring phrases',
      (seed, chars) => recurringArticle(seed, chars, real),
      (seed, chars) => recurringArticle(seed, chars, []),
      true,
    ),
    kind(
      'real prose',
      (seed, chars) => proseArticle(seed, chars, real),
      (seed, chars) => proseArticle(seed, chars, real, 0),
      false,
    ),
  ];
}

/** `replacement` makes another article of the same kind with nothing of the base's real prose in it. */
function kind(label: string, make: Make, replacement: Make, fastPaths: boolean): Kind {
  const base = make(1, ARTICLE_CHARS);
  const { items, spans } = annotate(base, ANNOTATIONS, prng(20261128));
  const truth = (ed: Edited): Truth[] => truthOf(ed, base.length, spans);
  const start = unedited(base);
  function* cases(): Generator<Case> {
    yield { name: 'unchanged', text: base, truth: truth(start), note: 'the quote checked where its position says' };
    for (const n of [200, 2000]) {
      const ed = scatteredEdits(start, n, prng(n + 7));
      yield { name: `${n.toLocaleString('en')} scattered edits`, text: ed.text, truth: truth(ed), note: 'only the stored selectors known' };
    }
    const moved = scatteredEdits(moveParagraphs(start, 10, prng(11)), 200, prng(12));
    yield { name: '10 paragraphs moved + 200 edits', text: moved.text, truth: truth(moved), note: 'only the stored selectors known' };
    const drift = scatteredEdits(
      insertBlocks(start, 4, 6_000, prng(13), (n) => replacement(9_000 + n, n)),
      1_000,
      prng(14),
    );
    yield {
      name: 'drift beyond any window (4 × 6 KB inserted + 1,000 edits)',
      text: drift.text,
      truth: truth(drift),
      note: 'positions drift by up to 24 KB; only the stored selectors known',
    };
    yield {
      name: 'whole text replaced',
      text: replacement(2, ARTICLE_CHARS),
      truth: spans.map(() => null),
      note: 'another article of the same kind (its real paragraphs left out, so nothing annotated is in it): every annotation is an orphan',
    };
    if (!fastPaths) return;
    const ed = scatteredEdits(start, 2000, prng(2007));
    yield { name: '2,000 edits, previous text known', text: ed.text, truth: truth(ed), opts: { previousText: base }, note: 'hints mapped through a diff' };
    const map = new OffsetMap(base);
    const changes: TextChange[] = ed.edits.map((e) => ({ start: map.toCodePoint(e.p), end: map.toCodePoint(e.q), text: e.ins }));
    yield { name: '2,000 edits as editor change events', text: ed.text, truth: truth(ed), opts: { changes }, note: 'hints mapped through the exact edits' };
  }
  return { label, items, spans, cases };
}
