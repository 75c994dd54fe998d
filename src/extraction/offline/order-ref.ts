// Order references as written: labelled ones ("PO 4500012345", "SO-100234", "pedido nº 26-1148"), and the labels
// that make a number something else ("invoice 9100518", "quote Q-23051"), so it is neither an order nor an item.
import { matchesIn, overlaps, type Found, type Span } from './spans.ts';

export interface RefCandidate extends Found<string> {
  /** Named as an order by a label ("PO", "order no.", "Bestellung") or by its own prefix ("SO-100234"). */
  labelled: boolean;
  /** `so`: the distributor's sales order ("SO-100234", "sales order 100234"); `po`: the customer's order. */
  side: 'po' | 'so';
}

const NUMBER_WORD = String.raw`(?:no\.?|nr\.?|num\.?|number|nummer|n[º°o]\.?|número|#)`;
const LABEL_CI = [
  String.raw`p\.?\s?o\.?(?=[\s#:.\-]|no|nr)`,
  String.raw`purchase[\s-]*order`,
  String.raw`(?:our|your|customer|my)\s+(?:order|po)`,
  String.raw`order`,
  String.raw`bestell(?:ung|nummer|-?nr\.?)`,
  String.raw`auftrag(?:snummer|s-?nr\.?)?`,
  String.raw`orden\s+de\s+compra`,
  String.raw`(?:n[uú]mero\s+de\s+)?pedido`,
].join('|');
const SALES_LABEL = String.raw`sales[\s-]*order|(?:our|your)\s+(?:sales\s+order|so)`;
// "SO" and "OC" are also words ("so 40 of them"), so they count as labels only in capitals.
const LABEL_CS = String.raw`S\.?O\.?|O\.?C\.?`;

