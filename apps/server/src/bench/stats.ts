/** Small statistics helpers for the benchmark's report. */

/**
 * The p-th percentile (0–100) of `values` by the nearest-rank method: the smallest value such that
 * at least p % of the values are at or below it. NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError('p must be between 0 and 100');
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Several percentiles with one sort. */
export function percentiles(values: readonly number[], ps: readonly number[]): number[] {
  if (values.length === 0) return ps.map(() => Number.NaN);
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!);
}
