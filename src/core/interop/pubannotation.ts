// PubAnnotation JSON (read and written by PubAnnotation, TextAE and INCEpTION): the text itself, `denotations`
// for spans typed by `obj`, `relations` between denotations, `attributes` on them. Offsets are code points over
// the text as given (CRLF counted as two). Mentions are denotations typed by the type id with an `entity`
// attribute; claims are `Claim` denotations with `mode`, `speaker`, `cue` and `summary` attributes and
// `saidBy` / `reportedBy` / `madeAt` relations to mentions of the chain's entities.

import type { ChainRole, ClaimMode } from '../model';
import { baseName, ExportProblems, spanOf, type ExportInput } from './exporting';
import { isObject, JsonFile, keepable, many, MAX_ITEMS, offset, ProblemList, show, str, type Json, type JsonObject } from './foreign';
import type { At, ForeignClaim, ForeignDoc, ForeignEntity, ForeignMention, ForeignRelation, ForeignType } from './importer';
import { ForeignText } from './spans';
import { ImportError, type ExportResult, type ForeignFile } from './types';

export const CLAIM_OBJ = 'Claim';
const PRED: Record<ChainRole, string> = { speaker: 'saidBy', outlet: 'reportedBy', venue: 'madeAt' };
const MODES: readonly ClaimMode[] = ['direct-quote', 'paraphrase', 'reported-statement', 'belief'];

export function exportPubAnnotation(input: ExportInput): ExportResult {
  const { model } = input;
  const problems = new ExportProblems(input);
  const denotations: JsonObject[] = [];
  const relations: JsonObject[] = [];
  const attributes: JsonObject[] = [];
  const attr = (subj: string, pred: string, obj: string): void => void attributes.push({ id: `A${attributes.length + 1}`, subj, pred, obj });
  const firstOf = new Map<string, string>();
  const mentionsOf = new Map<string, { id: string; start: number }[]>();
  model.mentions.forEach((m) => {
    const span = spanOf(model, m);
    const entity = model.entities.get(m.def.entity);
    if (!span || !entity) return problems.item(m, 'warning', 'not-exported', `mention ${m.id} is not anchored in the article; not exported`);
    const id = `T${denotations.length + 1}`;
    denotations.push({ id, span: { begin: span.start, end: span.end }, obj: entity.type });
    attr(id, 'entity', entity.id);
    if (!firstOf.has(entity.id)) {
      firstOf.set(entity.id, id);
      attr(id, 'name', entity.name);
    }
    mentionsOf.set(entity.id, [...(mentionsOf.get(entity.id) ?? []), { id, start: span.start }]);
  });
  const nearest = (entity: string, at: number): string | undefined =>
    (mentionsOf.get(entity) ?? []).reduce<{ id: string; d: number } | undefined>((best, m) => {
      const d = Math.abs(m.start - at);
      return !best || d < best.d ? { id: m.id, d } : best;
    }, undefined)?.id;
  model.claims.forEach((c) => {
    const span = spanOf(model, c);
    if (!span) return problems.item(c, 'warning', 'not-exported', `claim ${c.id} is not anchored in the article; not exported`);
    const id = `C${denotations.length + 1}`;
    denotations.push({ id, span: { begin: span.start, end: span.end }, obj: CLAIM_OBJ });
    const a = c.def.attribution;
    attr(id, 'mode', a.mode);
    const speaker = a.chain.find((l) => l.role === 'speaker')?.entity;
    if (speaker) attr(id, 'speaker', speaker);
    if (a.cue) attr(id, 'cue', a.cue);
    if (c.def.summary) attr(id, 'summary', c.def.summary);
    for (const l of a.chain) {
      const target = l.entity !== undefined ? nearest(l.entity, span.start) : undefined;
      if (target) relations.push({ id: `R${relations.length + 1}`, subj: id, pred: PRED[l.role], obj: target });
      else {
        // No mention to point at: the link travels as an attribute, by its label or the entity's name.
        const label = l.label ?? (l.entity !== undefined ? model.entities.get(l.entity)?.name : undefined) ?? l.entity ?? '';
        attr(id, `${l.role}Label`, label);
        if (l.entity !== undefined)
          problems.item(c, 'info', 'lost-in-pubannotation', `claim ${c.id}: ${l.role} ${l.entity} has no mention; exported as a label with its name`);
      }
    }
  });
  (model.file.relations ?? []).forEach((r, i) => {
    const a = firstOf.get(r.subject);
    const b = firstOf.get(r.object);
    if (a && b) relations.push({ id: `R${relations.length + 1}`, subj: a, pred: r.type, obj: b });
    else
      problems.add('warning', 'lost-in-pubannotation', `relation ${r.id}: an entity without mentions cannot be a denotation; not exported`, ['relations', i]);
  });
  const doc: JsonObject = { text: model.text, sourcedb: 'Marginalia', sourceid: baseName(input.articleName), denotations, relations, attributes };
  return { files: [{ name: `${baseName(input.articleName)}.pubannotation.json`, content: JSON.stringify(doc, null, 2) + '\n' }], problems: problems.list };
}

