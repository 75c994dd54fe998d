// Quantity changes from a line-item table in a PDF change notice (Old Qty / New Qty columns), one per changed row.
import { clamp, type Finding, type RuleOutput } from './finding.ts';
import { findItemCodes } from './item-codes.ts';
import { parseDigits } from './numbers.ts';
import { trimSpan, type Found, type PageText, type Span } from './spans.ts';

type Column = 'old' | 'new' | 'line' | 'item' | 'desc' | 'uom' | 'price' | 'amount' | 'date' | 'other';

const QTY = String.raw`(?:qty|quantity|menge|cant(?:idad)?)`;
// Order matters: the longer, more specific label is tried first at each position.
const COLUMN_LABELS: [Column, string][] = [
  ['old', String.raw`(?:old|orig(?:inal)?|current|previous|prev\.?|ordered|was|alt|bisher)\W{0,3}${QTY}|${QTY}\W{0,3}\(?(?:old|orig(?:inal)?|was|from)\)?`],
  ['new', String.raw`(?:new|revised|changed|updated|neu|nueva)\W{0,3}${QTY}|${QTY}\W{0,3}\(?(?:new|revised|to)\)?`],
  ['desc', String.raw`(?:item[ \t])?description|desc\.?|bezeichnung|descripci[oó]n`],
  ['price', String.raw`unit\s*price|price|preis|precio|rate`],
  ['amount', String.raw`amount|line\s*total|total|ext(?:ended)?\.?(?:\s*(?:price|amount))?|value`],
  ['date', String.raw`(?:delivery|due|ship|req(?:uested)?)\.?\s*date|date`],
  ['item', String.raw`item\s*(?:no\.?|code|#|number)?|sku|part\s*(?:no\.?|number|#)?|material|product(?:\s*code)?|article|p\/n|code`],
  ['line', String.raw`line\s*(?:no\.?|#)?|pos(?:ition)?\.?|ln|#`],
  ['uom', String.raw`uom|u\/m|unit|um`],
  ['other', String.raw`status|change|reason|remarks?|notes?|comments?`],
];
const LABEL = new RegExp(COLUMN_LABELS.map(([, src]) => `(${src})`).join('|'), 'gi');
// Multi-word cells that must stay one token when a row is split on spaces: "Dec 4, 2026", "$ 1.20".
const GLUED = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?|[$€£]\s+\d/gi;
const PAGE_OF = /\bpage\s+(\d+)\s*(?:of|\/)\s*(\d+)\b/i;

interface Line extends Span {
  text: string;
}

function linesOf(text: string): Line[] {
  return [...text.matchAll(/[^\r\n]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
}

/** The columns a header line names, left to right; null unless it names both an old and a new quantity. */
export function headerColumns(line: string): Column[] | null {
  const columns: Column[] = [];
  for (const m of line.matchAll(LABEL)) {
    const group = m.slice(1).findIndex((g) => g != null);
    columns.push(COLUMN_LABELS[group]![0]);
  }
  return columns.includes('old') && columns.includes('new') ? columns : null;
}

/** "Item Description" may name both columns in one label; the item code then comes first, after any line number. */
function withItemColumn(header: Column[]): Column[] {
  if (header.includes('item')) return header;
  const at = header[0] === 'line' ? 1 : 0;
  return [...header.slice(0, at), 'item', ...header.slice(at)];
}

/** Splits a row after its item code into cells, right-aligned to the header when a description may hold spaces. */
function rowCells(line: Line, sku: Found<string>, columns: Column[]): Map<Column, Found<string>> | null {
  const after = columns.slice(columns.indexOf('item') + 1);
  const tail = line.text.slice(sku.end - line.start).replace(GLUED, (g) => g.replace(/\s/g, '\u00a0'));
  const tokens = [...tail.matchAll(/\S+/g)].map((m) => {
    const start = sku.end + m.index!;
    return { start, end: start + m[0].length, value: m[0].replace(/\u00a0/g, ' ') };
  });
  const fixed = after[0] === 'desc' ? after.slice(1) : after;
  if (tokens.length < fixed.length) return null;
  const aligned = after[0] === 'desc' ? tokens.slice(tokens.length - fixed.length) : tokens.slice(0, fixed.length);
  return new Map(fixed.map((c, i) => [c, aligned[i]!] as const));
}

function readRow(page: PageText, line: Line, columns: Column[]): Finding | 'unreadable' | null {
  const sku = findItemCodes(page.text, line)[0];
  if (!sku) return null;
  const cells = rowCells(line, sku, columns);
  const oldQty = cells?.get('old');
  const newQty = cells?.get('new');
  const from = oldQty ? parseDigits(oldQty.value) : null;
  const to = newQty ? parseDigits(newQty.value) : null;
  if (from == null || to == null) return 'unreadable';
  if (from === to) return null;
  return {
    kind: 'quantity', page, tier: 'attachment', sentence: null, sku, needsSku: false, from, to,
    spans: [trimSpan(page.text, line)],
    confidence: clamp(0.88),
    warnings: to === 0 ? ['the new quantity is 0: the customer may mean to cancel the line'] : [],
  };
}

/** Reads every table in a document; a table that starts on one page continues on the next with the same columns. */
export function tableQuantityChanges(pages: readonly PageText[]): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  let columns: Column[] | null = null;
  let unreadable = 0;
  for (const page of pages) {
    for (const line of linesOf(page.text)) {
      const header = headerColumns(line.text);
      if (header) {
        columns = withItemColumn(header);
        continue;
      }
      if (!columns) continue;
      const row = readRow(page, line, columns);
      if (row === 'unreadable') unreadable++;
      else if (row) out.findings.push(row);
    }
  }
  if (unreadable > 0) out.warnings.push(`${unreadable} line(s) of a change table could not be read; check the attachment`);
  const paging = pages.map((p) => PAGE_OF.exec(p.text)).find((m) => m && Number(m[2]) > pages.length);
  if (columns && paging) out.warnings.push(`the attachment says "page ${paging[1]} of ${paging[2]}" but has ${pages.length} page(s): the line list may be truncated`);
  return out;
}
