// Numbers as customers write them: digits with thousands separators, and small numbers spelled out ("forty").
import { matchesIn, type Found, type Span } from './spans.ts';

// A number glued to letters, slashes or a currency sign is part of something else (M8, 3/4, $12, HX-2210);
// a glued unit ("40pcs") is still a count.
const DIGITS =
  /(?<![\w.,\/$€£#@-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(?=(?:pcs?|ea|units?|x)\b)|(?![\w\/]|[.,]\d))/g;

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const WORD = `(?:${Object.keys(TENS).join('|')})(?:[\\s-](?:${Object.keys(SMALL).slice(1, 10).join('|')}))?|${Object.keys(SMALL).join('|')}`;
const WORDS = new RegExp(`\\b(?:(${WORD}|a)\\s+(hundred|dozen)|(${WORD}))\\b`, 'gi');

// "one" is as often a pronoun as a count: "no one", "this one", "one of the pallets".
const PRONOUN_BEFORE = /\b(?:no|this|that|the|any|every|each|which|another|only)\s+$/i;
const PRONOUN_AFTER = /^\s+(?:of\s+(?:the|our|your|these|those|them)|another|more|thing|time|day|week)\b/i;

/** "1,200" → 1200, "12.50" → 12.5; null when it is not a plain number. */
export function parseDigits(raw: string): number | null {
  const clean = raw.replace(/,(?=\d{3}\b)/g, '');
  return /^\d+(?:\.\d+)?$/.test(clean) ? Number(clean) : null;
}

function wordValue(word: string): number {
  const [tens, unit] = word.toLowerCase().split(/[\s-]+/);
  return (TENS[tens!] ?? SMALL[tens!] ?? 0) + (unit ? (SMALL[unit] ?? 0) : 0);
}

// A size or a rating is not a count: 2" lug, 3/4 in, 40 mm, 10 HP, 480 V, 30 A, 8 mil, 12 AWG, 150 psi.
const DIMENSION_AFTER = /^(?:\s?["”″]|\s?(?:in\.?|inch(?:es)?|mm|cm|hp|v|vac|vdc|kv|kw|kva|amps?|mil|awg|ga|gauge|psi|bar|°[cf]?|w|watts?|lb|lbs|kg|oz)\b)/i;

export function findNumbers(text: string, span: Span): Found<number>[] {
  const out: Found<number>[] = [];
  for (const m of matchesIn(text, span, DIGITS)) {
    if (DIMENSION_AFTER.test(text.slice(m.at + m[0].length, Math.min(span.end, m.at + m[0].length + 8)))) continue;
    const value = parseDigits(m[1]!);
    if (value != null) out.push({ start: m.at, end: m.at + m[1]!.length, value });
  }
  for (const m of matchesIn(text, span, WORDS)) {
    const end = m.at + m[0].length;
    let value: number;
    if (m[2]) {
      const base = m[1]!.toLowerCase() === 'a' ? 1 : wordValue(m[1]!);
      value = base * (m[2].toLowerCase() === 'hundred' ? 100 : 12);
    } else {
      if (/^one$/i.test(m[3]!) && (PRONOUN_BEFORE.test(text.slice(span.start, m.at)) || PRONOUN_AFTER.test(text.slice(end, span.end)))) continue;
      value = wordValue(m[3]!);
    }
    out.push({ start: m.at, end, value });
  }
  // "three (3)": the digits repeat the word, so the count is said once (the word keeps it).
  const words = out.filter((n) => !/^\d/.test(text.slice(n.start, n.end)));
  const repeated = out.filter((n) => /^\d/.test(text.slice(n.start, n.end)) && words.some((w) => w.value === n.value && /^\s*\(\s*$/.test(text.slice(w.end, n.start))));
  return out.filter((n) => !repeated.includes(n)).sort((a, b) => a.start - b.start);
}
