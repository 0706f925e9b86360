// Collaboration: agreement and merge speed on the views benchmark's generated file (10,000 mentions and
// 10,000 claims), and merge quality against git's own line merge (`git merge-file`, what git does without
// the driver) over seeded random concurrent edits of the editing fixture, made with the editor's actions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agree } from '../src/core/agree/agree';
import { addMentions, deleteEntity, deleteItem, EditError, setAttribution, updateEntity } from '../src/core/edit';
import { mergeTexts } from '../src/core/merge/mergeText';
import { canonical } from '../src/core/merge/values';
import type { AnnotationFile, MentionDef } from '../src/core/model';
import { parseAnnotationFile } from '../src/core/parse';
import { resolveModel } from '../src/core/resolve';
import { normalizeText, OffsetMap, selectorsFor } from '../src/core/text';
import { median, type BenchRow } from './types';
import { generate } from './views.bench';

const RUNS = 5;
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 100);
const scratch = mkdtempSync(join(tmpdir(), 'marginalia-bench-collab-'));

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same scenarios. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A second annotator: drops, narrows and retypes some of the first one's work and adds some of their own. */
function secondAnnotator(file: AnnotationFile, text: string): AnnotationFile {
  const map = new OffsetMap(text);
  const mentions: MentionDef[] = [];
  file.mentions.forEach((m, i) => {
    if (i % 20 === 0) return;
    const pos = m.selector.find((s) => s.type === 'TextPositionSelector');
    if (i % 20 === 1 && pos?.type === 'TextPositionSelector') mentions.push({ ...m, selector: selectorsFor(map, pos.start + 1, pos.end) });
    else if (i % 20 === 2) mentions.push({ ...m, entity: `i${i % 50}` });
    else mentions.push(m);
  });
  for (let i = 0; i < 500; i++) mentions.push({ id: `extra-${i}`, entity: `p${i % 100}`, selector: selectorsFor(map, 100 + i * 37, 104 + i * 37) });
  const claims = file.claims.map((c, i) =>
    i % 10 === 0
      ? { ...c, attribution: { ...c.attribution, chain: [{ role: 'speaker' as const, entity: `s${(i + 1) % 400}` }, ...c.attribution.chain.slice(1)] } }
      : c,
  );
  return { ...file, mentions, claims };
}

