import { describe, expect, it } from 'vitest';
import { aggregate } from './metrics.ts';
import { percentile, sampleStd } from './stats.ts';
import { change, record } from './test-support.ts';

const info = { provider: 'offline', providerVersion: 'offline-v1', promptVersion: null, model: null, fixtures: 'set' };

// Four cases, every expected value below computed by hand:
//  A quantity_change: HX-2210 25→40 predicted 25→45 (matched, `to` wrong), conf .9; category right (conf .9)
//  B date_change: date →2026-12-04 right (conf .8) + a spurious quantity (conf .3); orderRef missed; category right (.78)
//  C price_change: predicted credit_payment (.5) with no change → the price change is missed
//  D status_inquiry: nothing expected, nothing predicted; category right (.5)
const A = record('A', { category: 'quantity_change', orderRef: '4500012345', changes: [change('quantity', 'HX-2210', 25, 40)], disputed: false },
  { category: 'quantity_change', orderRef: '4500012345', changes: [change('quantity', 'HX-2210', 25, 45)], confidences: [0.9], categoryConfidence: 0.9 },
  { latencyMs: 10, risk: 0.08, usage: { promptTokens: 100, completionTokens: 20, costUsd: 0.002, llmCalls: 1 } });
const B = record('B', { category: 'date_change', orderRef: '77-1234', changes: [change('delivery_date', null, null, '2026-12-04')] },
  { category: 'date_change', orderRef: null, changes: [change('delivery_date', null, null, '2026-12-04'), change('quantity', 'X-1', null, 5)], confidences: [0.8, 0.3], categoryConfidence: 0.78 },
  { latencyMs: 20, risk: 0.3 });
const C = record('C', { category: 'price_change', orderRef: 'HPM1187', changes: [change('price', 'AB12345', 46.2, 41.5)], disputed: true },
  { category: 'credit_payment', orderRef: 'HPM1187', changes: [], categoryConfidence: 0.5 }, { latencyMs: 30, risk: 0.6 });
const D = record('D', { category: 'status_inquiry', orderRef: '4500012471', changes: [], disputed: false },
  { category: 'status_inquiry', orderRef: '4500012471', changes: [], categoryConfidence: 0.5 }, { latencyMs: 100, risk: 0.1 });
const s = aggregate([A, B, C, D], info);

describe('category', () => {
  it('accuracy 3/4; macro-F1 over the 5 categories seen: cp 0, pc 0, qc 1, dc 1, si 1 → 0.6', () => {
    expect(s.category.accuracy).toBe(0.75);
    expect(s.category.macroF1).toBeCloseTo(0.6, 12);
    expect(s.category.byCategory.credit_payment).toEqual({ support: 0, precision: 0, recall: null, f1: 0 });
  });
  it('confusion: rows expected, columns predicted, in taxonomy order', () => {
    expect(s.category.confusion.labels).toEqual(['credit_payment', 'price_change', 'quantity_change', 'date_change', 'status_inquiry']);
    expect(s.category.confusion.matrix).toEqual([[0, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]]);
  });
});

describe('orderRef and changes', () => {
  it('orderRef: B predicted none → 3/4', () => expect(s.orderRef.accuracy).toBe(0.75));
  it('micro P/R/F1: tp 2 (A, B date), fp 1 (B quantity), fn 1 (C price) → 2/3 each; value accuracy 1/2', () => {
    expect(s.changes).toMatchObject({ expected: 3, predicted: 3, matched: 2 });
    expect(s.changes.precision).toBeCloseTo(2 / 3, 12);
    expect(s.changes.recall).toBeCloseTo(2 / 3, 12);
    expect(s.changes.f1).toBeCloseTo(2 / 3, 12);
    expect(s.changes.valueAccuracy).toBe(0.5);
  });
  it('an empty-expected, empty-predicted case adds nothing', () => {
    const withoutD = aggregate([A, B, C], info);
    expect(withoutD.changes.f1).toBe(s.changes.f1);
    expect(withoutD.changes.valueAccuracy).toBe(s.changes.valueAccuracy);
  });
  it('per kind: quantity P 1/2 R 1 F1 2/3 values 0; delivery_date all 1; price P — R 0', () => {
    expect(s.changes.byKind.quantity).toMatchObject({ expected: 1, predicted: 2, matched: 1, precision: 0.5, recall: 1, valueAccuracy: 0, from: 1, to: 0 });
    expect(s.changes.byKind.quantity!.f1).toBeCloseTo(2 / 3, 12);
    expect(s.changes.byKind.delivery_date).toMatchObject({ precision: 1, recall: 1, f1: 1, valueAccuracy: 1 });
    expect(s.changes.byKind.price).toMatchObject({ expected: 1, predicted: 0, precision: null, recall: 0, f1: 0, valueAccuracy: null });
    expect(Object.keys(s.changes.byKind)).toEqual(['quantity', 'delivery_date', 'price']);
  });
  it('per field: from right on both matched changes, to on one', () => {
    expect(s.fields.from).toEqual({ correct: 2, total: 2, accuracy: 1 });
    expect(s.fields.to).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(s.fields.category).toEqual({ correct: 3, total: 4, accuracy: 0.75 });
  });
});

