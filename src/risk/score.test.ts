import { describe, expect, it } from 'vitest';
import type { ErpContext } from '../changes/change-kind.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import type { ErpOrder } from '../erp/schema.ts';
import { priorRisk } from '../triage/risk-prior.ts';
import { DEFAULT_CHANGE_OFFSETS } from './change-features.ts';
import type { PastInvoice } from './history-stats.ts';
import { InMemoryHistoryRepo } from './history-repo.ts';
import { invoiceAmountAfter } from './invoice-amount.ts';
import type { RiskModel } from './schema.ts';
import { scoreRisk } from './score.ts';
import { createRiskScorer } from './scorer.ts';

/** A hand-made model: only the customer rate, its recent rate and the amount carry weight; Platt a = 2, b = 0.5. */
const model: RiskModel = {
  kind: 'changedesk-dispute-risk', schemaVersion: 1, version: 'risk-20240101-0123abcd', trainedAt: '2024-01-01T00:00:00.000Z',
  data: {
    name: 'hand', invoices: 100, customers: 5,
    train: { from: '2023-01-01', to: '2023-09-30', invoices: 70, disputed: 14 },
    calibration: { from: '2023-03-01', to: '2023-09-30', invoices: 50, disputed: 10, method: 'forward-chaining', blocks: 5 },
    test: { from: '2023-10-01', to: '2023-12-31', invoices: 30, disputed: 6 },
  },
  priorRate: 0.2, smoothing: 2,
  learner: { method: 'logistic-regression-l2-newton', l2: 1, intercept: -1, iterations: 5 },
  features: [
    { name: 'dispute_rate', mean: -1, sd: 1, weight: 1 },
    { name: 'recent_dispute_rate', mean: -1.5, sd: 1, weight: 0.25 },
    { name: 'days_since_dispute', mean: 3, sd: 1, weight: 0 },
    { name: 'invoice_count', mean: 2, sd: 1, weight: 0 },
    { name: 'amount_vs_norm', mean: 0, sd: 0.5, weight: 0.5 },
  ],
  extras: [], calibration: { method: 'platt', a: 2, b: 0.5 }, changeOffsets: DEFAULT_CHANGE_OFFSETS,
  metrics: { rocAuc: 0.9, prAuc: 0.7, brier: 0.1, ece: 0.02, baselineRocAuc: 0.85, baselinePrAuc: 0.6, baselineBrier: 0.12, baselineEce: 0.03, uncalibratedEce: 0.03 },
  reliability: [],
};

const order = (over: Partial<ErpOrder> = {}): ErpOrder => ({
  poNumber: 'PO-1', salesOrder: 'SO-1', customerId: 'C-1', status: 'open', orderDate: '2024-05-01', requestedDate: '2024-06-30',
  shipTo: 'Dock 1', shippingMethod: 'UPS', lines: [{ lineNo: 1, sku: 'A-1', quantity: 10, unitPrice: 20, status: 'open' }], ...over,
});
const ctx = (o: ErpOrder | null, items: [string, number][] = []): ErpContext => ({
  order: o, items: new Map(items.map(([sku, unitPrice]) => [sku, { sku, description: sku, unitPrice, stock: 1, uom: 'EA' }])),
});
/** Ten earlier invoices of 100 each, four of them disputed (the last on 2024-05-20). */
const history: PastInvoice[] = Array.from({ length: 10 }, (_, i) => ({ date: `2024-05-${String(11 + i).padStart(2, '0')}`, amount: 100, disputed: i >= 6 }));
const dateChange: CanonicalChange = { kind: 'delivery_date', sku: null, from: null, to: '2024-07-01' };

