// Trains a dispute-risk model from invoice history: time split, leak-free features, L2 logistic regression,
// Platt calibration on forward-chained predictions inside the training period, and an evaluation on the held-out
// latest 30% beside the baseline.
import type { Scored } from '../ml/metrics.ts';
import { AppError } from '../shared/errors.ts';
import { calibrate, fitPlatt } from './calibration.ts';
import { DEFAULT_CHANGE_OFFSETS } from './change-features.ts';
import { baselineProbability, evaluate, reliabilityBins } from './evaluate.ts';
import type { FeatureContext, HistoryFeature } from './features.ts';
import { withHistory, type HistoryStats } from './history-stats.ts';
import { dot, fitLogistic, standardise, standardiser, type LogisticFit, type Standardiser } from './logistic.ts';
import { withVersion } from './model-file.ts';
import { featureDefinitions } from './predict.ts';
import type { HistoryInvoice, HistoryMapping, RiskModel } from './schema.ts';
import { chronologicalBlocks, splitByDate } from './time-split.ts';

export interface TrainOptions {
  name: string;
  extras?: HistoryMapping['extras'];
  /** The held-out evaluation share (latest by date). */
  testShare?: number;
  /** Blocks of the training period for forward-chained calibration (block i predicted from blocks before it). */
  calibrationBlocks?: number;
  l2?: number;
  smoothing?: number;
  now?: Date;
}

type Row = { invoice: HistoryInvoice; stats: HistoryStats; date: string };

interface Learner extends LogisticFit { scalers: Standardiser[]; logOdds(rows: Row[]): number[] }

export function trainRiskModel(invoices: readonly HistoryInvoice[], opts: TrainOptions): RiskModel {
  const { testShare = 0.3, calibrationBlocks = 5, l2 = 1, smoothing = 2 } = opts;
  const rows = withHistory(invoices).map((r) => ({ ...r, date: r.invoice.date }));
  const { before: train, after: test } = splitByDate(rows, testShare);
  requireBothClasses('training', train);
  requireBothClasses('test', test);
  const priorRate = rate(train);
  const extras = (opts.extras ?? []).map((x) => ({ name: x.name, type: x.type, levels: x.type === 'categorical' ? levelsOf(train, x.name) : [] }));
  const defs = featureDefinitions(extras);
  const fit = (list: Row[]) => fitLearner(list, defs, { priorRate, smoothing }, l2);

  // Calibration data: each later block of the training period scored by a learner fitted on the blocks before it,
  // so every calibration prediction is out of time, as predictions on new invoices will be.
  const blocks = chronologicalBlocks(train, calibrationBlocks);
  const held: { z: number; y: boolean }[] = [];
  for (let i = 1; i < blocks.length; i++) {
    const past = blocks.slice(0, i).flat();
    if (past.some(label) && !past.every(label)) fit(past).logOdds(blocks[i]!).forEach((z, j) => held.push({ z, y: label(blocks[i]![j]!) }));
  }
  if (!held.some((h) => h.y) || held.every((h) => h.y)) throw new AppError('unprocessable', 'too little training history to calibrate the model');
  const platt = fitPlatt(held.map((h) => h.z), held.map((h) => h.y));
  const learner = fit(train);

  const testLogOdds = learner.logOdds(test);
  const scored: Scored[] = test.map((r, i) => ({ p: calibrate(testLogOdds[i]!, platt), y: label(r) }));
  const uncalibrated: Scored[] = test.map((r, i) => ({ p: calibrate(testLogOdds[i]!, { method: 'platt', a: 1, b: 0 }), y: label(r) }));
  const baseline = evaluate(test.map((r) => ({ p: baselineProbability(r.stats, priorRate), y: label(r) })));
  const model = evaluate(scored);
  const calibrationRows = blocks.slice(1).flat();

  return withVersion({
    kind: 'changedesk-dispute-risk', schemaVersion: 1, trainedAt: (opts.now ?? new Date()).toISOString(),
    data: {
      name: opts.name, invoices: invoices.length, customers: new Set(invoices.map((i) => i.customerId)).size,
      train: period(train), calibration: { ...period(calibrationRows), method: 'forward-chaining', blocks: blocks.length }, test: period(test),
    },
    priorRate, smoothing,
    learner: { method: 'logistic-regression-l2-newton', l2, intercept: learner.intercept, iterations: learner.iterations },
    features: defs.map((f, j) => ({ name: f.name, mean: learner.scalers[j]!.mean, sd: learner.scalers[j]!.sd, weight: learner.weights[j]! })),
    extras, calibration: platt, changeOffsets: DEFAULT_CHANGE_OFFSETS,
    metrics: {
      rocAuc: model.rocAuc, prAuc: model.prAuc, brier: model.brier, ece: model.ece,
      baselineRocAuc: baseline.rocAuc, baselinePrAuc: baseline.prAuc, baselineBrier: baseline.brier, baselineEce: baseline.ece,
      uncalibratedEce: evaluate(uncalibrated).ece,
    },
    reliability: reliabilityBins(scored),
  });
}

/** Standardises on `rows` only, then fits; the returned scorer applies those same scales to any rows. */
function fitLearner(rows: Row[], defs: HistoryFeature[], prior: Pick<FeatureContext, 'priorRate' | 'smoothing'>, l2: number): Learner {
  const raw = (list: Row[]) => list.map((r) => {
    const ctx: FeatureContext = { stats: r.stats, amount: r.invoice.amount, extras: r.invoice.extras, ...prior };
    return defs.map((f) => f.value(ctx));
  });
  const values = raw(rows);
  const scalers = defs.map((_, j) => standardiser(values.map((v) => v[j]!)));
  const z = (vals: (number | null)[][]) => vals.map((v) => v.map((x, j) => standardise(x, scalers[j]!)));
  const fit = fitLogistic(z(values), rows.map(label), l2);
  return { ...fit, scalers, logOdds: (list) => z(raw(list)).map((v) => fit.intercept + dot(fit.weights, v)) };
}

const label = (r: Row) => r.invoice.disputed;
const rate = (list: Row[]) => list.filter(label).length / list.length;

function requireBothClasses(part: string, list: Row[]) {
  const positives = list.filter(label).length;
  if (!positives || positives === list.length) {
    throw new AppError('unprocessable', `the ${part} period needs both disputed and undisputed invoices (it has ${positives} of ${list.length} disputed)`);
  }
}

function period(list: Row[]) {
  return { from: list[0]!.date, to: list.at(-1)!.date, invoices: list.length, disputed: list.filter(label).length };
}

function levelsOf(list: Row[], name: string): string[] {
  return [...new Set(list.map((r) => r.invoice.extras[name]).filter((v) => v != null).map(String))].sort();
}
