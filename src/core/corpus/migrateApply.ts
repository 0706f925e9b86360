// "Move Entities to the Registry", applied: from the reviewed plan, the registry's new text and every annotation
// file's new text (entities moved out, references renamed where two ids became one, types the registry now
// holds removed, the `registry` field set). The caller applies them all as one workspace edit, so one undo
// restores every file. Nothing is lost: a type that differs from the registry's stays in its file (then
// reported as shadowing), and every result is parsed again and refused if it has an error the file did not have.

import { applyEdits, findNodeAtLocation, modify, parseTree, type JSONPath, type Node as JsonNode } from 'jsonc-parser/lib/esm/main.js';
import { detectFormat, EditError, idsIn, minimalReplacement, referencesTo, slug, uniqueId, type TextReplacement } from '../edit';
import type { EntityDef, EntityTypeDef, Problem } from '../model';
import { parseAnnotationFile } from '../parse';
import { parseRegistry, relativeRegistryPath } from '../registry';
import { isMerged, type MigrationDecisions, type MigrationPlan } from './migrate';

export interface FileChange {
  file: string;
  before: string;
  text: string;
  replacement: TextReplacement | undefined;
}

export interface MigrationResult {
  registry: { path: string[]; before: string | undefined; text: string };
  files: FileChange[];
  /** Registry entities, with the members each came from (for the summary the user sees). */
  entities: { id: string; name: string; from: string[] }[];
  notes: string[];
}

export function applyMigration(plan: MigrationPlan, decisions: MigrationDecisions = {}): MigrationResult {
  const notes: string[] = [];
  const registry = plan.registry;
  // Ids the registry may not take: every id of every file that is not an entity moving to the registry.
  const moving = new Set(plan.groups.flatMap((g) => g.members.map((m) => m.key)));
  const taken = new Set<string>(registry?.entities.map((e) => e.id) ?? []);
  for (const f of plan.input.files) {
    if (!plan.types.has(f.file)) continue;
    for (const id of idsIn(f.text)) if (!moving.has(`${f.file}#${id}`)) taken.add(id);
  }

  // Final registry entities: each group's merged members as one, every other member as its own.
  const renames = new Map<string, Map<string, string>>(); // file -> local id -> registry id
  const rename = (file: string, from: string, to: string): void => {
    let m = renames.get(file);
    if (!m) renames.set(file, (m = new Map()));
    m.set(from, to);
  };
  const created: { def: EntityDef; members: { file: string; entity: EntityDef }[]; existing: boolean }[] = [];
  for (const g of plan.groups) {
    const merged = g.members.filter((m) => isMerged(m, decisions));
    const alone = g.members.filter((m) => !isMerged(m, decisions));
    const sets = [...(merged.length || g.existing ? [merged] : []), ...alone.map((m) => [m])];
    sets.forEach((set, i) => {
      const existing = i === 0 && merged.length + (g.existing ? 1 : 0) > 0 ? g.existing : undefined;
      const id =
        existing?.id ??
        uniqueId(
          preferredId(
            set.map((m) => m.id),
            set[0]?.entity.name ?? '',
          ),
          taken,
        );
      taken.add(id);
      for (const m of set) rename(m.file, m.id, id);
      const base = existing ?? (set[0] as (typeof set)[number]).entity;
      created.push({ def: { ...base, id }, members: set.map((m) => ({ file: m.file, entity: m.entity })), existing: existing !== undefined });
    });
  }
  // Affiliations name local ids: each member's through its own file's renames.
  for (const c of created) {
    const names = new Set<string>();
    const aliases: string[] = [];
    const affiliations: string[] = [...(c.existing ? (c.def.affiliations ?? []) : [])];
    for (const m of c.members) {
      for (const n of [m.entity.name, ...(m.entity.aliases ?? [])])
        if (!names.has(n)) {
          names.add(n);
          aliases.push(n);
        }
      for (const a of m.entity.affiliations ?? []) {
        const to = renames.get(m.file)?.get(a);
        if (to === undefined)
          notes.push(
            `${m.file}: ${m.entity.name}'s affiliation "${a}" stays with the article (it is not moving to the registry); dropped from the registry entity`,
          );
        else if (to !== c.def.id && !affiliations.includes(to)) affiliations.push(to);
      }
      c.def.role ??= m.entity.role;
      c.def.description ??= m.entity.description;
      for (const link of m.entity.sameAs ?? []) if (!(c.def.sameAs ?? []).some((l) => l.url === link.url)) c.def.sameAs = [...(c.def.sameAs ?? []), link];
    }
    const extra = [...(c.def.aliases ?? []), ...aliases].filter((a, i, all) => a !== c.def.name && all.indexOf(a) === i);
    if (extra.length) c.def.aliases = extra;
    else delete c.def.aliases;
    if (affiliations.length) c.def.affiliations = affiliations;
    else delete c.def.affiliations;
  }

  // Types: the registry keeps the first definition of an id; a file whose definition differs keeps its own.
  const registryTypes = new Map<string, EntityTypeDef>((registry?.types ?? []).map((t) => [t.id, t]));
  const newTypes: EntityTypeDef[] = [];
  const keepType = new Map<string, Set<string>>();
  for (const [file, types] of plan.types) {
    for (const t of types) {
      const have = registryTypes.get(t.id);
      if (!have) {
        registryTypes.set(t.id, t);
        newTypes.push(t);
      } else if (!sameType(have, t)) {
        notes.push(`${file}: type "${t.id}" differs from the registry's; the file keeps its own (reported as shadowing)`);
        let s = keepType.get(file);
        if (!s) keepType.set(file, (s = new Set()));
        s.add(t.id);
      }
    }
  }

  const registryText = registryTextAfter(plan, created, newTypes);
  const parsedRegistry = parseRegistry(registryText);
  if (!parsedRegistry.registry || parsedRegistry.problems.some((p) => p.severity === 'error'))
    throw new EditError(
      `the registry would have errors (${parsedRegistry.problems.find((p) => p.severity === 'error')?.message ?? 'unusable'}); nothing was changed`,
    );
  const after = parsedRegistry.registry;
  const files: FileChange[] = [];
  for (const f of plan.input.files) {
    if (!plan.types.has(f.file)) continue;
    const text = fileTextAfter(f.text, renames.get(f.file) ?? new Map(), keepType.get(f.file) ?? new Set(), relativeRegistryPath(f.dir, plan.registryPath));
    const before = parseAnnotationFile(f.text, plan.named.has(f.file) ? (registry?.ids ?? {}) : undefined).problems;
    refuseNewErrors(f.file, before, parseAnnotationFile(text, after.ids).problems);
    if (text !== f.text) files.push({ file: f.file, before: f.text, text, replacement: minimalReplacement(f.text, text) });
  }
  return {
    registry: { path: plan.registryPath, before: plan.input.registryText, text: registryText },
    files,
    entities: created.map((c) => ({ id: c.def.id, name: c.def.name, from: c.members.map((m) => `${m.file}#${m.entity.id}`) })),
    notes,
  };
}

