import { describe, expect, it } from 'vitest';
import { bodyDoc, expectGrounded, inputOf, REF } from '../offline/test-support.ts';
import { groundChange, groundOrderRef, INVENTED_CAP } from './grounding.ts';
import { bodyBlocks } from './input-blocks.ts';
import type { ModelChange } from './schemas.ts';

const body = 'Hi Maria,\n\nOn PO 4500012345 please make HX-2210 40 instead of 25, and push delivery to next Friday.\nShip to 6746 Carlisle Pike, Mechanicsburg, PA 17050.\n\nThanks';
const input = inputOf(body, { subject: 'PO 4500012345 change' });
const { blocks } = bodyBlocks(input);
const change = (c: Partial<ModelChange>): ModelChange => ({
  kind: 'quantity', sku: 'HX-2210', from: 25, to: 40, source: 'B1', quote: 'make HX-2210 40 instead of 25', confidence: 0.9, ...c,
});

describe('groundChange', () => {
  it('cites the quote at its offsets in the stored body, and keeps a found change confident', () => {
    const g = groundChange(change({}), blocks, REF);
    expect(g.warnings).toEqual([]);
    expect(g.confidence).toBe(0.9);
    expect(g.evidence[0]!.quote).toBe('make HX-2210 40 instead of 25');
    expectGrounded(g.evidence, [bodyDoc(body)]);
  });

  it('flags an invented item code and caps the confidence', () => {
    const g = groundChange(change({ sku: 'ZZ-9999' }), blocks, REF);
    expect(g.warnings.join()).toMatch(/item code "ZZ-9999" does not appear in the message/);
    expect(g.confidence).toBeLessThanOrEqual(INVENTED_CAP);
  });

  it('flags a value that is not in the text and lowers the confidence', () => {
    const g = groundChange(change({ to: 400 }), blocks, REF);
    expect(g.warnings.join()).toMatch(/quantity to value 400 was not found/);
    expect(g.confidence).toBeLessThan(0.5);
  });

  it('finds codes whatever their spacing or case, and resolves relative dates against the Date header', () => {
    expect(groundChange(change({ sku: 'hx 2210' }), blocks, REF).warnings).toEqual([]);
    const date = groundChange(change({ kind: 'delivery_date', sku: null, from: null, to: '2026-12-04', quote: 'push delivery to next Friday' }), blocks, REF);
    expect(date.warnings).toEqual([]);
    expect(date.evidence[0]!.quote).toBe('push delivery to next Friday');
  });

  it('calls a date worked out from words "derived", and one nowhere near the words missing', () => {
    const derived = groundChange(change({ kind: 'delivery_date', sku: null, from: null, to: '2026-12-18', quote: 'push delivery to next Friday' }), blocks, REF);
    expect(derived.warnings.join()).toMatch(/not written in the message; it was worked out from/);
    const missing = groundChange(change({ kind: 'delivery_date', sku: null, from: null, to: '2027-03-01', quote: 'Thanks' }), blocks, REF);
    expect(missing.warnings.join()).toMatch(/was not found/);
    expect(missing.confidence).toBeLessThan(derived.confidence);
  });

  it('accepts an address joined from the text and flags a quote the message does not contain', () => {
    const ship = groundChange(change({ kind: 'ship_to', sku: null, from: null, to: '6746 Carlisle Pike, Mechanicsburg, PA 17050', quote: 'Ship to 6746 Carlisle Pike' }), blocks, REF);
    expect(ship.warnings).toEqual([]);
    const unquoted = groundChange(change({ quote: 'please double everything' }), blocks, REF);
    expect(unquoted.warnings.join()).toMatch(/were not found in the message/);
    expect(unquoted.evidence.length).toBeGreaterThan(0); // the item code and the values are still cited
  });
});

describe('groundOrderRef', () => {
  it('prefers the body and falls back to the subject with a warning', () => {
    expect(groundOrderRef({ value: '4500012345', source: 'B1', quote: 'PO 4500012345' }, blocks).value.evidence).toHaveLength(1);
    const onlySubject = bodyBlocks(inputOf('please make it 40', { subject: 'PO 4500099999' })).blocks;
    const r = groundOrderRef({ value: '4500099999', source: 'S', quote: 'PO 4500099999' }, onlySubject);
    expect(r.warnings).toEqual(['the order reference appears only in the subject line']);
  });

  it('never passes an order number the message does not contain', () => {
    const r = groundOrderRef({ value: '4509999999', source: 'B1', quote: 'PO 4509999999' }, blocks);
    expect(r.value.confidence).toBeLessThanOrEqual(0.1);
    expect(r.warnings.join()).toMatch(/does not appear in the message/);
  });
});

describe('numbers', () => {
  it('does not take the digits of an item code or a date for a value', () => {
    const g = groundChange(change({ to: 2210 }), blocks, REF);
    expect(g.warnings.join()).toMatch(/to value 2210 was not found/);
  });
});

describe('dates written in other ways', () => {
  it('finds dotted European dates and dates in the customer\'s language', () => {
    const de = bodyBlocks(inputOf('Bitte verschieben Sie die Lieferung vom 10.12. auf den 17. Dezember.')).blocks;
    const g = groundChange(change({ kind: 'delivery_date', sku: null, from: '2026-12-10', to: '2026-12-17', quote: 'vom 10.12. auf den 17. Dezember' }), de, REF);
    expect(g.warnings).toEqual([]);
  });
});

describe('a date beside other written dates', () => {
  it('is missing, not derived, when the quote only writes other calendar dates', () => {
    const b = bodyBlocks(inputOf('Please deliver on 12/14 instead of 12/7.')).blocks;
    const g = groundChange(change({ kind: 'delivery_date', sku: null, from: null, to: '2026-12-18', quote: 'deliver on 12/14 instead of 12/7' }), b, REF);
    expect(g.warnings.join()).toMatch(/was not found/);
  });
});
