// The row every bench file returns from its default export; scripts/bench.mjs prints them.
export interface BenchRow {
  /** Groups rows in the table, e.g. 'bundle', 'open'. */
  section: string;
  name: string;
  value: number;
  /** e.g. 'ms', 'KiB', 'ops/s'. */
  unit: string;
  /** What the value is compared with, e.g. 'VS Code markdown preview'. */
  peer?: string;
  peerValue?: number;
  /** value / peerValue. */
  ratio?: number;
  note?: string;
}

export type Bench = () => Promise<BenchRow[]>;

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  const lo = sorted[mid - 1] ?? hi;
  return sorted.length % 2 === 0 ? (lo + hi) / 2 : hi;
}
