import { describe, expect, it } from 'vitest';
import { bandOf, primaryCategory } from './taxonomy.ts';

describe('primaryCategory', () => {
  it('follows the PRODUCT.md precedence', () => {
    expect(primaryCategory(['delivery_date', 'quantity'])).toBe('quantity_change');
    expect(primaryCategory(['quantity', 'price'])).toBe('price_change');
    expect(primaryCategory(['ship_to', 'cancel_line', 'price'])).toBe('cancellation');
    expect(primaryCategory(['substitution', 'add_line'])).toBe('substitution');
    expect(primaryCategory(['split_shipment'])).toBe('date_change');
  });
  it('has no opinion when no kind implies a category', () => {
    expect(primaryCategory(['other'])).toBeNull();
    expect(primaryCategory([])).toBeNull();
  });
  it('lets a classifier category outrank a kind when it comes first', () => {
    expect(primaryCategory(['quantity'], ['invoice_dispute'])).toBe('invoice_dispute');
  });
});

describe('bandOf', () => {
  it('puts the edges in the higher band', () => {
    expect([bandOf(0), bandOf(0.199), bandOf(0.2), bandOf(0.499), bandOf(0.5), bandOf(1)]).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});
