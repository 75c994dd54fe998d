import { describe, expect, it } from 'vitest';
import type { ErpContext } from '../changes/change-kind.ts';
import { normaliseSku } from '../changes/sku.ts';
import { findingsFor } from './enrich.ts';

const ctx = (over: Partial<ErpContext> = {}): ErpContext => ({
  order: { poNumber: 'PO-1', salesOrder: 'SO-1', customerId: 'C-1', status: 'open', orderDate: '2026-11-01', requestedDate: '2026-12-10', shipTo: 'x', shippingMethod: 'UPS', lines: [{ lineNo: 1, sku: 'A-1', quantity: 10, unitPrice: 100, status: 'open' }] },
  customer: { id: 'C-1', name: 'Acme', emailDomains: [], creditLimit: 10_000, balance: 9_500 },
  items: new Map([[normaliseSku('A-1'), { sku: 'A-1', description: 'a', unitPrice: 100, stock: 1000, uom: 'EA' }]]),
  ...over,
});
const codes = (f: ReturnType<typeof findingsFor>) => f.map((x) => x.code);

describe('findingsFor', () => {
  it('needs an order reference that the ERP knows', () => {
    expect(codes(findingsFor(null, [], ctx()))).toEqual(['no_order_ref']);
    expect(codes(findingsFor('PO-9', [], ctx({ order: null, customer: null })))).toEqual(['order_not_found']);
  });
  it('warns when an increase takes the customer over its credit limit: 9,500 + 6 × 100 > 10,000', () => {
    const at = new Date('2026-11-27T10:00:00Z');
    expect(codes(findingsFor('PO-1', [{ kind: 'quantity', sku: 'A-1', from: 10, to: 15 }], ctx(), at))).toEqual([]);
    expect(codes(findingsFor('PO-1', [{ kind: 'quantity', sku: 'A-1', from: 10, to: 16 }], ctx(), at))).toEqual(['credit_limit']);
    expect(codes(findingsFor('PO-1', [{ kind: 'quantity', sku: 'A-1', from: 10, to: 2 }], ctx(), at))).toEqual([]);
  });
  it('warns when the change comes within two days of the requested date', () => {
    const change = [{ kind: 'quantity' as const, sku: 'A-1', from: 10, to: 11 }];
    expect(codes(findingsFor('PO-1', change, ctx(), new Date('2026-12-07T23:00:00Z')))).toEqual([]);
    expect(findingsFor('PO-1', change, ctx(), new Date('2026-12-08T08:00:00Z'))[0]).toMatchObject({ code: 'past_ship_cutoff', message: 'the order is due 2026-12-10, 2 day(s) away: it may already be picked' });
  });
});
