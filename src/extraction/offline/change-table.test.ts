import { describe, expect, it } from 'vitest';
import { tableChanges, type TablePage } from './change-table.ts';
import type { Finding } from './finding.ts';
import { REF } from './test-support.ts';

const simple = (f: Finding) => ({ kind: f.kind, sku: f.sku?.value ?? null, from: f.from, to: f.to });
const pdf = (...texts: string[]): TablePage[] => texts.map((text, i) => ({ page: { documentId: 'd', page: i + 1, text }, tier: 'attachment' }));
const read = (...texts: string[]) => tableChanges(pdf(...texts), REF);

describe('tableChanges', () => {
  const notice = [
    'CHANGE NOTICE          P.O. No. 88123',
    'Line  Item  Description  Old Qty  New Qty  UOM  Unit Price',
    '1  HX-2210  Hex bolt M8 x 40mm  25  40  EA  1.20',
    '2  AB12345  Washer 8mm  100  100  EA  0.05',
    '3  VLV-200-3/4  Ball valve 3/4 in  10  6  EA  14.00',
    'Total  1,234.00',
  ].join('\n');

  it('emits one change per row whose quantity changed, quoting the row', () => {
    const { findings, warnings } = read(notice);
    expect(findings.map(simple)).toEqual([
      { kind: 'quantity', sku: 'HX-2210', from: 25, to: 40 },
      { kind: 'quantity', sku: 'VLV-200-3/4', from: 10, to: 6 },
    ]);
    const [first] = findings;
    expect(notice.slice(first!.spans[0]!.start, first!.spans[0]!.end)).toBe('1  HX-2210  Hex bolt M8 x 40mm  25  40  EA  1.20');
    expect(warnings).toEqual([]);
  });

  it('reads tab-separated cells and rows continuing on the next page', () => {
    const p1 = 'Pos\tMaterial\tQty (old)\tQty (new)\tDelivery Date\n10\t10-4471-02\t5\t8\tDec 4, 2026';
    const p2 = '20\tPN 55012\t1,000\t1,200\t2026-12-04\nPage 2 of 2';
    const { findings } = read(p1, p2);
    expect(findings.map(simple)).toEqual([
      { kind: 'quantity', sku: '10-4471-02', from: 5, to: 8 },
      { kind: 'quantity', sku: '55012', from: 1000, to: 1200 },
    ]);
    expect(findings[1]!.page.page).toBe(2);
  });

  it('joins a row that wraps over several lines, drops change markers and reads a new line', () => {
    const text = [
      'PURCHASE ORDER - REVISION 1',
      'Line Item Description Old Qty New Qty Unit Price Ext. Price',
      '1 BRG-6205-2RS Ball bearing 6205-2RS, 25 x 52 x',
      '15 mm',
      '40 60 * 7.85 471.00',
      '2 10-5520-01 Thermal overload relay 23-32A (added) - 6 * 54.25 325.50',
      'Total: USD 796.50',
    ].join('\n');
    expect(read(text).findings.map(simple)).toEqual([
      { kind: 'quantity', sku: 'BRG-6205-2RS', from: 40, to: 60 },
      { kind: 'add_line', sku: '10-5520-01', from: null, to: 6 },
    ]);
  });

  it('reads old and new price columns', () => {
    const text = 'Ln Item Description Qty Old Price New Price Amount\n2 SS-BV-050-316 1/2 in ball valve, 3-pc 20 48.60 44.90 * 898.00';
    expect(read(text).findings.map(simple)).toEqual([{ kind: 'price', sku: 'SS-BV-050-316', from: 48.6, to: 44.9 }]);
  });

  it('reads a changed-field notice: an item replaced, a date moved (day first when dotted)', () => {
    const text = [
      'Line Item Changed field Old value New value',
      '3 CBL-12/3-SOOW-250 Item CBL-12/3-SOOW-250 Portable',
      'cord 250 ft',
      'CBL-12/3-SJOOW-250 Portable cord 250 ft',
      '4 HX-2210 Delivery date 11.12.2026 15.01.2027',
    ].join('\n');
    expect(read(text).findings.map(simple)).toEqual([
      { kind: 'substitution', sku: 'CBL-12/3-SOOW-250', from: null, to: 'CBL-12/3-SJOOW-250' },
      { kind: 'delivery_date', sku: 'HX-2210', from: '2026-12-11', to: '2027-01-15' },
    ]);
  });

  it('reads an HTML table flattened to "|"-separated rows in the body', () => {
    const text = 'Please update:\nItem | Description | Current Qty | Revised Qty\nHX-2210 | Hex bolt | 25 | 20\nAB12345 | Washer | 100 | 100';
    const pages: TablePage[] = [{ page: { documentId: 'm:0', page: null, text }, tier: 'newest' }];
    expect(tableChanges(pages, REF).findings.map(simple)).toEqual([{ kind: 'quantity', sku: 'HX-2210', from: 25, to: 20 }]);
  });

  it('in a revision, reads the quantity of marked rows only, at low confidence', () => {
    const text = 'REVISED PURCHASE ORDER\nLine Item Description Qty Unit Price\n1 HX-2210 Hex bolt 40 1.20\n2 AB12345 Washer R 120 0.05';
    const { findings } = read(text);
    expect(findings.map(simple)).toEqual([{ kind: 'quantity', sku: 'AB12345', from: null, to: 120 }]);
    expect(findings[0]!.confidence).toBeLessThan(0.7);
  });

  it('flags rows it cannot read and a line list that may be truncated', () => {
    const { findings, warnings } = read('Page 1 of 3\nItem  Old Qty  New Qty\nHX-2210  twenty  40');
    expect(findings).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/may be truncated/);
  });

  it('ignores a table with a single quantity column outside a revision', () => {
    expect(read('Item  Description  Qty  Price\nHX-2210  Hex bolt  40  1.20').findings).toEqual([]);
  });
});