function speed(): BenchRow[] {
  const rows: BenchRow[] = [];
  const { file, text } = generate();
  const a = resolveModel(file, text);
  const b = resolveModel(secondAnnotator(file, text), text);
  let report = agree(a, b);
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) times.push(time(() => (report = agree(a, b))));
  rows.push({
    section: 'collab',
    name: `agree: ${a.mentions.length} vs ${b.mentions.length} mentions, ${a.claims.length} claims each (pairing, measures, disagreements)`,
    value: median(times),
    unit: 'ms',
    note: `mention F1 exact ${report.mentions.exact.f1?.toFixed(3)}, overlap ${report.mentions.overlap.f1?.toFixed(3)}, κ ${report.mentions.kappa?.toFixed(3)}; ${report.disagreements.length} disagreements`,
  });

  // Concurrent work on the big file: ours edits 200 entities and adds 500 mentions; theirs re-anchors 1,000
  // mentions, adds 500 mentions and changes 100 claims' modes.
  const base = JSON.stringify(file, null, 2) + '\n';
  const map = new OffsetMap(text);
  const add = (prefix: string, offset: number): MentionDef[] =>
    Array.from({ length: 500 }, (_, i) => ({ id: `${prefix}-${i}`, entity: `p${i % 100}`, selector: selectorsFor(map, offset + i * 41, offset + i * 41 + 3) }));
  const ours: AnnotationFile = {
    ...file,
    entities: file.entities.map((e, i) => (i < 200 ? { ...e, role: 'professor' } : e)),
    mentions: [...file.mentions, ...add('ours', 50)],
  };
  const theirs: AnnotationFile = {
    ...file,
    mentions: [...file.mentions.map((m, i) => (i % 10 === 3 ? { ...m, selector: m.selector.slice(0, 1) } : m)), ...add('theirs', 70)],
    claims: file.claims.map((c, i) => (i % 100 === 5 ? { ...c, attribution: { ...c.attribution, mode: 'belief' as const } } : c)),
  };
  const texts = [base, JSON.stringify(ours, null, 2) + '\n', JSON.stringify(theirs, null, 2) + '\n'] as const;
  const paths = ['base', 'ours', 'theirs'].map((n, i) => {
    const p = join(scratch, `${n}.json`);
    writeFileSync(p, texts[i] as string);
    return p;
  });
  const mergeTimes: number[] = [];
  let conflicts = -1;
  for (let r = 0; r < 3; r++)
    mergeTimes.push(
      time(() => {
        const m = mergeTexts(...texts);
        conflicts = m.ok ? m.conflicts.length : -1;
      }),
    );
  const gitTimes: number[] = [];
  let gitConflicts = 0;
  for (let r = 0; r < 3; r++)
    gitTimes.push(
      time(
        () =>
          (gitConflicts =
            spawnSync('git', ['merge-file', '-p', paths[1] as string, paths[0] as string, paths[2] as string], { maxBuffer: 1 << 30 }).status ?? -1),
      ),
    );
  const mb = (Buffer.byteLength(base) / 1e6).toFixed(1);
  rows.push({
    section: 'collab',
    name: `merge: ${mb} MB file, ${file.mentions.length + file.claims.length} items, 2,300 concurrent changes`,
    value: median(mergeTimes),
    unit: 'ms',
    peer: 'git merge-file (line merge)',
    peerValue: median(gitTimes),
    ratio: median(mergeTimes) / median(gitTimes),
    note: `Marginalia: ${conflicts} conflicts; git: ${gitConflicts} conflict hunks`,
  });
  return rows;
}

// ---- quality ---------------------------------------------------------------------------------------------

const here = (...p: string[]): string => join(__dirname, '..', '..', ...p);
const BASE = readFileSync(here('test', 'fixtures', 'editing', 'briefing.annotations.json'), 'utf8');
const ARTICLE = normalizeText(readFileSync(here('test', 'fixtures', 'editing', 'briefing.txt'), 'utf8'));
const MAP = new OffsetMap(ARTICLE);
const WORDS = [...ARTICLE.matchAll(/\p{L}[\p{L}-]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
const ENTITIES = ['ana-ortiz', 'lee-min-jun', 'harbour-institute', 'daily-ledger'];

type Step = (text: string, rnd: () => number) => string;
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)] as T;
const STEPS: Step[] = [
  (t, rnd) => {
    const w = pick(WORDS, rnd);
    return addMentions(t, [{ entity: pick(ENTITIES, rnd), selector: selectorsFor(MAP, w.start, w.end) }]).text;
  },
  (t, rnd) => updateEntity(t, pick(ENTITIES, rnd), { role: pick(['fellow', 'director', 'minister'], rnd) }).text,
  (t, rnd) => updateEntity(t, pick(ENTITIES, rnd), { aliases: [pick(['A', 'B', 'C'], rnd)] }).text,
  (t, rnd) => deleteEntity(t, pick(ENTITIES, rnd)).text,
  (t, rnd) => deleteItem(t, 'mentions', pick(['m-ana-ortiz-1', 'm-lee-min-jun-1', 'm-daily-ledger-1'], rnd)).text,
  (t, rnd) => {
    const c = parseAnnotationFile(t).file?.claims.find((x) => x.id === 'c-lee-neither-side');
    if (!c) return t;
    return setAttribution(t, c.id, { ...c.attribution, chain: [{ role: 'speaker', entity: pick(ENTITIES, rnd) }, ...c.attribution.chain.slice(1)] }).text;
  },
];

function edit(rnd: () => number): string {
  let t = BASE;
  for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
    try {
      t = pick(STEPS, rnd)(t, rnd);
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
    }
  }
  return t;
}

