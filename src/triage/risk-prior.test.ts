import { describe, expect, it } from 'vitest';
import { priorRisk } from './risk-prior.ts';

describe('priorRisk', () => {
  it('is the base rate when nothing raises the risk', () => {
    const r = priorRisk([{ kind: 'quantity', sku: 'A', from: 1, to: 2 }], 'quantity_change');
    expect(r.probability).toBeCloseTo(0.08, 6);
    expect(r.band).toBe('low');
    expect(r.isPrior).toBe(true);
  });
  it('adds the log-odds of a price change: logistic(logit(0.08) + 1.4)', () => {
    const r = priorRisk([{ kind: 'price', sku: 'A', from: 10, to: 9 }], 'price_change');
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(0.08 / 0.92) + 1.4))), 9);
    expect(r.probability).toBeCloseTo(0.2606, 3);
    expect(r.band).toBe('medium');
    expect(r.factors[0]?.factor).toBe('kind:price');
  });
  it('puts an invoice dispute with a price change in the high band', () => {
    expect(priorRisk([{ kind: 'price', sku: 'A', from: 10, to: 9 }], 'invoice_dispute').band).toBe('high');
  });
});