describe('tableChanges on flattened HTML tables', () => {
  const body = (text: string): TablePage[] => [{ page: { documentId: 'b', page: null, text }, tier: 'newest' }];
  const readBody = (text: string) => tableChanges(body(text), REF).findings.map(simple);

  it('finds the item in its own column, after a line-number column of any name', () => {
    const text = 'Please update PO 7781:\n\nOrder line | Part | Description | Ordered qty | Revised qty\n1 | KX-900-B | Filter cartridge | 12 | 9\n2 | KX-910-C | Gasket | 4 | 4';
    expect(readBody(text)).toEqual([{ kind: 'quantity', sku: 'KX-900-B', from: 12, to: 9 }]);
  });

  it('reads money cells with currency signs and apostrophe thousands', () => {
    const text = 'Item | Current price | Corrected price\nRT-55 | CHF 1\'320.00 | CHF 1\'250.00\nRT-56 | $14.90 | $13.75';
    expect(readBody(text)).toEqual([
      { kind: 'price', sku: 'RT-55', from: 1320, to: 1250 },
      { kind: 'price', sku: 'RT-56', from: 14.9, to: 13.75 },
    ]);
  });

  it('keeps an empty cell in place, so a blank old quantity is a new line', () => {
    const text = 'Item | Old qty | New qty\nQW-11 |  | 5';
    expect(readBody(text)).toEqual([{ kind: 'add_line', sku: 'QW-11', from: null, to: 5 }]);
  });

  it('reads a replace/with table as substitutions', () => {
    const text = 'Swap these please:\nOriginal part | Substitute | Qty\nMM-4410 | MM-4410-SS | 3';
    expect(readBody(text)).toEqual([{ kind: 'substitution', sku: 'MM-4410', from: null, to: 'MM-4410-SS' }]);
  });

  it('reads a plain item list as new lines only when the text before it asks to add them', () => {
    const table = 'Item | Description | Qty\nZP-100 | Zip ties, 100 pk | 6\nZP-200 | Zip ties, 200 pk | 2';
    expect(readBody(`Can you also add the following to our order?\n${table}`)).toEqual([
      { kind: 'add_line', sku: 'ZP-100', from: null, to: 6 },
      { kind: 'add_line', sku: 'ZP-200', from: null, to: 2 },
    ]);
    expect(readBody(`Could you quote the following?\n${table}`)).toEqual([]);
    expect(readBody(`Here is what we ordered last month:\n${table}`)).toEqual([]);
  });
});