describe('scoreRisk', () => {
  it('without a model is the documented prior, and says so', () => {
    const r = scoreRisk(null, { changes: [dateChange], category: 'date_change', erp: null, asOf: '2024-06-01', history: [] });
    expect(r).toEqual(priorRisk([dateChange], 'date_change'));
    expect(r.isPrior).toBe(true);
  });

  it('by hand: base a·b0 + b = −1.5, plus contributions a·w·(x − mean)/sd of rate, recent rate and amount', () => {
    const r = scoreRisk(model, { changes: [dateChange], category: 'date_change', erp: ctx(order()), asOf: '2024-06-01', history });
    // dispute_rate: logit((4 + 2×0.2)/(10 + 2)) = −0.546544 → 2·1·(−0.546544 + 1) = 0.906913
    // recent_dispute_rate: logit((4 + 0.2)/(10 + 1)) = −0.481838 → 2·0.25·(−0.481838 + 1.5) = 0.509081
    // amount_vs_norm: order 10 × 20 = 200 against a median of 100 → ln 2 / 0.5 → 2·0.5·1.386294 = 1.386294
    // log-odds −1.5 + 0.906913 + 0.509081 + 1.386294 = 1.302288 → p = 0.786220
    expect(r.probability).toBeCloseTo(0.78622, 5);
    expect(r.band).toBe('high');
    expect(r.isPrior).toBe(false);
    expect(r.modelVersion).toBe('risk-20240101-0123abcd');
    expect(r.factors).toEqual([
      { factor: 'amount_vs_norm', weight: 1.386, text: "this invoice (200.00) is 2.0× the customer's usual amount (100.00)" },
      { factor: 'dispute_rate', weight: 0.907, text: 'customer disputed 4 of its 10 earlier invoices (40%; typical 20%)' },
      { factor: 'recent_dispute_rate', weight: 0.509, text: 'customer disputed 4 of its last 10 invoices' },
    ]);
  });

  it('adds the documented log-odds of the change: a price 25% above contract on a shipped order', () => {
    const price: CanonicalChange = { kind: 'price', sku: 'A-1', from: null, to: 25 };
    const input = { changes: [price], category: 'price_change' as const, erp: ctx(order({ status: 'shipped' })), asOf: '2024-06-01', history };
    const r = scoreRisk(model, input);
    expect(r.factors).toHaveLength(5);
    expect(r.factors).toContainEqual({ factor: 'kind:price', weight: 1.4, text: 'price changes are the most disputed kind of change' });
    expect(r.factors).toContainEqual({ factor: 'after_ship', weight: 1, text: 'the order is shipped and already left the warehouse: changes after shipment are often disputed' });
    // Without learned weights only the change speaks: price_delta is 25% above the contract price 20 → 2.5 steps × 0.2.
    const changeOnly = scoreRisk({ ...model, features: model.features.map((f) => ({ ...f, weight: 0 })) }, input);
    expect(changeOnly.factors).toEqual([
      { factor: 'kind:price', weight: 1.4, text: 'price changes are the most disputed kind of change' },
      { factor: 'after_ship', weight: 1, text: 'the order is shipped and already left the warehouse: changes after shipment are often disputed' },
      { factor: 'price_delta', weight: 0.5, text: 'the requested price of A-1 is 25% above the contract price (20)' },
    ]);
    // log-odds = a·intercept + b + 1.4 + 1 + 0.5 = −1.5 + 2.9 = 1.4
    expect(changeOnly.probability).toBeCloseTo(1 / (1 + Math.exp(-1.4)), 10);
  });

  it('flags a change close to the ship date and a large quantity change', () => {
    const qty: CanonicalChange = { kind: 'quantity', sku: 'A-1', from: 10, to: 25 };
    const r = scoreRisk(model, { changes: [qty], category: 'quantity_change', erp: ctx(order({ requestedDate: '2024-06-03' })), asOf: '2024-06-01', history });
    expect(r.factors.map((f) => f.factor)).toEqual(expect.arrayContaining(['near_ship_date', 'quantity_delta']));
    expect(r.factors.find((f) => f.factor === 'near_ship_date')?.text).toBe('the order ships in 2 days (2024-06-03): late changes are easily missed');
    expect(r.factors.find((f) => f.factor === 'quantity_delta')?.text).toBe('the quantity of A-1 changes by +150% (10 → 25)');
  });

  it('says when the customer is unknown, and then scores a typical invoice of that kind', () => {
    const r = scoreRisk(model, { changes: [dateChange], category: 'date_change', erp: null, asOf: '2024-06-01', history: null });
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(1.5)), 10);
    expect(r.factors).toEqual([{ factor: 'customer_unknown', weight: 0, text: 'the order is not in the ERP, so the customer and its dispute history are unknown' }]);
  });
});

describe('createRiskScorer', () => {
  it("looks up the order's customer in the history repository, before the day of the review only", async () => {
    const repo = new InMemoryHistoryRepo([
      ...history.map((h, i) => ({ ...h, customerId: 'C-1', invoiceId: `I-${i}`, extras: {} })),
      { customerId: 'C-1', date: '2024-06-01', amount: 100, disputed: true, invoiceId: 'same-day', extras: {} },
    ]);
    const scorer = createRiskScorer({ model, history: repo });
    const r = await scorer.score({ changes: [dateChange], category: 'date_change', erp: ctx(order()), at: '2024-06-01T09:30:00Z' });
    expect(r.probability).toBeCloseTo(0.78622, 5);
    expect(await createRiskScorer({ model: null }).score({ changes: [dateChange], category: 'date_change', erp: null, at: '2024-06-01' })).toMatchObject({ isPrior: true, modelVersion: 'prior-v1' });
  });
});

describe('invoiceAmountAfter', () => {
  it('applies quantity, price, cancel-line and add-line changes to the open lines', () => {
    const o = order({ lines: [
      { lineNo: 1, sku: 'A-1', quantity: 10, unitPrice: 20, status: 'open' },
      { lineNo: 2, sku: 'B-2', quantity: 5, unitPrice: 10, status: 'open' },
      { lineNo: 3, sku: 'C-3', quantity: 99, unitPrice: 99, status: 'cancelled' },
    ] });
    const changes: CanonicalChange[] = [
      { kind: 'quantity', sku: 'a1', from: null, to: 12 },
      { kind: 'price', sku: 'A-1', from: null, to: 19.5 },
      { kind: 'cancel_line', sku: 'B-2', from: null, to: null },
      { kind: 'add_line', sku: 'D-4', from: null, to: 3 },
    ];
    // 12 × 19.5 + 0 + 3 × 7 = 255
    expect(invoiceAmountAfter(changes, ctx(o, [['D4', 7]]))).toBe(255);
    expect(invoiceAmountAfter([{ kind: 'cancel_order', sku: null, from: null, to: null }], ctx(o))).toBeNull();
    expect(invoiceAmountAfter([], null)).toBeNull();
  });
});
