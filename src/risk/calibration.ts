// Platt scaling: maps the learner's log-odds to calibrated probabilities, fitted on held-out training invoices.
import { fitLogistic, sigmoid } from './logistic.ts';

export interface Platt { method: 'platt'; a: number; b: number }

/**
 * Fits p = σ(a·z + b) on (log-odds z, outcome) pairs by maximum likelihood. The pairs must come from invoices the
 * learner did not see (the latest slice of the training period), never from the evaluation period.
 */
export function fitPlatt(logOdds: readonly number[], labels: readonly boolean[]): Platt {
  const fit = fitLogistic(logOdds.map((z) => [z]), labels, 0);
  return { method: 'platt', a: fit.weights[0]!, b: fit.intercept };
}

export const calibratedLogOdds = (z: number, c: Platt): number => c.a * z + c.b;
export const calibrate = (z: number, c: Platt): number => sigmoid(calibratedLogOdds(z, c));
