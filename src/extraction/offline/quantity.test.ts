import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.ts';
import { quantityChanges } from './quantity.ts';
import { sentencesOf } from './test-support.ts';
import type { Tier } from './spans.ts';

function read(text: string, tier: Tier = 'newest') {
  const sentences = sentencesOf(text, tier);
  const outputs = sentences.map((s) => quantityChanges(s, sentences));
  const findings = outputs.flatMap((o) => o.findings);
  for (const f of findings) for (const sp of f.spans) expect(sp.end).toBeGreaterThan(sp.start);
  return { findings, warnings: outputs.flatMap((o) => o.warnings), text };
}

const simple = (f: Finding) => ({ sku: f.sku?.value ?? null, from: f.from, to: f.to });
const quotes = (f: Finding, text: string) => f.spans.map((s) => text.slice(s.start, s.end));

describe('quantityChanges', () => {
  it.each([
    ['change HX-2210 from 25 to 40', 'HX-2210', 25, 40, 'change HX-2210 from 25 to 40'],
    ['Please increase qty of HX-2210 to 40.', 'HX-2210', null, 40, 'increase qty of HX-2210 to 40'],
    ['HX-2210: 25 -> 40 pcs', 'HX-2210', 25, 40, 'HX-2210: 25 -> 40'],
    ['HX-2210 25 → 40', 'HX-2210', 25, 40, 'HX-2210 25 → 40'],
    ['please reduce AB123 to 10 units', 'AB123', null, 10, 'reduce AB123 to 10'],
    ['we need 40 instead of 25 of HX-2210', 'HX-2210', 25, 40, 'need 40 instead of 25 of HX-2210'],
    ['Please make HX-2210 forty instead of twenty-five.', 'HX-2210', 25, 40, 'make HX-2210 forty instead of twenty-five'],
    ['We ordered 25 of HX-2210 but only need 15.', 'HX-2210', 25, 15, 'ordered 25 of HX-2210 but only need 15'],
    ['Instead of 25, please send 40 of HX-2210.', 'HX-2210', 25, 40, 'Instead of 25, please send 40 of HX-2210'],
    ['The 25 pcs of HX-2210 should be 40 pcs.', 'HX-2210', 25, 40, '25 pcs of HX-2210 should be 40'],
    ['Can we get 60 of the 10-4471-02 instead of 50?', '10-4471-02', 50, 60, '60 of the 10-4471-02 instead of 50'],
    ['Bitte ändern Sie die Menge für HX-2210 auf 40 Stück.', 'HX-2210', null, 40, 'Menge für HX-2210 auf 40'],
    ['Quantity for PN 55012 should be 1,200 (currently 1,000).', '55012', 1000, 1200, 'Quantity for PN 55012 should be 1,200 (currently 1,000'],
  ])('%j', (text, sku, from, to, quote) => {
    const { findings } = read(text);
    expect(findings.map(simple)).toEqual([{ sku, from, to }]);
    expect(quotes(findings[0]!, text)).toEqual([quote]);
    expect(findings[0]!.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('reads "make it 40 not 25" without an item and asks for one', () => {
    const { findings } = read('Make it 40 not 25.');
    expect(findings.map((f) => ({ ...simple(f), needsSku: f.needsSku }))).toEqual([{ sku: null, from: 25, to: 40, needsSku: true }]);
  });

  it('splits a sentence that changes several items', () => {
    const { findings } = read('Please change HX-2210 to 40, AB123 to 10 and VLV-200-3/4 from 6 to 5.');
    expect(findings.map(simple)).toEqual([
      { sku: 'HX-2210', from: null, to: 40 },
      { sku: 'AB123', from: null, to: 10 },
      { sku: 'VLV-200-3/4', from: 6, to: 5 },
    ]);
  });

  it('lends an intro line\'s cue to the item lines below it, at lower confidence', () => {
    const { findings } = read('Please update the quantities as follows:\nHX-2210: 40\nAB123 - 12 pcs');
    expect(findings.map(simple)).toEqual([{ sku: 'HX-2210', from: null, to: 40 }, { sku: 'AB123', from: null, to: 12 }]);
    expect(findings.every((f) => f.confidence < 0.85)).toBe(true);
  });

  it('joins a hard-wrapped request', () => {
    const { findings } = read('Could you change the HX-2210 line from 25\nto 40 please');
    expect(findings.map(simple)).toEqual([{ sku: 'HX-2210', from: 25, to: 40 }]);
  });

  it('warns about a relative change instead of guessing the new quantity', () => {
    const { findings, warnings } = read('Please increase HX-2210 by 10 units.');
    expect(findings).toEqual([]);
    expect(warnings[0]).toMatch(/relative quantity change/);
  });

  it.each([
    ['a phone number', 'To change anything call me at 555-123-4567 or +1 (555) 123-4567.'],
    ['a date', 'Please change the delivery to Dec 4.'],
    ['an address', 'Please change the ship-to to 40 Main Street.'],
    ['a price', 'The price for HX-2210 should be $12.50 not $14.00.'],
    ['a negation', "Please don't change the qty of HX-2210 to 40."],
    ['an enquiry', 'Can you confirm qty 40 for HX-2210 shipped?'],
    ['a plain order line', 'HX-2210 40 pcs'],
    ['a duration', 'We need 2 weeks more for HX-2210.'],
    ['a percentage', 'Please reduce the HX-2210 price by 10%.'],
  ])('is not fooled by %s', (_what, text) => {
    expect(read(text).findings).toEqual([]);
  });

  it('reads a PDF page only with a stronger cue than "qty"', () => {
    expect(read('Qty: 25  HX-2210', 'attachment').findings).toEqual([]);
    expect(read('Please change HX-2210 from 25 to 40.', 'attachment').findings.map(simple)).toEqual([{ sku: 'HX-2210', from: 25, to: 40 }]);
  });
});
