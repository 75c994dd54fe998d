// Metrics addressed by dotted path in summary.json ("changes.f1"): lookup, flattening, and which way is better.

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur == null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Parts of a summary that are not metrics of this run: charts, per-trial detail, a comparison, a gate verdict. */
const notMetrics = new Set(['confusion', 'reliability', 'trials', 'comparison', 'gate', 'run']);

/** Every numeric leaf by dotted path (arrays and the non-metric parts skipped). */
export function flattenMetrics(obj: unknown, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  if (obj == null || typeof obj !== 'object' || Array.isArray(obj)) return out;
  for (const [key, value] of Object.entries(obj)) {
    if (notMetrics.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' && Number.isFinite(value)) out[path] = value;
    else flattenMetrics(value, path, out);
  }
  return out;
}

/** The metrics shown in the terminal table, the trial spread and the report's headline. */
export const headlineMetrics = [
  'category.accuracy', 'category.macroF1', 'orderRef.accuracy',
  'changes.precision', 'changes.recall', 'changes.f1', 'changes.valueAccuracy',
  'confidence.auroc', 'risk.rocAuc', 'risk.prAuc', 'risk.brier', 'risk.ece', 'outcomes.passRate',
  'latencyMs.p50', 'latencyMs.p95', 'tokens.perCase', 'costUsd.perCase',
] as const;

/** Errors, calibration gaps, time and money: smaller is better. Everything else: larger is better. */
export function lowerIsBetter(path: string): boolean {
  return /^(latencyMs|tokens|costUsd)\./.test(path) || /\.(brier|ece)$/.test(path) || /^outcomes\.(failed|errors|quarantined)$/.test(path);
}
