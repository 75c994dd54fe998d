import { describe, expect, it } from 'vitest';
import { shippingMethodChanges } from './shipping-method.ts';
import { sentencesOf } from './test-support.ts';

const read = (text: string) => sentencesOf(text).flatMap((s) => shippingMethodChanges(s).findings.map((f) => ({ from: f.from, to: f.to })));

describe('shippingMethodChanges', () => {
  it.each([
    ['Please send PO 4500012471 UPS Next Day Air instead of UPS Ground.', 'UPS Ground', 'UPS Next Day Air'],
    ['Per our routing guide, please ship PO HP-77120 via FedEx Freight\nPriority rather than Estes LTL.', 'Estes LTL', 'FedEx Freight Priority'],
    ['Switch it from UPS 2nd Day Air to plain UPS Ground.', 'UPS 2nd Day Air', 'UPS Ground'],
    ['Need it Wednesday - please ship it UPS Next Day Air and bill the freight to us.', null, 'UPS Next Day Air'],
    ['We will send our truck, please set the order up for customer pickup.', null, 'customer pickup'],
  ])('%j', (text, from, to) => {
    expect(read(text)).toEqual([{ from, to }]);
  });

  it.each([
    ['a shipment that already went', 'It shipped UPS Ground yesterday, right?'],
    ['a carrier as the subject', 'Can you send a call tag so UPS can pick them up?'],
    ['a carrier account', 'Please bill to our FedEx account as usual.'],
    ['tracking', 'Please send the UPS tracking number.'],
  ])('ignores %s', (_what, text) => {
    expect(read(text)).toEqual([]);
  });
});
