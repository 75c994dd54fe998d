// Changes from line-item tables (PDF change notices, revised POs, HTML tables): one change per changed row, quoting it.
//
// Old Qty / New Qty, Old Price / New Price and old / new date columns; "Changed field / Old value / New value"
// notices; a new line ("-" as its old quantity, or marked "added"); and in a revision whose changed lines carry a
// marker ("*", "R"), the marked rows' quantity (with no old value, at low confidence).
import type { ChangeKind } from '../../triage/taxonomy.ts';
import { findDates, type DateReference } from './date-mentions.ts';
import { clamp, type Finding, type RuleOutput } from './finding.ts';
import { findItemCodes } from './item-codes.ts';
import { parseMoney } from './money.ts';
import { parseDigits } from './numbers.ts';
import { wholeText, type PageText, type Span, type Tier } from './spans.ts';
import { headerColumns, linesOf, rowsAfter, type Column, type Row } from './table-layout.ts';

// Multi-word cells that must stay one token when a row is split on spaces: "Dec 4, 2026", "$ 1.20".
const GLUED = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?|[$€£]\s+\d/gi;
const MARKER = /^(?:\*+|\(?(?:added|new|neu|nuevo|R|rev(?:ised)?|changed?|geändert)\)?\*?)$/;
const ADDED = /\((?:added|new|neu|nuevo)\)|\b(?:added|new\s+line|neue\s+position)\b/i;
const EMPTY = /^(?:-+|–|—|n\/a|none|0?)$/i;
const PAGE_OF = /\bpage\s+(\d+)\s*(?:of|\/)\s*(\d+)\b/i;
const REVISION = /\b(?:revised|revision|rev\.?\s*\d|change\s+order|amendment|änderung|modificaci[oó]n)\b/i;

export interface TablePage {
  page: PageText;
  tier: Tier;
  /** The parts of the page to read (the newest message of a body); the whole page when absent. */
  spans?: Span[];
}

/** Reads every table in a document; a table that starts on one page continues on the next with the same columns. */
export function tableChanges(pages: readonly TablePage[], ref: DateReference, notItems: ReadonlySet<string> = new Set()): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  const revision = pages.some((p) => REVISION.test(p.page.text));
  let columns: Column[] | null = null;
  let unreadable = 0;
  let sawTable = false;
  for (const { page, tier, spans } of pages) {
    const lines = (spans ?? [wholeText(page.text)]).flatMap((s) => linesOf(page.text, s));
    let intent: Intent = null;
    for (let i = 0; i < lines.length; i++) {
      let header = headerColumns(lines[i]!.text, revision);
      // A plain item list (item, quantity) is a change only when the words before it ask for one ("please add:");
      // so is a bare "Was | Now" table in a body, which a newsletter prints for its sale prices.
      const asked = columns || tier === 'attachment' ? null : leadInIntent(lines, i);
      if (header && !asked && tier !== 'attachment' && genericValues(header)) header = null;
      if (!header && asked) header = headerColumns(lines[i]!.text, false, true);
      if (!header && !columns) continue;
      if (header) intent = asked;
      columns = header ?? columns!;
      sawTable = true;
      const { rows, next } = rowsAfter(page, tier, lines, header ? i + 1 : i, columns, notItems);
      for (const row of rows) {
        const found = readRow(row, columns, ref, intent);
        if (found === 'unreadable') unreadable++;
        else out.findings.push(...found);
      }
      i = Math.max(i, next - 1);
      if (next < lines.length && !headerColumns(lines[next]!.text, revision)) columns = null;
    }
  }
  out.findings = orderWideDates(out.findings);
  if (unreadable > 0) out.warnings.push(`${unreadable} line(s) of a change table could not be read; check the attachment`);
  const paging = pages.map((p) => PAGE_OF.exec(p.page.text)).find((m) => m && Number(m[2]) > pages.length);
  if (sawTable && paging) out.warnings.push(`the attachment says "page ${paging[1]} of ${paging[2]}" but has ${pages.length} page(s): the line list may be truncated`);
  return out;
}

/** Every line of a notice moved to the same date: one order-wide delivery date change, quoting each row. */
function orderWideDates(findings: Finding[]): Finding[] {
  const dates = findings.filter((f) => f.kind === 'delivery_date');
  if (dates.length < 2 || findings.length !== dates.length || dates.some((d) => d.from !== dates[0]!.from || d.to !== dates[0]!.to)) return findings;
  return [{ ...dates[0]!, sku: null, spans: dates.flatMap((d) => d.spans), warnings: ['every line listed moves to the same date: read as the whole order'] }];
}

interface Cells {
  values: Map<Column, string>;
  marked: boolean;
}