// "4500012345", "HH-20931", "TCPS-26-0331", "MVS-PO-2026-0891", "4711-2026-131".
const VALUE = String.raw`((?:[A-Z]{1,5}-?){0,3}\d[\dA-Z]*(?:[-\/][\dA-Z]*\d[\dA-Z]*)*)`;
// A label reaches its number across a line break only after a colon ("PO Number:\n4500012345"); a column header
// ("PO Number" over a table) labels no single row.
const SEP = String.raw`[ \t]*(?:${NUMBER_WORD}[ \t]*)?(?:[:#.]\s*|[ \t]*)(?:(?:is|es|ist)\s+)?`;
const LABELLED_CI = new RegExp(String.raw`\b(${LABEL_CI})(${SEP})${VALUE}(?![\w\/-])`, 'gi');
const SALES_CI = new RegExp(String.raw`\b(${SALES_LABEL})(${SEP})${VALUE}(?![\w\/-])`, 'gi');
const LABELLED_CS = new RegExp(String.raw`\b(${LABEL_CS})(\s*(?:No\.?|Nr\.?|#|:)\s*|\s+)${VALUE}(?![\w\/-])`, 'g');
const DATE_SHAPE = /^\d{1,4}[\/.-]\d{1,2}[\/.-]\d{2,4}$/;
// A prefix fused to the digits is part of the number as written: "SO-100234", "PO4500012345".
const SELF_LABELLED = /(?<![\w\/-])(PO|SO)-?\d{3,}(?:-\d+)*(?![\w\/-])/gi;
// "MVS-PO-2026-0891": a customer prefix before the PO label is part of the number.
const EMBEDDED_PO = /(?<![\w\/-])[A-Z]{1,5}-P\.?O-?\d{2,}(?:-\d+)*(?![\w\/-])/g;
// A long bare digit run is a weak guess (it may be an invoice, a tracking number or a phone).
const BARE = /(?<![\w.,$€£#\/-])\d{7,12}(?![\w\/-]|[.,]\d)/g;
const UNIT_AFTER = /^\s*(?:units?|pcs?|pieces?|ea|each|cases?|boxes?|pallets?|more|x)\b/i;

/** Labels that make the number after them some other document or identifier; case and spacing vary. */
export const NOT_AN_ORDER_BEFORE = new RegExp(
  String.raw`(?:\b(?:invoices?|inv|rechnung|factura|tracking|account|acct|customer\s+(?:no|number|id)|vendor|supplier|tel|phone|fax|mobile|cell|vat|tax(?:\s+id)?|iban|registration|company(?:\s+number)?|ein|d-u-n-s|duns|ubi|kvk|quote|quotation|rfq|bid|agreement|contract|(?:rahmen)?vereinbarung|(?:rahmen)?vertrag|contrato|convenio|acuerdo|cotizaci[oó]n|angebot|ticket|rma|memo|lot|form|serial|s\/n|bol|licen[cs]e|permit|certificate|promo(?:\s+code)?|paid|remittance|payment|claim)\.?\s*(?:${NUMBER_WORD}\s*)?[:#.]?` +
    String.raw`|\b(?:check|cheque|case|code|job|pro|reg|lic|cert|track)\.?\s*(?:${NUMBER_WORD}|[:#]))\s*$`,
  'i',
);

const digits = (s: string) => s.replace(/\D/g, '').length;

/** Normalised for comparison: "SO-100234", "so 100234" and "100234" name the same order. */
export const normaliseRef = (v: string): string => v.toUpperCase().replace(/^(?:P\.?O|S\.?O)\W*/, '').replace(/[^A-Z0-9]/g, '');

/** Labelled order numbers, then long bare digit runs, first to last. */
export function findOrderRefs(text: string, span: Span): RefCandidate[] {
  const out: RefCandidate[] = [];
  const add = (c: RefCandidate) => {
    if (!out.some((o) => overlaps(o, c))) out.push(c);
  };
  for (const m of matchesIn(text, span, EMBEDDED_PO)) add({ start: m.at, end: m.at + m[0].length, value: m[0], labelled: true, side: 'po' });
  for (const m of matchesIn(text, span, SELF_LABELLED)) {
    add({ start: m.at, end: m.at + m[0].length, value: m[0], labelled: true, side: m[1]!.toUpperCase() === 'SO' ? 'so' : 'po' });
  }
  for (const [re, side] of [[SALES_CI, 'so'], [LABELLED_CI, 'po'], [LABELLED_CS, null]] as const) {
    for (const m of matchesIn(text, span, re)) {
      const [, label, sep, value] = m as unknown as [string, string, string, string];
      const start = m.at + m[0].length - value.length;
      if (!acceptLabelled(text, span, label, sep, value, start)) continue;
      add({ start, end: start + value.length, value, labelled: true, side: side ?? (/^S/.test(label) ? 'so' : 'po') });
    }
  }
  for (const m of matchesIn(text, span, BARE)) {
    if (NOT_AN_ORDER_BEFORE.test(text.slice(Math.max(span.start, m.at - 30), m.at))) continue;
    add({ start: m.at, end: m.at + m[0].length, value: m[0], labelled: false, side: 'po' });
  }
  return out.sort((a, b) => a.start - b.start);
}

function acceptLabelled(text: string, span: Span, label: string, sep: string, value: string, start: number): boolean {
  // A bare "order" is also a verb ("order 4000 more"): it needs a longer number that is not a year.
  const bareOrder = /^order$/i.test(label) && !/\S/.test(sep);
  if (digits(value) < (bareOrder ? 4 : 3) || DATE_SHAPE.test(value)) return false;
  // "order HX-2210" is a verb and an item more often than an order number with letters in it.
  if (bareOrder && (/^(?:19|20)\d\d$/.test(value) || /[A-Z]/i.test(value))) return false;
  if (/^p\.?\s?o\.?$/i.test(label) && /\bbox\s*$/i.test(text.slice(start - label.length - sep.length - 4, start))) return false;
  return !UNIT_AFTER.test(text.slice(start + value.length, span.end));
}

/** Values that a label marks as some other document ("invoice 9100518", "RFQ 26-114"): neither orders nor items. */
export function otherDocumentNumbers(text: string, span: Span): Found<string>[] {
  const out: Found<string>[] = [];
  const token = /(?<![\w\/-])(?=[A-Z0-9.\/-]*\d)[A-Z0-9]+(?:[-\/.][A-Z0-9]+)*(?![\w\/-])/gi;
  for (const m of matchesIn(text, span, token)) {
    if (digits(m[0]) < 3) continue;
    // "invoices 9103988 and 9104012", "Rechnungen 1, 2 und 3": the label covers every number of its list.
    const before = text.slice(Math.max(span.start, m.at - 80), m.at).replace(LISTED_BEFORE, '');
    if (NOT_AN_ORDER_BEFORE.test(before.slice(-30))) out.push({ start: m.at, end: m.at + m[0].length, value: m[0] });
  }
  return out;
}

const LISTED_BEFORE = /(?:[A-Z0-9][\w\/.-]*\d[\w\/.-]*(?:\s+(?:dated|vom|del)\s+[\d\/.-]+)?\s*(?:,|;|&|\/|\band\b|\bor\b|\bund\b|\boder\b|\by\b|\bo\b)\s*)+$/i;
