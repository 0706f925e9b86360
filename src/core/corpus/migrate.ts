// "Move Entities to the Registry", the plan: which of the files' own entities are the same thing (same type, and
// a name or alias in common), to be reviewed before anything changes. Same-name matches are proposed for merging;
// a match through an alias alone ("Lee" for two different Lees) is listed but left out unless the reviewer takes
// it in. Unnamed sources ("analysts say") stay in their article: one article's analysts are not another's.
// Applying the reviewed plan is src/core/corpus/migrateApply.ts.

import type { EntityDef, EntityTypeDef } from '../model';
import { parseAnnotationFile } from '../parse';
import { parseRegistry, REGISTRY_SEGMENTS, type Registry } from '../registry';
import { UNNAMED_TYPE } from '../claimTree';
import { resolveArticlePath } from '../load';
import { readRegistryField } from '../registry';
import { nameKey } from './summary';

export interface MigrationFile {
  /** The caller's key for the file (workspace-relative path, URI). */
  file: string;
  /** The file's folder as segments below the project root. */
  dir: string[];
  text: string;
}

export interface MigrationInput {
  files: MigrationFile[];
  /** The registry's text when one exists at `registryPath`. */
  registryText?: string;
  /** Below the project root; default `.marginalia/entities.json`. */
  registryPath?: string[];
}

export interface MergeMember {
  /** `file#id`: how decisions name a member. */
  key: string;
  file: string;
  id: string;
  entity: EntityDef;
  /** "same name", "alias "Lee"", "same id". */
  reason: string;
  /** Proposed for merging without the reviewer's say (same name as the group). */
  proposed: boolean;
}

export interface CandidateGroup {
  /** Stable: the type and loose name of the group's first member. */
  id: string;
  type: string;
  name: string;
  /** The registry entity the members would join, when the registry has a match. */
  existing?: EntityDef;
  members: MergeMember[];
  /** Fields the members disagree on ("role: senior fellow | visiting scholar"): for the review. */
  differences: string[];
}

export interface MigrationPlan {
  input: MigrationInput;
  registryPath: string[];
  registry?: Registry;
  groups: CandidateGroup[];
  /** Entities that stay in their file, and why. */
  kept: { file: string; id: string; reason: string }[];
  /** Files left as they are, and why (broken, or naming another registry). */
  skipped: { file: string; reason: string }[];
  /** Types each file defines, by file. */
  types: Map<string, EntityTypeDef[]>;
  /** Per file: the registry it named before (when the same one). */
  named: Set<string>;
}

/** Member keys the reviewer took out of (or into) a group's merge; members not listed follow `proposed`. */
export interface MigrationDecisions {
  include?: ReadonlySet<string>;
  exclude?: ReadonlySet<string>;
}

export function memberKey(file: string, id: string): string {
  return `${file}#${id}`;
}

export function planMigration(input: MigrationInput): MigrationPlan {
  const registryPath = input.registryPath ?? [...REGISTRY_SEGMENTS];
  const plan: MigrationPlan = { input, registryPath, groups: [], kept: [], skipped: [], types: new Map(), named: new Set() };
  if (input.registryText !== undefined) {
    const r = parseRegistry(input.registryText);
    if (!r.registry) throw new Error('the registry has errors that make it unusable; fix it first (see its problems)');
    plan.registry = r.registry;
  }
  const candidates: MergeMember[] = [];
  for (const f of input.files) {
    const field = readRegistryField(f.text);
    if (field !== undefined) {
      const where = typeof field === 'string' ? resolveArticlePath(field, f.dir) : undefined;
      if (!where?.ok || where.segments.join('/') !== registryPath.join('/')) {
        plan.skipped.push({ file: f.file, reason: 'it names another registry' });
        continue;
      }
      plan.named.add(f.file);
    }
    const parsed = parseAnnotationFile(f.text, plan.named.has(f.file) ? (plan.registry?.ids ?? {}) : undefined);
    if (!parsed.file || parsed.problems.some((p) => p.code === 'syntax-error')) {
      plan.skipped.push({ file: f.file, reason: 'it is not valid JSON' });
      continue;
    }
    plan.types.set(f.file, parsed.file.types);
    const unnamed = new Set([UNNAMED_TYPE, ...parsed.file.types.filter((t) => t.parent === UNNAMED_TYPE).map((t) => t.id)]);
    for (const e of parsed.file.entities) {
      if (unnamed.has(e.type)) plan.kept.push({ file: f.file, id: e.id, reason: 'an unnamed source stays with its article' });
      else candidates.push({ key: memberKey(f.file, e.id), file: f.file, id: e.id, entity: e, reason: '', proposed: false });
    }
  }
  plan.groups = group(candidates, plan.registry);
  return plan;
}

