import { describe, expect, it } from 'vitest';
import { findItemCodes } from './item-codes.ts';
import { findNumbers } from './numbers.ts';
import { wholeText } from './spans.ts';
import { sentencesOf } from './test-support.ts';

const codes = (text: string) => findItemCodes(text, wholeText(text)).map((c) => c.value);

describe('findItemCodes', () => {
  it('reads the usual shapes, as written', () => {
    expect(codes('HX-2210, AB12345 and VLV-200-3/4.')).toEqual(['HX-2210', 'AB12345', 'VLV-200-3/4']);
    expect(codes('10-4471-02 and AB123')).toEqual(['10-4471-02', 'AB123']);
  });

  it('takes a bare number as an item only behind a part label, without the label', () => {
    expect(codes('PN 55012')).toEqual(['55012']);
    expect(codes('Part No. 55012, SKU: 88-1234, P/N 7781')).toEqual(['55012', '88-1234', '7781']);
    expect(codes('we need 55012 of them')).toEqual([]);
  });

  it('points at the code itself', () => {
    const text = 'please cancel PN 55012 now';
    const [c] = findItemCodes(text, wholeText(text));
    expect(text.slice(c!.start, c!.end)).toBe('55012');
  });

  it('does not take quantities, dates, prices, phones or order numbers for items', () => {
    expect(codes('make it 40 not 25, 40PCS, 12 units')).toEqual([]);
    expect(codes('deliver 2026-12-04 or 12-04-2026 or 12/04/2026')).toEqual([]);
    expect(codes('price $12.50, was 14.00 EUR')).toEqual([]);
    expect(codes('call 555-123-4567 or 555-1234')).toEqual([]);
    expect(codes('PO-4500012345, SO-100234, INV-22871, RMA-5512')).toEqual([]);
    expect(codes('at 10AM, the 2ND, ISO9001, COVID-19, Q4')).toEqual([]);
  });
});

describe('numbers left for quantities', () => {
  const quantities = (text: string) => sentencesOf(text).flatMap((s) => s.quantities.map((q) => q.value));

  it('reads digits, thousands and small numbers in words', () => {
    const text = 'make it forty not twenty-five, then 1,200, a dozen and two hundred';
    expect(findNumbers(text, wholeText(text)).map((n) => n.value)).toEqual([40, 25, 1200, 12, 200]);
  });

  it('leaves "one" alone when it is a pronoun', () => {
    const text = 'no one wants one of the pallets; send one box';
    expect(findNumbers(text, wholeText(text)).map((n) => n.value)).toEqual([1]);
  });

  it('keeps item codes, order refs, dates, prices, phones, times and durations out of the quantities', () => {
    expect(quantities('Change HX-2210 to 40 on PO 4500012345.')).toEqual([40]);
    expect(quantities('Deliver Dec 4 at 10:30 or 3 pm, within 5 days.')).toEqual([]);
    expect(quantities('Price $12.50, 10% off, call +1 555 123 4567.')).toEqual([]);
    expect(quantities('Ship to 40 Main Street, Springfield, IL 62704, dock 3.')).toEqual([]);
    expect(quantities('Cancel line 2 of 10-4471-02.')).toEqual([]);
  });
});
