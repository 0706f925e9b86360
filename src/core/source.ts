// Where an item came from in the file text. Kept apart from parse.ts so that code using the resolved
// model (the reader, cards) never bundles the JSON Schema validator.

const sourceIndexes = new WeakMap<object, number>();

/**
 * The index an item had in its array in the file text. Items dropped as invalid shift later ones in
 * `file`, but edits and problem locations need the index in the text.
 */
export function sourceIndex(item: object, fallback: number): number {
  return sourceIndexes.get(item) ?? fallback;
}

export function setSourceIndex(item: object, index: number): void {
  sourceIndexes.set(item, index);
}
