// The suggester's categories onto the file's own types: by id, by label, by a few common synonyms, and a
// refinement falls back to what it refines (an analyst is a person when the file has no analyst type).
// A category the file has no type for is reported, and its suggestions are left out.

import type { EntityTypeDef } from '../model';
import type { Category } from './types';

const SYNONYMS: Record<Category, string[]> = {
  person: ['person', 'people', 'per', 'individual', 'human'],
  analyst: ['analyst', 'expert', 'researcher', 'academic', 'scholar'],
  official: ['official', 'politician', 'officeholder', 'government-official', 'leader'],
  institution: ['institution', 'organization', 'organisation', 'org', 'institutions', 'agency', 'company'],
  outlet: ['outlet', 'media', 'media-outlet', 'news-outlet', 'newspaper', 'publication', 'press'],
  place: ['place', 'location', 'loc', 'gpe', 'country', 'geo', 'places'],
  event: ['event', 'events'],
  treaty: ['treaty', 'pact', 'agreement', 'law', 'treaties'],
  weapon: ['weapon', 'weapons', 'weapon-system', 'military-equipment'],
  'unnamed-source': ['unnamed-source', 'unnamed', 'anonymous', 'anonymous-source', 'source'],
};

const FALLBACK: Partial<Record<Category, Category>> = {
  analyst: 'person',
  official: 'person',
  outlet: 'institution',
  'unnamed-source': 'person',
};

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '');

export class TypeMap {
  private readonly direct = new Map<Category, string>();

  constructor(types: readonly EntityTypeDef[]) {
    for (const category of Object.keys(SYNONYMS) as Category[]) {
      const names = SYNONYMS[category];
      const hit = types.find((t) => names.includes(norm(t.id))) ?? types.find((t) => names.includes(norm(t.label)));
      if (hit) this.direct.set(category, hit.id);
    }
  }

  /** The file's type id for a category, or undefined when the file has none for it (nor for what it refines). */
  typeOf(category: Category): string | undefined {
    for (let c: Category | undefined = category; c; c = FALLBACK[c]) {
      const t = this.direct.get(c);
      if (t) return t;
    }
    return undefined;
  }

  /** The category of one of the file's types (for registry entities), by the same synonyms. */
  categoryOf(typeId: string, types: readonly EntityTypeDef[]): Category | undefined {
    for (let t: EntityTypeDef | undefined = types.find((x) => x.id === typeId); t; t = types.find((x) => x.id === t?.parent)) {
      for (const [c, id] of this.direct) if (id === t.id) return c;
      for (const [c, names] of Object.entries(SYNONYMS) as [Category, string[]][]) if (names.includes(norm(t.id)) || names.includes(norm(t.label))) return c;
      if (t.parent === undefined) break;
    }
    return undefined;
  }
}
