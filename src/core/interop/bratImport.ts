// Import of brat standoff (.ann + .txt, optionally annotation.conf). Text-bound annotations become mentions;
// mentions joined by a normalization (`N`) or an equivalence (`*`) are one entity (a Marginalia normalization
// names it); attribution events (Claim, Attribution, Quote, Report, … or any event with a speaker-like role)
// become claims; `R` lines between entities become relations; notes become descriptions and summaries. Offsets
// are checked against the .txt, and against the text each line says it covers.

import type { ChainRole, ClaimMode, ExternalLink } from '../model';
import { checkSize, ProblemList, show, type Json } from './foreign';
import { parseAnn, confTypes, type Attribute, type Event, type Note, type Normalization, type TextBound } from './bratAnn';
import type { At, ForeignClaim, ForeignDoc, ForeignEntity, ForeignLink, ForeignMention, ForeignRelation, ForeignType } from './importer';
import { ForeignText } from './spans';
import type { ForeignFile } from './types';

const CLAIM_TYPES = /^(claim|attribution|quot(e|ation)|report(ed)?(_?speech)?|statement|say|speech)$/i;
/** A chain link without a mention, as the export writes it in a note: `Venue: a media briefing; kind: briefing`. */
const LABEL_NOTE = /^(Speaker|Outlet|Venue): (.+?)(?:; kind: (.+))?$/;
const MODES: readonly ClaimMode[] = ['direct-quote', 'paraphrase', 'reported-statement', 'belief'];

function roleOf(arg: string): ChainRole | 'content' | undefined {
  const r = arg
    .replace(/\d+$/, '')
    .replace(/-?arg$/i, '')
    .toLowerCase();
  if (/^(speaker|source|reporter|sayer|citer?)$/.test(r)) return 'speaker';
  if (/^(outlet|medium|media|publisher)$/.test(r)) return 'outlet';
  if (r === 'venue') return 'venue';
  if (/^(content|message|quote|event|topic|theme|claim)$/.test(r)) return 'content';
  return undefined;
}

/** A web link for a normalization: Wikidata and Wikipedia ids, and URL:… entries (brat's tools.conf is not read). */
function linkOf(n: Normalization): ExternalLink | undefined {
  const r = n.resource.toLowerCase();
  if (r === 'wikidata' && /^Q\d+$/.test(n.entry)) return { url: `https://www.wikidata.org/wiki/${n.entry}` };
  if (r === 'wikipedia' && /^\d+$/.test(n.entry)) return { url: `https://en.wikipedia.org/?curid=${n.entry}` };
  if (r === 'url' && /^https?:\/\/\S+$/i.test(n.entry)) return { url: n.entry };
  return undefined;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let r = x;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r) as string;
    this.parent.set(x, r);
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

