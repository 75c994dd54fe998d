import { describe, expect, it } from 'vitest';
import { inputOf, pdfDoc } from '../offline/test-support.ts';
import { attachmentChunks } from './input-blocks.ts';
import { missingPagesWarning, tableRowCodes, unreadRowsWarning } from './truncation.ts';

const page = [
  'PURCHASE ORDER - REVISION 1',
  'PO Number: HP-77158 Revision: 1 Revision date: 11/12/2026',
  'Line Item Description Old Qty New Qty Unit Price',
  '1 KX-5510-B Conveyor belt lacing kit 12 12 64.50',
  '2 BRG-6205-2RS Ball bearing 40 60 7.85',
  '3 HX-3108 Hex nut 10 6 14.75',
  '4 TAPE-33-BLK Vinyl tape 48 48 6.95',
  'Phone (404) 555-0170',
].join('\n');
const blocks = attachmentChunks(inputOf('see attached', { pdfs: [[page]] }), 10_000)[0]!.blocks;
const answer = (rows: string[], skus: string[] = []) => ({
  orderRef: null,
  lineItemRows: rows,
  changes: skus.map((sku) => ({ kind: 'quantity' as const, sku, from: 1, to: 2, source: 'P1', quote: '', confidence: 0.9 })),
});

describe('table rows', () => {
  it('finds the item rows, not the PO number or the phone', () => {
    expect(tableRowCodes(blocks)).toEqual(['KX-5510-B', 'BRG-6205-2RS', 'HX-3108', 'TAPE-33-BLK']);
  });

  it('flags a list that leaves rows out, and is quiet when every row is accounted for', () => {
    expect(unreadRowsWarning(answer(['KX-5510-B'], ['BRG-6205-2RS']), blocks)).toMatch(/did not account for 2 of the 4 line-item rows .*HX3108, TAPE33BLK.*may be truncated/);
    expect(unreadRowsWarning(answer(['kx 5510 b', 'TAPE-33-BLK'], ['BRG-6205-2RS', 'HX-3108']), blocks)).toBeNull();
  });

  it('flags a document that prints more pages than it has', () => {
    expect(missingPagesWarning(pdfDoc(['Page 1 of 3', 'Page 2 of 3']))).toMatch(/says "page 1 of 3" but has 2 page/);
    expect(missingPagesWarning(pdfDoc(['Page 1 of 1']))).toBeNull();
  });
});
