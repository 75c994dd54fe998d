// Reads a CSV export of past invoices with its mapping file into history records, with errors that name the row.
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { AppError } from '../shared/errors.ts';
import { historyMappingSchema, type HistoryInvoice, type HistoryMapping } from './schema.ts';

const MAX_REPORTED = 10;

export async function loadMapping(path: string): Promise<HistoryMapping> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path, 'utf8'));
  } catch (e) {
    throw new AppError('bad_request', `mapping ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = historyMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('bad_request', `mapping ${path} is not valid: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}

export async function readHistoryCsv(csvPath: string, mapping: HistoryMapping): Promise<HistoryInvoice[]> {
  let text: string;
  try {
    text = await fs.readFile(csvPath, 'utf8');
  } catch (e) {
    throw new AppError('bad_request', `history CSV ${csvPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseHistoryCsv(text, mapping, csvPath);
}

/** Parses the CSV text; every problem row is reported (up to ten) in one error, so a bad export is fixed in one go. */
export function parseHistoryCsv(text: string, mapping: HistoryMapping, source = 'history CSV'): HistoryInvoice[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    throw new AppError('bad_request', `${source} is not valid CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new AppError('bad_request', `${source} is empty`);
  const index = columnIndex(header, mapping, source);
  const yes = new Set(mapping.disputedValues.yes.map(fold));
  const no = new Set(mapping.disputedValues.no.map(fold));
  const out: HistoryInvoice[] = [];
  const problems: string[] = [];
  body.forEach((row, i) => {
    const cell = (column: string) => row[index.get(column)!] ?? '';
    const invoiceId = mapping.columns.invoiceId ? cell(mapping.columns.invoiceId) || null : null;
    const where = `row ${i + 2}${invoiceId ? ` (invoice ${invoiceId})` : ''}`;
    const rowProblems: string[] = [];
    const customerId = cell(mapping.columns.customer);
    if (!customerId) rowProblems.push(`${where}: ${mapping.columns.customer} is empty`);
    const date = parseDate(cell(mapping.columns.invoiceDate), mapping.dateFormat);
    if (!date) rowProblems.push(`${where}: ${mapping.columns.invoiceDate} '${cell(mapping.columns.invoiceDate)}' is not a date in ${mapping.dateFormat}`);
    const amount = parseAmount(cell(mapping.columns.amount));
    if (amount === null) rowProblems.push(`${where}: ${mapping.columns.amount} '${cell(mapping.columns.amount)}' is not a number`);
    const flag = fold(cell(mapping.columns.disputed));
    const disputed = yes.has(flag) ? true : no.has(flag) ? false : null;
    if (disputed === null) rowProblems.push(`${where}: ${mapping.columns.disputed} '${cell(mapping.columns.disputed)}' is neither ${[...yes].join('/')} nor ${[...no].join('/')}`);
    const extras: HistoryInvoice['extras'] = {};
    for (const x of mapping.extras) {
      const v = cell(x.column);
      if (x.type === 'categorical') extras[x.name] = v || null;
      else {
        const n = v === '' ? null : parseAmount(v);
        if (v !== '' && n === null) rowProblems.push(`${where}: ${x.column} '${v}' is not a number`);
        extras[x.name] = n;
      }
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else out.push({ customerId, date: date!, amount: amount!, disputed: disputed!, invoiceId, extras });
  });
  if (problems.length) {
    const more = problems.length > MAX_REPORTED ? ` (and ${problems.length - MAX_REPORTED} more)` : '';
    throw new AppError('unprocessable', `${source}: ${problems.length} bad value(s): ${problems.slice(0, MAX_REPORTED).join('; ')}${more}`, problems.slice(0, 100));
  }
  if (!out.length) throw new AppError('unprocessable', `${source} has a header but no invoices`);
  return out;
}

function columnIndex(header: string[], mapping: HistoryMapping, source: string): Map<string, number> {
  const wanted = [...Object.values(mapping.columns).filter((c): c is string => c !== null), ...mapping.extras.map((x) => x.column)];
  const index = new Map(header.map((h, i) => [h, i] as const));
  const missing = wanted.filter((c) => !index.has(c));
  if (missing.length) {
    throw new AppError('unprocessable', `${source}: column(s) ${missing.map((c) => `'${c}'`).join(', ')} named in the mapping are not in the header (found: ${header.join(', ')})`);
  }
  return index;
}

const fold = (s: string) => s.trim().toLowerCase();

/** A real calendar date in the mapping's format, as ISO YYYY-MM-DD; null when it is not one. */
export function parseDate(value: string, format: HistoryMapping['dateFormat']): string | null {
  const m = format === 'YYYY-MM-DD' ? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value) : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [y, mo, d] = format === 'YYYY-MM-DD' ? [a, b, c] : format === 'M/D/YYYY' ? [c, a, b] : [c, b, a];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** A plain decimal with an optional currency sign and thousands commas ("$1,234.50"); null otherwise. */
export function parseAmount(value: string): number | null {
  const cleaned = value.replace(/^[$€£]\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}
