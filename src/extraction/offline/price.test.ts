import { describe, expect, it } from 'vitest';
import { findMoney, parseMoney } from './money.ts';
import { priceChanges } from './price.ts';
import { wholeText } from './spans.ts';
import { sentencesOf } from './test-support.ts';

function read(text: string) {
  const findings = sentencesOf(text).flatMap((s) => priceChanges(s).findings);
  return {
    changes: findings.map((f) => ({ sku: f.sku?.value ?? null, from: f.from, to: f.to })),
    quotes: findings.flatMap((f) => f.spans.map((s) => text.slice(s.start, s.end))),
    findings,
  };
}

describe('money', () => {
  it('parses US and European notation', () => {
    expect(['12.50', '1,234.50', '1.234,50', '12,50', '1,200'].map(parseMoney)).toEqual([12.5, 1234.5, 1234.5, 12.5, 1200]);
  });

  it('finds amounts behind a sign, before a code, or after a price word', () => {
    const text = 'was $14.00, now 12,50 EUR, unit price 11.75, call 555-1234';
    expect(findMoney(text, wholeText(text)).map((m) => [m.value, text.slice(m.start, m.end)])).toEqual([
      [14, '14.00'], [12.5, '12,50'], [11.75, '11.75'],
    ]);
  });
});

describe('priceChanges', () => {
  it('reads the new and the old price', () => {
    const { changes, quotes } = read('The price for HX-2210 should be $12.50 not $14.00.');
    expect(changes).toEqual([{ sku: 'HX-2210', from: 14, to: 12.5 }]);
    expect(quotes).toEqual(['price for HX-2210 should be $12.50 not $14.00']);
  });

  it.each([
    ['Please change the unit price of AB123 from $14.00 to $12.50.', 'AB123', 14, 12.5],
    ['We were quoted $12.50 for HX-2210 but invoiced $14.00.', 'HX-2210', 14, 12.5],
    ['The invoice charges $14.00 per unit for HX-2210 but we agreed $12.50.', 'HX-2210', 14, 12.5],
    ['The HX-2210 unit price on the PO is wrong, it should be 12.50 each.', 'HX-2210', null, 12.5],
  ])('%j', (text, sku, from, to) => {
    expect(read(text).changes).toEqual([{ sku, from, to }]);
  });

  it('reads a listed price without a change word as a restatement, not a change', () => {
    expect(read('HX-2210 unit price 12.50').changes).toEqual([]);
  });

  it('reads the role of each amount from the document it is said to be in', () => {
    expect(read('Your acknowledgement shows VLV-310-2 at $142.50 each, but the bid had them at $128.00.').changes).toEqual([{ sku: 'VLV-310-2', from: 142.5, to: 128 }]);
    expect(read('The confirmation lists AB20417 at 112.40 USD, please correct it to 98.00 USD.').changes).toEqual([{ sku: 'AB20417', from: 112.4, to: 98 }]);
    expect(read('HX-2212 should be 41.00/bx per quote Q-22904, not 44.10.').changes).toEqual([{ sku: 'HX-2212', from: 44.1, to: 41 }]);
  });

  it('keeps an old price alone (another sentence may give the new one) and drops invoice corrections', () => {
    expect(read('The acknowledgement has AB12345 at $46.20.').changes).toEqual([{ sku: 'AB12345', from: 46.2, to: null }]);
    expect(read('I just need a corrected invoice at $41.50 for the AB12345.').changes.filter((c) => c.to != null)).toEqual([]);
    expect(read('Credit the difference on AB12345 (8 pcs x $7.40 = $59.20).').changes).toEqual([]);
  });

  it('asks for the item when none is named', () => {
    expect(read('The unit price should be $12.50.').findings.map((f) => f.needsSku)).toEqual([true]);
  });

  it.each([
    ['an invoice total', 'The invoice total should be $1,400.00.'],
    ['a quantity change', 'Please change HX-2210 from 25 to 40.'],
    ['a footer amount', 'Penalties of up to $5,000 apply to unauthorised disclosure.'],
  ])('ignores %s', (_what, text) => {
    expect(read(text).changes).toEqual([]);
  });
});
