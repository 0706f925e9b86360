// The Claims tree and the editor decorations over a generated file with 10,000 claims and 10,000 mentions,
// measured extension-side in plain Node: the providers' logic is the pure core (claimTree.ts builds the first
// level and the rows a group shows when expanded; articleIndex.ts computes the ranges per entity type that the
// editor hands to one setDecorations call per type). The TreeItem/setDecorations marshalling is not included.
import { articleIndex, rangesByType } from '../src/core/articleIndex';
import { buildClaimTree, claimRow, type ClaimGrouping } from '../src/core/claimTree';
import type { AnnotationFile, ClaimDef, MentionDef } from '../src/core/model';
import { resolveModel, type Model } from '../src/core/resolve';
import { hashText, OffsetMap, selectorsFor } from '../src/core/text';
import { median, type BenchRow } from './types';

const CLAIMS = 10_000;
const SPEAKERS = 400;
const OUTLETS = 25;
const TYPES = ['analyst', 'official', 'institution', 'outlet', 'place', 'unnamed-source'];
const RUNS = 9;

/** One paragraph per claim: "Name 17, of Outlet 3, said that … Place 5 …", each name a mention. */
export function generate(): { file: AnnotationFile; text: string } {
  const paragraphs: string[] = ['Generated article for the views benchmark', ''];
  const entities: AnnotationFile['entities'] = [];
  for (let i = 0; i < SPEAKERS; i++)
    entities.push({
      id: `s${i}`,
      type: i % 10 === 9 ? 'unnamed-source' : i % 2 ? 'analyst' : 'official',
      name: `Speaker Number ${i}`,
      role: 'senior fellow',
      affiliations: [`i${i % 50}`],
    });
  for (let i = 0; i < 50; i++) entities.push({ id: `i${i}`, type: 'institution', name: `Institute ${i}` });
  for (let i = 0; i < OUTLETS; i++) entities.push({ id: `o${i}`, type: 'outlet', name: `Outlet ${i}`, aliases: [`O${i}`] });
  for (let i = 0; i < 100; i++) entities.push({ id: `p${i}`, type: 'place', name: `Place ${i}` });
  const spans: { kind: 'mention' | 'claim'; id: string; entity?: string; start: number; end: number }[] = [];
  let offset = paragraphs.join('\n').length + 1;
  for (let c = 0; c < CLAIMS; c++) {
    const speaker = `s${c % SPEAKERS}`;
    const place = `p${c % 100}`;
    const outlet = `o${c % OUTLETS}`;
    const sName = `Speaker Number ${c % SPEAKERS}`;
    const pName = `Place ${c % 100}`;
    const para = `${sName} said that relations with ${pName} had changed in year ${1900 + (c % 120)}, as reported.`;
    spans.push({ kind: 'claim', id: `c${c}`, start: offset, end: offset + para.length });
    spans.push({ kind: 'mention', id: `m${c}`, entity: c % 3 === 2 ? outlet : c % 2 ? place : speaker, start: 0, end: 0 });
    const m = spans[spans.length - 1] as { entity: string; start: number; end: number };
    const name = m.entity === speaker ? sName : m.entity === place ? pName : '';
    if (name) {
      const at = para.indexOf(name);
      m.start = offset + at;
      m.end = offset + at + name.length;
    } else {
      // Outlet mentions point at "reported".
      const at = para.indexOf('reported');
      m.start = offset + at;
      m.end = offset + at + 'reported'.length;
    }
    paragraphs.push(para, '');
    offset += para.length + 2;
  }
  const text = paragraphs.join('\n');
  const map = new OffsetMap(text);
  const mentions: MentionDef[] = [];
  const claims: ClaimDef[] = [];
  for (const s of spans) {
    const selector = selectorsFor(map, s.start, s.end);
    if (s.kind === 'mention') mentions.push({ id: s.id, entity: s.entity as string, selector });
    else {
      const n = Number(s.id.slice(1));
      claims.push({
        id: s.id,
        selector,
        summary: `Claim ${n} about relations`,
        attribution: {
          mode: n % 4 === 0 ? 'direct-quote' : 'paraphrase',
          chain: [
            { role: 'speaker', entity: `s${n % SPEAKERS}` },
            { role: 'outlet', entity: `o${n % OUTLETS}` },
          ],
          cue: 'said',
        },
      });
    }
  }
  const file: AnnotationFile = {
    marginalia: 1,
    article: { path: 'generated.txt', hash: hashText(text), length: map.codePointLength },
    types: TYPES.map((id, i) => ({ id, label: id, color: `#${(0x204080 + i * 0x101010).toString(16)}`, cue: 'solid' as const })),
    entities,
    mentions,
    claims,
  };
  return { file, text };
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export default async function (): Promise<BenchRow[]> {
  const { file, text } = generate();
  const model = resolveModel(file, text);
  if (model.claims.length !== CLAIMS || model.summary.orphan > 0) throw new Error(`generated model is off: ${JSON.stringify(model.summary)}`);
  // A fresh Model object per run defeats the per-model caches, as a reload of the file does.
  const fresh = (): Model => ({ ...model });
  const rows: BenchRow[] = [];
  for (const grouping of ['speaker', 'outlet', 'document'] as ClaimGrouping[]) {
    const first: number[] = [];
    const expand: number[] = [];
    let groups = 0;
    let largest = 0;
    for (let r = 0; r < RUNS; r++) {
      const m = fresh();
      let tree = buildClaimTree(m, 'document');
      first.push(time(() => (tree = buildClaimTree(m, grouping))));
      groups = tree.groups.length;
      const ids = grouping === 'document' ? tree.rootClaimIds : ([...tree.groups].sort((a, b) => b.claimIds.length - a.claimIds.length)[0]?.claimIds ?? []);
      largest = ids.length;
      const byId = new Map(m.claims.map((c) => [c.id, c]));
      expand.push(time(() => ids.forEach((id) => claimRow(m, byId.get(id) as never, tree))));
    }
    rows.push({
      section: 'views',
      name: `Claims tree, ${CLAIMS} claims by ${grouping}: first level (${groups || 'no'} groups)`,
      value: median(first),
      unit: 'ms',
    });
    rows.push({
      section: 'views',
      name: `Claims tree, ${CLAIMS} claims by ${grouping}: expand ${grouping === 'document' ? 'the root' : 'the largest group'} (${largest} rows)`,
      value: median(expand),
      unit: 'ms',
    });
  }
  const deco: number[] = [];
  let count = 0;
  for (let r = 0; r < RUNS; r++) {
    const m = fresh();
    deco.push(
      time(() => {
        const ranges = rangesByType(articleIndex(m), m.types.keys(), new Set());
        count = [...ranges.values()].reduce((n, rs) => n + rs.length, 0);
      }),
    );
  }
  rows.push({
    section: 'views',
    name: `Editor decorations: ranges per type for ${count} mentions (${model.types.size} types, one setDecorations each)`,
    value: median(deco),
    unit: 'ms',
  });
  const filter: number[] = [];
  for (let r = 0; r < RUNS; r++) filter.push(time(() => buildClaimTree(fresh(), 'speaker', 'number 17')));
  rows.push({ section: 'views', name: `Claims tree, ${CLAIMS} claims: filter "number 17"`, value: median(filter), unit: 'ms' });
  return rows;
}
