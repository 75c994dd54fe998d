// Order sheets: XLSX (read-excel-file, after the archive passed the budget) and CSV, as one text page per sheet.
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { CELL_SEPARATOR } from '../html-text.ts';
import type { ExpansionBudget } from './limits.ts';
import { decodeText } from './text.ts';
import { checkArchive } from './zip.ts';

export type SheetPages = { pages: { page: number; text: string }[]; truncated: string | null };

type Cell = string | number | boolean | Date | null | object;

const cellText = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(v).replace(/\s+/g, ' ').trim();
};

/** Rows as lines of cells joined the way HTML tables are (html-text.ts), so extractors read every table alike. */
const rowsText = (rows: Cell[][]) =>
  rows.map((r) => r.map(cellText).join(CELL_SEPARATOR).replace(/( \| )+$/, '')).filter((l) => l.replace(/[ |]/g, '') !== '').join('\n');

export async function readXlsx(bytes: Buffer, budget: ExpansionBudget): Promise<SheetPages> {
  checkArchive(bytes, budget);
  const sheets = await readXlsxFile(bytes);
  const max = budget.limits.maxSheetRows;
  const cut: string[] = [];
  const pages = sheets.map((s, i) => {
    if (s.data.length > max) cut.push(`${s.sheet} (${s.data.length} rows)`);
    return { page: i + 1, text: `Sheet: ${s.sheet}\n${rowsText(s.data.slice(0, max) as Cell[][])}` };
  });
  return { pages, truncated: cut.length ? `partly read: only the first ${max} rows of ${cut.join(', ')} were read` : null };
}

/** CSV with its delimiter guessed from the first line (Excel writes `;` in much of Europe); unparseable CSV stays raw text. */
export function readCsv(bytes: Buffer, charset: string | null | undefined, maxRows: number): SheetPages {
  const text = decodeText(bytes, charset);
  const first = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: first.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: maxRows + 1 }) as string[][];
  } catch {
    rows = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, maxRows + 1).map((l) => [l]);
  }
  const truncated = rows.length > maxRows ? `partly read: only the first ${maxRows} rows were read` : null;
  return { pages: [{ page: 1, text: rowsText(rows.slice(0, maxRows)) }], truncated };
}
