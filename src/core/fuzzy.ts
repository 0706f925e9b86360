// Fuzzy matching for the "Look Up Entity…" picker: the query's characters in order inside a name or alias,
// scored so prefixes, word starts and contiguous runs rank first ("chong" finds "Alan Chong", "acho" too).

export interface FuzzyMatch {
  score: number;
  /** UTF-16 [start, end) runs matched in `text`, for highlighting. */
  ranges: [number, number][];
}

const isWordStart = (text: string, i: number): boolean => i === 0 || /[\s\-_.'’(/]/.test(text[i - 1] as string);

function isSubsequence(q: string, qi: number, t: string, ti: number): boolean {
  for (; qi < q.length; qi++) {
    ti = t.indexOf(q[qi] as string, ti);
    if (ti === -1) return false;
    ti++;
  }
  return true;
}

/** Scores `query` against `text` (case-insensitive, whitespace in the query ignored); undefined when no match. */
export function fuzzyScore(query: string, text: string): FuzzyMatch | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q.length === 0) return { score: 0, ranges: [] };
  const t = text.toLowerCase();
  // A contiguous hit ranks above any scattered one: whole word start, then anywhere.
  const at = t.indexOf(q);
  if (at !== -1) {
    const score = 1000 + (at === 0 ? 300 : 0) + (isWordStart(text, at) ? 200 : 0) - at - (t.length - q.length);
    return { score, ranges: [[at, at + q.length]] };
  }
  // Greedy left-to-right match preferring word starts.
  let score = 0;
  let ti = 0;
  const ranges: [number, number][] = [];
  for (let qi = 0; qi < q.length; qi++) {
    const ch = q[qi] as string;
    let found = -1;
    // Look ahead for a word start holding this character before settling for the next occurrence.
    for (let j = ti; j < t.length; j++) {
      if (t[j] === ch && isWordStart(text, j) && isSubsequence(q, qi + 1, t, j + 1)) {
        found = j;
        break;
      }
    }
    const next = t.indexOf(ch, ti);
    if (next === -1) return undefined;
    const prev = ranges[ranges.length - 1];
    // Continue a run when possible; else jump to a word start; else take the next occurrence.
    if (prev && prev[1] === next) found = next;
    else if (found === -1) found = next;
    if (prev && prev[1] === found) {
      prev[1] = found + 1;
      score += 5;
    } else {
      ranges.push([found, found + 1]);
      score += isWordStart(text, found) ? 8 : 1;
    }
    ti = found + 1;
  }
  return { score: score - ranges.length * 2 - Math.floor(t.length / 10), ranges };
}

/** The best score over a name and its aliases. */
export function bestFuzzy(query: string, names: readonly string[]): (FuzzyMatch & { index: number }) | undefined {
  let best: (FuzzyMatch & { index: number }) | undefined;
  names.forEach((n, index) => {
    const m = fuzzyScore(query, n);
    if (m && (!best || m.score > best.score)) best = { ...m, index };
  });
  return best;
}
