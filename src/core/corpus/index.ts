// The corpus index: every annotation file's summary, and running totals over them. Changing one file costs that
// file's summary (subtracted, then the new one added), never a pass over the corpus; the queries the views ask
// (per entity, per speaker) read the totals and then only the files that hold what was asked for.

import type { CorpusClaim, CorpusEntity, CorpusMention, FileSummary } from './summary';

interface EntityTotal {
  mentions: number;
  /** Claims the entity made (as speaker). */
  claims: number;
  /** file -> mentions + claims of the entity there. */
  files: Map<string, number>;
}

interface SpeakerTotal {
  name: string;
  claims: number;
  files: Map<string, number>;
  /** outlet key (entity key, or `label:<name>`) -> claims through it. */
  outlets: Map<string, { name: string; claims: number }>;
}

export interface SpeakerRow {
  key: string;
  name: string;
  claims: number;
  articles: number;
  /** Outlets the claims came through, most claims first. */
  outlets: string[];
}

export interface EntityRow {
  key: string;
  name: string;
  type: string;
  registry: boolean;
  articles: number;
  mentions: number;
  claims: number;
}

export interface EntityOccurrences {
  entity: CorpusEntity;
  files: { file: string; title: string; mentions: CorpusMention[]; claims: CorpusClaim[]; reported: CorpusClaim[] }[];
}

/** The key a speaker is counted under: its entity, else its label ("analysts", "unattributed"). */
export function speakerKey(c: CorpusClaim): string {
  return c.speaker ?? `label:${c.speakerName}`;
}

/** The key an outlet link is counted under. */
export function linkKey(l: { key?: string; name: string }): string {
  return l.key ?? `label:${l.name}`;
}

export class CorpusIndex {
  private readonly summaries = new Map<string, FileSummary>();
  private readonly entityTotals = new Map<string, EntityTotal>();
  private readonly speakerTotals = new Map<string, SpeakerTotal>();
  private counts = { mentions: 0, claims: 0 };
  /** Bumped on every change, so callers can cache what they computed from the index. */
  version = 0;
  private readonly observers: ((old: FileSummary | undefined, next: FileSummary | undefined) => void)[] = [];

  /** Calls `fn` with a file's old and new summary on every change, so running totals kept elsewhere stay in step. */
  observe(fn: (old: FileSummary | undefined, next: FileSummary | undefined) => void): void {
    this.observers.push(fn);
  }

  /** Adds or replaces a file's summary. */
  set(summary: FileSummary): void {
    const old = this.summaries.get(summary.file);
    if (old) this.account(old, -1);
    this.summaries.set(summary.file, summary);
    this.account(summary, 1);
    this.version++;
    for (const fn of this.observers) fn(old, summary);
  }

  delete(file: string): boolean {
    const old = this.summaries.get(file);
    if (!old) return false;
    this.account(old, -1);
    this.summaries.delete(file);
    this.version++;
    for (const fn of this.observers) fn(old, undefined);
    return true;
  }

  get(file: string): FileSummary | undefined {
    return this.summaries.get(file);
  }

  /** Every file, in the order they were first added. */
  files(): IterableIterator<FileSummary> {
    return this.summaries.values();
  }

  get size(): number {
    return this.summaries.size;
  }

  totals(): { articles: number; entities: number; mentions: number; claims: number } {
    return { articles: this.summaries.size, entities: this.entityTotals.size, ...this.counts };
  }

  /** Speakers, most claims first. */
  speakers(): SpeakerRow[] {
    const rows: SpeakerRow[] = [];
    for (const [key, t] of this.speakerTotals) {
      const outlets = [...t.outlets.values()].sort((a, b) => b.claims - a.claims || compare(a.name, b.name)).map((o) => o.name);
      rows.push({ key, name: t.name, claims: t.claims, articles: t.files.size, outlets });
    }
    return rows.sort((a, b) => b.claims - a.claims || b.articles - a.articles || compare(a.name, b.name));
  }

