// Unit price changes: "the price for HX-2210 should be $12.50 not $14.00", "your ack shows $142.50; the bid was $128.00".
//
// Each amount gets a role from what the customer says about it: the price to change to (after "should be", "to", or
// from a quote, bid or contract) or the price being replaced (after "not", "instead of", or as the acknowledgement or
// invoice shows it). A sentence may state only one of the two; price-merge.ts joins them across sentences.
import type { Sentence } from './annotate.ts';
import { clamp, piecesBySku, type PriceRole, type RuleOutput } from './finding.ts';
import { PRICE_CONTEXT } from './money.ts';
import { cover, type Found, type Span } from './spans.ts';

// A currency sign alone is not enough: footers and totals carry amounts too; a per-unit amount ("41.00/bx") is a price.
const PRICE_CUE = new RegExp(
  `${PRICE_CONTEXT.source}|\\d\\s*\\/\\s*(?:ea|each|unit|pc|pcs|bx|box|cs|case|ft|roll|reel|pr|pair)\\b|\\b(?:je|pro)\\s+st[üu]ck\\b|\\bpor\\s+(?:pieza|unidad)\\b|\\bc\\/u\\b|\\b(?:best[äa]tigt|berechnet|invoice|ack(?:nowledg(?:e)?ment)?|confirmation|quote|bid|contract|agreement|blanket|price\\s+file|cotizaci[oó]n|confirmaci[oó]n|angebot)\\b`,
  'i',
);
// Totals, credits, differences and arithmetic are amounts, not unit prices.
const NOT_UNIT_PRICE_BEFORE =
  /\b(?:total|subtotal|sum|amount|balance|credit|difference|freight|shipping|tax|vat|deposit|surcharge|fee|invoice\s+(?:total|amount))\b[^$€£\d]{0,20}[$€£]?\s*$|\b(?:memo|check|cheque|payment|remittance|deduct\w*|short[\s-]?pa\w*|refund)\b[^$€£\d]{0,30}[$€£]?\s*$|[x×=]\s*[$€£]?\s*$/i;
