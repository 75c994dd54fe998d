// The terminal summary printed at the end of a run: headline metrics, baseline deltas, trial spread, gate verdicts.
import type { Comparison } from './compare.ts';
import type { GateResult } from './gate.ts';
import { getPath, headlineMetrics } from './metric-path.ts';
import type { Summary } from './metrics.ts';

export function formatMetric(metric: string, v: number | null | undefined): string {
  if (v == null) return '—';
  if (metric.startsWith('latencyMs.')) return `${v.toFixed(1)} ms`;
  if (metric.startsWith('costUsd.')) return `$${v.toFixed(4)}`;
  if (metric.startsWith('tokens.')) return v.toFixed(0);
  return v.toFixed(3);
}

const signed = (metric: string, d: number) => (d >= 0 ? '+' : '-') + formatMetric(metric, Math.abs(d));

function render(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function summaryTable(summary: Summary, o: { comparison: Comparison | null; gate: GateResult | null }): string {
  const header = ['metric', 'value'];
  if (summary.trials) header.push(`± std (${summary.trials.k} trials)`);
  if (o.comparison) header.push('baseline', 'Δ');
  if (o.gate) header.push('gate');
  const rows = [header];
  for (const metric of headlineMetrics) {
    const value = getPath(summary, metric);
    if (value === undefined) continue;
    const row = [metric, formatMetric(metric, value as number | null)];
    if (summary.trials) row.push(formatMetric(metric, summary.trials.metrics[metric]?.std));
    if (o.comparison) {
      const d = o.comparison.deltas.find((x) => x.metric === metric);
      row.push(formatMetric(metric, d?.baseline), d ? signed(metric, d.delta) : '—');
    }
    if (o.gate) {
      const checks = o.gate.checks.filter((c) => c.metric === metric && c.status !== 'skipped');
      row.push(!checks.length ? '' : checks.every((c) => c.status === 'pass') ? 'ok' : 'FAIL');
    }
    rows.push(row);
  }
  const out = [
    `${summary.provider} ${summary.providerVersion}${summary.model ? ` model ${summary.model}` : ''}${summary.promptVersion ? ` prompt ${summary.promptVersion}` : ''} on ${summary.fixtures}: ` +
      `${summary.cases} cases${summary.runs !== summary.cases ? ` × ${summary.runs / summary.cases} trials` : ''}, ` +
      `${summary.outcomes.passed} passed, ${summary.outcomes.failed} failed (${summary.outcomes.quarantined} quarantined, ${summary.outcomes.errors} errors)`,
    '',
    render(rows),
  ];
  if (o.comparison) {
    const c = o.comparison;
    out.push('', `vs ${c.baseline}: ${c.fixed.length} fixed, ${c.broken.length} broken, ${c.added.length} new, ${c.removed.length} removed`);
    for (const f of c.broken) out.push(`  broken  ${f.id} (${f.fields.join(', ') || 'changes'})`);
    for (const f of c.fixed) out.push(`  fixed   ${f.id} (${f.fields.join(', ') || 'changes'})`);
  }
  if (o.gate) {
    const failed = o.gate.checks.filter((c) => c.status === 'fail');
    const skipped = o.gate.checks.filter((c) => c.status === 'skipped').length;
    out.push('', `gate ${o.gate.file}: ${o.gate.passed ? 'PASSED' : 'FAILED'} (${o.gate.checks.length - failed.length - skipped} passed, ${failed.length} failed, ${skipped} skipped)`);
    for (const c of failed) out.push(`  FAIL ${c.message}`);
  }
  return out.join('\n');
}
