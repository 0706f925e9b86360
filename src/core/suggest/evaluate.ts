// Scoring suggestions against an annotation file done by hand: per kind, precision and recall on exact
// spans and on overlap, type accuracy, entities found, quotation coverage, speaker, outlet and mode
// accuracy — and the lists of misses and false alarms, so the bench can say what it gets wrong.

import type { Model } from '../resolve';
import type { ClaimSuggestion, MentionSuggestion, Suggestion } from './types';

export interface Expected {
  mentions: { start: number; end: number; entity: string; type: string; names: string[] }[];
  claims: { start: number; end: number; speaker: string[]; outlets: string[][]; mode: string; quoted: boolean; id: string }[];
  /** Entity id → its names (name and aliases). */
  entities: Map<string, string[]>;
  text: string;
}

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** What an annotation file expects, in code points (anchors as the model resolved them). */
export function expectedFrom(model: Model): Expected {
  const names = (id: string | undefined): string[] => {
    const e = id ? model.entities.get(id) : undefined;
    return e ? [e.name, ...(e.aliases ?? [])].map(norm) : [];
  };
  const mentions = model.mentions
    .filter((m) => m.anchor.start !== undefined && m.anchor.end !== undefined && m.entity)
    .map((m) => ({
      start: m.anchor.start as number,
      end: m.anchor.end as number,
      entity: m.def.entity,
      type: m.entity?.type ?? '',
      names: names(m.def.entity),
    }));
  const claims = model.claims
    .filter((c) => c.anchor.start !== undefined && c.anchor.end !== undefined)
    .map((c) => ({
      id: c.id,
      start: c.anchor.start as number,
      end: c.anchor.end as number,
      speaker: names(c.def.attribution.chain.find((l) => l.role === 'speaker')?.entity),
      outlets: c.def.attribution.chain.filter((l) => l.role === 'outlet').map((l) => (l.entity ? names(l.entity) : [norm(l.label ?? '')])),
      mode: c.def.attribution.mode,
      quoted: c.def.attribution.mode === 'direct-quote',
    }));
  const entities = new Map([...model.entities.values()].map((e) => [e.id, [e.name, ...(e.aliases ?? [])].map(norm)]));
  return { mentions, claims, entities, text: model.text };
}

export interface Scores {
  mentions: { suggested: number; expected: number; precision: number; recall: number; precisionOverlap: number; recallOverlap: number; typeAccuracy: number };
  entitiesFound: { found: number; total: number; missing: string[] };
  claims: { suggested: number; expected: number; precision: number; recall: number; precisionOverlap: number; recallOverlap: number };
  quotationCoverage: { covered: number; total: number };
  speakerAccuracy: { right: number; total: number };
  outletAccuracy: { right: number; total: number };
  modeAccuracy: { right: number; total: number };
  errors: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);

