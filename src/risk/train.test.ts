import { describe, expect, it } from 'vitest';
import type { HistoryInvoice } from './schema.ts';
import { trainRiskModel } from './train.ts';

/** Synthetic history: 40 customers with their own dispute propensity over 400 days; large invoices dispute more. */
function synthetic(seed = 7): HistoryInvoice[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: HistoryInvoice[] = [];
  for (let c = 0; c < 40; c++) {
    const propensity = -2.5 + 3 * rand();
    for (let k = 0; k < 25; k++) {
      const day = Math.floor(rand() * 400);
      const amount = 50 * Math.exp(rand() - 0.5);
      const logit = propensity + 1.5 * Math.log(amount / 50);
      out.push({
        customerId: `C${c}`, date: new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10), amount,
        disputed: rand() < 1 / (1 + Math.exp(-logit)), invoiceId: `${c}-${k}`, extras: {},
      });
    }
  }
  return out;
}

describe('trainRiskModel', () => {
  const data = synthetic();
  const model = trainRiskModel(data, { name: 'synthetic', now: new Date('2024-03-01T00:00:00Z') });

  it('evaluates on the latest 30% by date, and calibrates on training dates only', () => {
    const { train, calibration, test } = model.data;
    expect(train.invoices + test.invoices).toBe(1000);
    expect(test.invoices).toBeGreaterThanOrEqual(300);
    expect(train.to < test.from).toBe(true);
    expect(calibration.to <= train.to && calibration.from >= train.from).toBe(true);
    expect(model.version).toMatch(/^risk-20240301-[0-9a-f]{8}$/);
  });

  it('learns that the customer history and the relative amount raise the risk, and beats the baseline here', () => {
    const w = Object.fromEntries(model.features.map((f) => [f.name, f.weight]));
    expect(w.dispute_rate).toBeGreaterThan(0);
    expect(w.amount_vs_norm).toBeGreaterThan(0);
    expect(model.metrics.rocAuc!).toBeGreaterThan(model.metrics.baselineRocAuc!);
  });

  it('does not look at the test period: changing its labels changes the metrics, never what was learned', () => {
    const cutoff = model.data.test.from;
    const flipped = data.map((i) => (i.date >= cutoff ? { ...i, disputed: !i.disputed } : i));
    const other = trainRiskModel(flipped, { name: 'synthetic', now: new Date('2024-03-01T00:00:00Z') });
    expect(other.features).toEqual(model.features);
    expect(other.calibration).toEqual(model.calibration);
    expect(other.learner).toEqual(model.learner);
    expect(other.metrics.rocAuc).not.toBe(model.metrics.rocAuc);
  });

  it('learns a categorical extra as one indicator per level seen in training', () => {
    const withRegion = data.map((i, k) => {
      const region = k % 3 === 0 ? 'EU' : 'US';
      return { ...i, extras: { region }, disputed: region === 'EU' ? i.disputed || k % 2 === 0 : i.disputed };
    });
    const m = trainRiskModel(withRegion, { name: 'regions', extras: [{ column: 'Region', name: 'region', type: 'categorical' }] });
    expect(m.extras).toEqual([{ name: 'region', type: 'categorical', levels: ['EU', 'US'] }]);
    const w = Object.fromEntries(m.features.map((f) => [f.name, f.weight]));
    expect(w['region=EU']).toBeGreaterThan(0);
    expect(w['region=US']).toBeLessThan(0);
  });

  it('refuses history with a single class', () => {
    expect(() => trainRiskModel(data.map((i) => ({ ...i, disputed: false })), { name: 'x' })).toThrow(/both disputed and undisputed/);
  });
});
