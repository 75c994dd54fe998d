import { describe, expect, it } from 'vitest';
import { addLines } from './add-line.ts';
import { sentencesOf } from './test-support.ts';

const read = (text: string) => {
  const out = sentencesOf(text).map((s) => addLines(s));
  return { lines: out.flatMap((o) => o.findings.map((f) => [f.sku?.value, f.to])), warnings: out.flatMap((o) => o.warnings) };
};

describe('addLines', () => {
  it.each([
    ['Please add SKU 778812 (LED lamps, case of 24) qty 12 cases to our order.', '778812', 12],
    ['Maria can you add 2 reels of the 12/3 SOOW (CBL-12/3-SOOW-250) to our order.', 'CBL-12/3-SOOW-250', 2],
    ['- add a new line: 4 x 10-5520-02 (overload relay 30-40A)', '10-5520-02', 4],
    ['Could you also include 2 boxes of GLV-N8-M?', 'GLV-N8-M', 2],
  ])('%j', (text, sku, to) => {
    expect(read(text).lines).toEqual([[sku, to]]);
  });

  it('warns instead of guessing when the item is only increased by an amount', () => {
    const { lines, warnings } = read('Can you add 10 more HX-2210?');
    expect(lines).toEqual([]);
    expect(warnings[0]).toMatch(/increased by an amount/);
  });

  it('ignores a quote request', () => {
    expect(read('Please add pricing for 50 HX-2212 to your quote.').lines).toEqual([]);
  });
});