type Path = (string | number)[];

interface Denotation {
  key: string;
  obj: string;
  selector: ForeignMention['selector'];
  text: string;
  at: At;
  attrs: Map<string, Json>;
  extra: JsonObject;
}

export function importPubAnnotation(file: ForeignFile): ForeignDoc {
  const json = JsonFile.parse(file);
  const root = json.value as Json;
  const problems = new ProblemList();
  const at =
    (path: Path): At =>
    (severity, code, message) =>
      json.problem(severity, code, message, path);
  if (!isObject(root) || typeof root.text !== 'string')
    throw new ImportError(`${file.name}: a PubAnnotation document needs its \`text\`; nothing was imported`);
  const text = new ForeignText(root.text);
  const tracks: { doc: JsonObject; path: Path; prefix: string }[] = [{ doc: root, path: [], prefix: '' }];
  many(root.tracks).forEach((t, i) => isObject(t) && tracks.push({ doc: t, path: ['tracks', i], prefix: `${i + 1}:` }));
  const total = tracks.reduce((n, t) => n + many(t.doc.denotations).length, 0);
  if (total > MAX_ITEMS) throw new ImportError(`${file.name}: ${total} denotations; the limit is ${MAX_ITEMS}; nothing was imported`);
  const dens = new Map<string, Denotation>();
  const rels: { subj: string; pred: string; obj: string; at: At; key: string }[] = [];
  for (const { doc, path, prefix } of tracks) {
    many(doc.denotations).forEach((d, i) => {
      const here = at([...path, 'denotations', i]);
      if (!isObject(d)) return problems.add(here('error', 'bad-denotation', 'not a denotation object; skipped'));
      const id = str(d, 'id') ?? (typeof d.id === 'number' ? String(d.id) : undefined);
      const key = prefix + (id ?? `#${i + 1}`);
      if (id === undefined) problems.add(here('info', 'no-id', `denotation ${i + 1} has no id; called ${show(key)} in messages`));
      if (dens.has(key)) return problems.add(here('error', 'duplicate-id', `denotation id ${show(key)} appears twice; the later one is skipped`));
      const span = isObject(d.span) ? d.span : undefined;
      const begin = span ? offset(span.begin) : undefined;
      const end = span ? offset(span.end) : undefined;
      if (begin === undefined || end === undefined || begin > end)
        return problems.add(here('error', 'bad-span', `denotation ${show(key)}: span.begin and span.end must be integers with begin ≤ end; not imported`));
      const obj = str(d, 'obj');
      if (!obj?.trim()) return problems.add(here('error', 'bad-obj', `denotation ${show(key)} has no obj (its label); not imported`));
      const loc = text.locate(begin, end, 'code points');
      if ('error' in loc) return problems.add(here('error', 'bad-offsets', `denotation ${show(key)}: ${loc.error}; not imported`));
      if (loc.start === loc.end) return problems.add(here('error', 'empty-span', `denotation ${show(key)} is empty; not imported`));
      const exact = text.normalized.slice(text.map.toUtf16(loc.start), text.map.toUtf16(loc.end));
      dens.set(key, { key, obj: obj.trim().slice(0, 200), selector: loc.selector, text: exact, at: here, attrs: new Map(), extra: {} });
    });
    many(doc.attributes).forEach((a, i) => {
      const here = at([...path, 'attributes', i]);
      const subj = isObject(a) ? str(a, 'subj') : undefined;
      const pred = isObject(a) ? str(a, 'pred') : undefined;
      const den = subj !== undefined ? dens.get(prefix + subj) : undefined;
      if (!isObject(a) || !pred || !den) return problems.add(here('warning', 'dangling-reference', 'attribute of no imported denotation; not imported'));
      den.attrs.set(pred, a.obj ?? true);
    });
    many(doc.relations).forEach((r, i) => {
      const here = at([...path, 'relations', i]);
      const subj = isObject(r) ? str(r, 'subj') : undefined;
      const obj = isObject(r) ? str(r, 'obj') : undefined;
      const pred = isObject(r) ? str(r, 'pred') : undefined;
      if (!subj || !obj || !pred) return problems.add(here('error', 'bad-relation', 'relation without subj, pred or obj; not imported'));
      rels.push({ subj: prefix + subj, pred, obj: prefix + obj, at: here, key: isObject(r) ? (str(r, 'id') ?? `#${i + 1}`) : `#${i + 1}` });
    });
    many(doc.modifications).forEach((m, i) => {
      const o = isObject(m) ? str(m, 'obj') : undefined;
      const den = o !== undefined ? dens.get(prefix + o) : undefined;
      if (den && isObject(m)) den.extra.modifications = [...many(den.extra.modifications), keepable(m)];
      else problems.add(at([...path, 'modifications', i])('warning', 'dangling-reference', 'modification of no imported denotation; not imported'));
    });
    if (many(doc.blocks).length)
      problems.add(at([...path, 'blocks'])('info', 'blocks-ignored', 'blocks (document structure) are not annotations; not imported'));
  }

  const types = new Map<string, ForeignType>();
  const entities = new Map<string, ForeignEntity>();
  const mentions: ForeignMention[] = [];
  const claims = new Map<string, ForeignClaim>();
  const entityOf = new Map<string, string>();
  for (const d of dens.values()) {
    if (d.obj === CLAIM_OBJ) {
      const mode = MODES.find((m) => m === d.attrs.get('mode'));
      const c: ForeignClaim = { key: d.key, selector: d.selector, mode: mode ?? 'reported-statement', chain: [], at: d.at };
      const speaker = d.attrs.get('speaker');
      if (typeof speaker === 'string') c.chain.push({ role: 'speaker', entity: `e:${speaker}` });
      for (const role of ['speaker', 'outlet', 'venue'] as const) {
        const label = d.attrs.get(`${role}Label`);
        if (typeof label === 'string' && label.trim()) c.chain.push({ role, label: label.trim() });
      }
      const cue = d.attrs.get('cue');
      const summary = d.attrs.get('summary');
      if (typeof cue === 'string') c.cue = cue;
      if (typeof summary === 'string') c.summary = summary;
      claims.set(d.key, c);
      continue;
    }
    if (!types.has(d.obj)) types.set(d.obj, { key: d.obj, label: d.obj, at: d.at });
    const marked = d.attrs.get('entity');
    const key = typeof marked === 'string' ? `e:${marked}` : `t:${d.obj}\u0000${d.text.replace(/\s+/g, ' ').trim()}`;
    const name = d.attrs.get('name');
    const e = entities.get(key);
    if (!e) {
      const fe: ForeignEntity = { key, type: d.obj, name: typeof name === 'string' ? name : d.text.replace(/\s+/g, ' ').trim(), at: d.at };
      if (typeof marked === 'string') fe.id = marked;
      entities.set(key, fe);
    } else if (typeof name === 'string') e.name = name;
    entityOf.set(d.key, key);
    const other = [...d.attrs].filter(([k]) => k !== 'entity' && k !== 'name');
    const extra: JsonObject = { ...d.extra, ...(other.length ? { attributes: Object.fromEntries(other) } : {}) };
    const m: ForeignMention = { key: d.key, entity: key, selector: d.selector, at: d.at };
    if (Object.keys(extra).length) m.extra = { 'x-pubannotation': extra };
    mentions.push(m);
  }

  const relations: ForeignRelation[] = [];
  const roleOf = new Map(Object.entries(PRED).map(([role, pred]) => [pred, role as ChainRole]));
  for (const r of rels) {
    const claim = claims.get(r.subj);
    const role = roleOf.get(r.pred);
    const target = entityOf.get(r.obj);
    if (claim && role && target) {
      if (role !== 'speaker' || !claim.chain.some((l) => l.role === 'speaker')) claim.chain.push({ role, entity: target });
      continue;
    }
    const subject = entityOf.get(r.subj);
    if (subject && target) relations.push({ key: r.key, type: r.pred, subject, object: target, at: r.at });
    else
      problems.add(r.at('warning', 'dangling-reference', `relation ${show(r.key)} (${show(r.pred)}) does not join two imported entity mentions; not imported`));
  }
  for (const c of claims.values()) {
    // A speaker without mentions came as its id and its name: the name is what can be imported.
    const labelled = new Set(c.chain.filter((l) => l.label !== undefined).map((l) => l.role));
    c.chain = c.chain.filter((l) => l.entity === undefined || entities.has(l.entity) || !labelled.has(l.role));
  }
  for (const c of claims.values()) c.chain.sort((x, y) => (x.role === 'speaker' ? -1 : 0) - (y.role === 'speaker' ? -1 : 0));
  return { types: [...types.values()], entities: [...entities.values()], mentions, claims: [...claims.values()], relations, problems, text: text.normalized };
}
