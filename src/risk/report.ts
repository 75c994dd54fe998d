// The training report printed by the CLI: data periods, then the model beside the baseline on the held-out period.
import type { RiskModel } from './schema.ts';

const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

export function metricsTable(model: RiskModel): string {
  const { data: d, metrics: m } = model;
  const p = (label: string, x: RiskModel['data']['test']) => `  ${label.padEnd(12)} ${x.from} .. ${x.to}  ${String(x.invoices).padStart(5)} invoices, ${(x.disputed / x.invoices * 100).toFixed(1)}% disputed\n`;
  const row = (name: string, a: number | null, b: number | null) => `  ${name.padEnd(8)} ${f(a).padStart(8)} ${f(b).padStart(10)}\n`;
  return `${d.name}: ${d.invoices} invoices, ${d.customers} customers\n` +
    p('train', d.train) + p('calibration', d.calibration) + p('test', d.test) +
    `\nheld-out test (latest 30% by date), model ${model.version} vs baseline "customer's earlier dispute rate":\n` +
    `  ${'metric'.padEnd(8)} ${'model'.padStart(8)} ${'baseline'.padStart(10)}\n` +
    row('ROC-AUC', m.rocAuc, m.baselineRocAuc) + row('PR-AUC', m.prAuc, m.baselinePrAuc) +
    row('Brier', m.brier, m.baselineBrier) + row('ECE', m.ece, m.baselineEce) +
    `  (ECE before calibration: ${f(m.uncalibratedEce)})\n`;
}
