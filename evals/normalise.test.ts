import { describe, expect, it } from 'vitest';
import { addressTokens, changeKey, jaccard, sameOrderRef, sameValue, toIsoDate, toNumber } from './normalise.ts';

describe('toNumber and toIsoDate', () => {
  it('reads numbers as customers and models write them', () => {
    expect(toNumber(40)).toBe(40);
    expect(toNumber('40')).toBe(40);
    expect(toNumber('1,200')).toBe(1200);
    expect(toNumber('$41.50')).toBe(41.5);
    expect(toNumber('40 pcs')).toBe(40);
    expect(toNumber('forty')).toBeNull();
    expect(toNumber(null)).toBeNull();
  });
  it('reduces dates to their ISO day', () => {
    expect(toIsoDate('2026-12-04')).toBe('2026-12-04');
    expect(toIsoDate('2026-12-04T23:30:00-05:00')).toBe('2026-12-04');
    expect(toIsoDate('Dec 4, 2026')).toBe('2026-12-04');
    expect(toIsoDate('next Friday')).toBeNull();
    expect(toIsoDate(20261204)).toBeNull();
  });
});

describe('address token overlap', () => {
  const full = 'Bluefield Water Authority, North Pump Station, 2250 Ridge Rd, Bluefield, WV 24701';
  it('by hand: 11 distinct tokens; "Rd" → "Road" leaves 10 shared of 12 → 0.833 ≥ 0.8', () => {
    expect(addressTokens(full).size).toBe(11);
    expect(jaccard(addressTokens(full), addressTokens(full.replace('Rd', 'Road')))).toBeCloseTo(10 / 12, 12);
    expect(sameValue('ship_to', full, full.replace('Rd', 'Road'))).toBe(true);
  });
  it('by hand: a short address with one token changed, 5 of 7 → 0.714 < 0.8', () => {
    expect(sameValue('ship_to', '2250 Ridge Rd, Bluefield, WV 24701', '2250 Ridge Road Bluefield WV 24701')).toBe(false);
  });
  it('ignores case and punctuation', () => {
    expect(sameValue('ship_to', full, full.toUpperCase().replace(/,/g, ''))).toBe(true);
  });
});

describe('sameValue by kind', () => {
  it('compares quantities and prices numerically', () => {
    expect(sameValue('quantity', 40, '40')).toBe(true);
    expect(sameValue('price', 41.5, '41.50')).toBe(true);
    expect(sameValue('price', 41.5, 41.51)).toBe(false);
    expect(sameValue('add_line', 6, '6 units')).toBe(true);
  });
  it('compares dates as ISO days', () => {
    expect(sameValue('delivery_date', '2026-12-04', '2026-12-04T00:00:00Z')).toBe(true);
    expect(sameValue('delivery_date', '2026-12-04', '2026-12-05')).toBe(false);
  });
  it('folds case and whitespace of strings, and compares substitute codes as item codes', () => {
    expect(sameValue('shipping_method', 'UPS  Ground', ' ups ground')).toBe(true);
    expect(sameValue('shipping_method', 'UPS Ground', 'FedEx Ground')).toBe(false);
    expect(sameValue('substitution', 'LED-HB200-5K', 'led hb200 5k')).toBe(true);
  });
  it('lets null agree only with null', () => {
    expect(sameValue('cancel_line', null, null)).toBe(true);
    expect(sameValue('quantity', null, 0)).toBe(false);
    expect(sameValue('quantity', 25, null)).toBe(false);
  });
});

describe('keys and order references', () => {
  it('matches kind + sku up to case, spaces and dashes; null sku only with null', () => {
    expect(changeKey({ kind: 'quantity', sku: 'HX-2210' })).toBe(changeKey({ kind: 'quantity', sku: 'hx 2210' }));
    expect(changeKey({ kind: 'quantity', sku: 'HX-2210' })).not.toBe(changeKey({ kind: 'price', sku: 'HX-2210' }));
    expect(changeKey({ kind: 'delivery_date', sku: null })).not.toBe(changeKey({ kind: 'delivery_date', sku: 'HX-2210' }));
  });
  it('compares order references as written, up to case and whitespace', () => {
    expect(sameOrderRef('PO-88123', ' po-88123 ')).toBe(true);
    expect(sameOrderRef('PO-88123', '88123')).toBe(false);
    expect(sameOrderRef(null, null)).toBe(true);
    expect(sameOrderRef('77-1234', null)).toBe(false);
  });
});