export function importBrat(ann: ForeignFile, txt: ForeignFile, conf?: ForeignFile): ForeignDoc {
  checkSize(ann);
  checkSize(txt);
  const problems = new ProblemList();
  const { lines, at: located } = parseAnn(ann, problems);
  const atLine =
    (offset: number): At =>
    (severity, code, message) =>
      located.problem(severity, code, message, offset);
  const text = new ForeignText(txt.text);
  const tb = new Map<string, TextBound>();
  const events = new Map<string, Event>();
  const attrs = new Map<string, Attribute[]>();
  const notes = new Map<string, Note[]>();
  const norms = new Map<string, Normalization[]>();
  for (const l of lines) {
    if (l.kind === 'T') tb.set(l.id, l);
    else if (l.kind === 'E') events.set(l.id, l);
    else if (l.kind === 'A') attrs.set(l.target, [...(attrs.get(l.target) ?? []), l]);
    else if (l.kind === '#') notes.set(l.target, [...(notes.get(l.target) ?? []), l]);
    else if (l.kind === 'N') norms.set(l.target, [...(norms.get(l.target) ?? []), l]);
  }

  // Which text-bound annotations are event triggers or claim contents (not entity mentions).
  const notMention = new Set<string>();
  const claimEvents: Event[] = [];
  for (const e of events.values()) {
    notMention.add(e.trigger);
    const roles = e.args.map(([r]) => roleOf(r));
    if (CLAIM_TYPES.test(e.type) || roles.includes('speaker')) {
      claimEvents.push(e);
      for (const [r, id] of e.args) if (roleOf(r) === 'content' && tb.has(id)) notMention.add(id);
    } else
      problems.add(
        atLine(e.offset)('warning', 'not-an-attribution', `event ${e.id} (${show(e.type)}) is not an attribution; not imported (the entities it names are)`),
      );
  }

  // Entities: mentions joined by normalizations and equivalences, else by type and text.
  const uf = new UnionFind();
  const byKey = new Map<string, string>();
  const keyed = (key: string, id: string): void => {
    const first = byKey.get(key);
    if (first) uf.union(first, id);
    else byKey.set(key, id);
  };
  const mentionTbs = [...tb.values()].filter((t) => !notMention.has(t.id));
  for (const t of mentionTbs) {
    const ns = norms.get(t.id) ?? [];
    for (const n of ns) keyed(`n:${n.resource}:${n.entry}`, t.id);
    if (ns.length === 0) keyed(`t:${t.type}\u0000${t.text.replace(/\s+/g, ' ').trim()}`, t.id);
  }
  for (const l of lines) if (l.kind === '*') for (const id of l.ids.slice(1)) if (tb.has(id) && tb.has(l.ids[0] as string)) uf.union(l.ids[0] as string, id);

  const types = new Map<string, ForeignType>();
  const declared = conf ? confTypes(conf.text) : undefined;
  const declaredLabels = new Map((declared ?? []).map((d) => [d.label, d]));
  const typeFor = (label: string, offset: number): string => {
    if (!types.has(label)) {
      const d = declaredLabels.get(label);
      types.set(label, { key: label, label, at: atLine(offset), ...(d?.parent ? { parent: d.parent } : {}) });
      if (d?.parent && !types.has(d.parent)) types.set(d.parent, { key: d.parent, label: d.parent, at: atLine(offset) });
      if (declared && !d) problems.add(atLine(offset)('warning', 'undeclared-label', `type ${show(label)} is not declared in ${conf?.name}`));
    }
    return label;
  };

  const entities = new Map<string, ForeignEntity>();
  const mentions: ForeignMention[] = [];
  for (const t of mentionTbs) {
    const root = uf.find(t.id);
    const at = atLine(t.offset);
    typeFor(t.type, t.offset);
    let e = entities.get(root);
    if (!e) {
      e = { key: root, type: t.type, name: t.text.replace(/\s+/g, ' ').trim() || t.id, at };
      entities.set(root, e);
    } else {
      const said = t.text.replace(/\s+/g, ' ').trim();
      if (said && said !== e.name && !(e.aliases ?? []).includes(said)) e.aliases = [...(e.aliases ?? []), said];
    }
    for (const n of norms.get(t.id) ?? []) {
      if (n.resource === 'Marginalia') {
        e.id = n.entry;
        if (n.text.trim()) e.name = n.text.trim();
        continue;
      }
      const link = linkOf(n);
      if (link && !(e.sameAs ?? []).some((x) => x.url === link.url)) e.sameAs = [...(e.sameAs ?? []), link];
      if (n.text.trim() && !e.id && e.name === t.text.trim()) {
        e.aliases = [...(e.aliases ?? []), e.name];
        e.name = n.text.trim();
      }
      if (!link)
        problems.add(atLine(n.offset)('info', 'normalization-kept', `normalization ${n.id} (${n.resource}:${n.entry}) kept in the mention's x-brat field`));
    }
    for (const note of notes.get(t.id) ?? []) if (note.text.trim()) e.description = e.description ? `${e.description} ${note.text.trim()}` : note.text.trim();
    const extra: Record<string, Json> = {};
    const a = attrs.get(t.id);
    if (a?.length) extra.attributes = Object.fromEntries(a.map((x) => [x.type, x.value]));
    const other = (norms.get(t.id) ?? []).filter((n) => n.resource !== 'Marginalia' && !linkOf(n));
    if (other.length) extra.normalizations = other.map((n) => `${n.resource}:${n.entry}`);
    t.spans.forEach(([s, end], k) => {
      const whole = t.spans.length === 1 ? t.text : undefined;
      const loc = text.locate(s, end, 'code points', whole);
      if ('error' in loc) return problems.add(at('error', 'bad-offsets', `${t.id}: ${loc.error}; not imported`));
      if (loc.reading) problems.add(at('warning', 'offset-unit', `${t.id}: ${loc.reading}`));
      if (loc.mismatch)
        problems.add(
          at('warning', 'text-mismatch', `${t.id}: the line says ${show(loc.mismatch.expected, 40)} but the text has ${show(loc.mismatch.found, 40)} there`),
        );
      const m: ForeignMention = { key: t.spans.length > 1 ? `${t.id}[${k + 1}]` : t.id, entity: root, selector: loc.selector, at };
      if (Object.keys(extra).length) m.extra = { 'x-brat': { id: t.id, ...extra } };
      mentions.push(m);
    });
    if (t.spans.length > 1) problems.add(at('info', 'discontinuous', `${t.id} is discontinuous: imported as ${t.spans.length} mentions of one entity`));
  }

  const claims: ForeignClaim[] = [];
  for (const e of claimEvents) {
    const at = atLine(e.offset);
    const trigger = tb.get(e.trigger);
    const contentId = e.args.find(([r]) => roleOf(r) === 'content')?.[1];
    const content = contentId ? (tb.get(contentId) ?? tb.get(events.get(contentId)?.trigger ?? '')) : undefined;
    const spanTb = content ?? trigger;
    if (!spanTb) {
      problems.add(at('error', 'dangling-reference', `event ${e.id}: its trigger ${e.trigger} is not a text-bound annotation; not imported`));
      continue;
    }
    const first = spanTb.spans[0] as [number, number];
    const last = spanTb.spans[spanTb.spans.length - 1] as [number, number];
    const loc = text.locate(first[0], last[1], 'code points', spanTb.spans.length === 1 ? spanTb.text : undefined);
    if ('error' in loc) {
      problems.add(at('error', 'bad-offsets', `event ${e.id}: ${loc.error}; not imported`));
      continue;
    }
    const chain: ForeignLink[] = [];
    for (const [r, id] of e.args) {
      const role = roleOf(r);
      if (role === 'content') continue;
      if (!role) {
        problems.add(at('warning', 'unknown-role', `event ${e.id}: role ${show(r)} is not speaker, outlet or venue; dropped`));
        continue;
      }
      if (!tb.has(id) || notMention.has(id)) {
        problems.add(at('warning', 'dangling-reference', `event ${e.id}: ${r} ${id} is not an entity mention; dropped`));
        continue;
      }
      chain.push({ role, entity: uf.find(id) });
    }
    chain.sort((x, y) => (x.role === 'speaker' ? -1 : 0) - (y.role === 'speaker' ? -1 : 0));
    const ea = attrs.get(e.id) ?? [];
    const modeValue = ea.find((a) => a.type === 'Mode')?.value;
    const mode = MODES.find((m) => m === modeValue);
    if (!mode) problems.add(at('info', 'default-mode', `event ${e.id} has no Mode attribute Marginalia knows; imported as reported-statement`));
    const claim: ForeignClaim = { key: e.id, selector: loc.selector, mode: mode ?? 'reported-statement', chain, at };
    const cue = ea.find((a) => a.type === 'Cue')?.value;
    if (typeof cue === 'string') claim.cue = cue.replace(/_/g, ' ');
    else if (content && trigger && trigger !== content) claim.cue = trigger.text.trim();
    const summary: string[] = [];
    for (const n of notes.get(e.id) ?? []) {
      const link = LABEL_NOTE.exec(n.text.trim());
      const role = link ? (link[1]?.toLowerCase() as ChainRole) : undefined;
      if (link && role) chain.push({ role, label: link[2] as string, ...(link[3] ? { kind: link[3] } : {}) });
      else if (n.text.trim()) summary.push(n.text.trim());
    }
    chain.sort((x, y) => (x.role === 'speaker' ? -1 : 0) - (y.role === 'speaker' ? -1 : 0));
    if (summary.length) claim.summary = summary.join(' ');
    const rest = ea.filter((a) => a.type !== 'Mode' && a.type !== 'Cue');
    if (rest.length || e.type !== 'Claim')
      claim.extra = { 'x-brat': { id: e.id, type: e.type, ...(rest.length ? { attributes: Object.fromEntries(rest.map((a) => [a.type, a.value])) } : {}) } };
    claims.push(claim);
  }

  const relations: ForeignRelation[] = [];
  for (const l of lines) {
    if (l.kind !== 'R') continue;
    const [a, b] = l.args.map(([, id]) => id) as [string, string];
    const ok = (id: string): boolean => tb.has(id) && !notMention.has(id);
    const r: ForeignRelation = { key: l.id, type: l.type, subject: ok(a) ? uf.find(a) : `?${a}`, object: ok(b) ? uf.find(b) : `?${b}`, at: atLine(l.offset) };
    const note = notes
      .get(l.id)
      ?.map((n) => n.text.trim())
      .join(' ');
    if (note) r.extra = { 'x-brat': { id: l.id, note } };
    relations.push(r);
  }

  return { types: [...types.values()], entities: [...entities.values()], mentions, claims, relations, problems, text: text.normalized };
}
