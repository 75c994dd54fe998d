// Requested delivery date changes: "push delivery to the 12th", "deliver on Dec 4 instead", "ship by 12/04/2026".
import type { Sentence } from './annotate.ts';
import { isoDay, type DateMention, type DateReference } from './date-mentions.ts';
import { clamp, clauseAround, type RuleOutput } from './finding.ts';
import { cover, type Span } from './spans.ts';

const DELIVERY =
  /\b(?:deliver(?:y|ed|ies)?|ship(?:ping|ment|ped|s)?|dispatch(?:ed)?|arriv(?:e|al)|eta|due|need(?:ed)?\s+(?:it|them|this|these|those|the\s+\w+|by|on|before)|required\s+by|push(?:ed)?|postpone|delay|reschedule|move|bring\s+forward|pull\s+in|expedite|lieferung|liefertermin|liefern|entrega|entregar)\b/i;
// A PDF prints delivery dates on every order; only a changed one is a request.
const CHANGED = /\b(?:new|revised|changed?|move[ds]?|push(?:ed)?|postpone[ds]?|reschedule[ds]?|instead|updated|amended|neu(?:er)?|nueva)\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|cannot|can'?t|no\s+need\s+to)\s+(?:\w+\s+)?(?:change|move|push|postpone|delay|reschedule)\b/i;
// Reports of what already happened are not requests ("we received the delivery on Nov 20").
const PAST_EVENT = /\b(?:we|i)\s+(?:received|got)\b|\b(?:arrived|was\s+delivered|were\s+delivered|was\s+shipped|were\s+shipped)\b/i;
// The date being replaced: "from Dec 1", "instead of Dec 1", "not Dec 1", "(currently/originally) scheduled for Dec 1".
const OLD_BEFORE =
  /\b(?:from|instead\s+of|rather\s+than|not|was|originally|currently|previously|(?:scheduled|planned|confirmed|due|set)\s+(?:for|on)|(?:was|were|is|are)\s+(?:due|scheduled|planned|expected|confirmed|promised)(?:\s+(?:for|on|by))?)\s+(?:the\s+)?$/i;
const OLD_AFTER = /^\s*,?\s*as\s+(?:planned|scheduled|confirmed)\b/i;
const NEW_BEFORE = /\b(?:to|on|by|until|till|for|before|new\s+(?:delivery\s+)?date(?:\s+is)?|:)\s*(?:the\s+)?$/i;

// A shift with no anchor ("push it back a week") is relative to a date the message does not state.
const SHIFT = /\b(?:by|back|out|forward)\s+(?:a|an|one|two|three|four|\d+)\s+(?:more\s+)?(?:days?|weeks?|months?)\b/i;
// Asking when something ships is not asking to move it.
const STATUS_QUESTION = /^\s*(?:when|where|has|have|did|is|are|was|were)\b[^?]*\?/i;

export function deliveryDateChanges(s: Sentence, ref: DateReference): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (!DELIVERY.test(s.text) || NEGATED.test(s.text) || STATUS_QUESTION.test(s.text)) return out;
  if (s.dates.length === 0) {
    if (SHIFT.test(s.text) && s.tier !== 'attachment') out.warnings.push('a delivery date shift relative to the current date needs that date; it was not extracted');
    return out;
  }
  if (s.tier === 'attachment' && !CHANGED.test(s.text)) return out;
  if (PAST_EVENT.test(s.text) && !CHANGED.test(s.text)) return out;
  const roles = assignRoles(s);
  if (!roles) return out;
  const { to, toIso, from, fromIso } = roles;
  if (toIso < isoDay(ref) && !ref.assumed) {
    out.warnings.push('a requested delivery date lies before the message was sent; it was not extracted');
    return out;
  }
  const warnings: string[] = [];
  if (to.ambiguousOrder) warnings.push(`"${s.page.text.slice(to.start, to.end)}" could be day/month or month/day; read as ${to.iso}`);
  if (ref.assumed && to.precision === 'relative') warnings.push('the message has no Date header: the relative date was resolved against the time of extraction');
  const clause = clauseAround(s, to);
  const named = s.skus.filter((k) => k.start >= clause.start && k.end <= clause.end);
  const skus = named.length > 0 ? named : [null];
  for (const sku of skus) {
    const spans: Span[] = [to, ...(from ? [from] : []), ...(sku ? [sku] : []), ...cueSpan(s, clause)];
    out.findings.push({
      kind: 'delivery_date', page: s.page, tier: s.tier, sentence: s, sku, needsSku: false,
      from: fromIso, to: toIso,
      spans: [cover(spans)],
      confidence: confidenceOf(to, ref, named.length > 1),
      warnings,
    });
  }
  return out;
}

function assignRoles(s: Sentence): { to: DateMention; toIso: string; from: DateMention | null; fromIso: string | null } | null {
  const text = s.page.text;
  const range = s.dates.find((d) => d.endIso);
  if (range && /\bfrom\s+(?:the\s+)?$/i.test(text.slice(s.start, range.start))) {
    return { to: range, toIso: range.endIso!, from: range, fromIso: range.nearestIso };
  }
  const isOld = (d: DateMention) =>
    OLD_BEFORE.test(text.slice(s.start, d.start)) || (s.dates.length > 1 && OLD_AFTER.test(text.slice(d.end, s.end)));
  const old = s.dates.filter(isOld);
  const fresh = s.dates.filter((d) => !old.includes(d));
  const to = fresh.find((d) => NEW_BEFORE.test(text.slice(s.start, d.start))) ?? fresh[0];
  if (!to) return null;
  const from = old[0] ?? null;
  return { to, toIso: to.iso, from, fromIso: from ? from.nearestIso : null };
}

/** The delivery word, so the evidence reads "push delivery to the 12th" rather than "the 12th". */
function cueSpan(s: Sentence, clause: Span): Span[] {
  const m = DELIVERY.exec(s.page.text.slice(clause.start, clause.end));
  return m ? [{ start: clause.start + m.index, end: clause.start + m.index + m[0].length }] : [];
}

function confidenceOf(to: DateMention, ref: DateReference, sharedBySkus: boolean): number {
  let c = to.precision === 'explicit' ? 0.9 : to.precision === 'calendar' ? 0.85 : 0.78;
  if (to.ambiguousOrder) c -= 0.2;
  if (ref.assumed && to.precision === 'relative') c -= 0.3;
  if (sharedBySkus) c -= 0.05;
  return clamp(c);
}
