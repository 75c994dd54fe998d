// Unit price changes: "the price for HX-2210 should be $12.50 not $14.00", "unit price 12.50".
import type { Sentence } from './annotate.ts';
import { clamp, piecesBySku, type RuleOutput } from './finding.ts';
import { PRICE_CONTEXT } from './money.ts';
import { cover, type Found, type Span } from './spans.ts';

// A currency sign alone is not enough: footers and totals carry amounts too.
const PRICE_CUE = PRICE_CONTEXT;
// Totals, credits and balances are amounts, not unit prices.
const NOT_UNIT_PRICE_BEFORE = /\b(?:total|subtotal|sum|amount|balance|credit|freight|shipping|tax|vat|deposit|invoice\s+(?:total|amount))\b[^$€£\d]{0,20}[$€£]?\s*$/i;
// Money spans hold the amount only, so a currency sign may sit between the cue and the amount.
const SIGN = String.raw`(?:US\$|[$€£]|USD|EUR|GBP)?\s*$`;
const OLD_BEFORE = new RegExp(
  String.raw`\b(?:not|instead\s+of|rather\s+than|from|was|were|currently|previously|invoic(?:ed|es|ing)(?:\s+(?:at|for|us))?|charg(?:ed|es|ing)(?:\s+(?:at|us))?|bill(?:ed|s|ing)(?:\s+(?:at|us))?|old\s+price(?:\s+(?:of|was|is))?|list(?:\s+price)?)\s*(?:at\s+)?(?:the\s+)?${SIGN}`,
  'i',
);
const OLD_AFTER = /^\s*(?:before|previously|originally|on\s+the\s+invoice)\b/i;
const NEW_BEFORE = new RegExp(
  String.raw`\b(?:to|should\s+be|agreed(?:\s+(?:at|on|price))?|quoted(?:\s+(?:at|us))?|correct\s+(?:price|amount)\s+(?:is|of)|new\s+(?:unit\s+)?price(?:\s+(?:is|of))?|is\s+now|now)\s*:?\s*(?:at\s+)?${SIGN}`,
  'i',
);
// Without one of these, a listed price ("HX-2210 40 pcs @ $12.50") restates the order rather than changing it.
const CHANGE_CUE = /\b(?:should|correct(?:ed|ion)?|agreed|quoted|new|change|update|adjust|revise|instead|not|wrong|incorrect|overcharged|was|from|to)\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|no\s+need\s+to)\s+(?:\w+\s+)?(?:change|adjust|update)\b/i;

export function priceChanges(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (s.money.length === 0 || !PRICE_CUE.test(s.text) || NEGATED.test(s.text)) return out;
  const cued = CHANGE_CUE.test(s.text);
  if (s.tier === 'attachment' && !cued) return out;
  for (const { piece, sku } of piecesBySku(s)) {
    const amounts = s.money.filter((m) => m.start >= piece.start && m.end <= piece.end && unitPrice(s, m));
    const roles = assignRoles(s, amounts);
    if (!roles) continue;
    const cue = PRICE_CUE.exec(s.page.text.slice(piece.start, piece.end));
    const spans: Span[] = [roles.to, ...(roles.from ? [roles.from] : []), ...(sku ? [sku] : [])];
    if (cue) spans.push({ start: piece.start + cue.index, end: piece.start + cue.index + cue[0].length });
    const base = roles.from ? 0.88 : cued ? 0.8 : 0.5;
    out.findings.push({
      kind: 'price', page: s.page, tier: s.tier, sentence: s, sku, needsSku: sku == null,
      from: roles.from?.value ?? null, to: roles.to.value,
      spans: [cover(spans)], confidence: clamp(base), warnings: [],
    });
  }
  return out;
}

const unitPrice = (s: Sentence, m: Found<number>) => !NOT_UNIT_PRICE_BEFORE.test(s.page.text.slice(s.start, m.start));

function assignRoles(s: Sentence, amounts: Found<number>[]): { to: Found<number>; from: Found<number> | null } | null {
  const text = s.page.text;
  const isOld = (m: Found<number>) => OLD_BEFORE.test(text.slice(s.start, m.start)) || OLD_AFTER.test(text.slice(m.end, s.end));
  const old = amounts.filter(isOld);
  const fresh = amounts.filter((m) => !old.includes(m));
  const to = fresh.find((m) => NEW_BEFORE.test(text.slice(s.start, m.start))) ?? fresh[0];
  if (!to) return null;
  const from = old.find((m) => m.value !== to.value) ?? null;
  return { to, from };
}
