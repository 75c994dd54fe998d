// Tests the simulated ERP's action handlers on plain orders, without HTTP.
import { describe, expect, it } from 'vitest';
import { sameSku } from '../../changes/sku.ts';
import type { ErpItem, ErpOrder } from '../schema.ts';
import { applyActions } from './actions.ts';

const items: ErpItem[] = [
  { sku: 'HX-2210', description: 'Hex cap screw 2-1/4', unitPrice: 38.4, stock: 200, uom: 'BX' },
  { sku: 'HX-2212', description: 'Hex cap screw 3', unitPrice: 44.1, stock: 80, uom: 'BX' },
  { sku: 'VLV-200-3/4', description: 'Ball valve 3/4', unitPrice: 18.95, stock: 400, uom: 'EA' },
];
const findItem = (sku: string) => items.find((i) => sameSku(i.sku, sku)) ?? null;

const order = (): ErpOrder => ({
  poNumber: '4500012345', salesOrder: 'SO-100231', customerId: 'C-1001', status: 'open',
  orderDate: '2026-11-09', requestedDate: '2026-12-04', shipTo: 'Dock 3', shippingMethod: 'LTL',
  lines: [
    { lineNo: 1, sku: 'HX-2210', quantity: 25, unitPrice: 38.4, status: 'open' },
    { lineNo: 2, sku: 'VLV-200-3/4', quantity: 60, unitPrice: 18.95, status: 'open' },
  ],
});

describe('applyActions', () => {
  it('changes quantity, price and dates, matching item codes loosely', () => {
    const next = applyActions(order(), [
      { op: 'set_line_quantity', sku: 'hx 2210', quantity: 40 },
      { op: 'set_unit_price', sku: 'VLV20034', unitPrice: 17.5 },
      { op: 'set_delivery_date', sku: null, date: '2026-12-11' },
    ], findItem);
    expect(next.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([[40, 38.4], [60, 17.5]]);
    expect(next.requestedDate).toBe('2026-12-11');
  });

  it('adds a line at list price, substitutes at the substitute price, cancels a line', () => {
    const next = applyActions(order(), [
      { op: 'add_line', sku: 'hx-2212', quantity: 5 },
      { op: 'substitute_item', sku: 'HX-2210', newSku: 'HX-2212' },
      { op: 'cancel_line', sku: 'VLV-200-3/4' },
    ], findItem);
    expect(next.lines).toEqual([
      { lineNo: 1, sku: 'HX-2212', quantity: 25, unitPrice: 44.1, status: 'open' },
      { lineNo: 2, sku: 'VLV-200-3/4', quantity: 60, unitPrice: 18.95, status: 'cancelled' },
      { lineNo: 3, sku: 'HX-2212', quantity: 5, unitPrice: 44.1, status: 'open' },
    ]);
  });

  it('sets order-wide fields and cancels the whole order', () => {
    const next = applyActions(order(), [
      { op: 'set_ship_to', address: '1 New Rd' },
      { op: 'set_shipping_method', method: 'UPS Next Day Air' },
      { op: 'split_shipment', sku: 'HX-2210' },
      { op: 'add_note', text: 'call before delivery' },
      { op: 'cancel_order' },
    ], findItem);
    expect([next.shipTo, next.shippingMethod, next.status]).toEqual(['1 New Rd', 'UPS Next Day Air', 'cancelled']);
    expect(next.lines.every((l) => l.status === 'cancelled')).toBe(true);
  });

  it('refuses the whole posting when one action cannot apply, leaving the order untouched', () => {
    const before = order();
    const actions = [{ op: 'set_line_quantity', sku: 'HX-2210', quantity: 40 }, { op: 'cancel_line', sku: 'AB12345' }] as const;
    expect(() => applyActions(before, [...actions], findItem)).toThrow(
      expect.objectContaining({ kind: 'unprocessable', message: 'order 4500012345 has no open line for AB12345' }),
    );
    expect(before).toEqual(order());
  });

  it('refuses unknown substitutes, cancelled lines and orders that are no longer open', () => {
    const substitute = [{ op: 'substitute_item', sku: 'HX-2210', newSku: 'ZZ-1' }] as const;
    expect(() => applyActions(order(), [...substitute], findItem)).toThrow('unknown item ZZ-1');
    const cancelled = applyActions(order(), [{ op: 'cancel_line', sku: 'HX-2210' }], findItem);
    const requantify = [{ op: 'set_line_quantity', sku: 'HX-2210', quantity: 1 }] as const;
    expect(() => applyActions(cancelled, [...requantify], findItem)).toThrow(/no open line/);
    expect(() => applyActions({ ...order(), status: 'shipped' }, [{ op: 'add_note', text: 'x' }], findItem)).toThrow(
      'order 4500012345 is shipped and can no longer be changed',
    );
  });
});
