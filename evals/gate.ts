// Regression gates: a thresholds file (min / max per metric, and tolerated drop / rise against a baseline) → pass/fail.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../src/shared/errors.ts';
import { getPath } from './metric-path.ts';

const boundsSchema = z.strictObject({
  min: z.number().optional().describe('fail when the metric is below this'),
  max: z.number().optional().describe('fail when the metric is above this'),
  maxDrop: z.number().nonnegative().optional().describe('fail when the metric is lower than the baseline by more than this'),
  maxRise: z.number().nonnegative().optional().describe('fail when the metric is higher than the baseline by more than this'),
});

export const gateFileSchema = z.strictObject({
  comment: z.string().optional(),
  /** Dotted paths into summary.json, e.g. "changes.f1", "changes.byKind.quantity.recall", "latencyMs.p95". */
  metrics: z.record(z.string(), boundsSchema),
});
export type GateFile = z.infer<typeof gateFileSchema>;

export interface GateCheck {
  metric: string;
  rule: 'min' | 'max' | 'maxDrop' | 'maxRise';
  threshold: number;
  actual: number | null;
  baseline: number | null;
  status: 'pass' | 'fail' | 'skipped';
  message: string;
}

export interface GateResult { file: string; passed: boolean; checks: GateCheck[] }

export async function loadGate(file: string): Promise<GateFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new AppError('bad_request', `--gate ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(e as Error).message})`}`);
  }
  const parsed = gateFileSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError('bad_request', `--gate ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fmt = (v: number) => String(Number(v.toFixed(4)));

/** A metric that is missing or not measurable (null) fails its absolute bounds: a gate must not pass by accident. */
export function evaluateGate(gate: GateFile, summary: object, baseline: object | null, file = 'gate'): GateResult {
  const checks: GateCheck[] = [];
  for (const [metric, bounds] of Object.entries(gate.metrics)) {
    const actual = num(getPath(summary, metric));
    const before = baseline ? num(getPath(baseline, metric)) : null;
    const absolute = (rule: 'min' | 'max', threshold: number) => {
      const ok = actual != null && (rule === 'min' ? actual >= threshold : actual <= threshold);
      const message = actual == null
        ? `${metric} is missing or not measurable in this run`
        : `${metric} = ${fmt(actual)} ${ok ? (rule === 'min' ? '≥' : '≤') : rule === 'min' ? '<' : '>'} ${rule} ${fmt(threshold)}`;
      checks.push({ metric, rule, threshold, actual, baseline: before, status: ok ? 'pass' : 'fail', message });
    };
    const relative = (rule: 'maxDrop' | 'maxRise', tolerance: number) => {
      if (!baseline || before == null || actual == null) {
        const why = !baseline ? 'no --baseline given' : before == null ? 'the baseline lacks it' : 'not measurable in this run';
        checks.push({ metric, rule, threshold: tolerance, actual, baseline: before, status: 'skipped', message: `${metric} ${rule} skipped: ${why}` });
        return;
      }
      const change = rule === 'maxDrop' ? before - actual : actual - before;
      const ok = change <= tolerance + 1e-12;
      const word = rule === 'maxDrop' ? 'dropped' : 'rose';
      checks.push({ metric, rule, threshold: tolerance, actual, baseline: before, status: ok ? 'pass' : 'fail', message: `${metric} ${word} by ${fmt(Math.max(0, change))} from ${fmt(before)} to ${fmt(actual)} (tolerated ${fmt(tolerance)})` });
    };
    if (bounds.min != null) absolute('min', bounds.min);
    if (bounds.max != null) absolute('max', bounds.max);
    if (bounds.maxDrop != null) relative('maxDrop', bounds.maxDrop);
    if (bounds.maxRise != null) relative('maxRise', bounds.maxRise);
  }
  return { file, passed: checks.every((c) => c.status !== 'fail'), checks };
}