/** The id most members already use, so references in most files stay as they are; on a tie the name's slug. */
function preferredId(ids: string[], name: string): string {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const best = Math.max(...counts.values());
  const tied = [...counts].filter(([, n]) => n === best).map(([id]) => id);
  return tied.find((id) => id === slug(name)) ?? tied[0] ?? (slug(name) || 'entity');
}

function sameType(a: EntityTypeDef, b: EntityTypeDef): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

function registryTextAfter(plan: MigrationPlan, created: { def: EntityDef; existing: boolean }[], newTypes: EntityTypeDef[]): string {
  const before = plan.input.registryText;
  if (before === undefined) return JSON.stringify({ marginalia: 1, types: newTypes, entities: created.map((c) => c.def) }, null, 2) + '\n';
  const format = detectFormat(before);
  let text = before;
  const set = (path: JSONPath, value: unknown, insert = false): void => {
    text = applyEdits(text, modify(text, path, value, { formattingOptions: format, isArrayInsertion: insert }));
  };
  const ids = (kind: string): string[] => (findNodeAtLocation(tree(text), [kind])?.children ?? []).map((n) => String(findNodeAtLocation(n, ['id'])?.value));
  for (const t of newTypes) set(['types', ids('types').length], t, true);
  for (const c of created) {
    const at = ids('entities').indexOf(c.def.id);
    if (at === -1) set(['entities', ids('entities').length], c.def, true);
    else
      for (const field of ['aliases', 'affiliations', 'role', 'description', 'sameAs'] as const)
        if (c.def[field] !== undefined && JSON.stringify(c.def[field]) !== JSON.stringify(findNodeValue(text, ['entities', at, field])))
          set(['entities', at, field], c.def[field]);
  }
  return text;
}

function tree(text: string): JsonNode {
  const root = parseTree(text);
  if (!root) throw new EditError('the registry is not valid JSON');
  return root;
}

function findNodeValue(text: string, path: JSONPath): unknown {
  const n = findNodeAtLocation(tree(text), path);
  return n ? JSON.parse(text.slice(n.offset, n.offset + n.length)) : undefined;
}

function fileTextAfter(text: string, renames: Map<string, string>, keepTypes: Set<string>, registryPath: string): string {
  const format = detectFormat(text);
  let next = text;
  const set = (path: JSONPath, value: unknown): void => {
    next = applyEdits(next, modify(next, path, value, { formattingOptions: format }));
  };
  // References first, on paths of the untouched text, then removals from the highest index down.
  for (const [from, to] of renames)
    if (from !== to) for (const r of referencesTo(text, from)) if (r.what !== 'contradicts' && r.what !== 'supports') set(r.path, to);
  const root = tree(next);
  const removals: JSONPath[] = [];
  (findNodeAtLocation(root, ['entities'])?.children ?? []).forEach((n, i) => {
    const id = findNodeAtLocation(n, ['id'])?.value;
    if (typeof id === 'string' && renames.has(id)) removals.push(['entities', i]);
  });
  (findNodeAtLocation(root, ['types'])?.children ?? []).forEach((n, i) => {
    const id = findNodeAtLocation(n, ['id'])?.value;
    if (typeof id === 'string' && !keepTypes.has(id)) removals.push(['types', i]);
  });
  for (const p of removals.sort((a, b) => (a[0] === b[0] ? (b[1] as number) - (a[1] as number) : String(a[0]).localeCompare(String(b[0]))))) set(p, undefined);
  if (findNodeAtLocation(tree(next), ['registry'])?.value !== registryPath) {
    // Beside `article`, where a reader of the file looks for what it depends on.
    const keys = (tree(next).children ?? []).map((p) => p.children?.[0]?.value);
    const after = keys.indexOf('article');
    next = applyEdits(
      next,
      modify(next, ['registry'], registryPath, {
        formattingOptions: format,
        getInsertionIndex: (props) => (after === -1 ? props.length : Math.min(after + 1, props.length)),
      }),
    );
  }
  return next;
}

function refuseNewErrors(file: string, before: Problem[], after: Problem[]): void {
  const counts = new Map<string, number>();
  for (const p of before) if (p.severity === 'error') counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  for (const p of after) {
    if (p.severity !== 'error') continue;
    const left = (counts.get(p.code) ?? 0) - 1;
    counts.set(p.code, left);
    if (left < 0) throw new EditError(`${file} would have a new error (${p.line}:${p.column}: ${p.message}); nothing was changed`);
  }
}
