// Cancellations: a line ("please cancel line HX-2210", "remove AB123 from the order") or the whole order.
import type { Sentence } from './annotate.ts';
import { clamp, clauseAround, type Finding, type RuleOutput } from './finding.ts';
import { cover, type Found, type Span } from './spans.ts';

const CANCEL = /\b(?:cancel+(?:ed|ing|ation\s+of)?|cxl|canx|void|stornier\w*|storno|cancel(?:ar|en|e)|anul(?:ar|en|e|ación\s+de))\b/i;
const REMOVE = /\b(?:remove|delete|drop(?![\s-]?ship)|take\s+(?:\S+\s+){0,3}off|strike|no\s+longer\s+(?:need|require|want)|(?:don'?t|do\s+not|won'?t)\s+need|eliminar|quitar|streichen|entfernen)\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|please\s+don'?t|not|never|no\s+need\s+to|nicht|no)\s+(?:\w+\s+)?(?:cancel|remove|delete|drop|stornier\w*|cancelar|anular)\b/i;
const CONDITIONAL = /\b(?:if|unless|otherwise|in\s+case|falls|si)\b/i;
// The object of the cancellation is the order itself ("cancel the order", "cancel PO 4500012345 entirely").
const ORDER_OBJECT =
  /\b(?:cancel+|cxl|void|stornier\w*|cancel(?:ar|en|e)|anul(?:ar|en|e))\s+(?:the\s+|this\s+|our\s+|my\s+|that\s+|your\s+|el\s+|la\s+|die\s+|unsere\s+|nuestr[oa]\s+)?(?:entire\s+|whole\s+|complete\s+|full\s+|gesamte\s+)?(?:order|po\b|p\.o\.|purchase\s+order|sales\s+order|bestellung|auftrag|pedido|orden)/i;
const ORDER_PASSIVE = /\b(?:order|po|p\.o\.|purchase\s+order|bestellung|pedido)\b.{0,40}\b(?:cancel(?:l)?ed|to\s+be\s+cancel(?:l)?ed)\b/i;
const WHOLE = /\b(?:entire(?:ly)?|whole|complete(?:ly)?|in\s+full|everything|all\s+(?:items|lines)|en\s+su\s+totalidad|completo|komplett|vollst[äa]ndig|gesamte?)\b/i;
const LINE_WORD = /\b(?:line|item|position|pos|partida|art[ií]culo)\b/i;
// Voiding an invoice, a charge or a credit memo cancels a bill, not the order.
const BILLING_OBJECT = /^\s*(?:the\s+|that\s+|this\s+|our\s+|your\s+|one\s+of\s+the\s+)?(?:duplicate\s+|second\s+|extra\s+|wrong\s+)?(?:invoices?|inv\b|bills?|charges?|credit\s+memos?|debit\s+memos?|payments?|checks?|cheques?|facturas?|rechnung(?:en)?)\b/i;
// "cancel X and add Y as a new line": the second request is not part of the cancellation.
const NEXT_REQUEST = /\s*(?:,|;|\band\b|\bthen\b|\bplus\b)\s+(?:please\s+)?(?:also\s+)?(?:add|include|send|ship|replace|substitute|use|put|change|increase|make|a[ñn]adir|agregar|hinzuf[üu]gen)\b/i;

export function cancellations(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  const cancel = CANCEL.exec(s.text);
  const remove = cancel ? null : REMOVE.exec(s.text);
  const verb = cancel ?? remove;
  if (!verb || NEGATED.test(s.text) || BILLING_OBJECT.test(s.text.slice(verb.index + verb[0].length))) return out;
  if (s.tier === 'attachment' && !cancel) return out;
  // "Drop the HX-2210 quantity to 10", "remove 5 of them": a smaller quantity, not a cancellation.
  if (!cancel && /\b(?:to|down\s+to|auf|a)\s+\d/i.test(s.text.slice(verb.index))) return out;
  const verbSpan = { start: s.start + verb.index, end: s.start + verb.index + verb[0].length };
  const conditional = CONDITIONAL.test(s.text);
  const hedge = conditional ? ['the cancellation is conditional ("if …"); check what the customer means'] : [];
  if (s.quantities.some((q) => q.start > verbSpan.end && /^\s*$/.test(s.page.text.slice(verbSpan.end, q.start)))) {
    // "cancel 10 pcs of HX-2210" takes 10 off the line: a quantity change relative to a quantity not stated.
    out.warnings.push('a partial cancellation ("cancel N of an item") needs the current quantity; it was not extracted');
    return out;
  }
  const around = clauseAround(s, verbSpan);
  const next = NEXT_REQUEST.exec(s.page.text.slice(verbSpan.end, around.end));
  const clause = next ? { start: around.start, end: verbSpan.end + next.index } : around;
  const skus = s.skus.filter((k) => k.start >= clause.start && k.end <= clause.end);
  if (skus.length > 0) {
    for (const sku of skus) out.findings.push(line(s, sku, verbSpan, cancel ? 0.85 : 0.75, conditional, hedge));
    return out;
  }
  const itAsOrder = /\b(?:cancel+|cxl|stornier\w*|cancel(?:ar|en)|anul(?:ar|en))\s+(?:it|this(?:\s+one)?|that(?:\s+one)?|everything)\b/i.test(s.text) && /\b(?:order|po|p\.o\.|pedido|bestellung)\b/i.test(s.text);
  const wholeOrder = itAsOrder || ORDER_OBJECT.test(s.text) || ORDER_PASSIVE.test(s.text) || ((s.orderRefs.length > 0 || WHOLE.test(s.text)) && !LINE_WORD.test(s.text));
  if (cancel && wholeOrder) {
    const spans: Span[] = [verbSpan, ...s.orderRefs];
    const whole = WHOLE.exec(s.text);
    if (whole) spans.push({ start: s.start + whole.index, end: s.start + whole.index + whole[0].length });
    out.findings.push({
      kind: 'cancel_order', page: s.page, tier: s.tier, sentence: s, sku: null, needsSku: false, from: null, to: null,
      spans: [cover(spans)], confidence: clamp(conditional ? 0.45 : whole || s.orderRefs.length > 0 ? 0.88 : 0.8), warnings: hedge,
    });
    return out;
  }
  if (cancel && LINE_WORD.test(s.text)) {
    // "cancel that line": the item is named elsewhere (the provider looks nearby); "cancel line 2" names no item.
    if (/\b(?:line|item|pos(?:ition)?)\s*(?:no\.?|#)?\s*\d{1,3}\b/i.test(s.text)) {
      out.warnings.push('a line is cancelled by its line number, not its item code; it was not extracted');
    } else {
      out.findings.push({ ...line(s, null, verbSpan, 0.6, conditional, hedge), needsSku: true });
    }
  }
  return out;
}

function line(s: Sentence, sku: Found<string> | null, verb: Span, base: number, conditional: boolean, warnings: string[]): Finding {
  return {
    kind: 'cancel_line', page: s.page, tier: s.tier, sentence: s, sku, needsSku: sku == null, from: null, to: null,
    spans: [cover([verb, ...(sku ? [sku] : [])])], confidence: clamp(conditional ? 0.45 : base), warnings,
  };
}
