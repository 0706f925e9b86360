// Import of W3C Web Annotation JSON(-LD) and of Hypothesis's JSON (its export, its API's search results, one
// annotation): each annotation with a TextQuoteSelector becomes a mention (or, from a Marginalia export, a
// claim). Tags and classifying bodies name the type, identifying bodies the entity; everything else of the
// annotation is kept in an `x-w3c` or `x-hypothesis` field. Positions are hints only: code points for W3C,
// UTF-16 units of the whole page for Hypothesis.

import type { Selector, TextQuoteSelector } from '../model';
import { OffsetMap } from '../text';
import { isObject, JsonFile, keepable, many, MAX_ITEMS, offset, ProblemList, show, str, type Json, type JsonObject } from './foreign';
import type { At, ForeignDoc, ForeignEntity, ForeignMention, ForeignType } from './importer';
import { quoteTarget, type Unit } from './spans';
import { ImportError, type ForeignFile } from './types';
import { MARGINALIA_CONTEXT } from './w3cContext';
import { ownExport } from './w3cOwn';

type Path = (string | number)[];

/** Where the annotations are in the document, whichever shape it has. */
function annotationsOf(root: Json): { items: Json[]; path: Path; hypothesis: boolean } {
  if (Array.isArray(root)) return { items: root, path: [], hypothesis: root.some((a) => isObject(a) && 'uri' in a && 'user' in a) };
  if (!isObject(root)) throw new ImportError('the file is neither an annotation, a list of annotations, an AnnotationPage nor an AnnotationCollection');
  if (Array.isArray(root.annotations)) return { items: root.annotations, path: ['annotations'], hypothesis: true };
  if (Array.isArray(root.rows)) return { items: root.rows, path: ['rows'], hypothesis: true };
  if (Array.isArray(root.items)) return { items: root.items, path: ['items'], hypothesis: false };
  const first = root.first;
  if (isObject(first) && Array.isArray(first.items)) return { items: first.items, path: ['first', 'items'], hypothesis: false };
  if (typeof first === 'string')
    throw new ImportError(`the collection's pages are elsewhere (${show(first)}); nothing is fetched: save the pages into one file with the items embedded`);
  if ('target' in root) return { items: [root], path: [], hypothesis: 'uri' in root && 'user' in root };
  throw new ImportError('no annotations found: expected `first.items`, `items`, `rows`, `annotations` or an annotation with a `target`');
}

/** The first TextQuoteSelector of a target, looking inside `refinedBy` too; and its position selector. */
function selectorsIn(target: Json): { quote?: TextQuoteSelector; position?: { start: number; end: number } } {
  const found: { quote?: TextQuoteSelector; position?: { start: number; end: number } } = {};
  const visit = (s: Json, depth: number): void => {
    if (!isObject(s) || depth > 8) return;
    const type = str(s, 'type');
    if (type === 'TextQuoteSelector' && !found.quote && typeof s.exact === 'string') {
      const q: TextQuoteSelector = { type: 'TextQuoteSelector', exact: s.exact };
      const prefix = str(s, 'prefix');
      const suffix = str(s, 'suffix');
      if (prefix) q.prefix = prefix;
      if (suffix) q.suffix = suffix;
      found.quote = q;
    } else if (type === 'TextPositionSelector' && !found.position) {
      const start = offset(s.start);
      const end = offset(s.end);
      if (start !== undefined && end !== undefined) found.position = { start, end };
    }
    for (const r of many(s.refinedBy)) visit(r, depth + 1);
  };
  if (isObject(target)) for (const s of many(target.selector)) visit(s, 0);
  return found;
}

interface Labels {
  type?: string;
  entityIri?: string;
}

/** The type label (first tag or classifying body) and the entity IRI (identifying body) of an annotation. */
function labelsOf(a: JsonObject): Labels {
  const out: Labels = {};
  for (const b of many(a.body)) {
    if (typeof b === 'string') {
      out.entityIri ??= b;
      continue;
    }
    if (!isObject(b)) continue;
    const purpose = str(b, 'purpose');
    const value = str(b, 'value');
    if ((purpose === 'tagging' || purpose === 'classifying') && value) out.type ??= value;
    if (purpose === 'identifying') out.entityIri ??= str(b, 'source') ?? str(b, 'id');
  }
  const tags = Array.isArray(a.tags) ? a.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
  if (tags[0]) out.type ??= tags[0];
  return out;
}

