// Numbers that are something other than a quantity: phones, times, percentages, durations, addresses, line numbers.
import { matchesIn, type Span } from './spans.ts';

const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|a|an|a\\s+couple\\s+of|a\\s+few|several';

const PATTERNS: RegExp[] = [
  /(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses (anchored, so a long run of dots is linear)
  /\b(?:https?:\/\/|www\.)\S+/gi,
  /(?<![\d\s().+-])\+\d[\d\s().-]{7,20}\d/g, // international phone numbers
  /\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b/g,
  /(?<![\w-])\d{3}[-.]\d{3}[-.]\d{4}\b/g,
  /\b(?:tel|phone|fax|mobile|cell|ph|call|t|m|f)\.?\s*[:#]?\s*[\d\s().+-]{7,24}\d/gi,
  /\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)/gi,
  /\b\d{1,2}:\d{2}\b/g,
  /\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s+cent\b)/gi,
  new RegExp(`(?:\\b\\d+(?:[.,]\\d+)?|\\b(?:${NUMBER_WORD}))\\s+(?:more\\s+)?(?:business\\s+|working\\s+|calendar\\s+)?(?:days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?)\\b`, 'gi'),
  /\b\d{1,2}(?:st|nd|rd|th)\b/gi,
  /\b(?:line|pos(?:ition)?|row|item)\s*(?:no\.?|#)?\s*\d{1,3}\b(?![\w-])/gi, // line numbers, not counts
  /\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Pkwy|Parkway|Hwy|Highway)\b/g,
  /\b(?:suite|ste|unit|dock|door|gate|bldg|building|floor|room|bay|box)\.?\s*#?\s*\d+\b/gi,
  /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/g, // US state + ZIP
  /\b\d+(?:\.\d+)?\s?(?:x|×)\s?\d+(?:\.\d+)?\s?(?:mm|cm|m|in|ft|"|')/gi, // dimensions
  /\b\d+(?:\.\d+)?\s?[-–]\s?\d+(?:\.\d+)?\s?(?:A|V|W|mm|in|ft|HP|kW|AWG|psi|°[CF]?)(?![\w])/gi, // ranges of a rating ("30-40A")
  /\b\d+(?:\.\d+)?\s?(?:A|V|VAC|VDC|W|HP|kW|AWG|psi|°[CF]?)(?![\w])(?!\s+(?:of|x)\b)/g, // ratings of an item ("40 A contactor", "5 HP drive")
  /\b(?:case|box|pack|carton|bag|roll|pallet|bx|cs|ctn|bundle|spool)\s+of\s+\d+/gi, // a pack size, not a count ("box of 100")
  new RegExp(`(?:\\b\\d+|\\b(?:${NUMBER_WORD}))\\s+(?:more\\s+)?(?:shipments?|orders?|deliver(?:y|ies)|invoices?|POs?|acknowledg\\w+|emails?|times?|trucks?|loads?|copies|versions?|notices?)\\b`, 'gi'), // counts of other things
];

export function nonQuantitySpans(text: string, span: Span): Span[] {
  const out: Span[] = [];
  for (const re of PATTERNS) for (const m of matchesIn(text, span, re)) out.push({ start: m.at, end: m.at + m[0].length });
  return out;
}
