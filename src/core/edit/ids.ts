// Ids for new items: readable slugs, unique in the file, stable (the same inputs give the same id).

/** A readable slug: lower case, accents dropped, anything else a single `-`; at most `max` characters. */
export function slug(text: string, max = 40): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(s).slice(0, max).join('').replace(/-+$/, '');
}

/** `base` itself if free, else `base-2`, `base-3`, … Stable: the same inputs give the same id. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const b = base || 'item';
  if (!taken.has(b)) return b;
  for (let n = 2; ; n++) if (!taken.has(`${b}-${n}`)) return `${b}-${n}`;
}

/** Next mention id for an entity, following the file's `m-<entity>-<n>` convention. */
export function mentionId(entityId: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`m-${entityId}-${n}`)) return `m-${entityId}-${n}`;
}

export function claimId(speakerId: string | undefined, words: string, taken: ReadonlySet<string>): string {
  const w = slug(words.split(/\s+/).slice(0, 5).join(' '), 30);
  return uniqueId(['c', speakerId, w].filter((x) => x).join('-'), taken);
}
