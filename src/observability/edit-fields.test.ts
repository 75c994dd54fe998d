import { describe, expect, it } from 'vitest';
import { fieldEdits } from './edit-fields.ts';

const q = (sku: string, from: number | null, to: number) => ({ kind: 'quantity' as const, sku, from, to });

describe('fieldEdits', () => {
  it('finds nothing when the suggestion was approved as it was', () => {
    expect(fieldEdits({ orderRef: 'PO1', changes: [q('A-1', 25, 40)] }, { orderRef: 'PO1', changes: [q('a 1', 25, 40)] })).toEqual([]);
  });

  it('names the corrected value, the order reference, and changes added or removed', () => {
    const suggested = { orderRef: 'PO1', changes: [q('A-1', 25, 40), { kind: 'delivery_date' as const, sku: null, from: null, to: '2026-01-02' }] };
    const decided = { orderRef: 'PO2', changes: [q('A-1', 25, 45), { kind: 'price' as const, sku: 'B-2', from: null, to: 9.5 }] };
    expect(fieldEdits(suggested, decided)).toEqual([
      { field: 'orderRef', how: 'edited' },
      { field: 'quantity.to', how: 'edited' },
      { field: 'delivery_date', how: 'removed' },
      { field: 'price', how: 'added' },
    ]);
  });

  it('pairs a change whose item code was corrected by kind, and reports the sku', () => {
    expect(fieldEdits({ orderRef: null, changes: [q('HX-221', null, 40)] }, { orderRef: null, changes: [q('HX-2210', null, 40)] })).toEqual([{ field: 'quantity.sku', how: 'edited' }]);
  });
});