describe('confidence ranking (AUROC of confidence vs correctness)', () => {
  it('changes: right {.8}, wrong {.9, .3} → pairs (.8 vs .9) 0 + (.8 vs .3) 1 → 0.5', () => {
    expect(s.confidence.auroc).toBe(0.5);
    expect(s.confidence.n).toBe(3);
  });
  it('category: right {.9, .78, .5}, wrong {.5} → (1 + 1 + ½) / 3', () => {
    expect(s.confidence.byField.category.auroc).toBeCloseTo(2.5 / 3, 12);
  });
});

describe('dispute risk (only labeled cases: A, C, D)', () => {
  it('ROC-AUC 1, PR-AUC 1, Brier (.08² + .4² + .1²)/3, ECE: one per bin, gaps .08, .1, .4 → .58/3', () => {
    expect(s.risk).toMatchObject({ n: 3, positives: 1, rocAuc: 1, prAuc: 1 });
    expect(s.risk!.brier).toBeCloseTo(0.1764 / 3, 12);
    expect(s.risk!.ece).toBeCloseTo(0.58 / 3, 12);
  });
  it('is absent when no case is labeled', () => {
    expect('risk' in aggregate([B], info)).toBe(false);
  });
});

describe('latency, tokens, cost, outcomes', () => {
  it('p50 of 10, 20, 30, 100 = 25; p95 = 30 + .85 × 70 = 89.5', () => {
    expect(s.latencyMs).toMatchObject({ p50: 25, max: 100 });
    expect(s.latencyMs.p95).toBeCloseTo(89.5, 9);
  });
  it('adds up usage, per case over 4', () => {
    expect(s.tokens).toEqual({ prompt: 100, completion: 20, total: 120, perCase: 30 });
    expect(s.costUsd.total).toBeCloseTo(0.002, 12);
    expect(s.costUsd.perCase).toBeCloseTo(0.0005, 12);
    expect(s.llm).toEqual({ calls: 1, cacheHits: 0 });
  });
  it('counts one pass (D) and an error as a failure', () => {
    expect(s.outcomes).toEqual({ passed: 1, failed: 3, quarantined: 0, errors: 0, passRate: 0.25 });
    const e = aggregate([record('E', { category: 'other', orderRef: null, changes: [] }, null)], info);
    expect(e.outcomes).toMatchObject({ failed: 1, errors: 1 });
    expect(e.category.confusion.labels).toEqual(['other', '(none)']);
  });
});

describe('trials', () => {
  it('pools the trials and reports the spread: value accuracy 0 then 1 → mean .5, std √.5', () => {
    const exp = { category: 'quantity_change' as const, orderRef: '1', changes: [change('quantity', 'A', 1, 2)] };
    const t1 = record('A', exp, { ...exp, changes: [change('quantity', 'A', 1, 3)] }, { trial: 1 });
    const t2 = record('A', exp, exp, { trial: 2 });
    const r = aggregate([t1, t2], info);
    expect(r).toMatchObject({ cases: 1, runs: 2 });
    expect(r.changes.valueAccuracy).toBe(0.5);
    expect(r.trials!.k).toBe(2);
    expect(r.trials!.metrics['changes.valueAccuracy']).toMatchObject({ mean: 0.5, min: 0, max: 1, values: [0, 1] });
    expect(r.trials!.metrics['changes.valueAccuracy']!.std).toBeCloseTo(Math.SQRT1_2, 12);
    expect('trials' in s).toBe(false);
  });
});

describe('stats', () => {
  it('percentile interpolates between ranks; sample std uses n − 1', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });
});
