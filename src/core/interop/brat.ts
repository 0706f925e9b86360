// Export to brat standoff: `<name>.txt` (the normalized article), `<name>.ann` and an `annotation.conf` that
// declares every label used. Mentions are `T` lines typed by the file's types (brat-safe labels), with a `N`
// normalization to the Marginalia entity (and one per Wikidata or web link) and the entity's description as
// an `AnnotatorNotes` note; claims are `Claim` events whose roles (Speaker, Outlet, Venue) point at mentions of
// the chain's entities, with `Mode` and `Cue` attributes and the summary as a note; relations are `R` lines
// between mentions. Offsets are code points; a span over a line break becomes a discontinuous span.

import type { ChainRole, EntityTypeDef } from '../model';
import type { Model, ResolvedClaim, ResolvedMention } from '../resolve';
import { baseName, ExportProblems, spanOf, type ExportInput, type Span } from './exporting';
import { bratLabel, uniqueLabels } from './labels';
import type { ExportResult } from './types';

export const CLAIM_EVENT = 'Claim';
export const ROLE_LABELS: Record<ChainRole, string> = { speaker: 'Speaker', outlet: 'Outlet', venue: 'Venue' };
const MODES = ['direct-quote', 'paraphrase', 'reported-statement', 'belief'];

/** `start end` pairs for a span, split at line breaks (brat's text field cannot hold one). */
function fragments(model: Model, s: Span): { ranges: string; text: string } | undefined {
  const text = model.text.slice(s.u16start, s.u16end);
  if (!text.includes('\n')) return text.trim() ? { ranges: `${s.start} ${s.end}`, text } : undefined;
  const parts: string[] = [];
  const texts: string[] = [];
  let cp = s.start;
  for (const line of text.split('\n')) {
    const len = Array.from(line).length;
    const lead = Array.from(line).length - Array.from(line.trimStart()).length;
    const trail = len - lead - Array.from(line.trim()).length;
    if (len - lead - trail > 0) {
      parts.push(`${cp + lead} ${cp + len - trail}`);
      texts.push(line.trim());
    }
    cp += len + 1;
  }
  return parts.length ? { ranges: parts.join(';'), text: texts.join(' ') } : undefined;
}

function oneLine(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ').trim();
}

/** A normalization for a web link: Wikidata items by their Q-id, other http(s) links as URL:… */
export function normalizationOf(url: string): string | undefined {
  const wd = /^https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\/(Q\d+)$/i.exec(url);
  if (wd) return `Wikidata:${wd[1]}`;
  return /^https?:\/\/\S+$/i.test(url) ? `URL:${url}` : undefined;
}

function confEntities(types: readonly EntityTypeDef[], label: (id: string) => string): string[] {
  const byParent = new Map<string | undefined, EntityTypeDef[]>();
  const ids = new Set(types.map((t) => t.id));
  for (const t of types) {
    const parent = t.parent !== undefined && ids.has(t.parent) ? t.parent : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), t]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number, seen: Set<string>): void => {
    for (const t of byParent.get(parent) ?? []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      lines.push('\t'.repeat(depth) + label(t.id));
      walk(t.id, depth + 1, seen);
    }
  };
  walk(undefined, 0, new Set());
  return lines;
}

