// Small descriptive statistics for the eval summary: ratios that may be undefined, percentiles, mean and spread.

/** a / b, or null when b is 0 (not measurable: nothing to count). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** The q-quantile (0..1) by linear interpolation between closest ranks (numpy's default); null when empty. */
export function percentile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/** Sample standard deviation (n − 1); 0 for a single value, null when empty. */
export function sampleStd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m == null) return null;
  if (values.length === 1) return 0;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

export interface Spread { mean: number | null; std: number | null; min: number | null; max: number | null; values: Array<number | null> }

/** Mean and spread across trials; a trial where the metric was not measurable (null) is left out of the numbers. */
export function spread(values: ReadonlyArray<number | null>): Spread {
  const xs = values.filter((v): v is number => v != null);
  return { mean: mean(xs), std: sampleStd(xs), min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null, values: [...values] };
}
