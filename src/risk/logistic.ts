// L2-regularised logistic regression fitted by Newton's method (IRLS), and the standardisation of its inputs.
//
// Why not a library: the npm option (ml-logistic-regression 2.0) runs a fixed number of plain gradient steps with
// no intercept, no penalty and no convergence test. For a few dozen features Newton's method converges in under
// ten exact steps; the whole solver is the 60 lines below and is tested against hand-computed fits.

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Minimises Σ log-loss + (l2 / 2)·‖w‖² (the intercept is not penalised). Rows are feature vectors of equal length;
 * a small ridge keeps the Hessian invertible when a feature is constant or the classes separate.
 */
export function fitLogistic(rows: readonly number[][], labels: readonly boolean[], l2: number, maxIterations = 100, tolerance = 1e-10): LogisticFit {
  const d = (rows[0]?.length ?? 0) + 1;
  const beta = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((row, r) => {
      const x = [1, ...row];
      const p = sigmoid(dot(beta, x));
      const w = p * (1 - p);
      const e = p - (labels[r] ? 1 : 0);
      for (let i = 0; i < d; i++) {
        grad[i]! += e * x[i]!;
        for (let j = 0; j <= i; j++) hess[i]![j]! += w * x[i]! * x[j]!;
      }
    });
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) hess[j]![i] = hess[i]![j]!;
      const penalty = i === 0 ? 0 : l2;
      grad[i]! += penalty * beta[i]!;
      hess[i]![i]! += penalty + 1e-9;
    }
    const step = choleskySolve(hess, grad);
    for (let i = 0; i < d; i++) beta[i]! -= step[i]!;
    if (Math.max(...step.map(Math.abs)) < tolerance) { iterations++; break; }
  }
  return { intercept: beta[0]!, weights: beta.slice(1), iterations };
}

export const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** Solves A·x = b for a symmetric positive-definite A (the penalised Hessian). */
export function choleskySolve(a: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('the matrix is not positive definite');
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) y[i] = (b[i]! - dot(l[i]!.slice(0, i), y.slice(0, i))) / l[i]![i]!;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

export interface Standardiser { mean: number; sd: number }

/** Mean and (population) standard deviation of the known values; a constant or empty column gets sd 1. */
export function standardiser(values: readonly (number | null)[]): Standardiser {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return { mean: 0, sd: 1 };
  const mean = known.reduce((s, v) => s + v, 0) / known.length;
  const sd = Math.sqrt(known.reduce((s, v) => s + (v - mean) ** 2, 0) / known.length);
  return { mean, sd: sd > 1e-12 ? sd : 1 };
}

/** The standardised value; an unknown value is the mean (0), so it adds nothing to the log-odds. */
export const standardise = (v: number | null, s: Standardiser): number => (v === null ? 0 : (v - s.mean) / s.sd);
