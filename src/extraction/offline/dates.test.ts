import { describe, expect, it } from 'vitest';
import { dateReference, type DateReference } from './date-mentions.ts';
import { deliveryDateChanges } from './dates.ts';
import type { Tier } from './spans.ts';
import { REF, sentencesOf } from './test-support.ts';

function read(text: string, ref: DateReference = REF, tier: Tier = 'newest') {
  const sentences = sentencesOf(text, tier, ref);
  const outputs = sentences.map((s) => deliveryDateChanges(s, ref, sentences));
  const findings = outputs.flatMap((o) => o.findings);
  return {
    changes: findings.map((f) => ({ sku: f.sku?.value ?? null, from: f.from, to: f.to })),
    quotes: findings.flatMap((f) => f.spans.map((s) => text.slice(s.start, s.end))),
    findings,
    warnings: outputs.flatMap((o) => o.warnings),
  };
}

describe('deliveryDateChanges (sent Friday 2026-11-27)', () => {
  it.each([
    ['Please push delivery to the 12th.', null, '2026-12-12', 'push delivery to the 12th'],
    ['Can you deliver on Dec 4 instead?', null, '2026-12-04', 'deliver on Dec 4'],
    ['New delivery date: 2026-12-04', null, '2026-12-04', 'New delivery date: 2026-12-04'],
    ['Please move it to next Friday.', null, '2026-12-04', 'move it to next Friday'],
    ['Ship by 12/04/2026 please', null, '2026-12-04', 'Ship by 12/04/2026'],
    ['We need it by Tuesday.', null, '2026-12-01', 'need it by Tuesday'],
    ['Please deliver in 2 weeks.', null, '2026-12-11', 'deliver in 2 weeks'],
    ['Please ship HX-2210 on Jan 5.', 'HX-2210', '2027-01-05', 'ship HX-2210 on Jan 5'],
  ])('%j', (text, sku, to, quote) => {
    const { changes, quotes } = read(text);
    expect(changes).toEqual([{ sku, from: null, to }]);
    expect(quotes).toEqual([quote]);
  });

  it('reads the old date when stated', () => {
    expect(read('Please move delivery from Dec 1 to Dec 4.').changes).toEqual([{ sku: null, from: '2026-12-01', to: '2026-12-04' }]);
    expect(read('Deliver on Dec 4 instead of Nov 30.').changes).toEqual([{ sku: null, from: '2026-11-30', to: '2026-12-04' }]);
    expect(read('The delivery scheduled for Dec 1 needs to move to Dec 8.').changes).toEqual([{ sku: null, from: '2026-12-01', to: '2026-12-08' }]);
  });

  it('keeps the sku null unless the clause names an item', () => {
    expect(read('Please change HX-2210 from 25 to 40 and push delivery to the 12th.').changes).toEqual([{ sku: null, from: null, to: '2026-12-12' }]);
    expect(read('Please ship HX-2210 and AB123 on Dec 4.').changes.map((c) => c.sku)).toEqual(['HX-2210', 'AB123']);
  });

  it('resolves weekdays in the sender\'s time zone', () => {
    // 01:30 on Saturday in Tokyo is still Friday in UTC: "tomorrow" is Sunday for the sender.
    const tokyo = dateReference('2026-11-28T01:30:00+09:00');
    expect(read('Please deliver tomorrow.', tokyo).changes[0]!.to).toBe('2026-11-29');
    expect(read('Move it to next Friday.', tokyo).changes[0]!.to).toBe('2026-12-04');
  });

  it('falls back to the clock without a Date header, at lower confidence, and says so', () => {
    const noHeader = dateReference(null, () => new Date('2026-11-27T12:00:00Z'));
    const { findings } = read('Move it to next Friday.', noHeader);
    expect(findings[0]!.to).toBe('2026-12-04');
    expect(findings[0]!.confidence).toBeLessThan(0.6);
    expect(findings[0]!.warnings[0]).toMatch(/no Date header/);
    expect(read('Move it to next Friday.').findings[0]!.confidence).toBeGreaterThan(0.7);
  });

  it('flags a numeric date whose day/month order is ambiguous, preferring the reading that lies ahead', () => {
    const us = read('Ship by 12/04/2026.').findings[0]!;
    expect(us.to).toBe('2026-12-04');
    expect(us.warnings[0]).toMatch(/day\/month/);
    expect(us.confidence).toBeLessThan(0.8);
    expect(read('Ship by 04/12/2026.').findings[0]!.to).toBe('2026-12-04');
    expect(read('Ship by 2026-12-04.').findings[0]!.warnings).toEqual([]);
  });

  it.each([
    ['a date with no delivery word', 'As discussed on Nov 20, please reduce HX-2210 to 10.'],
    ['a past delivery', 'We received the delivery on Nov 20.'],
    ['a shift relative to an unknown date', 'Please push it back two weeks.'],
    ['a time of day', 'Delivery at 10 is fine.'],
    ['a negation', "Please don't move the delivery to Dec 4."],
    ['a fraction inside an item code', 'Ship VLV-200-3/4 quickly.'],
    ['a status question and the date it was due', 'When will PO 4500012345 ship? It was due Dec 1.'],
  ])('ignores %s', (_what, text) => {
    expect(read(text).changes).toEqual([]);
  });

  it('warns about a shift relative to a date the message does not state', () => {
    const { changes, warnings } = read('We need to push the delivery by one week.');
    expect(changes).toEqual([]);
    expect(warnings[0]).toMatch(/shift relative/);
  });

  it('does not extract a requested date that lies before the message', () => {
    const { changes, warnings } = read('Please deliver on 2026-11-01.');
    expect(changes).toEqual([]);
    expect(warnings[0]).toMatch(/before the message was sent/);
  });

  it('needs a change word on a PDF page, which prints delivery dates on every order', () => {
    expect(read('Delivery date: 2026-12-04', REF, 'attachment').changes).toEqual([]);
    expect(read('Revised delivery date: 2026-12-04', REF, 'attachment').changes).toEqual([{ sku: null, from: null, to: '2026-12-04' }]);
  });
});