const DEFAULT_TYPE = 'Annotation';
const MAX_NAME = 500;

export function importW3c(file: ForeignFile, articleText: string, from: 'w3c' | 'hypothesis'): ForeignDoc {
  const json = JsonFile.parse(file);
  const root = json.value as Json;
  const problems = new ProblemList();
  const at =
    (path: Path): At =>
    (severity, code, message) =>
      json.problem(severity, code, message, path);
  if (isObject(root) && many(root['@context']).includes(MARGINALIA_CONTEXT)) return ownExport(root, json, problems, articleText);
  const { items, path, hypothesis: looksLikeHypothesis } = annotationsOf(root);
  if (items.length > MAX_ITEMS) throw new ImportError(`${file.name}: ${items.length} annotations; the limit is ${MAX_ITEMS}; nothing was imported`);
  const hypothesis = from === 'hypothesis' || looksLikeHypothesis;
  if (hypothesis && from === 'w3c')
    problems.add(at(path)('info', 'hypothesis-format', 'this is Hypothesis JSON: its positions are read as UTF-16 offsets into the web page'));
  const unit: Unit = hypothesis ? 'UTF-16 units' : 'code points';
  const map = new OffsetMap(articleText);
  const types = new Map<string, ForeignType>();
  const entities = new Map<string, ForeignEntity>();
  const mentions: ForeignMention[] = [];
  let title: string | undefined;
  items.forEach((a, i) => {
    const here = at([...path, i]);
    if (!isObject(a)) return problems.add(here('error', 'not-an-annotation', 'not an annotation object; skipped'));
    const id = str(a, 'id') ?? `#${i + 1}`;
    if (Array.isArray(a.references) && a.references.length > 0)
      return problems.add(here('info', 'reply', `annotation ${show(id)} is a reply to another annotation, not about the text; not imported`));
    const targets = many(a.target);
    const withQuote = targets.map(selectorsIn).filter((t) => t.quote);
    const found = withQuote[0];
    if (!found?.quote)
      return problems.add(
        here(
          'warning',
          'no-quote',
          `annotation ${show(id)} has no TextQuoteSelector (a page note, or a position or XPath alone, which Marginalia never trusts); not imported`,
        ),
      );
    if (withQuote.length > 1)
      problems.add(here('warning', 'extra-targets', `annotation ${show(id)} has ${withQuote.length} quoted targets; only the first was imported`));
    const exact = found.quote.exact;
    if (exact.trim() === '') return problems.add(here('error', 'empty-quote', `annotation ${show(id)} quotes no text; not imported`));
    const labels = labelsOf(a);
    const typeLabel = (labels.type ?? DEFAULT_TYPE).trim().slice(0, 200);
    if (!types.has(typeLabel)) types.set(typeLabel, { key: typeLabel, label: typeLabel, at: here });
    const name = Array.from(exact.replace(/\s+/g, ' ').trim()).slice(0, MAX_NAME).join('');
    const entityKey = labels.entityIri ?? `${typeLabel}\u0000${name}`;
    if (!entities.has(entityKey)) {
      const e: ForeignEntity = { key: entityKey, type: typeLabel, name, at: here };
      if (labels.entityIri && /^https?:\/\//i.test(labels.entityIri)) e.sameAs = [{ url: labels.entityIri }];
      entities.set(entityKey, e);
    }
    const selector: Selector[] = quoteTarget(found.quote, found.position, unit, map);
    const { target: _target, ...rest } = a;
    const kept = keepable(rest);
    mentions.push({ key: id, entity: entityKey, selector, at: here, extra: { [hypothesis ? 'x-hypothesis' : 'x-w3c']: kept } });
    const doc = isObject(a.document) ? a.document : undefined;
    title ??= doc ? (str(doc, 'title') ?? (Array.isArray(doc.title) && typeof doc.title[0] === 'string' ? doc.title[0] : undefined)) : undefined;
  });
  const result: ForeignDoc = {
    types: [...types.values()],
    entities: [...entities.values()],
    mentions,
    claims: [],
    relations: [],
    problems,
  };
  if (hypothesis) result.hintsElsewhere = 'it counts in the whole web page';
  if (title) result.title = title;
  return result;
}