const NOT_UNIT_PRICE_AFTER = /^\s*(?:[=x×]|less\b|more\b|off\b|difference\b|total\b|in\s+total\b)/i;
// Money spans hold the amount only, so a currency sign may sit between the cue and the amount.
const SIGN = String.raw`(?:US\$|[$€£]|USD|EUR|GBP|CHF|CAD|MXN)?\s*$`;
const STRONG_OLD = new RegExp(
  String.raw`\b(?:not|nicht|instead\s+of|rather\s+than|from|previously|currently|originally|old\s+price(?:\s+(?:of|was|is))?|en\s+lugar\s+de|en\s+vez\s+de|y\s+no|statt|anstatt|von)\s*(?:at\s+)?(?:the\s+)?${SIGN}`,
  'i',
);
const STRONG_NEW = new RegExp(
  String.raw`(?:\b(?:to|should\s+be|must\s+be|needs?\s+to\s+be|correct\s+(?:unit\s+)?(?:price|amount)\s+(?:is|of)|new\s+(?:unit\s+)?price(?:\s+(?:is|of))?|is\s+now|now|bill\s+(?:them|it|us|those|these)?\s*at|charge\s+(?:us\s+)?|agreed(?:\s+(?:at|on|price(?:\s+(?:is|of))?))?|(?:precio|preis)\s+(?:unitario\s+)?(?:a|auf)|muss|soll(?:te)?|betr[äa]gt|debe(?:r[ií]a)?\s+ser|correct[oa]\s+(?:\S+\s+){0,5}es|richtige[rn]?\s+(?:\S+\s+){0,5}(?:ist|lautet))\s*:?\s*(?:at\s+)?${SIGN})`,
  'i',
);
const NEW_DOCS = /\b(?:quote[ds]?|quotation|bid|contract|agreed|negotiated|agreement|(?:rahmen)?vereinbarung|rahmenvertrag|vertrag|contrato|convenio|blanket(?:\s+(?:order|po|pricing))?|price\s+(?:file|list|sheet)|catalog(?:ue)?|offer|cotizaci[oó]n|angebot|vereinbart|acordad[oa])\b/gi;
const OLD_DOCS = /\b(?:ack(?:nowledg(?:e)?ment)?|confirmation|invoice[ds]?|bill(?:ed|s|ing)|charg(?:ed|es|ing)|entered|came\s+(?:through|in)|shows?|showing|you\s+(?:have|had|entered|show|put)|confirmaci[oó]n|factura|rechnung|auftragsbest[äa]tigung|aparece|erscheint)\b/gi;
// "haben Sie 4,20 € je Stück bestätigt", "came through at $12 on the ack": the amount as the order now states it.
const OLD_AFTER_AMOUNT = /^\s*(?:€|EUR|USD|CHF)?\s*(?:(?:je|pro|per|por)\s+\S+\s+|\/\s*\S+\s+|each\s+|ea\.?\s+)?(?:best[äa]tigt|berechnet|confirmad[oa]|facturad[oa]|acknowledged|confirmed|on\s+(?:the|your)\s+(?:ack\w*|confirmation))\b/i;
const WEAK_OLD = new RegExp(String.raw`\b(?:was|were|era|war|at)\s*(?:de\s+)?${SIGN}`, 'i');
// Without one of these, a listed price ("HX-2210 40 pcs @ $12.50") restates the order rather than changing it.
const CHANGE_CUE = /\b(?:should|correct(?:ed|ion)?|corregir|correct[oa]|incorrect[oa]|debe|cambiar|statt|anstatt|muss|soll(?:te)?|richtig|falsch|korrekt|[äa]ndern|agreed|quoted?|new|change|update|adjust|revise|instead|not|wrong|incorrect|overcharged|was|from|to|fix|bid|contract|agreement|bill\s+(?:them|it)\s+at|match|korrigieren)\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|no\s+need\s+to)\s+(?:\w+\s+)?(?:change|adjust|update)\b/i;
// An amount that corrects an invoice already sent ("a corrected invoice at $41.50") changes no order line.
const INVOICE_ONLY = /\b(?:invoice|credit\s+memo|factura|rechnung)\b[^$€£\d]{0,25}$/i;
const ORDER_WORDS = /\b(?:order|line|ack(?:nowledg(?:e)?ment)?|po|pedido|open|still\s+open|before\s+(?:it\s+)?invoices?|before\s+(?:you\s+)?invoic\w*|auftrag)\b/i;

// "should be $64.75, not $71.20": one amount corrected to another is a price even without the word.
const CONTRASTED_AMOUNTS = /\b(?:should|must|needs?\s+to)\s+be\s+(?:US\$|[$€£]|USD|EUR)\s?\d[^.;!?]*\b(?:not|instead\s+of|rather\s+than)\s+(?:the\s+)?(?:US\$|[$€£]|USD|EUR)\s?\d/i;

export function priceChanges(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (s.money.length === 0 || !(PRICE_CUE.test(s.text) || CONTRASTED_AMOUNTS.test(s.text)) || NEGATED.test(s.text)) return out;
  const cued = CHANGE_CUE.test(s.text);
  if (s.tier === 'attachment' && !cued) return out;
  for (const { piece, sku } of piecesBySku(s)) {
    const amounts = s.money.filter((m) => m.start >= piece.start && m.end <= piece.end && unitPrice(s, m));
    const roles = assignRoles(s, amounts);
    if (!roles) continue;
    const cue = PRICE_CUE.exec(s.page.text.slice(piece.start, piece.end));
    const found = [roles.to, roles.from].filter((x): x is Found<number> => x != null);
    const spans: Span[] = [...found, ...(sku ? [sku] : [])];
    if (cue) spans.push({ start: piece.start + cue.index, end: piece.start + cue.index + cue[0].length });
    out.findings.push({
      kind: 'price', page: s.page, tier: s.tier, sentence: s, sku, needsSku: sku == null,
      from: roles.from?.value ?? null, to: roles.to?.value ?? null, priceRole: roles.to && billingOnly(s) ? 'billing' : roles.role,
      spans: [cover(spans)], confidence: confidenceOf(roles, cued), warnings: [],
    });
  }
  return out;
}

