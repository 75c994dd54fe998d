import { describe, expect, it } from 'vitest';
import { substitutions } from './substitution.ts';
import { sentencesOf } from './test-support.ts';

const read = (text: string) => sentencesOf(text).flatMap((s) => substitutions(s).findings.map((f) => ({ sku: f.sku?.value, to: f.to, conditional: f.warnings.length > 0 })));

describe('substitutions', () => {
  it.each([
    ['Send the MC4-PAIR-12 in place of the MC4-PAIR-10 that are out of stock.', 'MC4-PAIR-10', 'MC4-PAIR-12'],
    ['Please put VLV-200LF-1 on the order in place of the VLV-200-1.', 'VLV-200-1', 'VLV-200LF-1'],
    ['Please replace P/N 77-2040-11 with P/N 77-2040-12.', '77-2040-11', '77-2040-12'],
    ['Please have Midland change BRG-6204-2RS to BRG-6204-2RS-FG.', 'BRG-6204-2RS', 'BRG-6204-2RS-FG'],
    ['Please substitute HX-2212 for HX-2210.', 'HX-2210', 'HX-2212'],
    ['Instead of the HX-2210, send HX-2212.', 'HX-2210', 'HX-2212'],
    ['Bitte liefern Sie statt 10-4471-02 den Artikel 10-4471-03.', '10-4471-02', '10-4471-03'],
    ['Favor de cambiar el VLV-200-1 por el VLV-200LF-1.', 'VLV-200-1', 'VLV-200LF-1'],
  ])('%j', (text, sku, to) => {
    expect(read(text)).toEqual([{ sku, to, conditional: false }]);
  });

  it('reads a conditional substitution and says so', () => {
    expect(read("If you're short on the HX-2210 go ahead and send the HX-2212 instead.")).toEqual([{ sku: 'HX-2210', to: 'HX-2212', conditional: true }]);
  });

  it('ignores a refusal and a sentence naming one item', () => {
    expect(read('Please do not substitute HX-2212 for HX-2210.')).toEqual([]);
    expect(read('Please replace the damaged HX-2210.')).toEqual([]);
  });
});
