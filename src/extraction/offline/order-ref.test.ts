import { describe, expect, it } from 'vitest';
import { findOrderRefs, normaliseRef, otherDocumentNumbers } from './order-ref.ts';
import { pickOrderRef, type RefSource } from './order-ref-pick.ts';
import { wholeText } from './spans.ts';

const refs = (text: string) => findOrderRefs(text, wholeText(text)).map((r) => [r.value, r.labelled]);
const page = (text: string, documentId = 'm1:0', n: number | null = null) => ({ documentId, page: n, text });
const source = (tier: RefSource['tier'], text: string, documentId = 'm1:0'): RefSource => ({
  tier, page: tier === 'subject' ? null : page(text, documentId, tier === 'attachment' ? 1 : null), spans: [wholeText(text)], text,
});

describe('findOrderRefs', () => {
  it.each([
    ['PO 4500012345', '4500012345'],
    ['PO#: 4500012345', '4500012345'],
    ['po# 4500012345', '4500012345'],
    ['P.O. No. 88123', '88123'],
    ['purchase order 4500012345', '4500012345'],
    ['regarding our order 77-1234', '77-1234'],
    ['SO-100234', 'SO-100234'],
    ['Sales Order 100234', '100234'],
    ['order no. 55555', '55555'],
    ['Order #88123', '88123'],
    ['Bestellung 4500012345', '4500012345'],
    ['Bestellnummer: 4711-22', '4711-22'],
    ['pedido nº 12345', '12345'],
    ['orden de compra 4500012345', '4500012345'],
    ['la OC 88-2041', '88-2041'],
    ['PO is 77-1262.', '77-1262'],
    ['For MVS-PO-2026-0891:', 'MVS-PO-2026-0891'],
    ['our order #HH-20931', 'HH-20931'],
  ])('reads %j as %j, without its label', (text, value) => {
    expect(refs(text)).toEqual([[value, true]]);
  });

  it('points the span at the number', () => {
    const text = 'Re: P.O. No. 88123, thanks';
    const [r] = findOrderRefs(text, wholeText(text));
    expect(text.slice(r!.start, r!.end)).toBe('88123');
  });

  it('does not read counts, years, invoices or addresses as orders', () => {
    expect(refs('so 40 of them; order 4000 pcs; the order 2026 plan; P.O. Box 1234')).toEqual([]);
    expect(refs('invoice 12345678, phone 5551234567')).toEqual([]);
  });

  it('takes a long bare number as an unlabelled guess', () => {
    expect(refs('ref 4500012345')).toEqual([['4500012345', false]]);
  });

  it('compares refs without labels or prefixes', () => {
    expect(normaliseRef('SO-100234')).toBe(normaliseRef('100234'));
  });
});

describe('pickOrderRef', () => {
  it('prefers a labelled ref in the newest message over the PDF and the subject, with evidence from each document', () => {
    const body = 'Please update PO 4500012345 as attached.';
    const pdf = 'CHANGE NOTICE  PO Number: 4500012345  Quote 7781234';
    const { orderRef } = pickOrderRef([source('newest', body), source('attachment', pdf, 'm1:1'), source('subject', 'Re: PO 4400000001')]);
    expect(orderRef!.value).toBe('4500012345');
    expect(orderRef!.evidence.map((e) => [e.documentId, e.quote])).toEqual([['m1:0', '4500012345'], ['m1:1', '4500012345']]);
    expect(orderRef!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('prefers a labelled ref anywhere over a bare number in the newest message', () => {
    const { orderRef } = pickOrderRef([source('newest', 'ticket 88812345 please'), source('attachment', 'P.O. No. 88123', 'm1:1')]);
    expect(orderRef!.value).toBe('88123');
  });

  it('returns a subject-only ref without evidence, at lower confidence, and says so', () => {
    const { orderRef, warnings } = pickOrderRef([source('newest', 'make it 40 not 25'), source('subject', 'RE: PO# 4500012345 change')]);
    expect(orderRef).toMatchObject({ value: '4500012345', evidence: [] });
    expect(orderRef!.confidence).toBeLessThan(0.85);
    expect(warnings).toContain('the order reference appears only in the subject line');
  });

  it('uses body evidence when the subject ref also appears in quoted history', () => {
    const history = '> Your PO 4500012345 ships Dec 1.';
    const { orderRef } = pickOrderRef([source('subject', 'Re: PO 4500012345'), source('history', history)]);
    expect(orderRef!.evidence.map((e) => e.quote)).toEqual(['4500012345']);
  });

  it('returns null when no order is named', () => {
    expect(pickOrderRef([source('newest', 'make it 40 not 25')]).orderRef).toBeNull();
  });

  it('lowers confidence and warns when two different orders are named', () => {
    const { orderRef, warnings } = pickOrderRef([source('newest', 'PO 4500012345 and PO 4500099999')]);
    expect(orderRef!.value).toBe('4500012345');
    expect(orderRef!.confidence).toBeLessThan(0.9);
    expect(warnings[0]).toMatch(/several order references/);
  });

  it('reads an unlabelled order number from its context, and an item code from its own', () => {
    const pick = (body: string, subject = 'Re: changes') => pickOrderRef([source('newest', body), source('subject', subject)]).orderRef?.value ?? null;
    expect(pick('On DPC-7741, the 5 HP drives (VFD-5HP-480) are on for 12/18.')).toBe('DPC-7741');
    expect(pick('Please hold the SM-44120 order and deliver on the 10th.')).toBe('SM-44120');
    expect(pick('Could it come Dec 3rd?', 'LBC-1150 - can we get it sooner?')).toBe('LBC-1150');
    expect(pick('we won\'t need the 40 mm cylinders (PN55012) anymore', 'PN55012 cylinders no longer needed')).toBeNull();
    expect(pick('send the HX-2212 instead of the HX-2210', 'HX-2210 on 4500012345')).toBe('4500012345');
  });

  it('prefers the customer\'s PO to the distributor\'s sales order, which it takes when alone', () => {
    const both = pickOrderRef([source('newest', 'I got two notices (SO-100327 and SO-100333) for BWA-2026-0433.'), source('subject', 'RE: Ship notice BWA-2026-0433')]);
    expect(both.orderRef!.value).toBe('BWA-2026-0433');
    expect(pickOrderRef([source('newest', 'On your sales order SO-100239, please reduce the wire.')]).orderRef!.value).toBe('SO-100239');
  });

  it('never takes an invoice, quote, ticket or agreement number, and keeps them from being read as items', () => {
    const picked = pickOrderRef([source('newest', 'Invoice 9100560 is paid; per quote Q-23051 and agreement CPA-2026-14. Ticket: CS-48213'), source('subject', 'Discount on 9100560')]);
    expect(picked.orderRef).toBeNull();
    expect([...picked.notItems].sort()).toEqual(['CPA202614', 'CS48213', 'Q23051', '9100560'].sort());
  });
});

describe('otherDocumentNumbers', () => {
  it('finds numbers behind labels of other documents', () => {
    const text = 'RFQ 26-114, invoice #9100518, our PO 4500012345';
    expect(otherDocumentNumbers(text, wholeText(text)).map((d) => d.value)).toEqual(['26-114', '9100518']);
  });
});
