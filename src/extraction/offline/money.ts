// Money amounts: a number with a currency sign or code, or a bare number right after a price word.
import { matchesIn, overlaps, type Found, type Span } from './spans.ts';

const AMOUNT = String.raw`\d{1,3}(?:[,.'’]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?`;
const CODES = String.raw`USD|EUR|GBP|CAD|AUD|MXN|CHF|SEK|NOK|DKK|PLN|CZK`;
const SIGN_BEFORE = new RegExp(String.raw`(?:US\$|[$€£]|\b(?:${CODES})\b)\s?(${AMOUNT})(?![\d])`, 'gi');
const CODE_AFTER = new RegExp(String.raw`(?<![\w.,])(${AMOUNT})\s?(?:€|\b(?:${CODES}|dollars?|euros?|cents?|franken)\b)`, 'gi');
// "unit price 12.50", "price: 12.50", "@ 12.50", "cost should be 11": the price word makes the number money.
const AFTER_PRICE_WORD = new RegExp(
  String.raw`(?:\b(?:unit\s+)?(?:price|pricing|cost|rate|preis|precio)\b(?:\s+(?:per\s+unit|each|ea))?\s*(?:is|was|of|should\s+be|to|from|=|:)?\s*|@\s*)(${AMOUNT})(?![\w\/]|[.,]\d)`,
  'gi',
);

// "12.50 each", "12,50/ea": a two-decimal amount per unit is a price even without a sign.
const PER_UNIT = new RegExp(String.raw`(?<![\w.,$€£\/-])(\d+[.,]\d{2})\s*(?:each|ea\b\.?|per\s+(?:unit|piece|pc|item|box|case|roll|reel|foot|ft)|\/\s?(?:ea|unit|pc|pcs|piece|bx|box|cs|case|ft|roll|reel|pr|pair|pk|pack)\b)`, 'gi');
// In a sentence about prices, a bare two-decimal amount is money ("the price is wrong, it should be 12.50").
const TWO_DECIMALS = /(?<![\w.,$€£\/-])(\d{1,3}(?:,\d{3})*\.\d{2}|\d+,\d{2})(?![\w\/]|[.,]\d)/g;
export const PRICE_CONTEXT = /\b(?:unit\s+price|price[ds]?|pricing|cost|rate|charged?|quoted|invoiced|billed|each|per\s+(?:unit|piece|pc|item)|preis|precio)\b/i;

/** "1,234.50" → 1234.5; "1.234,50" and "12,50" (a decimal comma) → 1234.5 and 12.5. */
export function parseMoney(input: string): number | null {
  // Swiss and some ERP prints group thousands with an apostrophe or a thin space: 1'245.00, 1 245,00.
  const raw = input.replace(/(?<=\d)['’\u202f\u2009](?=\d{3}\b)/g, '');
  const lastComma = raw.lastIndexOf(',');
  const lastDot = raw.lastIndexOf('.');
  let normalised = raw;
  if (lastComma > lastDot) {
    const decimals = raw.length - lastComma - 1;
    normalised = decimals === 3 && lastDot === -1 ? raw.replace(/,/g, '') : raw.replace(/\./g, '').replace(',', '.');
  } else {
    normalised = raw.replace(/,/g, '');
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

export function findMoney(text: string, span: Span): Found<number>[] {
  const out: Found<number>[] = [];
  const priceSentence = PRICE_CONTEXT.test(text.slice(span.start, span.end)) || [...matchesIn(text, span, PER_UNIT)].length > 0;
  for (const re of [SIGN_BEFORE, CODE_AFTER, AFTER_PRICE_WORD, PER_UNIT, ...(priceSentence ? [TWO_DECIMALS] : [])]) {
    for (const m of matchesIn(text, span, re)) {
      const raw = m[1]!;
      const value = parseMoney(raw);
      // The amount ends the match when the sign or price word comes first, and starts it otherwise.
      const start = re === CODE_AFTER || re === PER_UNIT ? m.at : m.at + m[0].length - raw.length;
      const found = { start, end: start + raw.length, value: value ?? 0 };
      if (value != null && !out.some((o) => overlaps(o, found))) out.push(found);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
