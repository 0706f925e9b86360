// The numbers of an agreement report, from counts. Annotator A is the reference and B the response, as in
// bratiaa: precision = matched / |B|, recall = matched / |A|, and F1 = 2·matched / (|A| + |B|), which is
// the harmonic mean of the two and, as Hripcsak & Rothschild (2005) show, the positive specific agreement
// between the annotators: symmetric, and meaningful where true negatives are not defined (spans).

export interface Prf {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Pairs counted as agreeing. */
  matched: number;
  /** Items in A (the reference) and in B. */
  a: number;
  b: number;
}

/** `null` where a ratio has nothing to count (0/0), never a made-up 0 or 1. */
export function prf(matched: number, a: number, b: number): Prf {
  return {
    precision: b === 0 ? null : matched / b,
    recall: a === 0 ? null : matched / a,
    f1: a + b === 0 ? null : (2 * matched) / (a + b),
    matched,
    a,
    b,
  };
}

/** Sums per-label counts into one micro-averaged figure. */
export function microPrf(parts: readonly Prf[]): Prf {
  let matched = 0;
  let a = 0;
  let b = 0;
  for (const p of parts) {
    matched += p.matched;
    a += p.a;
    b += p.b;
  }
  return prf(matched, a, b);
}

/**
 * Cohen's kappa (Cohen 1960) over paired labels: (p_o − p_e) / (1 − p_e), with p_o the share of pairs
 * with equal labels and p_e the agreement expected by chance from each annotator's own label
 * distribution, Σ_k p_A(k)·p_B(k). Computed on counts times n² so it is exact for integers:
 * (n·agree − Σ_k nA_k·nB_k) / (n² − Σ_k nA_k·nB_k). Undefined (null) without pairs, or when chance
 * agreement is already 1 (both annotators used one and the same label throughout).
 */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  let chance = 0;
  for (const [k, na] of countA) chance += na * (countB.get(k) ?? 0);
  const denominator = n * n - chance;
  return denominator === 0 ? null : (n * agree - chance) / denominator;
}
