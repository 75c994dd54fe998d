// The learned part of a model applied to one invoice: per-feature contributions to the calibrated log-odds.
import { calibratedLogOdds } from './calibration.ts';
import { extraFeatures, historyFeatures, type FeatureContext, type HistoryFeature } from './features.ts';
import { standardise } from './logistic.ts';
import type { RiskModel } from './schema.ts';

export type LearnedPart = Pick<RiskModel, 'learner' | 'features' | 'extras' | 'calibration'>;

export interface Contribution { name: string; value: number | null; weight: number; text: string }

/** The feature definitions of a model, in the order of its weights. */
export function featureDefinitions(extras: RiskModel['extras']): HistoryFeature[] {
  return [...historyFeatures, ...extraFeatures(extras)];
}

/**
 * The calibrated log-odds of the invoice, and how much each feature moved it away from the typical invoice of the
 * training data (a feature at its training mean contributes 0). Calibration is linear in the log-odds (Platt), so
 * the contributions add up: logOdds = base + Σ contribution.
 */
export function learnedLogOdds(model: LearnedPart, ctx: FeatureContext): { logOdds: number; base: number; contributions: Contribution[] } {
  const defs = new Map(featureDefinitions(model.extras).map((f) => [f.name, f]));
  const { a } = model.calibration;
  const contributions = model.features.map((f): Contribution => {
    const def = defs.get(f.name);
    if (!def) throw new Error(`the model has a feature this code does not know: ${f.name}`);
    const value = def.value(ctx);
    return { name: f.name, value, weight: a * f.weight * standardise(value, f), text: def.text(ctx) };
  });
  const base = calibratedLogOdds(model.learner.intercept, model.calibration);
  return { logOdds: base + contributions.reduce((s, c) => s + c.weight, 0), base, contributions };
}