/** Items by kind and id, with their contents (without the id), to see whether each side's additions survived. */
function items(text: string): Map<string, string> {
  const f = parseAnnotationFile(text).file;
  const out = new Map<string, string>();
  for (const kind of ['entities', 'mentions', 'claims'] as const)
    for (const item of f?.[kind] ?? []) {
      const { id, ...rest } = item as unknown as Record<string, unknown>;
      out.set(`${kind}:${String(id)}`, `${kind}:${canonical(rest)}`);
    }
  return out;
}

interface Verdict {
  clean: boolean;
  valid: boolean;
  lost: number;
}

function judge(ours: string, theirs: string, result: string, clean: boolean): Verdict {
  const errors = (t: string): Set<string> =>
    new Set(
      parseAnnotationFile(t)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => p.code),
    );
  const before = new Set([...errors(ours), ...errors(theirs)]);
  const valid = [...errors(result)].every((c) => c === 'merge-conflict' || before.has(c));
  // An item is an addition when its id is new; it survived under its id, or under another with the same content.
  const base = items(BASE);
  const now = items(result);
  const contents = new Set(now.values());
  const added = [...items(ours), ...items(theirs)].filter(([id]) => !base.has(id));
  const lost = added.filter(([id, content]) => !now.has(id) && !contents.has(content));
  if (process.env.BENCH_DEBUG && clean && (!valid || lost.length))
    console.error(
      'wrong:',
      valid,
      lost.map(([id]) => id),
      [...errors(result)],
    );
  return { clean, valid, lost: lost.length };
}

function quality(): BenchRow[] {
  const rnd = random(20240611);
  const tally = { marginalia: { clean: 0, conflicted: 0, wrong: 0, lost: 0 }, git: { clean: 0, conflicted: 0, wrong: 0, lost: 0 } };
  for (let s = 0; s < SCENARIOS; s++) {
    const ours = edit(rnd);
    const theirs = edit(rnd);
    const m = mergeTexts(BASE, ours, theirs);
    if (!m.ok) throw new Error(m.message);
    const paths = [BASE, ours, theirs].map((t, i) => {
      const p = join(scratch, `q${i}.json`);
      writeFileSync(p, t);
      return p;
    });
    const g = spawnSync('git', ['merge-file', '-p', paths[1] as string, paths[0] as string, paths[2] as string], { encoding: 'utf8' });
    const verdicts: [keyof typeof tally, Verdict][] = [
      ['marginalia', judge(ours, theirs, m.text, m.conflicts.length === 0)],
      ['git', judge(ours, theirs, g.stdout, g.status === 0)],
    ];
    for (const [tool, v] of verdicts) {
      const t = tally[tool];
      if (!v.clean) t.conflicted++;
      else if (v.valid && v.lost === 0) t.clean++;
      else t.wrong++;
      if (v.clean) t.lost += v.lost;
    }
  }
  const row = (name: string, key: 'clean' | 'conflicted' | 'wrong' | 'lost', note: string): BenchRow => ({
    section: 'collab',
    name: `merge quality, ${SCENARIOS} random concurrent edits: ${name}`,
    value: tally.marginalia[key],
    unit: key === 'lost' ? 'items' : 'merges',
    peer: 'git merge-file',
    peerValue: tally.git[key],
    note,
  });
  return [
    row('clean, valid, nothing lost', 'clean', 'merged without a conflict, the result validates and holds both sides’ additions'),
    row('stopped on a conflict', 'conflicted', 'Marginalia: conflict entries in valid JSON; git: conflict markers (the file no longer parses)'),
    row('clean but wrong', 'wrong', 'no conflict reported, yet the result is invalid or lost work'),
    row('additions lost in clean merges', 'lost', 'items either side added that a merge reported clean does not hold'),
  ];
}

export default async function (): Promise<BenchRow[]> {
  return process.env.BENCH_QUALITY_ONLY ? quality() : [...speed(), ...quality()];
}
