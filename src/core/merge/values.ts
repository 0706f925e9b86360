// Three-way merge of plain JSON values, field by field. `undefined` stands for "absent" (a field one side
// never had or deleted); JSON itself has no undefined, so the two never mix.

export type Path = (string | number)[];
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Deep equality of JSON values; the order of an object's keys does not count, an array's order does. */
export function equal(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((v, i) => equal(v, y[i]));
  if (isObject(x) && isObject(y)) {
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    return kx.every((k) => Object.hasOwn(y, k) && equal(x[k], y[k]));
  }
  return false;
}

/** A string that is equal for equal values (keys sorted), to index values by content. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

export interface ValueConflict {
  /** Where, from the merged value's root. */
  path: Path;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

/**
 * The merged value, ours where the two truly conflict (each conflict is pushed to `out`). Objects merge
 * key by key; arrays of plain values (aliases, affiliations, contradicts) merge as sets: what either side
 * added is there, what either side removed is gone; any other array (selectors, an attribution chain) is one
 * value, so two different re-anchorings or two different speakers are a conflict, not a blend.
 */
export function merge3(base: unknown, ours: unknown, theirs: unknown, path: Path, out: ValueConflict[]): unknown {
  if (equal(ours, theirs)) return ours;
  if (equal(base, ours)) return theirs;
  if (equal(base, theirs)) return ours;
  if (isObject(ours) && isObject(theirs)) {
    const b = isObject(base) ? base : {};
    const merged: JsonObject = {};
    const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !Object.hasOwn(ours, k))];
    for (const k of keys) {
      const v = merge3(b[k], ours[k], theirs[k], [...path, k], out);
      if (v !== undefined) merged[k] = v;
    }
    return merged;
  }
  if (isScalarArray(ours) && isScalarArray(theirs) && (base === undefined || isScalarArray(base))) {
    return mergeSets(base ?? [], ours, theirs);
  }
  out.push({ path, base, ours, theirs });
  return ours;
}

function isScalarArray(v: unknown): v is (string | number | boolean | null)[] {
  return Array.isArray(v) && v.every(isScalar);
}

/** Ours' order, less what theirs removed, plus what theirs added (in theirs' order). */
function mergeSets(base: readonly unknown[], ours: readonly unknown[], theirs: readonly unknown[]): unknown[] {
  const has = (list: readonly unknown[], v: unknown): boolean => list.some((x) => x === v);
  const removedByTheirs = base.filter((v) => !has(theirs, v));
  const kept = ours.filter((v) => !has(removedByTheirs, v));
  const added = theirs.filter((v) => !has(base, v) && !has(kept, v));
  return [...kept, ...added];
}

/**
 * Strict JSON, parsed natively (many times faster than a syntax tree). A `__proto__` key becomes an own
 * property there; the reviver, needed only when the text has one, drops it. Throws on a syntax error.
 */
export function parseJson(text: string): unknown {
  return text.includes('__proto__') ? JSON.parse(text, (key, v: unknown) => (key === '__proto__' ? undefined : v)) : JSON.parse(text);
}
