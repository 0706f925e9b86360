// Import and export at scale: a generated 1 MB article (with astral characters) annotated with 10,000 mentions
// of 500 entities and 1,000 claims. Each format is exported (median of runs), then the three that can be read
// back are imported into a new file and re-anchored, against the same text and against the text after 200
// scattered edits (so the foreign positions are wrong and every span is found again through the foreign text).
// Quality: mentions placed exactly where the generator put them.

import { exportAnnotations, importAnnotations, newFileText, type ExportFormat, type ImportFormat, type ImportSources } from '../src/core/interop';
import type { AnnotationFile, ClaimDef, EntityDef, MentionDef } from '../src/core/model';
import { resolveModel } from '../src/core/resolve';
import { OffsetMap, positionOf, selectorsFor } from '../src/core/text';
import { median, type BenchRow } from './types';

const CHARS = 1_000_000;
const MENTIONS = 10_000;
const CLAIMS = 1_000;
const ENTITIES = 500;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL = ['ka', 'lo', 'mi', 'ne', 'sa', 'tor', 'vin', 'der', 'ul', 'rah', 'po', 'chen', 'ing', 'ov', 'ski', 'ta', 'mer', 'gu', 'an', 'is'];

function generate(rand: () => number): { text: string; file: AnnotationFile; truth: Map<string, [number, number]> } {
  const word = (): string => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => SYL[Math.floor(rand() * SYL.length)]).join('');
  const names = Array.from({ length: ENTITIES }, (_, i) => `${word()} ${word()}${i}`.replace(/^./, (c) => c.toUpperCase()));
  const parts: string[] = [];
  const spans: { start: number; end: number; entity: number }[] = [];
  let size = 0;
  while (size < CHARS) {
    let p = '';
    for (let w = 0; w < 40; w++) {
      if (rand() < 0.06) {
        const e = Math.floor(rand() * ENTITIES);
        spans.push({ start: size + p.length, end: size + p.length + (names[e] as string).length, entity: e });
        p += `${names[e]} `;
      } else p += `${rand() < 0.01 ? '😀 ' : ''}${word()} `;
    }
    p = `${p.trimEnd()}.`;
    parts.push(p);
    size += p.length + 2;
  }
  const text = parts.join('\n\n');
  const map = new OffsetMap(text);
  const chosen = spans.filter((_, i) => i % Math.max(1, Math.floor(spans.length / MENTIONS)) === 0).slice(0, MENTIONS);
  const entities: EntityDef[] = names.map((name, i) => ({ id: `e${i}`, type: i % 3 === 0 ? 'person' : 'institution', name }));
  const truth = new Map<string, [number, number]>();
  const mentions: MentionDef[] = chosen.map((s, i) => {
    const selector = selectorsFor(map, s.start, s.end);
    truth.set(`m${i}`, [selector[1].start, selector[1].end]);
    return { id: `m${i}`, entity: `e${s.entity}`, selector };
  });
  const claims: ClaimDef[] = chosen.slice(0, CLAIMS).map((s, i) => ({
    id: `c${i}`,
    selector: selectorsFor(map, s.start, Math.min(text.length, s.end + 60)),
    attribution: { mode: 'paraphrase', cue: 'said', chain: [{ role: 'speaker', entity: `e${s.entity}` }] },
  }));
  const file: AnnotationFile = {
    marginalia: 1,
    article: { path: 'big.txt' },
    types: [
      { id: 'person', label: 'Person', color: '#1f77b4', cue: 'solid' },
      { id: 'institution', label: 'Institution', color: '#2ca02c', cue: 'box' },
    ],
    entities,
    mentions,
    claims,
  };
  return { text, file, truth };
}

function time<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), value: value as T };
}

/** 200 scattered insertions of a word, so every foreign position after the first is off. */
function edited(text: string, rand: () => number): string {
  const at = Array.from({ length: 200 }, () => text.indexOf(' ', Math.floor(rand() * text.length))).sort((a, b) => b - a);
  let out = text;
  for (const i of at) if (i > 0) out = `${out.slice(0, i)} inserted${out.slice(i)}`;
  return out;
}

export default async function interopBench(): Promise<BenchRow[]> {
  const rand = prng(7);
  const { text, file, truth } = generate(rand);
  const model = resolveModel(file, text);
  const rows: BenchRow[] = [];
  const outputs = new Map<ExportFormat, ReturnType<typeof exportAnnotations>>();
  for (const format of ['w3c', 'brat', 'pubannotation', 'spacy', 'csv'] as const) {
    const { ms, value } = time(3, () => exportAnnotations(format, { model, fileName: 'big.annotations.json', articleName: 'big.txt' }));
    outputs.set(format, value);
    const bytes = value.files.reduce((n, f) => n + f.content.length, 0);
    rows.push({
      section: 'interop',
      name: `export ${format}: ${MENTIONS} mentions, ${CLAIMS} claims, 1 MB`,
      value: Math.round(ms),
      unit: 'ms',
      note: `${Math.round(bytes / 1024)} KiB`,
    });
  }
  const changed = edited(text, rand);
  const shifted = new OffsetMap(changed);
  for (const format of ['w3c', 'brat', 'pubannotation'] as const satisfies readonly ImportFormat[]) {
    const out = outputs.get(format)?.files ?? [];
    const src: ImportSources =
      format === 'brat'
        ? { main: { name: 'a.ann', text: out[1]?.content ?? '' }, text: { name: 'a.txt', text: out[0]?.content ?? '' } }
        : { main: { name: 'a', text: out[0]?.content ?? '' } };
    for (const [label, article] of [
      ['same text', text],
      ['after 200 edits', changed],
    ] as const) {
      const { ms, value } = time(label === 'same text' ? 3 : 1, () => {
        const r = importAnnotations(format, src, article);
        newFileText(r, 'big.txt', article);
        return r;
      });
      // Right: the mention covers its entity's name in the article it was imported into.
      const map = label === 'same text' ? new OffsetMap(text) : shifted;
      let right = 0;
      for (const m of value.additions.mentions) {
        const p = positionOf(m.selector);
        const name = value.additions.entities.find((e) => e.id === m.entity)?.name;
        if (p && name && map.text.slice(map.toUtf16(p.start), map.toUtf16(p.end)) === name) right++;
      }
      rows.push({
        section: 'interop',
        name: `import ${format} (${label}): re-anchor and write`,
        value: Math.round(ms),
        unit: 'ms',
        note: `${right}/${truth.size} mentions exactly right, ${value.problems.filter((p) => p.severity === 'error').length} errors`,
      });
    }
  }
  return rows;
}
