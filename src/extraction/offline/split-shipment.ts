// Split shipments: "ship what you have now and backorder the rest", "partial shipments are fine", "no need to ship complete".
import type { Sentence } from './annotate.ts';
import { clamp, type RuleOutput } from './finding.ts';

const SPLIT = new RegExp(
  [
    String.raw`\b(?:ship|send|deliver)\s+(?:us\s+)?(?:what(?:ever)?|everything|all(?:\s+that)?|the\s+(?:items?|lines?|parts?|ones?))\s+(?:you\s+(?:have|can)|(?:is|are)\s+(?:in\s+stock|available|ready|on\s+hand)|(?:that|which)(?:'s|\s+is|\s+are)\s+(?:in\s+stock|available|ready|on\s+hand))`,
    String.raw`\bbackorder\s+(?:the\s+)?(?:rest|remainder|balance|remaining|anything\s+else|what(?:ever)?)`,
    String.raw`\b(?:ship|send)\s+(?:the\s+)?(?:rest|remainder|balance|remaining\s+(?:items?|lines?|parts?|quantity))(?:\s+of\s+(?:the|that|this|it|them)(?:\s+\w+)?)?\s+(?:when|as|once|later)`,
    String.raw`\b(?:ship|send)\s+(?:everything|all|the\s+rest)\s+else\s+(?:now|today|right\s+away|as\s+soon)`,
    String.raw`\b(?:partial|partials|split)\s+(?:shipments?|deliveries|delivery|shipping)?\s*(?:are|is)?\s*(?:ok|okay|fine|acceptable|allowed|good)\b`,
    String.raw`\b(?:ok|okay|fine)\s+(?:to|with)\s+(?:ship(?:ping)?\s+)?(?:partials?|partial\s+shipments?|split(?:ting)?)`,
    String.raw`\b(?:don'?t|do\s+not|no\s+longer)\s+need\s+(?:\S+\s+){0,4}to\s+ship\s+complete|\bno\s+need\s+to\s+ship\s+complete|\b(?:drop|remove|cancel)\s+(?:the\s+)?ship[\s-]complete`,
    String.raw`\bsplit\s+(?:the\s+)?(?:shipment|order|delivery)|\bship\s+(?:it\s+)?in\s+(?:two|several|multiple|2|3)\s+(?:shipments|deliveries|parts|lots)`,
    String.raw`\b(?:env[ií]os?|entregas?)\s+parcial(?:es)?|\bteillieferung(?:en)?\b`,
    String.raw`\b(?:half|part|some|most|what(?:ever)?\s+(?:you|is)\s+\w+)\s+(?:of\s+it\s+)?now\s+and\s+(?:the\s+)?(?:rest|remainder|balance)`,
  ].join('|'),
  'i',
);
const NEGATED = /\b(?:no\s+partials?|do\s+not\s+split|don'?t\s+split|must\s+ship\s+complete|ship\s+complete\s+only|keine\s+teillieferung)/i;
const REQUEST = /\b(?:please|pls|kindly|can|could|go\s+ahead|ok|okay|fine|need|want|don'?t|no\s+longer|no\s+need|send|ship|backorder|bitte|favor)\b/i;

export function splitShipments(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (s.tier === 'history' || NEGATED.test(s.text) || !REQUEST.test(s.text)) return out;
  const m = SPLIT.exec(s.text);
  if (!m) return out;
  out.findings.push({
    kind: 'split_shipment', page: s.page, tier: s.tier, sentence: s, sku: null, needsSku: false, from: null, to: null,
    spans: [{ start: s.start + m.index, end: s.start + m.index + m[0].length }],
    confidence: clamp(s.tier === 'attachment' ? 0.5 : 0.75),
    warnings: [],
  });
  return out;
}
