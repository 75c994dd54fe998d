// Item codes (SKUs) as customers write them, told apart from quantities, dates, prices, phones and other documents.
import { NOT_AN_ORDER_BEFORE } from './order-ref.ts';
import { matchesIn, overlaps, type Found, type Span } from './spans.ts';

export interface ItemCode extends Found<string> {
  /** Read behind a part label ("SKU 778812", "P/N 77-2040-11"): an item whatever its shape. */
  labelled: boolean;
}

// A label makes a bare number an item code ("PN 55012", "Part No. 55012", "SKU: 55012"); the label is not part
// of the code, as "PO#" is not part of an order number. "PN55018" with nothing between is a code as written.
const LABELLED =
  /\b(?:P\/N|PN(?=[\s:#.])|part\s*(?:no\.?|number|#)|item\s*(?:no\.?|number|#|code)|sku|article\s*(?:no\.?|#)?|art\.?\s*-?\s*nr\.?|mat(?:erial)?\.?\s*(?:no\.?|nr\.?|#)|cat(?:alog(?:ue)?)?\.?\s*(?:no\.?|#)|art[ií]culo|referencia|ref\.?\s*art\.?)\s*[:#.]?\s*([A-Z]{1,4}\s\d{2,}(?:[-\/.][A-Z0-9]+)*(?![\w\/-])|[A-Z0-9][A-Z0-9\-\/.]*[A-Z0-9])/gi;

// Upper-case letters and digits, both present, optionally joined by - . / ("HX-2210", "AB12345", "VLV-200-3/4");
// a lower-case "x" between digits is a dimension inside a code ("JB-6x6x4").
const SEGMENT = String.raw`[A-Z0-9]+(?:x\d+)*`;
const ALNUM = new RegExp(String.raw`(?<![\w\/.\-])(?=[A-Za-z0-9.\/\-]*\d)(?=[A-Za-z0-9.\/\-]*[A-Z])${SEGMENT}(?:[-.\/]${SEGMENT})*(?![\w\/\-]|\.\w)`, 'g');

// Digit groups joined by dashes ("10-4471-02"); dates and phone numbers share this shape and are ruled out below.
const DASHED_DIGITS = /(?<![\w\/.\-])\d{2,}(?:-\d{1,}){1,3}(?![\w\/]|-\d|\.\d)/g;

// Letter prefixes that make a code something else: an order, invoice, return or ticket number.
const OTHER_DOCUMENT = /^(?:P\.?O|S\.?O|INV|RMA|REF|ORD|QT|QUOTE|CASE|TKT|TICKET|DN|ASN|BOL|PRO|CN|RFQ|DM|CM)[-#.]?\d|-PO-\d/;
// Standards, years and other codes that look like items but never are.
const NOT_AN_ITEM = /^(?:ISO|COVID|FY|Q[1-4]$|UTF|SHA|RFC|IPV|MP[34]$|H2O$|CO2$|W-?[89]$|NSF|ANSI|UL\d|CSA|EN\d|DIN\d|IEC\d|NEMA)/;
// A count or measure with its unit glued on ("40PCS", "10AM", "2ND", "12V"), or a range of one ("30-40A").
const UNIT = '(?:PCS?|EA|KG|G|LBS?|MM|CM|M|FT|IN|X|AM|PM|ST|ND|RD|TH|K|OZ|L|ML|V|W|A|HZ|KW|HP|AWG|PSI|GPM|CFM|MIL|VAC|VDC)';
const MEASURE = new RegExp(`^\\d+(?:[.,]\\d+)?(?:[-/]\\d+(?:[.,]\\d+)?)?${UNIT}$`);

// "nitrile exam gloves (EXG-NTR-MD)": a code of capitals alone, dashed into three or more parts, named in brackets
// after its description; two parts ("(FOB-DEST)") are as often an abbreviation.
const LETTERS_IN_PARENS = /\(\s*([A-Z]{2,6}(?:-[A-Z]{1,6}){2,4})\s*\)/g;

const digitsIn = (s: string) => s.replace(/\D/g, '').length;

function isDateShape(groups: number[]): boolean {
  const [a, b, c] = groups;
  if (groups.length !== 3 || a == null || b == null || c == null) return false;
  const dayMonth = (x: number, y: number) => (x <= 12 && y <= 31) || (x <= 31 && y <= 12);
  return (a >= 1900 && dayMonth(b, c)) || (c >= 1900 && dayMonth(a, b)) || (a <= 31 && b <= 31 && c <= 99 && dayMonth(a, b));
}

function isPhoneShape(lengths: number[]): boolean {
  const shape = lengths.join('-');
  return ['3-4', '3-3-4', '1-3-3-4', '2-4-4', '4-3-4', '5-6'].includes(shape);
}

function acceptDashed(code: string): boolean {
  const groups = code.split('-');
  const lengths = groups.map((g) => g.length);
  if (digitsIn(code) < 6 || isPhoneShape(lengths) || isDateShape(groups.map(Number))) return false;
  return groups.length >= 3 || Math.max(...lengths) >= 4;
}

function acceptAlnum(code: string): boolean {
  const compact = code.replace(/[-.\/]/g, '');
  return compact.length >= 4 && !OTHER_DOCUMENT.test(code) && !MEASURE.test(compact.toUpperCase()) && !NOT_AN_ITEM.test(code);
}

function acceptLabelled(code: string): boolean {
  return digitsIn(code) >= 3 && code.replace(/[-.\/]/g, '').length >= 4;
}

/** Item codes in the span, first to last; a labelled code wins over the shapes that overlap it. */
export function findItemCodes(text: string, span: Span): ItemCode[] {
  const found: ItemCode[] = [];
  const add = (start: number, value: string, labelled: boolean) => {
    const candidate = { start, end: start + value.length, value, labelled };
    if (found.some((f) => overlaps(f, candidate))) return;
    // "quote Q-23051", "RFQ 26-114", "invoice 9100518": a label names another document.
    if (!labelled && NOT_AN_ORDER_BEFORE.test(text.slice(Math.max(span.start, start - 30), start))) return;
    found.push(candidate);
  };
  for (const m of matchesIn(text, span, LABELLED)) {
    const value = m[1]!.replace(/[.\/-]+$/, '');
    if (acceptLabelled(value)) add(m.at + m[0].length - m[1]!.length, value, true);
  }
  for (const m of matchesIn(text, span, ALNUM)) if (acceptAlnum(m[0])) add(m.at, m[0], false);
  for (const m of matchesIn(text, span, DASHED_DIGITS)) if (acceptDashed(m[0])) add(m.at, m[0], false);
  for (const m of matchesIn(text, span, LETTERS_IN_PARENS)) add(m.at + m[0].indexOf(m[1]!), m[1]!, false);
  return found.sort((a, b) => a.start - b.start);
}
