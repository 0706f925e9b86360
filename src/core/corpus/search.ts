// Corpus search: keyword in context over every article, each hit with what is already there (the mention it
// falls on, the claim and speaker it lies in), grouped by article, entity or speaker. The hits are what
// "annotate the selected hits as mentions of …" works on (src/core/corpus/annotate.ts).

import { speakerKey, type CorpusIndex } from './index';
import type { CorpusClaim, FileSummary } from './summary';

export interface SearchOptions {
  /** Match case exactly (default: case-insensitive, Unicode-aware). */
  caseSensitive?: boolean;
  /** Only whole words (default true): "Lee" does not match "Leeds". */
  wholeWord?: boolean;
  /** Stop after this many hits (default 5,000); `truncated` says when it did. */
  maxHits?: number;
  /** Characters of context either side (default 50). */
  context?: number;
}

export interface SearchHit {
  file: string;
  title: string;
  /** UTF-16 range in the normalized article text. */
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
  /** The entity of a mention with exactly this range, when there is one. */
  mentionOf?: string;
  /** The entity of a mention overlapping the hit (also set when `mentionOf` is). */
  inMentionOf?: string;
  claim?: { id: string; speaker: string; speakerName: string };
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  truncated: boolean;
}

export type HitGrouping = 'article' | 'entity' | 'speaker';

export interface HitGroup {
  key: string;
  label: string;
  hits: SearchHit[];
}

const WORD = /[\p{L}\p{N}_]/u;

export function searchCorpus(index: CorpusIndex, query: string, opts: SearchOptions = {}): SearchResult {
  const q = query.trim();
  const result: SearchResult = { query: q, hits: [], truncated: false };
  if (q === '') return result;
  const max = opts.maxHits ?? 5000;
  const side = opts.context ?? 50;
  const whole = opts.wholeWord ?? true;
  const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  // The word boundary is checked only where the query itself starts or ends with a word character.
  const pre = whole && WORD.test(q[0] as string) ? '(?<![\\p{L}\\p{N}_])' : '';
  const post = whole && WORD.test(q[q.length - 1] as string) ? '(?![\\p{L}\\p{N}_])' : '';
  const re = new RegExp(pre + escaped + post, opts.caseSensitive ? 'gu' : 'giu');
  for (const s of index.files()) {
    if (s.text === undefined) continue;
    re.lastIndex = 0;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      if (result.hits.length >= max) {
        result.truncated = true;
        return result;
      }
      result.hits.push(hitAt(s, m.index, m.index + m[0].length, side));
    }
  }
  return result;
}

function hitAt(s: FileSummary, start: number, end: number, side: number): SearchHit {
  const text = s.text as string;
  const hit: SearchHit = {
    file: s.file,
    title: s.title,
    start,
    end,
    before: context(text.slice(Math.max(0, start - side), start), 'before'),
    match: text.slice(start, end),
    after: context(text.slice(end, end + side), 'after'),
  };
  // Mentions are sorted by start and short: look back from the hit's end only as far as the longest one.
  const longest = longestMention(s);
  for (let i = firstStartingAtOrAfter(s.mentions, start - longest); i < s.mentions.length; i++) {
    const m = s.mentions[i] as FileSummary['mentions'][number];
    if (m.start >= end) break;
    if (m.end <= start) continue;
    hit.inMentionOf ??= m.entity;
    if (m.start === start && m.end === end) {
      hit.mentionOf = m.entity;
      hit.inMentionOf = m.entity;
    }
  }
  const c = claimAround(s, start, end);
  if (c) hit.claim = { id: c.id, speaker: speakerKey(c), speakerName: c.speakerName };
  return hit;
}

const longestCache = new WeakMap<FileSummary, number>();
function longestMention(s: FileSummary): number {
  let n = longestCache.get(s);
  if (n === undefined) {
    n = 0;
    for (const m of s.mentions) n = Math.max(n, m.end - m.start);
    longestCache.set(s, n);
  }
  return n;
}

function firstStartingAtOrAfter(spans: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as { start: number }).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const claimsCache = new WeakMap<FileSummary, CorpusClaim[]>();
/** The innermost anchored claim containing [start, end). */
function claimAround(s: FileSummary, start: number, end: number): CorpusClaim | undefined {
  let sorted = claimsCache.get(s);
  if (!sorted) {
    sorted = s.claims.filter((c) => c.start !== undefined && c.end !== undefined).sort((a, b) => (a.start as number) - (b.start as number));
    claimsCache.set(s, sorted);
  }
  let best: CorpusClaim | undefined;
  for (let i = firstStartingAtOrAfter(sorted as { start: number }[], start + 1) - 1; i >= 0; i--) {
    const c = sorted[i] as CorpusClaim;
    if ((c.end as number) >= end && (!best || (c.end as number) - (c.start as number) < (best.end as number) - (best.start as number))) best = c;
    // Claims are sentences: one that starts far before the hit and still holds it is rare; stop looking after a few.
    if (start - (c.start as number) > 5000) break;
  }
  return best;
}

/** Context on one line, cut at a surrogate pair never, with an ellipsis where it was cut short. */
function context(s: string, side: 'before' | 'after'): string {
  let t = s;
  const nl = side === 'before' ? t.lastIndexOf('\n') : t.indexOf('\n');
  if (nl !== -1) t = side === 'before' ? t.slice(nl + 1) : t.slice(0, nl);
  if (side === 'before' && (t.charCodeAt(0) & 0xfc00) === 0xdc00) t = t.slice(1);
  if (side === 'after' && (t.charCodeAt(t.length - 1) & 0xfc00) === 0xd800) t = t.slice(0, -1);
  return t.replace(/\s/g, ' ');
}

/** Hits grouped: by article (file order), by the entity already annotated there, or by the speaker of the claim. */
export function groupHits(index: CorpusIndex, hits: readonly SearchHit[], by: HitGrouping): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const h of hits) {
    let key: string;
    let label: string;
    if (by === 'article') {
      key = h.file;
      label = h.title;
    } else if (by === 'entity') {
      key = h.inMentionOf ?? 'none';
      label = h.inMentionOf ? (index.entity(h.inMentionOf)?.name ?? h.inMentionOf) : 'Not annotated yet';
    } else {
      key = h.claim?.speaker ?? 'none';
      label = h.claim?.speakerName ?? 'Outside any claim';
    }
    const g = groups.get(key);
    if (g) g.hits.push(h);
    else groups.set(key, { key, label, hits: [h] });
  }
  const list = [...groups.values()];
  if (by !== 'article') list.sort((a, b) => (a.key === 'none' ? 1 : b.key === 'none' ? -1 : b.hits.length - a.hits.length || (a.label < b.label ? -1 : 1)));
  return list;
}