  /** Entities found in at least `minArticles` articles, most articles first. */
  entities(minArticles = 1): EntityRow[] {
    const rows: EntityRow[] = [];
    for (const [key, t] of this.entityTotals) {
      if (t.files.size < minArticles) continue;
      const e = this.entity(key);
      if (e) rows.push({ key, name: e.name, type: e.type, registry: e.registry, articles: t.files.size, mentions: t.mentions, claims: t.claims });
    }
    return rows.sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || compare(a.name, b.name));
  }

  /** How an entity key is described: by any file that has it. */
  entity(key: string): CorpusEntity | undefined {
    const t = this.entityTotals.get(key);
    if (!t) return undefined;
    for (const file of t.files.keys()) {
      const e = this.summaries.get(file)?.entities.get(key);
      if (e) return e;
    }
    return undefined;
  }

  /** Files holding an entity (mentions, or claims it made or carried). */
  filesOf(key: string): string[] {
    return [...(this.entityTotals.get(key)?.files.keys() ?? [])];
  }

  /** Everything the corpus holds about one entity, file by file. */
  occurrences(key: string): EntityOccurrences | undefined {
    const entity = this.entity(key);
    if (!entity) return undefined;
    const files: EntityOccurrences['files'] = [];
    for (const file of this.filesOf(key)) {
      const s = this.summaries.get(file);
      if (!s) continue;
      files.push({
        file,
        title: s.title,
        mentions: s.mentions.filter((m) => m.entity === key),
        claims: s.claims.filter((c) => c.speaker === key),
        reported: s.claims.filter((c) => c.via.some((l) => l.key === key)),
      });
    }
    return { entity, files };
  }

  private account(s: FileSummary, sign: 1 | -1): void {
    this.counts.mentions += sign * s.mentions.length;
    this.counts.claims += sign * s.claims.length;
    const perEntity = new Map<string, { mentions: number; claims: number; refs: number }>();
    const bump = (key: string, field: 'mentions' | 'claims' | 'refs'): void => {
      let x = perEntity.get(key);
      if (!x) perEntity.set(key, (x = { mentions: 0, claims: 0, refs: 0 }));
      x[field]++;
    };
    for (const m of s.mentions) bump(m.entity, 'mentions');
    for (const c of s.claims) {
      if (c.speaker) bump(c.speaker, 'claims');
      for (const l of c.via) if (l.key) bump(l.key, 'refs');
    }
    for (const [key, x] of perEntity) {
      let t = this.entityTotals.get(key);
      if (!t) this.entityTotals.set(key, (t = { mentions: 0, claims: 0, files: new Map() }));
      t.mentions += sign * x.mentions;
      t.claims += sign * x.claims;
      addCount(t.files, s.file, sign * (x.mentions + x.claims + x.refs));
      if (t.files.size === 0) this.entityTotals.delete(key);
    }
    for (const c of s.claims) {
      const key = speakerKey(c);
      let t = this.speakerTotals.get(key);
      if (!t) this.speakerTotals.set(key, (t = { name: c.speakerName, claims: 0, files: new Map(), outlets: new Map() }));
      t.claims += sign;
      if (sign > 0) t.name = c.speakerName;
      addCount(t.files, s.file, sign);
      for (const l of c.via) {
        if (l.role !== 'outlet') continue;
        const ok = linkKey(l);
        const o = t.outlets.get(ok) ?? { name: l.name, claims: 0 };
        o.claims += sign;
        if (o.claims > 0) t.outlets.set(ok, o);
        else t.outlets.delete(ok);
      }
      if (t.claims === 0) this.speakerTotals.delete(key);
    }
  }
}

function addCount(map: Map<string, number>, key: string, delta: number): void {
  const n = (map.get(key) ?? 0) + delta;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** Code-unit order: stable and fast; a view that shows names sorts them for people (localeCompare) itself. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