export function score(expected: Expected, suggestions: readonly Suggestion[]): Scores {
  const errors: string[] = [];
  const chars = Array.from(expected.text);
  const show = (s: { start: number; end: number }): string => JSON.stringify(chars.slice(s.start, s.end).join('').slice(0, 90));
  const ms = suggestions.filter((s): s is MentionSuggestion => s.kind === 'mention');
  const cs = suggestions.filter((s): s is ClaimSuggestion => s.kind === 'claim');

  const exactKey = (s: { start: number; end: number }): string => `${s.start}:${s.end}`;
  const expectedByKey = new Map(expected.mentions.map((m) => [exactKey(m), m]));
  let exact = 0;
  let typed = 0;
  for (const s of ms) {
    const e = expectedByKey.get(exactKey(s));
    if (e) {
      exact++;
      if (e.type === s.entity.type) typed++;
      else errors.push(`mention type: ${show(s)} suggested ${s.entity.type}, expected ${e.type}`);
    } else errors.push(`mention false alarm: ${show(s)} as ${s.entity.type} (${s.source}: ${s.why})`);
  }
  const suggestedKeys = new Set(ms.map(exactKey));
  for (const m of expected.mentions) if (!suggestedKeys.has(exactKey(m))) errors.push(`mention missed: ${show(m)} (${m.entity})`);
  const precisionOverlap = ratio(ms.filter((s) => expected.mentions.some((m) => overlaps(m, s))).length, ms.length);
  const recallOverlap = ratio(expected.mentions.filter((m) => ms.some((s) => overlaps(m, s))).length, expected.mentions.length);
  const foundEntities = new Set(expected.mentions.filter((m) => suggestedKeys.has(exactKey(m))).map((m) => m.entity));
  const missing = [...new Set(expected.mentions.map((m) => m.entity))].filter((id) => !foundEntities.has(id));

  let claimExact = 0;
  const claimKeys = new Set(cs.map(exactKey));
  for (const c of expected.claims) if (claimKeys.has(exactKey(c))) claimExact++;
  let covered = 0;
  let quotes = 0;
  const speaker = { right: 0, total: 0 };
  const outlet = { right: 0, total: 0 };
  const mode = { right: 0, total: 0 };
  for (const c of expected.claims) {
    const best = cs.filter((s) => overlaps(s, c)).sort((a, b) => overlapLength(b, c) - overlapLength(a, c))[0];
    if (c.quoted) {
      quotes++;
      if (best) covered++;
    }
    if (!best) {
      errors.push(`claim missed: ${show(c)} (${c.id})`);
      continue;
    }
    speaker.total++;
    outlet.total++;
    mode.total++;
    if (sameSpeaker(c.speaker, best.speaker.name)) speaker.right++;
    else errors.push(`claim speaker: ${c.id} suggested ${best.speaker.name}, expected ${c.speaker[0] ?? '?'}`);
    const got = best.chain.filter((l) => l.role === 'outlet').map((l) => norm(l.name));
    if (got.length === c.outlets.length && got.every((g, i) => c.outlets[i]?.includes(g))) outlet.right++;
    else errors.push(`claim outlet: ${c.id} suggested [${got.join(', ')}], expected [${c.outlets.map((o) => o[0]).join(', ')}]`);
    if (best.mode === c.mode) mode.right++;
    else errors.push(`claim mode: ${c.id} suggested ${best.mode}, expected ${c.mode}`);
  }
  for (const s of cs) if (!expected.claims.some((c) => overlaps(s, c))) errors.push(`claim false alarm: ${show(s)} (${s.speaker.name}, “${s.cue}”)`);
  return {
    mentions: {
      suggested: ms.length,
      expected: expected.mentions.length,
      precision: ratio(exact, ms.length),
      recall: ratio(exact, expected.mentions.length),
      precisionOverlap,
      recallOverlap,
      typeAccuracy: ratio(typed, exact),
    },
    entitiesFound: { found: foundEntities.size, total: foundEntities.size + missing.length, missing },
    claims: {
      suggested: cs.length,
      expected: expected.claims.length,
      precision: ratio(cs.filter((s) => claimKeys.has(exactKey(s)) && expected.claims.some((c) => exactKey(c) === exactKey(s))).length, cs.length),
      recall: ratio(claimExact, expected.claims.length),
      precisionOverlap: ratio(cs.filter((s) => expected.claims.some((c) => overlaps(s, c))).length, cs.length),
      recallOverlap: ratio(expected.claims.filter((c) => cs.some((s) => overlaps(s, c))).length, expected.claims.length),
    },
    quotationCoverage: { covered, total: quotes },
    speakerAccuracy: speaker,
    outletAccuracy: outlet,
    modeAccuracy: mode,
    errors,
  };
}

/** Names match, or, for an unnamed source (whose name is the annotator's paraphrase), their last words do ("analysts"). */
function sameSpeaker(expected: string[], suggested: string): boolean {
  const got = norm(suggested);
  if (expected.includes(got)) return true;
  const noun = (s: string): string => (s.split(' ').at(-1) ?? '').replace(/s$/, '');
  return got.startsWith('unnamed ') && expected.some((e) => e.startsWith('unnamed ') && noun(e) === noun(got));
}

function overlapLength(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}