// A new price said only about the invoice ("the invoice should have been $41.50") corrects a bill, not the order,
// unless the sentence also speaks of the order going forward ("before you invoice", "on the open lines").
const INVOICE_WORD = /\b(?:invoice[ds]?|billed|bills|charged|factur(?:a|ado|ada|aron|amos)|rechnung|berechnet)\b/i;
const ORDER_FIX = /\b(?:(?:correct|fix|update|change)\s+(?:the|our|your)\s+(?:order|po|ack\w*)|before\s+(?:it|they)\s+ships?|before\s+(?:shipping|it\s+goes\s+out)|before\s+(?:you|it|they|we)\s+(?:invoice|bill)s?|before\s+(?:invoicing|billing)|on\s+the\s+(?:order|ack\w*|po|line|open)|still\s+open|open\s+(?:qty|lines?|balance)|next\s+invoice|going\s+forward|future\s+(?:invoices|orders|shipments)|remaining|backorder)\b/i;
const billingOnly = (s: Sentence) => INVOICE_WORD.test(s.text) && !ORDER_FIX.test(s.text);

function unitPrice(s: Sentence, m: Found<number>): boolean {
  const text = s.page.text;
  return !NOT_UNIT_PRICE_BEFORE.test(text.slice(s.start, m.start)) && !NOT_UNIT_PRICE_AFTER.test(text.slice(m.end, s.end).replace(/^\s*(?:USD|EUR|GBP|each|ea|\/\s*\w+)\b/i, ''));
}

type Role = 'old' | PriceRole;

/** What the customer says about one amount, from the words just before it, then the document it is said to be in. */
function roleOf(s: Sentence, m: Found<number>, previousEnd: number): Role {
  const text = s.page.text;
  const before = text.slice(Math.max(s.start, previousEnd), m.start);
  if (STRONG_OLD.test(before) || OLD_AFTER_AMOUNT.test(text.slice(m.end, Math.min(s.end, m.end + 40)))) return 'old';
  if (STRONG_NEW.test(before)) return 'strong';
  const lastOf = (re: RegExp) => Math.max(-1, ...[...before.matchAll(re)].map((x) => x.index!));
  const [newDoc, oldDoc] = [lastOf(NEW_DOCS), lastOf(OLD_DOCS)];
  if (newDoc >= 0 || oldDoc >= 0) return newDoc > oldDoc ? 'document' : 'old';
  return WEAK_OLD.test(before) ? 'old' : 'unknown';
}

interface Roles {
  to: Found<number> | null;
  from: Found<number> | null;
  role: PriceRole;
}

function assignRoles(s: Sentence, amounts: Found<number>[]): Roles | null {
  if (amounts.length === 0) return null;
  const roles = amounts.map((m, i) => ({ m, role: roleOf(s, m, i === 0 ? s.start : amounts[i - 1]!.end) }));
  const rank: Record<Role, number> = { strong: 3, document: 2, unknown: 1, billing: 0, old: 0 };
  const best = [...roles].sort((a, b) => rank[b.role] - rank[a.role] || b.m.start - a.m.start)[0]!;
  const invoiceOnly = INVOICE_ONLY.test(s.page.text.slice(Math.max(s.start, best.m.start - 30), best.m.start)) && !ORDER_WORDS.test(s.text);
  // A bare amount in a sentence that asks for no change ("HX-2210 unit price 12.50") restates the order.
  const contrasted = roles.some((r) => r.role === 'old');
  const to = best.role === 'old' || invoiceOnly || (best.role === 'unknown' && !CHANGE_CUE.test(s.text) && !contrasted) ? null : best.m;
  const from = roles.find((r) => r.role === 'old' && r.m.value !== to?.value)?.m ?? null;
  if (!to && !from) return null;
  return { to, from, role: to ? (best.role as PriceRole) : 'unknown' };
}

function confidenceOf(roles: Roles, cued: boolean): number {
  if (!roles.to) return 0.5;
  if (roles.from) return clamp(0.88);
  if (roles.role === 'strong') return clamp(0.8);
  if (roles.role === 'document') return clamp(0.75);
  return clamp(cued ? 0.7 : 0.5);
}