/** The cells after the item code, right-aligned to the header when a description (which holds spaces) comes first. */
function cellsOf(row: Row, columns: Column[]): Cells | null {
  const after = columns.slice(columns.indexOf('item') + 1);
  if (row.cells) {
    const values = new Map<Column, string>();
    columns.forEach((c, i) => row.cells![i] != null && values.set(c, row.cells![i]!));
    return { values, marked: row.cells.some((c) => MARKER.test(c)) };
  }
  const tail = row.text.slice(row.itemAt + row.item.value.length).replace(GLUED, (g) => g.replace(/\s/g, '\u00a0'));
  const all = tail.split(/\s+/).filter((t) => t !== '').map((t) => t.replace(/\u00a0/g, ' '));
  const tokens = all.filter((t) => !MARKER.test(t));
  const fixed = after[0] === 'desc' ? after.slice(1) : after;
  if (tokens.length < fixed.length) return null;
  const aligned = after[0] === 'desc' ? tokens.slice(tokens.length - fixed.length) : tokens.slice(0, fixed.length);
  const markedBefore = row.text.slice(0, row.itemAt).split(/\s+/).some((t) => t !== '' && MARKER.test(t));
  return { values: new Map(fixed.map((c, i) => [c, aligned[i]!] as const)), marked: tokens.length < all.length || markedBefore };
}

/** Old and new columns that do not say what they hold ("Was | Now"), with no field column to tell. */
const genericValues = (c: Column[]) => c.includes('oldValue') && c.includes('newValue') && !c.includes('field');

/** What the text just before a plain item table asks of its rows. */
type Intent = 'add' | 'set' | null;
const ADD_CUE = /\b(?:add(?:ing)?|additional|also\s+(?:need|include|send)|include|append|extra\s+lines?|hinzuf[üu]gen|erg[äa]nzen|zus[äa]tzlich|agregar|a[ñn]adir|incluir|adicional(?:es)?)\b/i;
const SET_CUE = /\b(?:change|revise|update|adjust|correct|amend|modify|reduce|increase|cut|quantit(?:y|ies)\s+(?:to|should\s+be|as\s+follows)|[äa]ndern|anpassen|cambiar|modificar|ajustar)\b/i;
const QUESTION_CUE = /\b(?:quote|quotation|pricing\s+for|availability|lead\s+time|stock\s+check|do\s+you\s+have|angebot|cotizaci[oó]n|returned?|rma|received|shipped|backorder(?:ed)?)\b/i;

/** The request in the two lines before a header, if they ask to add or change what the table lists. */
function leadInIntent(lines: readonly { text: string }[], at: number): Intent {
  const before = lines.slice(Math.max(0, at - 2), at).map((l) => l.text).join(' ');
  if (QUESTION_CUE.test(before)) return null;
  if (ADD_CUE.test(before)) return 'add';
  return SET_CUE.test(before) ? 'set' : null;
}

