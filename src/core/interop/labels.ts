// Labels between formats: brat-safe names for types and roles, foreign labels matched to a file's types, and
// new types for labels the file does not have (with a colour and a non-colour cue of their own).

import { slug } from '../edit';
import type { EntityTypeDef, TypeCue } from '../model';

/** brat's storage form: letters, digits, `_` and `-` only, starting with a letter (brat's normalize_to_storage_form). */
export function bratLabel(s: string): string {
  const ascii = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_-]/g, '_');
  const label = /^[A-Za-z]/.test(ascii) ? ascii : `T_${ascii}`;
  return label.slice(0, 100);
}

/** Gives each value a distinct brat-safe label, stable in input order (`Person`, `Person_2`, …). */
export function uniqueLabels(values: readonly string[], reserved: readonly string[] = []): Map<string, string> {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  const out = new Map<string, string>();
  for (const v of values) {
    if (out.has(v)) continue;
    const base = bratLabel(v);
    let label = base;
    for (let n = 2; taken.has(label.toLowerCase()); n++) label = `${base}_${n}`;
    taken.add(label.toLowerCase());
    out.set(v, label);
  }
  return out;
}

/** Markup in a label is kept as text (the reader never renders it), but the user should know. */
export function hasMarkup(s: string): boolean {
  return /<[a-zA-Z/!?]|&[a-zA-Z#]\w*;/.test(s);
}

// Okabe–Ito colours (distinguishable with colour-vision deficiencies) and every cue, cycled independently.
const COLORS = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999'];
const CUES: TypeCue[] = ['solid', 'dashed', 'dotted', 'double', 'wavy', 'box', 'bold', 'italic'];

/** A type for a foreign label; `n` is how many new types were made before it. */
export function newType(id: string, label: string, n: number, parent?: string): EntityTypeDef {
  const t: EntityTypeDef = { id, label, color: COLORS[n % COLORS.length] as string, cue: CUES[(n + Math.floor(n / CUES.length)) % CUES.length] as TypeCue };
  if (parent) t.parent = parent;
  return t;
}

/** An id for a foreign label: a slug, or the label's code points when it has no letters (`黄色`). */
export function labelId(label: string): string {
  return slug(label) || 'type';
}

/** Case- and punctuation-insensitive key, so `MediaOutlet`, `media-outlet` and `Media outlet` meet. */
export function labelKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:]+/g, '');
}

/** The file's type a foreign label names: by id, then label, then brat-safe form. */
export function matchType(types: readonly EntityTypeDef[], label: string): EntityTypeDef | undefined {
  const key = labelKey(label);
  return (
    types.find((t) => t.id === label) ??
    types.find((t) => t.label === label) ??
    types.find((t) => labelKey(t.id) === key || labelKey(t.label) === key || labelKey(bratLabel(t.id)) === key)
  );
}
