import { describe, expect, it } from 'vitest';
import { splitShipments } from './split-shipment.ts';
import { sentencesOf } from './test-support.ts';

const read = (text: string) => sentencesOf(text).flatMap((s) => splitShipments(s).findings.map((f) => [f.kind, f.sku, text.slice(f.spans[0]!.start, f.spans[0]!.end)]));

describe('splitShipments', () => {
  it.each([
    ['Go ahead and ship what you have now and backorder the rest.', 'ship what you have'],
    ["We don't need PO HP-77134 to ship complete after all.", "don't need PO HP-77134 to ship complete"],
    ['Partial shipments are fine.', 'Partial shipments are fine'],
    ['Can you deliver half now and the rest next week?', 'half now and the rest'],
    ['Bitte Teillieferungen, wenn nötig.', 'Teillieferungen'],
  ])('%j', (text, quote) => {
    expect(read(text)).toEqual([['split_shipment', null, quote]]);
  });

  it('ignores a refusal of partial shipments', () => {
    expect(read('No partials please, the order must ship complete.')).toEqual([]);
  });
});