function keysOf(e: EntityDef): string[] {
  return [e.name, ...(e.aliases ?? [])].map((n) => `${e.type}\u0000${nameKey(n)}`).filter((k) => !k.endsWith('\u0000'));
}

function group(candidates: MergeMember[], registry: Registry | undefined): CandidateGroup[] {
  // Union-find over the members through the loose names they share.
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const byKey = new Map<string, number>();
  candidates.forEach((c, i) => {
    for (const k of keysOf(c.entity)) {
      const j = byKey.get(k);
      if (j === undefined) byKey.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const sets = new Map<number, MergeMember[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    const list = sets.get(root);
    if (list) list.push(c);
    else sets.set(root, [c]);
  });
  const registryKeys = new Map<string, EntityDef>();
  for (const e of registry?.entities ?? []) for (const k of keysOf(e)) if (!registryKeys.has(k)) registryKeys.set(k, e);
  const out: CandidateGroup[] = [];
  for (const members of sets.values()) {
    const first = members[0] as MergeMember;
    const nameKeys = members.map((m) => `${m.entity.type}\u0000${nameKey(m.entity.name)}`);
    const existing =
      nameKeys.map((k) => registryKeys.get(k)).find((e) => e) ??
      members
        .flatMap((m) => keysOf(m.entity))
        .map((k) => registryKeys.get(k))
        .find((e) => e);
    const name = existing?.name ?? mostCommon(members.map((m) => m.entity.name));
    const groupKey = nameKey(name);
    for (const m of members) {
      if (nameKey(m.entity.name) === groupKey) {
        m.reason = existing && existing.id === m.id ? 'same id and name' : 'same name';
        m.proposed = true;
      } else {
        const theirs = new Set(
          [name, ...(existing?.aliases ?? []), ...members.filter((o) => nameKey(o.entity.name) === groupKey).flatMap((o) => o.entity.aliases ?? [])].map(
            nameKey,
          ),
        );
        const shared = [m.entity.name, ...(m.entity.aliases ?? [])].find((n) => theirs.has(nameKey(n)));
        m.reason = shared !== undefined ? `shares the name or alias ${JSON.stringify(shared)}` : 'through another member';
        // An alias that is the other's full name ("Daily Ledger" for "The Daily Ledger") is as good as a name.
        m.proposed = shared !== undefined && nameKey(shared) === groupKey;
      }
    }
    out.push({
      id: `${first.entity.type}:${nameKey(first.entity.name)}`,
      type: first.entity.type,
      name,
      ...(existing ? { existing } : {}),
      members,
      differences: differences(members, existing),
    });
  }
  return out;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] as string;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function differences(members: MergeMember[], existing: EntityDef | undefined): string[] {
  const out: string[] = [];
  for (const field of ['name', 'role', 'description'] as const) {
    const values = [...new Set([existing?.[field], ...members.map((m) => m.entity[field])].filter((v): v is string => typeof v === 'string' && v !== ''))];
    if (values.length > 1) out.push(`${field}: ${values.join(' | ')}`);
  }
  return out;
}

/** Whether a member joins its group's merge under `decisions`. */
export function isMerged(m: MergeMember, decisions: MigrationDecisions = {}): boolean {
  if (decisions.exclude?.has(m.key)) return false;
  if (decisions.include?.has(m.key)) return true;
  return m.proposed;
}

/** Groups a reviewer should look at: more than one member, or joining an entity the registry already has. */
export function needsReview(g: CandidateGroup): boolean {
  return g.members.length > 1 || g.existing !== undefined;
}
