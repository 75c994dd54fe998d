import { describe, expect, it } from 'vitest';
import type { ErpContext } from './change-kind.ts';
import { checkChanges, shapeIssues, toErpActions } from './registry.ts';
import { normaliseSku } from './sku.ts';

const ctx: ErpContext = {
  order: { poNumber: '4500000001', salesOrder: 'SO-1', customerId: 'C', status: 'open', orderDate: '2026-11-01', requestedDate: '2026-12-01', shipTo: 'x', shippingMethod: 'UPS', lines: [{ lineNo: 1, sku: 'HX-2210', quantity: 25, unitPrice: 10, status: 'open' }] },
  items: new Map([[normaliseSku('HX-2210'), { sku: 'HX-2210', description: 'screw', unitPrice: 10, stock: 5, uom: 'EA' }], [normaliseSku('ZZ-1'), null]]),
};

describe('shapeIssues', () => {
  it('accepts well-formed changes of every shape', () => {
    expect(shapeIssues({ kind: 'quantity', sku: 'HX-2210', from: 25, to: 40 })).toEqual([]);
    expect(shapeIssues({ kind: 'delivery_date', sku: null, from: null, to: '2026-12-04' })).toEqual([]);
    expect(shapeIssues({ kind: 'cancel_order', sku: null, from: null, to: null })).toEqual([]);
  });
  it('refuses a missing sku, a wrong value type, a sku on an order-wide change', () => {
    expect(shapeIssues({ kind: 'quantity', sku: null, from: null, to: 40 })[0]?.path).toEqual(['sku']);
    expect(shapeIssues({ kind: 'quantity', sku: 'A', from: null, to: 'forty' })[0]?.path).toEqual(['to']);
    expect(shapeIssues({ kind: 'delivery_date', sku: null, from: null, to: '12/04/2026' })[0]?.path).toEqual(['to']);
    expect(shapeIssues({ kind: 'ship_to', sku: 'A', from: null, to: '1 Main St' })[0]?.path).toEqual(['sku']);
  });
});

describe('checkChanges', () => {
  it('flags a stated old value that disagrees with the ERP, and a quantity beyond stock', () => {
    const f = checkChanges([{ kind: 'quantity', sku: 'hx 2210', from: 30, to: 40 }], ctx);
    expect(f.map((x) => x.code)).toEqual(['from_mismatch', 'insufficient_stock']);
    expect(f.every((x) => x.changeIndex === 0)).toBe(true);
  });
  it('flags lines not on the order and unknown items', () => {
    expect(checkChanges([{ kind: 'cancel_line', sku: 'ZZ-1', from: null, to: null }], ctx).map((x) => x.code)).toEqual(['line_not_on_order']);
    expect(checkChanges([{ kind: 'add_line', sku: 'ZZ-1', from: null, to: 3 }], ctx).map((x) => x.code)).toEqual(['unknown_item']);
  });
  it('reports a price change against list price', () => {
    expect(checkChanges([{ kind: 'price', sku: 'HX-2210', from: null, to: 9 }], ctx)[0]?.message).toBe('-10.0% against list price 10');
  });
});

describe('toErpActions', () => {
  it('maps each kind to its ERP operation', () => {
    expect(toErpActions([
      { kind: 'quantity', sku: 'HX-2210', from: 25, to: 40 },
      { kind: 'delivery_date', sku: null, from: null, to: '2026-12-04' },
      { kind: 'substitution', sku: 'HX-2210', from: null, to: 'HX-2211' },
    ])).toEqual([
      { op: 'set_line_quantity', sku: 'HX-2210', quantity: 40 },
      { op: 'set_delivery_date', sku: null, date: '2026-12-04' },
      { op: 'substitute_item', sku: 'HX-2210', newSku: 'HX-2211' },
    ]);
  });
});
