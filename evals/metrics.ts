// Aggregates case records into the eval summary: category, orderRef, changes (overall, per kind, per field),
// confidence ranking, dispute risk, latency, tokens and cost. Pooled over all trials; the spread is in `trials`.
import { brier, ece, rocAuc, averagePrecision, reliabilityBins, type ReliabilityBin, type Scored } from '../src/ml/metrics.ts';
import { categories, changeKinds } from '../src/triage/taxonomy.ts';
import { getPath, headlineMetrics } from './metric-path.ts';
import type { CaseRecord } from './schema.ts';
import { percentile, ratio, spread, type Spread } from './stats.ts';

export interface RunInfo { provider: string; providerVersion: string; promptVersion: string | null; model: string | null; fixtures: string }

export const NO_PREDICTION = '(none)';

export interface FieldScore { correct: number; total: number; accuracy: number | null }
export interface ConfidenceScore { n: number; auroc: number | null; ece: number | null; reliability: ReliabilityBin[] }
export interface ChangeScore {
  expected: number; predicted: number; matched: number;
  precision: number | null; recall: number | null; f1: number | null; valueAccuracy: number | null;
}

export function aggregate(records: readonly CaseRecord[], info: RunInfo) {
  const trialCount = Math.max(1, ...records.map((r) => r.trial));
  const summary = {
    cases: new Set(records.map((r) => r.id)).size,
    runs: records.length,
    provider: info.provider, providerVersion: info.providerVersion, promptVersion: info.promptVersion, model: info.model,
    fixtures: info.fixtures,
    ...scores(records),
    ...(trialCount > 1 ? { trials: trialSpread(records, trialCount) } : {}),
  };
  return summary;
}
export type Summary = ReturnType<typeof aggregate>;

function scores(records: readonly CaseRecord[]) {
  const failed = records.filter((r) => !r.pass).length;
  const risk = riskScores(records);
  return {
    outcomes: {
      passed: records.length - failed, failed,
      quarantined: records.filter((r) => r.status === 'quarantined').length,
      errors: records.filter((r) => r.status === 'error').length,
      passRate: ratio(records.length - failed, records.length),
    },
    category: categoryScores(records),
    orderRef: { accuracy: field(records.map((r) => r.verdicts.orderRef)).accuracy },
    changes: { ...changeScores(records), byKind: byKind(records) },
    fields: {
      category: field(records.map((r) => r.verdicts.category)),
      orderRef: field(records.map((r) => r.verdicts.orderRef)),
      from: field(matchedRows(records).map((c) => c.from === true)),
      to: field(matchedRows(records).map((c) => c.to === true)),
    },
    confidence: confidenceScores(records),
    ...(risk ? { risk } : {}),
    latencyMs: { p50: percentile(records.map((r) => r.latencyMs), 0.5), p95: percentile(records.map((r) => r.latencyMs), 0.95), max: records.length ? Math.max(...records.map((r) => r.latencyMs)) : null },
    ...usageScores(records),
  };
}

const field = (verdicts: boolean[]): FieldScore => {
  const correct = verdicts.filter(Boolean).length;
  return { correct, total: verdicts.length, accuracy: ratio(correct, verdicts.length) };
};

const matchedRows = (records: readonly CaseRecord[]) => records.flatMap((r) => r.verdicts.changes.filter((c) => c.expected != null && c.predicted != null));

export function categoryScores(records: readonly CaseRecord[]) {
  const pairs = records.map((r) => [r.expected.category, r.predicted?.category ?? NO_PREDICTION] as const);
  const present = new Set<string>(pairs.flatMap(([e, p]) => [e, p]));
  const labels = [...categories.filter((c) => present.has(c)), ...(present.has(NO_PREDICTION) ? [NO_PREDICTION] : [])];
  const matrix = labels.map((e) => labels.map((p) => pairs.filter(([x, y]) => x === e && y === p).length));
  const byCategory: Record<string, { support: number; precision: number | null; recall: number | null; f1: number }> = {};
  for (const c of labels.filter((l) => l !== NO_PREDICTION)) {
    const tp = pairs.filter(([e, p]) => e === c && p === c).length;
    const fp = pairs.filter(([e, p]) => e !== c && p === c).length;
    const fn = pairs.filter(([e, p]) => e === c && p !== c).length;
    byCategory[c] = { support: tp + fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: 2 * tp / (2 * tp + fp + fn) };
  }
  const f1s = Object.values(byCategory).map((s) => s.f1);
  return {
    accuracy: ratio(pairs.filter(([e, p]) => e === p).length, pairs.length),
    macroF1: ratio(f1s.reduce((s, v) => s + v, 0), f1s.length),
    byCategory,
    confusion: { labels, matrix },
  };
}

