// The problems of one parse, capped so a broken file cannot flood the Problems panel, and the small helpers the
// parser and its semantic checks share.

import type { Problem } from './model';

/** Beyond this many problems the rest are summed up in one line, so a hostile file cannot flood output. */
export const MAX_PROBLEMS = 1000;

export const ITEM_ARRAYS = ['types', 'entities', 'mentions', 'claims', 'relations'] as const;
export type ItemArray = (typeof ITEM_ARRAYS)[number];

export class ProblemList {
  private readonly list: Problem[] = [];
  private extra = 0;
  add(p: Problem): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(p);
    else this.extra++;
  }
  done(): Problem[] {
    if (this.extra)
      this.list.push({
        severity: 'error',
        code: 'too-many-problems',
        message: `${this.extra} more problems not listed`,
        path: [],
        line: 1,
        column: 1,
        offset: 0,
        length: 0,
      });
    return this.list;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function singular(name: ItemArray): string {
  return { types: 'type', entities: 'entity', mentions: 'mention', claims: 'claim', relations: 'relation' }[name];
}
