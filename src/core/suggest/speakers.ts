// Claim drafts into claims with entities: the speaker (a pronoun is the previous speaker when one spoke in
// the last paragraphs, else the last person named before it), the mode, and the attribution chain in order
// of transmission — speaker, venue, outlet. The outlet is the one the sentence names ("he told Al
// Jazeera"), else the one the same speaker's other claims name, else the agency of the dateline ("(Reuters)
// -"), else the outlet the lead says the article relays ("…, Voice Of America reported" in its first
// paragraphs). An outlet speaking has no further link.

import type { ClaimMode } from '../model';
import type { ClaimDraft } from './claims';
import { isDatelineAgency } from './classify';
import type { DocEntity, Entities } from './entities';
import type { Category } from './types';

export interface Link {
  role: 'speaker' | 'venue' | 'outlet';
  entity?: DocEntity;
  label?: string;
  kind?: string;
}

export interface Claim {
  start: number;
  end: number;
  speaker: DocEntity;
  chain: Link[];
  mode: ClaimMode;
  cue: string;
  score: number;
  why: string;
  draft: ClaimDraft;
}

type Occurrence = ReturnType<Entities['occurrences']>[number];

const PERSONS = new Set<Category>(['person', 'analyst', 'official']);
/** How many paragraphs back "he said" still means the last speaker. */
const PRONOUN_REACH = 2;
/** How far into the article a "… reported" makes its outlet the article's source. */
const LEAD_PARAGRAPHS = 3;

function isPerson(e: DocEntity | undefined): boolean {
  return e?.category !== undefined && PERSONS.has(e.category);
}

export function resolveClaims(drafts: readonly ClaimDraft[], entities: Entities): Claim[] {
  const occurrences = entities.occurrences();
  const bodyIndex = new Map<number, number>();
  let body = 0;
  for (const p of entities.doc.paragraphs) if (!p.heading && !p.sources) bodyIndex.set(p.index, body++);

  /** The entity of the last occurrence ending before `pos` that `want` accepts, looking back until `stop`. */
  const lastBefore = (pos: number, want: (o: Occurrence) => boolean, stop: (o: Occurrence) => boolean = () => false): DocEntity | undefined => {
    let lo = 0;
    let hi = occurrences.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((occurrences[mid] as Occurrence).cand.start < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) {
      const o = occurrences[k] as Occurrence;
      if (stop(o)) return undefined;
      if (o.cand.end <= pos && want(o)) return o.entity;
    }
    return undefined;
  };

  const claims: Claim[] = [];
  let lastSpeaker: { entity: DocEntity; para: number } | undefined;
  for (const d of drafts) {
    let speaker: DocEntity | undefined;
    let why = d.why[0] ?? '';
    if (d.speaker.kind === 'pronoun') {
      const want = d.speaker.of;
      const recent = lastSpeaker && d.para.index - lastSpeaker.para <= PRONOUN_REACH ? lastSpeaker.entity : undefined;
      // A person named earlier in the same paragraph ("Solberg is more cautious. ‘…,’ she said") comes first.
      const inParagraph = lastBefore(
        d.start,
        (o) => isPerson(o.entity),
        (o) => o.cand.para !== d.para,
      );
      if (want === 'person') {
        if (inParagraph) speaker = inParagraph;
        else if (recent && isPerson(recent)) speaker = recent;
        else {
          const before = d.start;
          speaker = lastBefore(before, (o) => isPerson(o.entity));
        }
      } else if (recent && !isPerson(recent)) speaker = recent;
      if (speaker) why = `${why}: ${speaker.name}, who spoke last`;
    } else if (d.speaker.kind === 'definite') {
      // "according to the department": the last institution before it whose name has that word.
      const noun = d.speaker.noun.lower;
      speaker = lastBefore(
        d.start,
        (o) => (o.entity.category === 'institution' || o.entity.category === 'outlet') && o.entity.name.toLowerCase().split(/\s+/).includes(noun),
      );
      if (speaker) why = `${why}: ${speaker.name}`;
    } else speaker = entities.speaker(d.speaker);
    if (!speaker?.category) continue;
    if (!d.continued) lastSpeaker = { entity: speaker, para: d.para.index };
    const outletSpeaks = speaker.category === 'outlet';
    const mode: ClaimMode = outletSpeaks ? 'reported-statement' : d.cue.belief ? 'belief' : d.quoted ? 'direct-quote' : 'paraphrase';
    const chain: Link[] = [{ role: 'speaker', entity: speaker }];
    if (d.venue) {
      const organiser = d.venue.organiser ? entities.of(d.venue.organiser) : undefined;
      chain.push({ role: 'venue', ...(organiser?.category ? { entity: organiser } : {}), label: d.venue.label, kind: d.venue.kind });
    }
    const through = d.through ? entities.of(d.through) : undefined;
    if (!outletSpeaks && through?.category === 'outlet' && through !== speaker) chain.push({ role: 'outlet', entity: through });
    let score = d.speaker.kind === 'name' ? 0.85 : d.speaker.kind === 'pronoun' ? 0.75 : 0.7;
    if (d.cue.weak) score -= 0.1;
    if (d.continued) score -= 0.15;
    if (!d.quoted && mode === 'paraphrase') score -= 0.05;
    claims.push({
      start: d.start,
      end: d.end,
      speaker,
      chain,
      mode,
      cue: d.cue.text,
      score,
      why: [why, ...d.why.slice(1)].filter(Boolean).join('; '),
      draft: d,
    });
  }

  // The outlet the lead says the article relays, and each speaker's own outlet.
  // "ADDIS ABABA, Jan 14 (Reuters) -": the agency that filed the story relays everything in it.
  const dateline = occurrences.find((o) => o.entity.category === 'outlet' && isDatelineAgency(o.cand))?.entity;
  const leadOutlet =
    dateline ??
    claims.find((c) => c.speaker.category === 'outlet' && c.draft.cue.reporting && (bodyIndex.get(c.draft.para.index) ?? Infinity) < LEAD_PARAGRAPHS)?.speaker;
  // A speaker's consecutive claims come from one occasion: an outlet one of them names ("he told Al
  // Jazeera") is the others' too, unless a claim names an occasion of its own (a venue).
  const ownOutlet = new Map<Claim, DocEntity>();
  for (let i = 0; i < claims.length;) {
    let j = i;
    while (j < claims.length && (claims[j] as Claim).speaker === (claims[i] as Claim).speaker) j++;
    const run = claims.slice(i, j);
    const named = run.map((c) => c.chain.find((l) => l.role === 'outlet')?.entity).find((o) => o !== undefined);
    if (named) for (const c of run) if (!c.chain.some((l) => l.role === 'venue')) ownOutlet.set(c, named);
    i = j;
  }
  for (const c of claims) {
    if (c.speaker.category === 'outlet' || c.chain.some((l) => l.role === 'outlet')) continue;
    const own = ownOutlet.get(c);
    const o = own ?? leadOutlet;
    if (!o) continue;
    c.chain.push({ role: 'outlet', entity: o });
    c.why += own ? `; via ${o.name}, like ${c.speaker.name}’s words around it` : `; via ${o.name}, which the article relays`;
  }
  return claims;
}
