import { describe, expect, it } from 'vitest';
import { fitPlatt, calibrate } from './calibration.ts';
import { choleskySolve, fitLogistic, sigmoid, standardise, standardiser } from './logistic.ts';

const ln3 = Math.log(3);

describe('fitLogistic', () => {
  it('with no feature, the intercept is the log-odds of the base rate: 1 of 4 → ln(1/3)', () => {
    const fit = fitLogistic([[], [], [], []], [true, false, false, false], 0);
    expect(fit.intercept).toBeCloseTo(-ln3, 10);
  });

  it('unpenalised, a binary feature gets the log odds ratio: x=0 1 of 4, x=1 3 of 4 → b = −ln 3, w = 2 ln 3', () => {
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [true, false, false, false, true, true, true, false];
    const fit = fitLogistic(rows, y, 0);
    expect(fit.intercept).toBeCloseTo(-ln3, 10);
    expect(fit.weights[0]).toBeCloseTo(2 * ln3, 10);
    expect(fit.iterations).toBeLessThan(15);
  });

  it('with L2 the weight shrinks and the gradient of the penalised loss is zero: Σ(p − y)x + λw = 0', () => {
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [true, false, false, false, true, true, true, false];
    const fit = fitLogistic(rows, y, 2);
    expect(fit.weights[0]!).toBeLessThan(2 * ln3);
    expect(fit.weights[0]!).toBeGreaterThan(0);
    const p = rows.map((r) => sigmoid(fit.intercept + fit.weights[0]! * r[0]!));
    const gIntercept = p.reduce((s, pi, i) => s + pi - (y[i] ? 1 : 0), 0);
    const gWeight = p.reduce((s, pi, i) => s + (pi - (y[i] ? 1 : 0)) * rows[i]![0]!, 0) + 2 * fit.weights[0]!;
    expect(gIntercept).toBeCloseTo(0, 9);
    expect(gWeight).toBeCloseTo(0, 9);
  });
});

describe('choleskySolve', () => {
  it('solves [[4, 2], [2, 3]]·x = [2, 1] → x = [0.5, 0]', () => {
    const x = choleskySolve([[4, 2], [2, 3]], [2, 1]);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });
});

describe('standardiser', () => {
  it('uses the known values: [1, 3, null] → mean 2, sd 1; unknown → 0; a constant column keeps sd 1', () => {
    const s = standardiser([1, 3, null]);
    expect(s).toEqual({ mean: 2, sd: 1 });
    expect(standardise(3, s)).toBe(1);
    expect(standardise(null, s)).toBe(0);
    expect(standardiser([5, 5])).toEqual({ mean: 5, sd: 1 });
  });
});

describe('Platt calibration', () => {
  it('by hand: at z = −1 1 of 4 disputed, at z = 1 3 of 4 → a·(−1) + b = −ln 3 and a + b = ln 3 → a = ln 3, b = 0', () => {
    const z = [-1, -1, -1, -1, 1, 1, 1, 1];
    const y = [true, false, false, false, true, true, true, false];
    const platt = fitPlatt(z, y);
    expect(platt.a).toBeCloseTo(ln3, 10);
    expect(platt.b).toBeCloseTo(0, 10);
    expect(calibrate(1, platt)).toBeCloseTo(0.75, 10);
    expect(calibrate(-1, platt)).toBeCloseTo(0.25, 10);
  });

  it('fixes an over-confident score: z = ±4 observed at 25%/75% maps back to 25%/75%', () => {
    const platt = fitPlatt([-4, -4, -4, -4, 4, 4, 4, 4], [true, false, false, false, true, true, true, false]);
    expect(platt.a).toBeCloseTo(ln3 / 4, 10);
    expect(calibrate(4, platt)).toBeCloseTo(0.75, 10);
  });
});