/** Micro-averaged over all cases: a case with nothing expected and nothing predicted adds nothing. */
export function changeScores(records: readonly CaseRecord[], kind?: string): ChangeScore & { from: number | null; to: number | null } {
  const rows = records.flatMap((r) => r.verdicts.changes).filter((c) => kind == null || c.kind === kind);
  const matched = rows.filter((c) => c.expected != null && c.predicted != null);
  const fp = rows.filter((c) => c.status === 'spurious').length;
  const fn = rows.filter((c) => c.status === 'missed').length;
  const tp = matched.length;
  return {
    expected: tp + fn, predicted: tp + fp, matched: tp,
    precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn),
    valueAccuracy: ratio(matched.filter((c) => c.status === 'correct').length, tp),
    from: ratio(matched.filter((c) => c.from).length, tp), to: ratio(matched.filter((c) => c.to).length, tp),
  };
}

function byKind(records: readonly CaseRecord[]) {
  const present = new Set(records.flatMap((r) => r.verdicts.changes.map((c) => c.kind)));
  return Object.fromEntries(changeKinds.filter((k) => present.has(k)).map((k) => [k, changeScores(records, k)]));
}

const confidence = (data: Scored[]): ConfidenceScore => ({ n: data.length, auroc: rocAuc(data), ece: ece(data), reliability: reliabilityBins(data) });

/** How well confidence ranks right above wrong (AUROC of confidence vs correctness), and how calibrated it is. */
export function confidenceScores(records: readonly CaseRecord[]) {
  const ok = records.filter((r) => r.status === 'ok');
  const changes = confidence(ok.flatMap((r) => r.verdicts.changes.filter((c) => c.predicted != null && c.confidence != null).map((c) => ({ p: c.confidence!, y: c.status === 'correct' }))));
  const category = confidence(ok.filter((r) => r.confidence.category != null).map((r) => ({ p: r.confidence.category!, y: r.verdicts.category })));
  const orderRef = confidence(ok.filter((r) => r.confidence.orderRef != null).map((r) => ({ p: r.confidence.orderRef!, y: r.verdicts.orderRef })));
  return { auroc: changes.auroc, ece: changes.ece, n: changes.n, byField: { changes, category, orderRef } };
}

/** Only when some cases carry a `disputed` label. */
function riskScores(records: readonly CaseRecord[]) {
  const data = records.flatMap((r) => (r.risk && r.risk.disputed != null ? [{ p: r.risk.probability, y: r.risk.disputed }] : []));
  if (!data.length) return null;
  return {
    n: data.length, positives: data.filter((d) => d.y).length,
    rocAuc: rocAuc(data), prAuc: averagePrecision(data), brier: brier(data), ece: ece(data), reliability: reliabilityBins(data),
  };
}

function usageScores(records: readonly CaseRecord[]) {
  const sum = (f: (r: CaseRecord) => number) => records.reduce((s, r) => s + f(r), 0);
  const prompt = sum((r) => r.usage.promptTokens);
  const completion = sum((r) => r.usage.completionTokens);
  const cost = sum((r) => r.usage.costUsd);
  return {
    tokens: { prompt, completion, total: prompt + completion, perCase: ratio(prompt + completion, records.length) },
    costUsd: { total: cost, perCase: ratio(cost, records.length) },
    llm: { calls: sum((r) => r.usage.llmCalls), cacheHits: sum((r) => r.usage.cacheHits) },
  };
}

/** Each headline metric computed per trial, with its mean and spread. */
function trialSpread(records: readonly CaseRecord[], k: number): { k: number; metrics: Record<string, Spread> } {
  const perTrial = Array.from({ length: k }, (_, t) => scores(records.filter((r) => r.trial === t + 1)));
  const metrics: Record<string, Spread> = {};
  for (const path of headlineMetrics) {
    const values = perTrial.map((s) => getPath(s, path));
    if (values.some((v) => typeof v === 'number')) metrics[path] = spread(values.map((v) => (typeof v === 'number' ? v : null)));
  }
  return { k, metrics };
}