/** A money cell: the amount without its currency sign or code ("$86.40", "EUR 19,75", "1'245.00"). */
const moneyCell = (cell: string | undefined) => (cell ? parseMoney(cell.replace(/[^\d.,'’]/g, '')) : null);

function readRow(row: Row, columns: Column[], ref: DateReference, intent: Intent = null): Finding[] | 'unreadable' {
  if (columns.includes('field')) return fieldRow(row, ref);
  const cells = cellsOf(row, columns);
  if (!cells) return 'unreadable';
  const v = (c: Column) => cells.values.get(c);
  if (columns.includes('oldValue') && columns.includes('newValue')) return valueRow(row, v('oldValue') ?? '', v('newValue') ?? '', ref);
  if (columns.includes('oldItem') && columns.includes('newItem')) {
    const cell = v('newItem') ?? '';
    const replacement = findItemCodes(cell, wholeText(cell)).find((c) => c.value !== row.item.value);
    return replacement ? [finding(row, 'substitution', null, replacement.value, 0.8)] : [];
  }
  const out: Finding[] = [];
  if (intent && columns.includes('qty') && !columns.includes('oldQty')) {
    const qty = parseDigits((v('qty') ?? '').replace(/\s*[a-z]+\.?$/i, ''));
    if (qty == null) return 'unreadable';
    return [intent === 'add' ? finding(row, 'add_line', null, qty, 0.78) : finding(row, 'quantity', null, qty, 0.65, ['the table gives the new quantity only'])];
  }
  if (columns.includes('oldQty') && columns.includes('newQty')) {
    const [from, to] = [v('oldQty') ?? '', v('newQty') ?? ''];
    const newQty = parseDigits(to);
    if (newQty == null) return 'unreadable';
    if (EMPTY.test(from) || ADDED.test(row.text)) out.push(finding(row, 'add_line', null, newQty, 0.82));
    else if (parseDigits(from) == null) return 'unreadable';
    else if (parseDigits(from) !== newQty) out.push(finding(row, 'quantity', parseDigits(from), newQty, 0.88, newQty === 0 ? ['the new quantity is 0: the customer may mean to cancel the line'] : []));
  } else if (columns.includes('qty') && cells.marked && !columns.includes('oldPrice')) {
    const qty = parseDigits(v('qty') ?? '');
    if (qty != null) out.push(finding(row, ADDED.test(row.text) ? 'add_line' : 'quantity', null, qty, 0.6, ['the line is marked as changed; the old quantity is not shown, and the change may be to another field']));
  }
  if (columns.includes('oldPrice') && columns.includes('newPrice')) {
    const [from, to] = [moneyCell(v('oldPrice')), moneyCell(v('newPrice'))];
    if (to != null && from != null && from !== to) out.push(finding(row, 'price', from, to, 0.88));
  }
  if (columns.includes('oldDate') && columns.includes('newDate')) {
    const [from, to] = [dateOf(v('oldDate'), ref, false), dateOf(v('newDate'), ref, true)];
    if (to && from !== to) out.push(finding(row, 'delivery_date', from, to, 0.85));
  }
  return out;
}

const FIELD = /^\s*(?:(item|part|material|article|artikel|art[ií]culo|sku)|(qty|quantity|menge|cantidad|order\s+qty)|((?:net\s+|gross\s+|unit\s+)?(?:unit\s+)?price|(?:netto|st[üu]ck)?preis|precio(?:\s+unitario|\s+neto)?)|((?:delivery\s+|due\s+|ship\s+)?date|liefertermin|fecha(?:\s+de\s+entrega)?))\b/i;

/** A "Changed field / Old value / New value" row: the field names what the two values after it are. */
function fieldRow(row: Row, ref: DateReference): Finding[] {
  const rest = row.text.slice(row.itemAt + row.item.value.length);
  const field = FIELD.exec(rest);
  if (!field) return [];
  const values = rest.slice(field[0].length);
  if (field[1]) {
    const codes = findItemCodes(values, wholeText(values)).map((c) => c.value);
    const [old, replacement] = [codes[0], codes.find((c) => c !== codes[0])];
    return old && replacement ? [{ ...finding(row, 'substitution', null, replacement, 0.8), sku: row.item }] : [];
  }
  if (field[2]) {
    const [from, to] = (values.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map(parseDigits);
    return from != null && to != null && from !== to ? [finding(row, 'quantity', from, to, 0.85)] : [];
  }
  if (field[3]) {
    const [from, to] = (values.match(/\d[\d.,]*\d/g) ?? []).map(parseMoney);
    return from != null && to != null && from !== to ? [finding(row, 'price', from, to, 0.85)] : [];
  }
  const dates = findDates(values, wholeText(values), ref);
  const [from, to] = [dates[0]?.nearestIso, dates[1]?.iso];
  return from && to && from !== to ? [finding(row, 'delivery_date', from, to, 0.85)] : [];
}

/** "Current | Revised" columns without a unit: dates are dates, amounts with cents are prices, counts are quantities. */
function valueRow(row: Row, from: string, to: string, ref: DateReference): Finding[] | 'unreadable' {
  const [oldDate, newDate] = [dateOf(from, ref, false), dateOf(to, ref, true)];
  if (newDate) return oldDate !== newDate ? [finding(row, 'delivery_date', oldDate, newDate, 0.8)] : [];
  if (/[$€£]|\d[.,]\d{2}$/.test(to)) {
    const [a, b] = [parseMoney(from.replace(/[^\d.,]/g, '')), parseMoney(to.replace(/[^\d.,]/g, ''))];
    return b != null && a !== b ? [finding(row, 'price', a, b, 0.75)] : [];
  }
  const [a, b] = [parseDigits(from.replace(/\s*[a-z]+\.?$/i, '')), parseDigits(to.replace(/\s*[a-z]+\.?$/i, ''))];
  if (b == null) return 'unreadable';
  if (EMPTY.test(from)) return [finding(row, 'add_line', null, b, 0.75)];
  return a !== b ? [finding(row, 'quantity', a, b, 0.8)] : [];
}

function dateOf(cell: string | undefined, ref: DateReference, ahead: boolean): string | null {
  if (!cell) return null;
  const [d] = findDates(cell, wholeText(cell), ref);
  return d ? (ahead ? d.iso : d.nearestIso) : null;
}

function finding(row: Row, kind: ChangeKind, from: number | string | null, to: number | string | null, confidence: number, warnings: string[] = []): Finding {
  return { kind, page: row.page, tier: row.tier, sentence: null, sku: row.item, needsSku: false, from, to, spans: [row.span], confidence: clamp(confidence), warnings };
}
