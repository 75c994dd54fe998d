// Compares a run with a baseline (an earlier summary.json / cases.jsonl): per-metric deltas and the cases that flipped.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../src/shared/errors.ts';
import { flattenMetrics, lowerIsBetter } from './metric-path.ts';
import { caseRecordSchema, type CaseRecord } from './schema.ts';

export interface Baseline { source: string; summary: Record<string, unknown> | null; cases: CaseRecord[] | null }

/** A folder (holding summary.json and cases.jsonl), or either file (its sibling is read when present). */
export async function loadBaseline(p: string): Promise<Baseline> {
  const info = await stat(p).catch(() => null);
  if (!info) throw new AppError('bad_request', `--baseline ${p}: no such file or folder`);
  const dir = info.isDirectory() ? p : path.dirname(p);
  const summaryFile = info.isDirectory() || p.endsWith('.jsonl') ? path.join(dir, 'summary.json') : p;
  const casesFile = info.isDirectory() || !p.endsWith('.jsonl') ? path.join(dir, 'cases.jsonl') : p;
  const summaryText = await readFile(summaryFile, 'utf8').catch(() => null);
  const casesText = await readFile(casesFile, 'utf8').catch(() => null);
  if (summaryText == null && casesText == null) throw new AppError('bad_request', `--baseline ${p}: neither summary.json nor cases.jsonl found`);
  return { source: p, summary: summaryText == null ? null : parseSummary(summaryText, summaryFile), cases: casesText == null ? null : parseCases(casesText, casesFile) };
}

function parseSummary(text: string, file: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {}
  throw new AppError('bad_request', `--baseline: ${file} is not a summary.json object`);
}

export function parseCases(text: string, file: string): CaseRecord[] {
  return text.split('\n').filter((l) => l.trim()).map((line, i) => {
    const parsed = caseRecordSchema.safeParse((() => { try { return JSON.parse(line); } catch { return null; } })());
    if (!parsed.success) throw new AppError('bad_request', `--baseline: ${file} line ${i + 1} is not a case record of this harness`);
    return parsed.data;
  });
}

export interface MetricDelta { metric: string; baseline: number; current: number; delta: number; better: boolean | null }
export interface FlippedCase { id: string; before: boolean; after: boolean; fields: string[] }

export interface Comparison {
  baseline: string;
  deltas: MetricDelta[];
  /** Failing before, passing now / passing before, failing now. A case passes when it passes in every trial. */
  fixed: FlippedCase[];
  broken: FlippedCase[];
  added: string[];
  removed: string[];
}

export function compare(current: { summary: object; cases: readonly CaseRecord[] }, baseline: Baseline): Comparison {
  const now = flattenMetrics(current.summary);
  const before = baseline.summary ? flattenMetrics(baseline.summary) : {};
  const deltas = Object.keys(now).filter((m) => m in before).map((metric) => {
    const delta = now[metric]! - before[metric]!;
    return { metric, baseline: before[metric]!, current: now[metric]!, delta, better: delta === 0 ? null : lowerIsBetter(metric) ? delta < 0 : delta > 0 };
  });
  const a = byCase(baseline.cases ?? []);
  const b = byCase(current.cases);
  const flips = [...b.keys()].filter((id) => a.has(id) && a.get(id)!.pass !== b.get(id)!.pass)
    .map((id) => ({ id, before: a.get(id)!.pass, after: b.get(id)!.pass, fields: changedFields(a.get(id)!, b.get(id)!) }));
  return {
    baseline: baseline.source, deltas,
    fixed: flips.filter((f) => f.after), broken: flips.filter((f) => !f.after),
    added: baseline.cases ? [...b.keys()].filter((id) => !a.has(id)) : [],
    removed: [...a.keys()].filter((id) => !b.has(id)),
  };
}

interface CaseStatus { pass: boolean; fields: Record<string, boolean> }

/** Per case id: passes in every trial; and per field (category, orderRef, changes) right in every trial. */
function byCase(records: readonly CaseRecord[]): Map<string, CaseStatus> {
  const out = new Map<string, CaseStatus>();
  for (const r of records) {
    const prev = out.get(r.id) ?? { pass: true, fields: { category: true, orderRef: true, changes: true } };
    out.set(r.id, {
      pass: prev.pass && r.pass,
      fields: {
        category: prev.fields.category! && r.verdicts.category,
        orderRef: prev.fields.orderRef! && r.verdicts.orderRef,
        changes: prev.fields.changes! && r.verdicts.changes.every((c) => c.status === 'correct'),
      },
    });
  }
  return out;
}

const changedFields = (a: CaseStatus, b: CaseStatus) => Object.keys(b.fields).filter((f) => a.fields[f] !== b.fields[f]);
