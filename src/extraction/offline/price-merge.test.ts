import { describe, expect, it } from 'vitest';
import type { ProposedChange } from '../../changes/schema.ts';
import { combinePrices, type PriceCandidate } from './price-merge.ts';

const candidate = (from: number | null, to: number | null, role: PriceCandidate['role'], order: number, sku = 'HX-2210'): PriceCandidate => ({
  change: { kind: 'price', sku, from, to, evidence: [{ documentId: 'm:0', page: null, start: order, end: order + 1, quote: 'x' }], confidence: 0.7, warnings: [], source: 'model' } as ProposedChange,
  tier: 'newest', order, role,
});

describe('combinePrices', () => {
  it('joins an old price from one sentence with the new price of another, quoting both', () => {
    const { kept } = combinePrices([candidate(142.5, null, 'unknown', 0), candidate(null, 128, 'document', 1), candidate(null, 128, 'strong', 2)]);
    expect(kept.map((k) => [k.change.from, k.change.to, k.change.evidence.length])).toEqual([[142.5, 128, 2]]);
    expect(kept[0]!.change.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('prefers the plainest new price and warns when two differ', () => {
    const { kept } = combinePrices([candidate(null, 41.5, 'document', 0), candidate(null, 40, 'strong', 1), candidate(null, 39, 'strong', 2)]);
    expect(kept.map((k) => k.change.to)).toEqual([39]);
    expect(kept[0]!.change.warnings).toContain('the message names more than one new price for this item');
  });

  it('extracts nothing for an item with only an old price, or a price said only of an invoice', () => {
    expect(combinePrices([candidate(46.2, null, 'unknown', 0)]).kept).toEqual([]);
    const billing = combinePrices([candidate(46.2, 41.5, 'billing', 0)]);
    expect(billing.kept).toEqual([]);
    expect(billing.warnings[0]).toMatch(/billing matter/);
  });

  it('leaves other kinds and other items alone', () => {
    const other = { ...candidate(null, 40, 'unknown', 0), change: { ...candidate(null, 40, 'unknown', 0).change, kind: 'quantity' as const } };
    expect(combinePrices([other, candidate(null, 12, 'strong', 1, 'AB123')]).kept.map((k) => k.change.kind)).toEqual(['quantity', 'price']);
  });
});
