// View models over the corpus index, as plain data: the Corpus view's rows, what an entity's card says about the
// rest of the corpus ("3 claims in 2 other articles"), and the Claims view's corpus scope (speaker → article →
// claim, outlet → speaker → claim). Strings from files are returned as they are; whoever shows them escapes them.

import type { ClaimMode } from '../model';
import { linkKey, speakerKey, type CorpusIndex } from './index';
import type { CorpusClaim, FileSummary, Health } from './summary';

export interface ArticleRow {
  file: string;
  title: string;
  health: Health;
  mentions: number;
  claims: number;
  entities: number;
  errors: number;
  warnings: number;
  modified?: number;
}

/** One row per article, by title (people's order). */
export function articleRows(index: CorpusIndex): ArticleRow[] {
  const rows: ArticleRow[] = [];
  for (const s of index.files()) {
    const row: ArticleRow = {
      file: s.file,
      title: s.title,
      health: s.health,
      mentions: s.mentions.length,
      claims: s.claims.length,
      entities: s.entities.size,
      errors: s.counts.errors,
      warnings: s.counts.warnings,
    };
    if (s.modified !== undefined) row.modified = s.modified;
    rows.push(row);
  }
  return rows.sort((a, b) => a.title.localeCompare(b.title) || (a.file < b.file ? -1 : 1));
}

export interface ElsewhereFile {
  file: string;
  title: string;
  mentions: number;
  /** Claims the entity made there. */
  claims: { id: string; text: string }[];
  /** Claims it carried there (as venue or outlet). */
  reported: number;
}

export interface CorpusCard {
  key: string;
  /** Articles the entity is in, this one included. */
  articles: number;
  /** The other articles, most claims then most mentions first. */
  elsewhere: ElsewhereFile[];
  /** "3 claims in 2 other articles", "mentioned in 4 other articles", "in no other article". */
  line: string;
}

/** What the rest of the corpus holds about an entity, seen from the article `here`. */
export function corpusCard(index: CorpusIndex, key: string, here?: string): CorpusCard | undefined {
  const o = index.occurrences(key);
  if (!o) return undefined;
  const elsewhere: ElsewhereFile[] = o.files
    .filter((f) => f.file !== here)
    .map((f) => ({
      file: f.file,
      title: f.title,
      mentions: f.mentions.length,
      claims: f.claims.map((c) => ({ id: c.id, text: claimText(index.get(f.file), c) })),
      reported: f.reported.length,
    }))
    .sort((a, b) => b.claims.length - a.claims.length || b.mentions - a.mentions || a.title.localeCompare(b.title));
  return { key, articles: o.files.length, elsewhere, line: elsewhereLine(elsewhere) };
}

function elsewhereLine(files: readonly ElsewhereFile[]): string {
  if (files.length === 0) return 'in no other article';
  const claims = files.reduce((n, f) => n + f.claims.length, 0);
  const where = `${files.length} other article${files.length === 1 ? '' : 's'}`;
  if (claims === 0) return `mentioned in ${where}`;
  const withClaims = files.filter((f) => f.claims.length).length;
  return `${claims} claim${claims === 1 ? '' : 's'} in ${withClaims === files.length ? where : `${withClaims} of ${where}`}`;
}

/** A claim's text as anchored (its summary for an orphan). */
export function claimText(s: FileSummary | undefined, c: CorpusClaim): string {
  if (s?.text !== undefined && c.start !== undefined && c.end !== undefined) return s.text.slice(c.start, c.end);
  return c.summary ?? '';
}

export type CorpusGrouping = 'speaker' | 'outlet';

export interface CorpusClaimRef {
  file: string;
  title: string;
  id: string;
  text: string;
  summary?: string;
  mode: ClaimMode;
  speaker: string;
  speakerName: string;
  /** "via Northern Wire", "at a media briefing, via Daily Ledger". */
  via: string;
}

/** A group and its subgroups: speaker → article, or outlet → speaker; each leaf holds claims in file order. */
export interface CorpusClaimGroup {
  key: string;
  label: string;
  count: number;
  /** Distinct articles of the group's claims. */
  articles: number;
  children: { key: string; label: string; claims: CorpusClaimRef[] }[];
}

/** Every claim of the corpus, in file order, matching all `words` (in speaker, chain, summary or text). */
export function corpusClaims(index: CorpusIndex, words: readonly string[] = []): CorpusClaimRef[] {
  const lower = words.map((w) => w.toLowerCase());
  const out: CorpusClaimRef[] = [];
  for (const s of index.files())
    for (const c of s.claims) {
      const ref: CorpusClaimRef = {
        file: s.file,
        title: s.title,
        id: c.id,
        text: claimText(s, c),
        mode: c.mode,
        speaker: speakerKey(c),
        speakerName: c.speakerName,
        via: c.via.map((l) => `${l.role === 'venue' ? 'at' : 'via'} ${l.name}`).join(', '),
      };
      if (c.summary !== undefined) ref.summary = c.summary;
      if (lower.length) {
        const hay = `${ref.speakerName} ${ref.via} ${ref.summary ?? ''} ${ref.text}`.toLowerCase();
        if (!lower.every((w) => hay.includes(w))) continue;
      }
      out.push(ref);
    }
  return out;
}

/** The Claims view's corpus scope: by speaker (then article) or by outlet (then speaker), most claims first. */
export function groupCorpusClaims(index: CorpusIndex, by: CorpusGrouping, words: readonly string[] = []): CorpusClaimGroup[] {
  const outletsOf = new Map<string, { key: string; name: string }[]>();
  for (const s of index.files())
    for (const c of s.claims) {
      const outlets = c.via.filter((l) => l.role === 'outlet').map((l) => ({ key: linkKey(l), name: l.name }));
      outletsOf.set(`${s.file}\u0000${c.id}`, outlets.length ? outlets : [{ key: 'none', name: 'No outlet named' }]);
    }
  const groups = new Map<string, { label: string; children: Map<string, { label: string; claims: CorpusClaimRef[] }>; files: Set<string>; count: number }>();
  const add = (gk: string, gl: string, ck: string, cl: string, ref: CorpusClaimRef): void => {
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { label: gl, children: new Map(), files: new Set(), count: 0 }));
    let child = g.children.get(ck);
    if (!child) g.children.set(ck, (child = { label: cl, claims: [] }));
    child.claims.push(ref);
    g.files.add(ref.file);
    g.count++;
  };
  for (const ref of corpusClaims(index, words)) {
    if (by === 'speaker') add(ref.speaker, ref.speakerName, ref.file, ref.title, ref);
    else for (const o of outletsOf.get(`${ref.file}\u0000${ref.id}`) ?? []) add(o.key, o.name, ref.speaker, ref.speakerName, ref);
  }
  return [...groups]
    .map(([key, g]) => ({
      key,
      label: g.label,
      count: g.count,
      articles: g.files.size,
      children: [...g.children]
        .map(([k, c]) => ({ key: k, label: c.label, claims: c.claims }))
        .sort((a, b) => b.claims.length - a.claims.length || a.label.localeCompare(b.label)),
    }))
    .sort((a, b) => (a.key === 'none' ? 1 : b.key === 'none' ? -1 : b.count - a.count || a.label.localeCompare(b.label)));
}
