import { describe, expect, it } from 'vitest';
import { cancellations } from './cancel.ts';
import { sentencesOf } from './test-support.ts';

function read(text: string) {
  const outputs = sentencesOf(text).map((s) => cancellations(s));
  const findings = outputs.flatMap((o) => o.findings);
  return {
    changes: findings.map((f) => ({ kind: f.kind, sku: f.sku?.value ?? null, needsSku: f.needsSku })),
    quotes: findings.flatMap((f) => f.spans.map((s) => text.slice(s.start, s.end))),
    findings,
    warnings: outputs.flatMap((o) => o.warnings),
  };
}

describe('cancellations', () => {
  it.each([
    ['Please cancel line HX-2210.', 'HX-2210', 'cancel line HX-2210'],
    ['Remove AB123 from the order.', 'AB123', 'Remove AB123'],
    ['We no longer need the 10-4471-02.', '10-4471-02', 'no longer need the 10-4471-02'],
  ])('reads a line cancellation in %j', (text, sku, quote) => {
    const { changes, quotes } = read(text);
    expect(changes).toEqual([{ kind: 'cancel_line', sku, needsSku: false }]);
    expect(quotes).toEqual([quote]);
  });

  it.each([
    ['Please cancel PO 4500012345 entirely.', 'cancel PO 4500012345 entirely'],
    ['Please cancel the whole order.', 'cancel'],
    ['Consider our purchase order cancelled.', 'cancel'],
  ])('reads an order cancellation in %j', (text, quoteStart) => {
    const { changes, quotes } = read(text);
    expect(changes).toEqual([{ kind: 'cancel_order', sku: null, needsSku: false }]);
    expect(quotes[0]!.startsWith(quoteStart) || quotes[0]!.includes(quoteStart)).toBe(true);
  });

  it('asks for the item when the line is not named', () => {
    expect(read('Please cancel that line.').changes).toEqual([{ kind: 'cancel_line', sku: null, needsSku: true }]);
  });

  it('warns instead of guessing when a line is named by its number', () => {
    const { changes, warnings } = read('Please cancel line 2.');
    expect(changes).toEqual([]);
    expect(warnings[0]).toMatch(/line number/);
  });

  it('warns about a partial cancellation instead of cancelling the line', () => {
    const { changes, warnings } = read('Please cancel 10 pcs of HX-2210.');
    expect(changes).toEqual([]);
    expect(warnings[0]).toMatch(/partial cancellation/);
  });

  it('cancels only the items in its own clause', () => {
    expect(read('Also cancel line AB123, and the price for HX-2210 should be $12.50.').changes.map((c) => c.sku)).toEqual(['AB123']);
    expect(read('Please cancel HX-2210, AB123 and VLV-200-3/4.').changes.map((c) => c.sku)).toEqual(['HX-2210', 'AB123', 'VLV-200-3/4']);
  });

  it('lowers confidence for a conditional cancellation', () => {
    const { findings } = read('If you cannot deliver by Friday, cancel the order.');
    expect(findings[0]!.kind).toBe('cancel_order');
    expect(findings[0]!.confidence).toBeLessThan(0.5);
  });

  it.each([
    ["Please don't cancel the order, just reduce HX-2210 to 10."],
    ['Remove the old address from our account.'],
    ['We drop-ship HX-2210 to our customer.'],
    ['Our cancellation policy is attached.'],
  ])('ignores %j', (text) => {
    expect(read(text).changes).toEqual([]);
  });
});
