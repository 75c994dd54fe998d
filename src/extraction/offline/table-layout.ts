// The layout of a line-item table that states changes: its header's columns, and its rows (a PDF row may wrap).
import { normaliseSku } from '../../changes/sku.ts';
import { findItemCodes, type ItemCode } from './item-codes.ts';
import type { PageText, Span, Tier } from './spans.ts';

export type Column =
  | 'line' | 'item' | 'desc' | 'uom' | 'qty' | 'oldQty' | 'newQty' | 'price' | 'oldPrice' | 'newPrice' | 'amount'
  | 'date' | 'oldDate' | 'newDate' | 'field' | 'oldValue' | 'newValue' | 'oldItem' | 'newItem' | 'other';

const QTY = String.raw`(?:qty|quantity|menge|cant(?:idad)?\.?)`;
const PRICE = String.raw`(?:unit\s*price|price|preis|precio)`;
const DATE = String.raw`(?:(?:delivery|due|ship|req(?:uested)?|need[\s-]?by|liefer)?\s*date|liefertermin|fecha(?:\s+de\s+entrega)?)`;
const OLD = String.raw`(?:old|orig(?:inal)?|current|previous|prev\.?|ordered|was|alt(?:e[rs]?)?|bisher(?:ig)?|anterior|actual|confirmed|ack(?:nowledged)?|invoiced)`;
const NEW = String.raw`(?:new|revised|changed|updated|neu(?:e[rs]?)?|nuev[oa]|correct(?:ed)?|contract|agreed|requested)`;
// Order matters: the longer, more specific label is tried first at each position.
const ITEM_WORD = String.raw`(?:item|part|sku|code|product|material|article|artikel|art[ií]culo|p\/n)`;
const COLUMN_LABELS: [Column, string][] = [
  // "Replace | With", "Original item | Substitute": the item ordered and the one to send instead.
  ['oldItem', String.raw`replace|to\s+be\s+replaced|(?:original|old|ordered|current)\s+${ITEM_WORD}|ersetzen|alter?\s+artikel|art[ií]culo\s+(?:original|anterior)|reemplazar|sustituir`],
  ['newItem', String.raw`with|replace\s+with|replacement|substitute|instead|alternative?|new\s+${ITEM_WORD}|ersatz(?:artikel)?|neuer?\s+artikel|art[ií]culo\s+nuevo|sustituto|reemplazo`],
  ['oldQty', String.raw`${OLD}\W{0,3}${QTY}|${QTY}\s*(?:\(\s*|[-/:]\s*)(?:old|orig(?:inal)?|was|from|alt|current|ordered|bisher)\)?`],
  ['newQty', String.raw`${NEW}\W{0,3}${QTY}|${QTY}\s*(?:\(\s*|[-/:]\s*)(?:new|revised|to|neu|changed|updated|correct(?:ed)?|now)\)?`],
  ['oldPrice', String.raw`${OLD}\W{0,3}${PRICE}|${PRICE}\s*(?:\(\s*|[-/:]\s*)(?:old|was|alt)\)?`],
  ['newPrice', String.raw`${NEW}\W{0,3}${PRICE}|${PRICE}\s*(?:\(\s*|[-/:]\s*)(?:new|neu)\)?`],
  ['oldDate', String.raw`${OLD}\W{0,3}${DATE}|${DATE}\s*(?:\(\s*|[-/:]\s*|\s+)(?:old|alt|bisher|anterior|actual|original|was)\b\)?`],
  ['newDate', String.raw`${NEW}\W{0,3}${DATE}|${DATE}\s*(?:\(\s*|[-/:]\s*|\s+)(?:new|neu|nuev[oa]|revised|changed)\b\)?`],
  ['field', String.raw`changed\s+field|field|change\s+type|ge[äa]ndertes\s+feld|campo`],
  ['oldValue', String.raw`(?:old|previous|current)\s+value|alter\s+wert|valor\s+anterior|(?:old|current|was|ordered|original|bisher|actual)(?=\s*(?:\||$|\s{2,}|\t))`],
  ['newValue', String.raw`new\s+value|neuer\s+wert|valor\s+nuevo|should\s+be|change(?:d)?\s+to|make\s+it|(?:new|now|revised|changed|neu|jetzt|nuevo|ahora|corrected|correct)(?=\s*(?:\||$|\s{2,}|\t))`],
  ['amount', String.raw`ext(?:ended)?\.?\s*(?:price|amount)|amount|line\s*total|total|value|importe|betrag`],
  ['desc', String.raw`(?:item[ \t])?description|desc\.?|bezeichnung|descripci[oó]n`],
  ['price', PRICE],
  ['qty', QTY],
  ['date', DATE],
  ['item', String.raw`item\s*(?:no\.?|code|#|number)?|sku|part\s*(?:no\.?|number|#)?|material|product(?:\s*code)?|article|art(?:ikel|[ií]culo)|p\/n|code`],
  ['line', String.raw`(?:po\s+|order\s+)?line\s*(?:no\.?|#)?|pos(?:ition)?\.?|ln|#|partida`],
  ['uom', String.raw`uom|u\/m|unit|um|einheit|unidad`],
  ['other', String.raw`status|change|reason|remarks?|notes?|comments?|action`],
];
const LABEL = new RegExp(COLUMN_LABELS.map(([, src]) => `(${src})`).join('|'), 'gi');
// A whole cell of an HTML table is a label by itself, so "Qty Ordered" needs no separator between its words.
const WHOLE_LABEL = COLUMN_LABELS.map(([column, src]) => [column, new RegExp(`^(?:${src.replaceAll(String.raw`(?:\(\s*|[-/:]\s*)`, String.raw`(?:\(\s*|[-/:]\s*|\s+)`)})$`, 'i')] as const);

/** A table that states changes: old and new values side by side, or a changed-field notice. */
const statesChanges = (c: Column[]) =>
  (c.includes('oldQty') && c.includes('newQty')) || (c.includes('oldPrice') && c.includes('newPrice')) ||
  (c.includes('oldDate') && c.includes('newDate')) || (c.includes('oldValue') && c.includes('newValue') && (c.includes('field') || c.includes('item'))) ||
  (c.includes('oldItem') && c.includes('newItem'));

/** A plain line-item table (item and quantity, no old/new columns): it states a change only by what the text before it asks. */
const listsItems = (c: Column[]) => c.includes('qty') && (c.includes('item') || c.includes('desc'));

/**
 * The columns a header line names, left to right; null unless it states changes (or, in a revision where changed
 * lines are marked, names a quantity). Cells split on "|" when an HTML table was flattened that way.
 */
export function headerColumns(line: string, revision = false, plain = false): Column[] | null {
  const columns: Column[] = [];
  if (line.includes('|')) {
    for (const cell of line.split('|').map((c) => c.trim())) columns.push(WHOLE_LABEL.find(([, re]) => re.test(cell))?.[0] ?? 'other');
  } else {
    for (const m of line.matchAll(LABEL)) columns.push(COLUMN_LABELS[m.slice(1).findIndex((g) => g != null)]![0]);
  }
  const known = columns.filter((c) => c !== 'other').length;
  if (known < 2) return null;
  if (statesChanges(columns) || ((revision || plain) && listsItems(columns))) return withItemColumn(columns);
  return null;
}

/** "Item Description" may name both columns in one label; the item code then comes first, after any line number. */
function withItemColumn(header: Column[]): Column[] {
  if (header.includes('item') || header.includes('oldItem')) return header;
  const at = header[0] === 'line' ? 1 : 0;
  return [...header.slice(0, at), 'item', ...header.slice(at)];
}

export interface Row {
  page: PageText;
  tier: Tier;
  span: Span;
  /** The row's lines joined with spaces (a PDF wraps long descriptions onto the next lines). */
  text: string;
  item: ItemCode;
  /** Offset of the item code in `text`. */
  itemAt: number;
  /** The cells, when the row was a "|"-separated HTML row. */
  cells: string[] | null;
}

interface Line extends Span {
  text: string;
}

export function linesOf(text: string, span: Span = { start: 0, end: text.length }): Line[] {
  return [...text.slice(span.start, span.end).matchAll(/[^\r\n]+/g)].map((m) => ({ start: span.start + m.index!, end: span.start + m.index! + m[0].length, text: m[0] }));
}

const TABLE_END = /^\s*(?:total|sub-?total|grand\s+total|\*|authori[sz]ed|approved|prepared|page\s+\d|signature|all\s+other|please|thank|summe|gesamt)/i;
const MAX_WRAP = 5;

// What may stand before a row's item code: a part label, after the line number when the table has that column, and
// before it a revision marker ("R", "*") in a column of its own.
const PART_LABEL = String.raw`(?:(?:P\/N|PN|SKU|part\s*no\.?|art\.?\s*-?\s*nr\.?)\s*[:#.]?\s*)?`;
const AFTER_LINE_NUMBER = new RegExp(String.raw`^\s*(?:(?:\*+|rev|new|chg|[A-Z])\s+)?\d{1,4}\s+${PART_LABEL}$`, 'i');
const AT_ROW_START = new RegExp(String.raw`^\s*${PART_LABEL}$`, 'i');

/** The column holding the row's own item code (in a substitution table, the item being replaced). */
const itemColumn = (columns: Column[]) => (columns.includes('item') ? columns.indexOf('item') : columns.indexOf('oldItem'));

/** The spans of a "|"-separated row's cells, trimmed. */
function cellSpans(line: Line): Span[] {
  const spans: Span[] = [];
  let at = line.start;
  for (const cell of line.text.split('|')) {
    const lead = cell.length - cell.trimStart().length;
    spans.push({ start: at + lead, end: at + lead + cell.trim().length });
    at += cell.length + 1;
  }
  return spans;
}

/** Where a row starts: its line number (when the table has that column), then an item code near the start. */
function rowStart(page: PageText, line: Line, columns: Column[], notItems: ReadonlySet<string>): ItemCode | null {
  // A flattened HTML row has its cells: the item code is whatever stands in the item column, wherever that is.
  if (line.text.includes('|')) {
    const cell = cellSpans(line)[itemColumn(columns)];
    if (!cell) return null;
    const code = findItemCodes(page.text, cell).find((c) => !notItems.has(normaliseSku(c.value)));
    if (code) return code;
    // The item column vouches for a code of capitals alone ("DGH-DIV-SCR"), which prose would not.
    const whole = page.text.slice(cell.start, cell.end);
    return /^[A-Z]{2,}(?:[-\/][A-Z0-9]+){1,5}$/.test(whole) && !notItems.has(normaliseSku(whole)) ? { ...cell, value: whole, labelled: false } : null;
  }
  const first = findItemCodes(page.text, line).find((c) => !notItems.has(normaliseSku(c.value)));
  if (!first) return null;
  const before = page.text.slice(line.start, first.start);
  return (columns.slice(0, 2).includes('line') ? AFTER_LINE_NUMBER : AT_ROW_START).test(before) ? first : null;
}

/** Rows after the header until the table ends; lines that start no row continue the one above. */
export function rowsAfter(page: PageText, tier: Tier, lines: Line[], from: number, columns: Column[], notItems: ReadonlySet<string>): { rows: Row[]; next: number } {
  const rows: Row[] = [];
  let open: { row: Row; wraps: number } | null = null;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (TABLE_END.test(line.text) || headerColumns(line.text, true)) break;
    const item = rowStart(page, line, columns, notItems);
    if (item) {
      const cells = line.text.includes('|') ? line.text.split('|').map((c) => c.trim()) : null;
      open = { row: { page, tier, span: { start: line.start, end: line.end }, text: line.text, item, itemAt: item.start - line.start, cells }, wraps: 0 };
      rows.push(open.row);
    } else if (open && open.wraps < MAX_WRAP && !open.row.cells) {
      open.row.text += ` ${line.text}`;
      open.row.span = { start: open.row.span.start, end: line.end };
      open.wraps++;
    } else if (!open) {
      continue;
    } else break;
  }
  return { rows, next: i };
}
