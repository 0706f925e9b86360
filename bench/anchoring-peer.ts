// The Hypothesis-style peer and the judge of the anchoring benchmark.
// The peer is Hypothesis' match-quote on UTF-16 offsets, as the browser does it: every exact `indexOf` match,
// else `approx-string-match` over the whole text with maxErrors = min(256, length / 2); each match scored
// quote 50 / prefix 20 / suffix 20 / position 2 (context by the best approximate match in the 32 characters
// beside it). It uses the stored position as it is: after edits made outside the editor nothing maps it.

import search from 'approx-string-match';
import type { Anchor, Selector } from '../src/core/model';
import { OffsetMap, positionOf, quoteOf } from '../src/core/text';
import type { Truth } from './anchoring-edits';

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  let errors = str.length;
  for (const m of search(text, str, str.length)) errors = Math.min(errors, m.errors);
  return 1 - errors / str.length;
}

export function peerAnchor(text: string, map: OffsetMap, selector: Selector[]): Anchor {
  const quote = quoteOf(selector);
  const pos = positionOf(selector);
  if (!quote) return { status: 'orphan' };
  const q = quote.exact;
  const maxErrors = Math.min(256, Math.floor(q.length / 2));
  let matches: { start: number; end: number; errors: number }[] = [];
  for (let i = text.indexOf(q); i !== -1; i = text.indexOf(q, i + 1)) matches.push({ start: i, end: i + q.length, errors: 0 });
  if (matches.length === 0) matches = search(text, q, maxErrors);
  let best: { start: number; end: number; score: number; errors: number } | undefined;
  for (const m of matches) {
    const quoteScore = 1 - m.errors / q.length;
    const prefixScore = quote.prefix ? textMatchScore(text.slice(Math.max(0, m.start - quote.prefix.length), m.start), quote.prefix) : 1;
    const suffixScore = quote.suffix ? textMatchScore(text.slice(m.end, m.end + quote.suffix.length), quote.suffix) : 1;
    const posScore = pos ? 1 - Math.abs(m.start - pos.start) / text.length : 1;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
    if (!best || score > best.score) best = { ...m, score };
  }
  if (!best) return { status: 'orphan' };
  return { status: best.errors === 0 ? 'relocated' : 'fuzzy', start: map.toCodePoint(best.start), end: map.toCodePoint(best.end), score: best.score };
}

/** The peer on items in `order` until `budgetMs` is spent (at least `minSample`), its time extrapolated. */
export function runPeer(
  text: string,
  items: readonly { selector: Selector[] }[],
  order: readonly number[],
  budgetMs: number,
  minSample: number,
): { anchors: (Anchor | undefined)[]; done: number[]; ms: number } {
  const anchors: (Anchor | undefined)[] = new Array(items.length);
  const done: number[] = [];
  const t0 = performance.now();
  const map = new OffsetMap(text);
  for (const i of order) {
    anchors[i] = peerAnchor(text, map, (items[i] as { selector: Selector[] }).selector);
    done.push(i);
    if (done.length >= minSample && performance.now() - t0 > budgetMs) break;
  }
  return { anchors, done, ms: ((performance.now() - t0) * items.length) / done.length };
}

export interface Score {
  /** Intact ones exactly on their text; damaged ones overlapping what is left of theirs; orphans when it is gone. */
  correct: number;
  /** Placed somewhere their text is not (or placed at all when it is gone). */
  wrong: number;
  /** Orphaned although their text is (at least half) still there. */
  lost: number;
  /** Of `lost`, those no edit touched. */
  lostUntouched: number;
  /** Every orphan, right or not. */
  orphaned: number;
  /** Indexes of the wrong ones, for the notes. */
  wrongIndexes: number[];
}

/** Judges anchors against the truth; `truth[i] === null` means the text was replaced and an orphan is right. */
export function judge(anchors: readonly (Anchor | undefined)[], truth: readonly (Truth | null)[], text: string, indexes: readonly number[]): Score {
  const map = new OffsetMap(text);
  const score: Score = { correct: 0, wrong: 0, lost: 0, lostUntouched: 0, orphaned: 0, wrongIndexes: [] };
  for (const i of indexes) {
    const a = anchors[i];
    const t = truth[i];
    if (!a || t === undefined) continue;
    if (a.status === 'orphan' || a.start === undefined || a.end === undefined) {
      score.orphaned++;
      if (t === null || t.mostlyGone) score.correct++;
      else {
        score.lost++;
        if (!t.damaged) score.lostUntouched++;
      }
      continue;
    }
    const s = map.toUtf16(a.start);
    const e = map.toUtf16(a.end);
    const ok = t !== null && (t.damaged ? t.end > t.start && s < t.end && t.start < e : s === t.start && e === t.end);
    if (ok) score.correct++;
    else {
      score.wrong++;
      score.wrongIndexes.push(i);
    }
  }
  return score;
}