export function exportBrat(input: ExportInput): ExportResult {
  const { model } = input;
  const problems = new ExportProblems(input);
  const types = model.file.types;
  const typeLabels = uniqueLabels(
    types.map((t) => t.id),
    [CLAIM_EVENT, 'Mode', 'Cue'],
  );
  const relTypes = [...new Set((model.file.relations ?? []).map((r) => r.type))];
  const relLabels = uniqueLabels(relTypes, [CLAIM_EVENT, ...typeLabels.values()]);
  const label = (id: string): string => typeLabels.get(id) ?? bratLabel(id);
  const lines: string[] = [];
  const counters = { T: 0, N: 0, '#': 0, E: 0, A: 0, R: 0 };
  const next = (k: keyof typeof counters): string => `${k}${++counters[k]}`;
  const tOf = new Map<ResolvedMention, { id: string; span: Span }>();
  const firstOf = new Map<string, string>();
  const byEntity = new Map<string, { id: string; span: Span }[]>();

  for (const m of model.mentions) {
    const span = spanOf(model, m);
    const frag = span ? fragments(model, span) : undefined;
    const entity = model.entities.get(m.def.entity);
    if (!span || !frag || !entity) {
      problems.item(m, 'warning', 'not-exported', `mention ${m.id} is not anchored in the article (or only white space); not exported`);
      continue;
    }
    const id = next('T');
    lines.push(`${id}\t${label(entity.type)} ${frag.ranges}\t${frag.text}`);
    lines.push(`${next('N')}\tReference ${id} Marginalia:${entity.id}\t${oneLine(entity.name)}`);
    tOf.set(m, { id, span });
    byEntity.set(entity.id, [...(byEntity.get(entity.id) ?? []), { id, span }]);
    if (!firstOf.has(entity.id)) {
      firstOf.set(entity.id, id);
      for (const link of entity.sameAs ?? []) {
        const norm = normalizationOf(link.url);
        if (norm) lines.push(`${next('N')}\tReference ${id} ${norm}\t${oneLine(link.label ?? entity.name)}`);
      }
      if (entity.description) lines.push(`${next('#')}\tAnnotatorNotes ${id}\t${oneLine(entity.description)}`);
      if (entity.role || entity.aliases?.length || entity.affiliations?.length)
        problems.add('info', 'lost-in-brat', `entity ${entity.id}: role, aliases and affiliations have no place in brat; not exported`, [
          'entities',
          model.file.entities.indexOf(entity),
        ]);
    }
  }

  const cues = new Set<string>();
  const nearest = (entity: string, claim: Span): string | undefined => {
    const ms = byEntity.get(entity) ?? [];
    let best: { id: string; d: number } | undefined;
    for (const m of ms) {
      const d = m.span.end <= claim.start ? claim.start - m.span.end : m.span.start >= claim.end ? m.span.start - claim.end : 0;
      if (!best || d < best.d) best = { id: m.id, d };
    }
    return best?.id;
  };
  const claimLine = (c: ResolvedClaim): void => {
    const span = spanOf(model, c);
    const frag = span ? fragments(model, span) : undefined;
    if (!span || !frag) return problems.item(c, 'warning', 'not-exported', `claim ${c.id} is not anchored in the article; not exported`);
    const trigger = next('T');
    const event = next('E');
    lines.push(`${trigger}\t${CLAIM_EVENT} ${frag.ranges}\t${frag.text}`);
    const seen = new Map<string, number>();
    const args: string[] = [];
    const labelNotes: string[] = [];
    for (const l of c.def.attribution.chain) {
      const target = l.entity !== undefined ? nearest(l.entity, span) : undefined;
      if (!target) {
        // No mention to point at: the link travels as a note, by its label or the entity's name.
        const label = l.label ?? (l.entity !== undefined ? model.entities.get(l.entity)?.name : undefined) ?? l.entity ?? '';
        labelNotes.push(`${ROLE_LABELS[l.role]}: ${oneLine(label)}${l.kind ? `; kind: ${oneLine(l.kind)}` : ''}`);
        if (l.entity !== undefined)
          problems.item(c, 'info', 'lost-in-brat', `claim ${c.id}: ${l.role} ${l.entity} has no mention; exported as a note with its name`);
        continue;
      }
      const role = ROLE_LABELS[l.role];
      const n = (seen.get(role) ?? 0) + 1;
      seen.set(role, n);
      args.push(`${role}${n > 1 ? n : ''}:${target}`);
      if (l.kind) problems.item(c, 'info', 'lost-in-brat', `claim ${c.id}: the kind of its ${l.role} (${l.kind}) has no place in brat`);
    }
    lines.push(`${event}\t${CLAIM_EVENT}:${trigger}${args.map((a) => ` ${a}`).join('')}`);
    lines.push(`${next('A')}\tMode ${event} ${c.def.attribution.mode}`);
    const cue = c.def.attribution.cue ? bratLabel(c.def.attribution.cue) : undefined;
    if (cue) {
      cues.add(cue);
      lines.push(`${next('A')}\tCue ${event} ${cue}`);
    }
    if (c.def.summary) lines.push(`${next('#')}\tAnnotatorNotes ${event}\t${oneLine(c.def.summary)}`);
    for (const n of labelNotes) lines.push(`${next('#')}\tAnnotatorNotes ${event}\t${n}`);
    if (c.def.contradicts?.length || c.def.supports?.length)
      problems.item(c, 'info', 'lost-in-brat', `claim ${c.id}: contradicts/supports have no place in brat; not exported`);
  };
  model.claims.forEach(claimLine);

  for (const [i, r] of (model.file.relations ?? []).entries()) {
    const a = firstOf.get(r.subject);
    const b = firstOf.get(r.object);
    if (!a || !b) {
      problems.add('warning', 'lost-in-brat', `relation ${r.id}: brat relations join mentions, and ${!a ? r.subject : r.object} has none; not exported`, [
        'relations',
        i,
      ]);
      continue;
    }
    lines.push(`${next('R')}\t${relLabels.get(r.type) ?? bratLabel(r.type)} Arg1:${a} Arg2:${b}\t`);
  }

  const conf = [
    '# Written by Marginalia for the article and its annotations beside this file.',
    '[entities]',
    ...confEntities(types, label),
    '',
    '[relations]',
    ...relTypes.map((t) => `${relLabels.get(t)}\tArg1:<ENTITY>, Arg2:<ENTITY>`),
    '',
    '[events]',
    `${CLAIM_EVENT}\t${ROLE_LABELS.speaker}?:<ENTITY>, ${ROLE_LABELS.outlet}*:<ENTITY>, ${ROLE_LABELS.venue}*:<ENTITY>`,
    '',
    '[attributes]',
    `Mode\tArg:${CLAIM_EVENT}, Value:${MODES.join('|')}`,
    ...(cues.size ? [`Cue\tArg:${CLAIM_EVENT}, Value:${[...cues].join('|')}`] : []),
    '',
  ].join('\n');
  const name = baseName(input.articleName);
  return {
    files: [
      { name: `${name}.txt`, content: model.text },
      { name: `${name}.ann`, content: lines.length ? lines.join('\n') + '\n' : '' },
      { name: 'annotation.conf', content: conf },
    ],
    problems: problems.list,
  };
}
