import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { parseAmount, parseDate, parseHistoryCsv } from './read-history.ts';
import { historyMappingSchema } from './schema.ts';

const mapping = historyMappingSchema.parse({
  name: 'tiny',
  columns: { customer: 'Customer', invoiceDate: 'Date', amount: 'Amount', disputed: 'Disputed', invoiceId: 'Invoice' },
  dateFormat: 'M/D/YYYY',
  extras: [{ column: 'Region', name: 'region', type: 'categorical' }],
});

describe('parseHistoryCsv', () => {
  it('reads quoted fields, a BOM and CRLF line ends into records', () => {
    const csv = '\uFEFFCustomer,Date,Amount,Disputed,Invoice,Region\r\n"Acme, Inc.",1/31/2013,"$1,234.50",Yes,I-1,EU\r\nBeta,12/1/2012,80,no,I-2,\r\n';
    expect(parseHistoryCsv(csv, mapping)).toEqual([
      { customerId: 'Acme, Inc.', date: '2013-01-31', amount: 1234.5, disputed: true, invoiceId: 'I-1', extras: { region: 'EU' } },
      { customerId: 'Beta', date: '2012-12-01', amount: 80, disputed: false, invoiceId: 'I-2', extras: { region: null } },
    ]);
  });

  it('names the missing columns and the header it found', () => {
    expect(() => parseHistoryCsv('Customer,Date,Amount\nA,1/1/2013,5\n', mapping, 'x.csv')).toThrow(/x\.csv: column\(s\) 'Disputed', 'Invoice', 'Region' named in the mapping are not in the header \(found: Customer, Date, Amount\)/);
  });

  it('reports every bad row with its number, invoice and value in one error', () => {
    const csv = 'Customer,Date,Amount,Disputed,Invoice,Region\nA,2/30/2013,5,Yes,I-1,EU\nB,1/2/2013,abc,Maybe,I-2,EU\n,1/3/2013,5,No,I-3,EU\n';
    try {
      parseHistoryCsv(csv, mapping);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.kind).toBe('unprocessable');
      expect(err.details).toEqual([
        "row 2 (invoice I-1): Date '2/30/2013' is not a date in M/D/YYYY",
        "row 3 (invoice I-2): Amount 'abc' is not a number",
        "row 3 (invoice I-2): Disputed 'Maybe' is neither yes/y/true/1 nor no/n/false/0",
        'row 4 (invoice I-3): Customer is empty',
      ]);
    }
  });

  it('refuses an empty file and a header without rows', () => {
    expect(() => parseHistoryCsv('', mapping)).toThrow(/is empty/);
    expect(() => parseHistoryCsv('Customer,Date,Amount,Disputed,Invoice,Region\n', mapping)).toThrow(/no invoices/);
  });
});

describe('parseDate and parseAmount', () => {
  it('accepts only real calendar dates in the declared format', () => {
    expect(parseDate('2/29/2012', 'M/D/YYYY')).toBe('2012-02-29');
    expect(parseDate('2/29/2013', 'M/D/YYYY')).toBeNull();
    expect(parseDate('29/2/2012', 'D/M/YYYY')).toBe('2012-02-29');
    expect(parseDate('2012-2-9', 'YYYY-MM-DD')).toBe('2012-02-09');
    expect(parseDate('2012-02-09', 'M/D/YYYY')).toBeNull();
  });
  it('reads plain decimals with a currency sign or thousands commas, nothing else', () => {
    expect(parseAmount('55.94')).toBe(55.94);
    expect(parseAmount('€1,200')).toBe(1200);
    expect(parseAmount('-3')).toBe(-3);
    expect(parseAmount('1,2')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });
});
