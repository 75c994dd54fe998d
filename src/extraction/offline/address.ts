// Postal addresses in text: a block of short lines ending in a city line, or one line ("14550 Solomons Island Rd S, Solomons, MD 20688").
import { trimSpan, type Found, type Span } from './spans.ts';

// The line that ends an address: US/Canadian "City, ST 12345" / "QC H2X 1Y4", UK postcodes, and European
// "70469 Stuttgart" / "5683 CG Best", which look like a US street line and so need a street line above them.
const CITY_LINE = /\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\s*$|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\s*$|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\s*$/;
const POSTAL_FIRST_LINE = /^\s*(?:(?:[A-Z]{1,2}-)?\d{4,5}|\d{4}\s?[A-Z]{2})\s+\p{Lu}[\p{L}.' -]+(?:,\s*[\p{L}.' ]+)?\s*$/u;
// "Callao 07001, Perú", "Santiago 8320000": a city, then its postal code, then perhaps the country.
const CITY_POSTAL_LINE = /\b\p{Lu}[\p{L}.' -]+\s+\d{4,7}(?:,\s*\p{Lu}[\p{L}.' ]+)?\s*$/u;
/** A city-and-postal-code line, with a street on an earlier line or before the city on this one. */
function cityPostalWithStreet(line: string, earlier: readonly { text: string }[]): boolean {
  const m = CITY_POSTAL_LINE.exec(line);
  if (!m || CITY_LINE.test(line)) return false;
  return STREET.test(line.slice(0, m.index)) || earlier.some((b) => STREET.test(b.text));
}
const COUNTRY_LINE = /^\s*(?:USA|U\.S\.A\.|United\s+States|Canada|Mexico|México|Deutschland|Germany|España|Spain|(?:The\s+)?Netherlands|Nederland|UK|United\s+Kingdom|France|Austria|Österreich|Schweiz|Switzerland)\s*$/i;
// A line with a house number or a street word: an address has one before (or on) its city line.
const STREET = /\b\d{1,6}[A-Za-z]?\s+\p{L}|\p{L}\s+\d{1,5}[a-z]?\b|\b(?:calle|avenida|av\.|straße|strasse|str\.|weg|platz|c\/o|p\.?\s?o\.?\s+box)\b/iu;
// A line of prose is not part of an address: it ends a sentence (a company's "Inc." aside) or runs long.
const COMPANY_END = /\b(?:inc|corp|co|ltd|llc|b\.v|gmbh|s\.a|s\.l|s\.a\.\s+de\s+c\.v|jr|sr|st)\.\s*$/i;
const ABBREVIATION_END = /(?:\b(?:\p{L}\.){1,3}|\b\p{Lu}\p{Ll}{0,4}\.)\s*$/u;
const proseLine = (line: string) => {
  const words = line.trim().split(/\s+/).length;
  return /[!?:]\s*$/.test(line) || (/\.\s*$/.test(line) && !COMPANY_END.test(line) && !ABBREVIATION_END.test(line) && words >= 3) || words > 9;
};
const MAX_LINES = 7;
// A house number, street words (an ordinal like "25th" may be one), then the city, state and ZIP.
const STREET_WORDS = String.raw`(?:[A-Za-z][\w.'-]*|\d+(?:st|nd|rd|th))(?:\s+(?:[A-Za-z][\w.'-]*|\d+(?:st|nd|rd|th)))*`;
const INLINE = new RegExp(
  String.raw`(?<![\w-])\d{1,6}[A-Za-z]?\s+${STREET_WORDS},\s*(?:[^,\n]{2,40},\s*)?[A-Za-z .'-]{2,40},?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\b|` +
    String.raw`\b\p{Lu}[\p{L}.-]+(?:\s+[\p{L}.-]+)*\s+\d{1,5}[a-z]?,\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+\p{Lu}[\p{L}-]+`,
  'gu',
);

// Comma-separated name parts, each starting with a capital or a digit: a company, a building, a dock.
const NAME_PARTS = /^(?:\s*[\p{Lu}\d][^,.!?:;\n]{0,60}(?:\.[^,.!?:;\n]{0,20})?,)+\s*$/u;

interface Line extends Span {
  text: string;
}

function linesFrom(text: string, from: number, until: number): Line[] {
  const out: Line[] = [];
  const re = /[^\r\n]*/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < until; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    re.lastIndex = m.index + m[0].length + (text.startsWith('\r\n', m.index + m[0].length) ? 2 : 1);
  }
  return out;
}

/** The address written as one string, its lines joined with ", " (as the eval contract and an ERP field want it). */
export const addressText = (lines: string[]): string =>
  lines.map((l) => l.replace(/\s+/g, ' ').trim().replace(/^[-*•]\s+/, '').replace(/[,;]\s*$/, '')).filter((l) => l !== '').join(', ');

/**
 * An address block starting on one of the first lines after `from` (one blank line may sit between): up to seven
 * short lines, ending at a city line (and a country line after it), with a street line among them.
 */
export function addressBlockAfter(text: string, from: number, until: number): Found<string> | null {
  const lines = linesFrom(text, from, until);
  let i = 0;
  if (lines[0] && lines[0].text.trim() !== '' && lines[0].start === from) i = 1; // the rest of the cue's own line
  let blanks = 0;
  while (i < lines.length && lines[i]!.text.trim() === '') if (++blanks > 2) return null; else i++;
  const block: Line[] = [];
  for (; i < lines.length && block.length < MAX_LINES && lines[i]!.text.trim() !== ''; i++) block.push(lines[i]!);
  const isCity = (l: Line, n: number) =>
    (CITY_LINE.test(l.text) && (block.slice(0, n).some((b) => STREET.test(b.text)) || /^\s*\d{1,6}[A-Za-z]?\s+\p{L}/u.test(l.text))) ||
    (POSTAL_FIRST_LINE.test(l.text) && block.slice(0, n).some((b) => STREET.test(b.text))) ||
    (n > 0 && cityPostalWithStreet(l.text, block.slice(0, n)));
  const city = block.map((l, n) => (isCity(l, n) ? n : -1)).reduce((a, b) => Math.max(a, b), -1);
  if (city < 0 || block.slice(0, city + 1).some((l) => proseLine(l.text))) return null;
  const end = COUNTRY_LINE.test(block[city + 1]?.text ?? '') ? city + 1 : city;
  const picked = block.slice(0, end + 1);
  const span = trimSpan(text, { start: picked[0]!.start, end: picked[end]!.end });
  return { ...span, value: addressText(picked.map((l) => l.text)) };
}

/** An address written inside a sentence: from the house number to the ZIP ("… Rd S, Solomons, MD 20688"). */
export function inlineAddress(text: string, span: Span): Found<string> | null {
  INLINE.lastIndex = 0;
  const slice = text.slice(span.start, span.end);
  const m = INLINE.exec(slice);
  if (!m) return null;
  // "Harbor Steel Works, Yard B, 1200 Pier Rd, …" on a line of its own: the name parts before the street belong to it.
  const lineStart = slice.lastIndexOf('\n', m.index) + 1;
  const named = NAME_PARTS.test(slice.slice(lineStart, m.index)) ? lineStart + slice.slice(lineStart, m.index).search(/\S/) : m.index;
  const whole = slice.slice(named, m.index + m[0].length);
  return { start: span.start + named, end: span.start + m.index + m[0].length, value: addressText(whole.split(/\r?\n/)) };
}
