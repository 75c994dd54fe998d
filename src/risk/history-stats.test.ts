import { describe, expect, it } from 'vitest';
import { historyFeatures } from './features.ts';
import { historyStats, median, withHistory } from './history-stats.ts';
import { parseHistoryCsv } from './read-history.ts';
import { historyMappingSchema } from './schema.ts';

const mapping = historyMappingSchema.parse({
  name: 'tiny', columns: { customer: 'c', invoiceDate: 'd', amount: 'a', disputed: 'y' }, dateFormat: 'YYYY-MM-DD',
});
// Two invoices of A on the same day, a later one, one of B in between, and A's last.
const csv = `c,d,a,y
A,2024-01-01,100,yes
A,2024-01-01,300,no
A,2024-01-05,200,no
B,2024-01-03,50,yes
A,2024-01-10,400,yes
`;

describe('withHistory (leak-free customer history)', () => {
  const rows = withHistory(parseHistoryCsv(csv, mapping));

  it('counts only strictly earlier invoices of the same customer: same-day invoices do not see each other', () => {
    expect(rows.map((r) => [r.invoice.customerId, r.invoice.date, r.stats.invoices, r.stats.disputed])).toEqual([
      ['A', '2024-01-01', 0, 0],
      ['A', '2024-01-01', 0, 0],
      ['A', '2024-01-05', 2, 1],
      ['B', '2024-01-03', 0, 0],
      ['A', '2024-01-10', 3, 1],
    ]);
  });

  it('by hand for A on 2024-01-10: 1 of 3 disputed, last dispute 9 days before, median amount of 100/300/200 = 200', () => {
    expect(rows[4]!.stats).toEqual({ invoices: 3, disputed: 1, lastTen: { invoices: 3, disputed: 1 }, daysSinceLastDispute: 9, medianAmount: 200 });
  });

  it('turns those stats into the feature values by hand (prior 25%, smoothing 2)', () => {
    const ctx = { stats: rows[4]!.stats, amount: 400, priorRate: 0.25, smoothing: 2, extras: {} };
    const v = Object.fromEntries(historyFeatures.map((f) => [f.name, f.value(ctx)]));
    expect(v.dispute_rate).toBeCloseTo(Math.log(0.3 / 0.7), 12); // (1 + 2×0.25) / (3 + 2) = 0.3
    expect(v.recent_dispute_rate).toBeCloseTo(Math.log(0.3125 / 0.6875), 12); // (1 + 0.25) / (3 + 1)
    expect(v.days_since_dispute).toBeCloseTo(Math.log(10), 12); // log(1 + 9)
    expect(v.invoice_count).toBeCloseTo(Math.log(4), 12);
    expect(v.amount_vs_norm).toBeCloseTo(Math.log(2), 12); // 400 against a median of 200
  });

  it('leaves every history feature unknown when the customer is unknown, and the amount unknown without history', () => {
    expect(historyFeatures.map((f) => f.value({ stats: null, amount: 10, priorRate: 0.2, smoothing: 2, extras: {} }))).toEqual([null, null, null, null, null]);
    const fresh = { stats: rows[0]!.stats, amount: 100, priorRate: 0.2, smoothing: 2, extras: {} };
    expect(historyFeatures.find((f) => f.name === 'amount_vs_norm')!.value(fresh)).toBeNull();
    expect(historyFeatures[0]!.text(fresh)).toBe('new customer: no earlier invoices on record, so the typical rate (20%) is assumed');
  });
});

describe('historyStats', () => {
  it('keeps the last ten for the recent rate and ignores invoices on or after the day', () => {
    const invoices = Array.from({ length: 14 }, (_, i) => ({ date: `2024-02-${String(i + 1).padStart(2, '0')}`, amount: 10, disputed: i < 4 || i === 12 }));
    // before 2024-02-14: 13 invoices (Feb 1..13), disputed on Feb 1-4 and Feb 13; the last ten are Feb 4..13.
    expect(historyStats(invoices, '2024-02-14')).toMatchObject({ invoices: 13, disputed: 5, lastTen: { invoices: 10, disputed: 2 }, daysSinceLastDispute: 1 });
  });
  it('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
