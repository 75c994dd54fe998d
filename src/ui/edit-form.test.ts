import { describe, expect, it } from 'vitest';
import { parseEditForm, valueFor } from './edit-form.ts';

describe('parseEditForm', () => {
  it('turns rows into typed changes, skipping removed and blank rows', () => {
    const r = parseEditForm({
      version: '2', orderRef: ' 4500012345 ',
      c0_kind: 'quantity', c0_sku: 'HX-2210', c0_from: '25', c0_to: '1,200',
      c1_kind: 'delivery_date', c1_sku: '', c1_from: '', c1_to: '2026-12-04', c1_remove: 'on',
      c2_kind: 'delivery_date', c2_sku: '', c2_from: '', c2_to: '2026-12-04',
      c3_kind: '', c3_sku: '', c3_from: '', c3_to: '',
    });
    expect(r).toMatchObject({ ok: true, version: 2, input: { orderRef: '4500012345', changes: [
      { kind: 'quantity', sku: 'HX-2210', from: 25, to: 1200 },
      { kind: 'delivery_date', sku: null, from: null, to: '2026-12-04' },
    ] } });
  });

  it('names the field of every value the change kind refuses', () => {
    const r = parseEditForm({ version: '1', c0_kind: 'quantity', c0_sku: '', c0_from: '', c0_to: 'forty' });
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['c0_sku', 'c0_to']);
  });

  it('keeps text where the kind wants text', () => {
    expect(valueFor('ship_to', 'to', ' 12 Main St ')).toBe('12 Main St');
    expect(valueFor('substitution', 'to', '4711')).toBe('4711');
    expect(valueFor('price', 'to', '41.50')).toBe(41.5);
  });
});
