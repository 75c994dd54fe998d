// The self-contained HTML report of an eval run: inline CSS and SVG, no scripts, no external loads, all text escaped.
import type { Comparison } from './compare.ts';
import type { GateResult } from './gate.ts';
import { getPath, headlineMetrics } from './metric-path.ts';
import type { Summary } from './metrics.ts';
import { casesSection } from './report-cases.ts';
import type { CaseRecord } from './schema.ts';
import { confusionSvg, esc, reliabilitySvg } from './svg.ts';
import { formatMetric } from './table.ts';

const css = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.good{background:#eaf7ea}.bad{background:#fbe3e3}
.null{color:#999;font-style:italic}.small{color:#666;font-size:12px}.badge{padding:1px 6px;border-radius:8px;font-size:12px}
details{margin:6px 0;border:1px solid #e4e4e4;border-radius:4px;padding:4px 8px}summary{cursor:pointer}
.chart text{font-size:11px;fill:#333}.chart .axis{font-size:12px;fill:#555}.chart .on-dark{fill:#fff}.chart .small{font-size:9px;fill:#666}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}figure{margin:0}figcaption{color:#555;font-size:12px}`;

const n = (v: number | null | undefined, digits = 3) => (v == null ? '—' : v.toFixed(digits));
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<td>${esc(c)}</td>` : `<td class="num">${esc(c)}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;

function headline(s: Summary, comparison: Comparison | null): string {
  const head = ['metric', 'value', ...(s.trials ? ['mean', '± std', 'min', 'max'] : []), ...(comparison ? ['baseline', 'Δ'] : [])];
  const rows = headlineMetrics.filter((m) => getPath(s, m) !== undefined).map((m) => {
    const row = [m, formatMetric(m, getPath(s, m) as number | null)];
    const t = s.trials?.metrics[m];
    if (s.trials) row.push(formatMetric(m, t?.mean), formatMetric(m, t?.std), formatMetric(m, t?.min), formatMetric(m, t?.max));
    const d = comparison?.deltas.find((x) => x.metric === m);
    if (comparison) row.push(formatMetric(m, d?.baseline), d ? `${d.delta >= 0 ? '+' : '-'}${formatMetric(m, Math.abs(d.delta))}` : '—');
    return row;
  });
  return `<section><h2>Headline</h2>${table(head, rows)}</section>`;
}

function gateSection(g: GateResult): string {
  const rows = g.checks.map((c) => `<tr class="${c.status === 'fail' ? 'bad' : c.status === 'pass' ? 'good' : ''}"><td>${esc(c.status)}</td><td>${esc(c.message)}</td></tr>`);
  return `<section><h2>Gate ${esc(g.file)}: ${g.passed ? 'passed' : 'FAILED'}</h2><table><tbody>${rows.join('')}</tbody></table></section>`;
}

function comparisonSection(c: Comparison): string {
  const flips = [...c.broken.map((f) => ['broken', f] as const), ...c.fixed.map((f) => ['fixed', f] as const)]
    .map(([what, f]) => `<tr class="${what === 'broken' ? 'bad' : 'good'}"><td>${what}</td><td>${esc(f.id)}</td><td>${esc(f.fields.join(', '))}</td></tr>`);
  const other = [c.added.length ? `new cases: ${c.added.join(', ')}` : '', c.removed.length ? `removed cases: ${c.removed.join(', ')}` : ''].filter(Boolean);
  return `<section><h2>Compared with ${esc(c.baseline)}</h2><p>${c.broken.length} broken, ${c.fixed.length} fixed.</p>` +
    (flips.length ? `<table><thead><tr><th></th><th>case</th><th>fields that changed</th></tr></thead><tbody>${flips.join('')}</tbody></table>` : '') +
    other.map((o) => `<p class="small">${esc(o)}</p>`).join('') + '</section>';
}

function categorySection(s: Summary): string {
  const rows = Object.entries(s.category.byCategory).map(([c, v]) => [c, String(v.support), n(v.precision), n(v.recall), n(v.f1)]);
  return `<section><h2>Category</h2><p>accuracy ${n(s.category.accuracy)}, macro-F1 ${n(s.category.macroF1)}</p><div class="charts">` +
    `${confusionSvg(s.category.confusion.labels, s.category.confusion.matrix)}${table(['category', 'support', 'precision', 'recall', 'F1'], rows)}</div></section>`;
}

function changesSection(s: Summary): string {
  const c = s.changes;
  const rows = [['all', c], ...Object.entries(c.byKind)].map(([k, v]) => {
    const x = v as typeof c;
    return [k as string, String(x.expected), String(x.predicted), String(x.matched), n(x.precision), n(x.recall), n(x.f1), n(x.valueAccuracy), n(x.from), n(x.to)];
  });
  const f = s.fields;
  const fields = (['category', 'orderRef', 'from', 'to'] as const).map((k) => [k, `${f[k].correct}/${f[k].total}`, n(f[k].accuracy)]);
  return `<section><h2>Changes</h2><p class="small">matched on kind + normalised sku (optimal one-to-one); value accuracy = matched changes whose from and to both agree.</p>` +
    table(['kind', 'expected', 'predicted', 'matched', 'precision', 'recall', 'F1', 'value acc.', 'from acc.', 'to acc.'], rows) +
    `<h3>Per field</h3>${table(['field', 'right', 'accuracy'], fields)}</section>`;
}

function confidenceSection(s: Summary): string {
  const b = s.confidence.byField;
  const rows = (['changes', 'category', 'orderRef'] as const).map((k) => [k, String(b[k].n), n(b[k].auroc), n(b[k].ece)]);
  const risk = s.risk
    ? `<h3>Dispute risk (${s.risk.n} labeled, ${s.risk.positives} disputed)</h3>${table(['ROC-AUC', 'PR-AUC', 'Brier', 'ECE'].map((h) => h), [[n(s.risk.rocAuc), n(s.risk.prAuc), n(s.risk.brier), n(s.risk.ece)]])}`
    : '<p class="small">No case carries a <code>disputed</code> label, so dispute risk is not scored.</p>';
  const charts = [reliabilitySvg(b.changes.reliability, 'change confidence vs correct'), ...(s.risk ? [reliabilitySvg(s.risk.reliability, 'dispute risk vs disputed')] : [])];
  return `<section><h2>Confidence and risk</h2><p class="small">AUROC: how well confidence ranks right answers above wrong ones (0.5 = no better than chance; — = only one outcome seen).</p>` +
    `${table(['confidence of', 'n', 'AUROC', 'ECE'], rows)}${risk}<div class="charts">${charts.join('')}</div></section>`;
}

export function reportHtml(s: Summary, records: readonly CaseRecord[], o: { comparison: Comparison | null; gate: GateResult | null }): string {
  const who = [s.provider, s.providerVersion, s.model ? `model ${s.model}` : '', s.promptVersion ? `prompt ${s.promptVersion}` : ''].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>eval: ${esc(who)}</title><style>${css}</style></head><body>
<h1>Eval: ${esc(who)}</h1>
<p>${esc(s.fixtures)} · ${s.cases} cases${s.trials ? ` × ${s.trials.k} trials` : ''} · ${s.outcomes.passed} passed, ${s.outcomes.failed} failed (${s.outcomes.quarantined} quarantined, ${s.outcomes.errors} errors) ·
latency p50 ${n(s.latencyMs.p50, 1)} ms, p95 ${n(s.latencyMs.p95, 1)} ms · ${s.tokens.total} tokens · $${s.costUsd.total.toFixed(4)}</p>
${o.gate ? gateSection(o.gate) : ''}${headline(s, o.comparison)}${o.comparison ? comparisonSection(o.comparison) : ''}
${categorySection(s)}${changesSection(s)}${confidenceSection(s)}
${casesSection(records)}
</body></html>
`;
}
