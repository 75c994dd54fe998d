// Requested delivery date changes: "push delivery to the 12th", "deliver on Dec 4 instead", "one week later than planned".
import type { Sentence } from './annotate.ts';
import { isoDay, type DateMention, type DateReference } from './date-mentions.ts';
import { addDays, currentDateNear, shiftIn } from './date-shift.ts';
import { clamp, clauseAround, type RuleOutput } from './finding.ts';
import { hasListIntro } from './quantity.ts';
import { cover, type Span } from './spans.ts';

const DELIVERY =
  /\b(?:deliver(?:y|ed|ies)?|ship(?:ping|ment|ped|s)?|dispatch(?:ed)?|arriv(?:e|al)|come|eta|due|(?:new|required|requested|revised|need[\s-]by)\s+(?:delivery\s+|ship\s+|due\s+)?date|(?:need|need[\s-]by|dock|in[\s-]plant|on[\s-]site|arrival|promise|ship)\s+dates?|get\s+(?:it|them|this|these|the\s+\w+)|need(?:ed)?\s+(?:it|them|this|these|those|the\s+\w+|by|on|before|\S+\s+here)|required\s+by|push(?:ed)?|postpone|delay|reschedule|move|bring\s+forward|pull\s+in|expedite|lieferung|liefertermin|liefern|lieferdatum|verschieben|entrega|entregar|env[ií]o|adelantar|posponer|aplazar)\b/i;
// A sentence asks for something, or states a change; a bare "Confirmed delivery date: 12/09" reports one.
const REQUEST =
  /\b(?:please|pls|plz|kindly|can|could|would|(?:we|i)'d\s+like|like\s+(?:the|it|to)|moved|pushed|will\s+you|need|needs|want|require[sd]?|must|should|change[ds]?|amend\w*|update[ds]?|requested|is\s+now|move|push|postpone|delay|reschedule|bring|pull|expedite|hold|instead|new|revised|rather|let'?s|make|bitte|k[öo]nnen|k[öo]nnten|verschieben|neue[rn]?|favor|pueden|podr[ií]an|necesit\w+|adelantar|posponer|aplazar|cambiar|nueva)\b|^\s*(?:\d{1,2}[.)]\s*)?(?:deliver|ship|send)\b/i;
// A PDF prints delivery dates on every order; only a changed one is a request.
const CHANGED = /\b(?:new|revised|changed?|move[ds]?|push(?:ed)?|postpone[ds]?|reschedule[ds]?|instead|updated|amended|neu(?:er)?|nueva)\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|cannot|can'?t|no\s+need\s+to)\s+(?:\w+\s+)?(?:change|move|push|postpone|delay|reschedule)\b/i;
// Reports of what already happened are not requests ("we received the delivery on Nov 20", "it came in this morning").
const PAST_EVENT = /\b(?:we|i)\s+(?:received|got)\b|\b(?:arrived|came\s+in|showed\s+up|was\s+delivered|were\s+delivered|was\s+shipped|were\s+shipped)\b/i;
// Asking when something ships, or whether it is still on time, is not asking to move it.
const STATUS_QUESTION = /^\s*(?:when|where|has|have|did|is|are|was|were)\b[^?]*\?|\b(?:checking|check\s+(?:that|if|whether)|still\s+on\s+(?:track|schedule)|on\s+track|confirm(?:ing)?\s+(?:that|whether|if)|confirm\s+(?:the\s+|our\s+)?(?:order|po|it|delivery|shipment)\s+(?:will|is|can|has)|confirm\s+(?:that\s+)?(?:you|u)\s+(?:received|got|have\s+(?:received|got))|did\s+you\s+(?:get|receive)|(?:have|has)\s+you\s+(?:received|got)|any\s+update|still\s+good)\b/i;
// Asking for a quote or a price is not changing an order; "so it can ship by Friday" is a purpose, not a request.
const NOT_A_CHANGE = /\b(?:quote|quotation|rfq|pricing|price\s+(?:for|on)|budget\w*|cotiza\w*|angebot)\b|\bso\s+(?:that\s+)?(?:it|they|we|you|the\s+\w+)\s+can\b/i;
// Said of the date already in place: "we were promised delivery on 12/4", "it was confirmed for Dec 1".
const OLD_CLAUSE = /\b(?:promised|were\s+told|was\s+told|supposed\s+to|originally|acknowledged|confirmed|scheduled|expected)\b[^.?!;]{0,40}$/i;

// The date being replaced: "from Dec 1", "instead of Dec 1", "not Dec 1", "(currently/originally) scheduled for Dec 1".
const OLD_BEFORE =
  /\b(?:from|instead\s+of|rather\s+than|not|was|originally|currently|previously|(?:scheduled|planned|confirmed|due|set)\s+(?:for|on)|(?:was|were|is|are)\s+(?:due|scheduled|planned|expected|confirmed|promised)(?:\s+(?:for|on|by))?|(?:is|are)\s+on\s+for|vom|statt|anstatt|bisher|en\s+lugar\s+de|actualmente)\s+(?:the\s+|el\s+|den\s+)?$/i;
const OLD_AFTER = /^\s*,?\s*as\s+(?:planned|scheduled|confirmed)\b/i;
const NEW_BEFORE = /\b(?:to|on|by|until|till|for|before|new\s+(?:delivery\s+)?date(?:\s+is)?|auf|zum|para|a|:)\s*(?:the\s+|den\s+|el\s+)?$/i;
// "Could just those come earlier?": the request is about the item named just before.
const THOSE = /\b(?:just|only)\s+(?:those|these|that\s+one|them|the\s+\w+)\b/i;

// "Can we do the 18th instead of the 11th?": one date put in place of another is a date move, delivery word or not.
const DATES_CONTRASTED = /\b(?:instead\s+of|rather\s+than|in\s+place\s+of|statt|anstatt|en\s+lugar\s+de|en\s+vez\s+de)\b/i;
// "We need it by 12/15" beside "did you receive our PO?" says why the status matters; it asks no move.
const NEED = /\bneed(?:s|ed)?\b/i;
const ASKS_MOVE = /\b(?:please|pls|can|could|change|move|push|new|instead|now|earlier|sooner|later|rather|bitte|favor)\b/i;
const needOnly = (text: string) => NEED.test(text) && !ASKS_MOVE.test(text);

export function deliveryDateChanges(s: Sentence, ref: DateReference, sentences: readonly Sentence[] = []): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  const contrasted = s.dates.length >= 2 && DATES_CONTRASTED.test(s.text) && s.tier !== 'attachment';
  if (!(DELIVERY.test(s.text) || contrasted) || NEGATED.test(s.text) || STATUS_QUESTION.test(s.text) || NOT_A_CHANGE.test(s.text)) return out;
  if (needOnly(s.text) && sentences.some((o) => o !== s && o.tier === s.tier && o.page === s.page && STATUS_QUESTION.test(o.text))) return out;
  if (s.tier === 'attachment' ? !CHANGED.test(s.text) : !REQUEST.test(s.text) && !hasListIntro(sentences, s)) return out;
  if (PAST_EVENT.test(s.text) && !CHANGED.test(s.text)) return out;
  const shift = shiftIn(s.text);
  if (s.dates.length === 0 || (shift && s.dates.length === 1)) return shifted(s, ref, sentences, out);
  const roles = assignRoles(s);
  if (!roles) return out;
  const from = roles.from ?? (s.tier === 'attachment' ? null : currentDateNear(s, sentences, roles.to));
  const fromIso = roles.fromIso ?? (from && from.nearestIso !== roles.toIso ? from.nearestIso : null);
  return finish(s, ref, out, { to: roles.to, toIso: roles.toIso, from: fromIso ? from : null, fromIso });
}

/** "Push it out two weeks" from the date stated here or in a neighbouring sentence; without one, a warning. */
function shifted(s: Sentence, ref: DateReference, sentences: readonly Sentence[], out: RuleOutput): RuleOutput {
  const shift = shiftIn(s.text);
  const base = shift && s.tier !== 'attachment' ? s.dates[0] ?? currentDateNear(s, sentences) : null;
  if (!shift || !base) {
    if (shift && s.tier !== 'attachment') out.warnings.push('a delivery date shift relative to the current date needs that date; it was not extracted');
    return out;
  }
  const shiftSpan = { start: s.start + shift.at, end: s.start + shift.at + shift.length };
  return finish(s, ref, out, { to: { ...base, ...shiftSpan }, toIso: addDays(base.nearestIso, shift.days), from: base, fromIso: base.nearestIso }, 0.75);
}

interface Roles {
  to: DateMention;
  toIso: string;
  from: DateMention | null;
  fromIso: string | null;
}

function finish(s: Sentence, ref: DateReference, out: RuleOutput, roles: Roles, base?: number): RuleOutput {
  const { to, toIso, from, fromIso } = roles;
  if (toIso < isoDay(ref) && !ref.assumed) {
    out.warnings.push('a requested delivery date lies before the message was sent; it was not extracted');
    return out;
  }
  const warnings: string[] = [];
  if (to.ambiguousOrder) warnings.push(`"${s.page.text.slice(to.start, to.end)}" could be day/month or month/day; read as ${to.iso}`);
  if (ref.assumed && to.precision === 'relative') warnings.push('the message has no Date header: the relative date was resolved against the time of extraction');
  if (from && !overlapsSentence(s, from)) warnings.push('the current date was read from a neighbouring sentence');
  const clause = clauseAround(s, to);
  const named = s.skus.filter((k) => k.start >= clause.start && k.end <= clause.end);
  const skus = named.length > 0 ? named : [null];
  const needsSku = named.length === 0 && THOSE.test(s.text) && s.tier !== 'attachment';
  for (const sku of skus) {
    const spans: Span[] = [to, ...(from && overlapsSentence(s, from) ? [from] : []), ...(sku ? [sku] : []), ...cueSpan(s, clause)];
    out.findings.push({
      kind: 'delivery_date', page: s.page, tier: s.tier, sentence: s, sku, needsSku,
      from: fromIso, to: toIso,
      spans: [cover(spans)],
      confidence: base ?? confidenceOf(to, ref, named.length > 1),
      warnings,
    });
  }
  return out;
}

const overlapsSentence = (s: Sentence, d: DateMention) => d.start >= s.start && d.end <= s.end;

function assignRoles(s: Sentence): Roles | null {
  const text = s.page.text;
  const range = s.dates.find((d) => d.endIso);
  if (range && /\b(?:from|vom|del)\s+(?:the\s+|el\s+)?$/i.test(text.slice(s.start, range.start))) {
    return { to: range, toIso: range.endIso!, from: range, fromIso: range.nearestIso };
  }
  const isOld = (d: DateMention) => {
    const before = text.slice(s.start, d.start);
    return OLD_BEFORE.test(before) || (OLD_CLAUSE.test(before) && !/\b(?:new|instead|now|change|move|push)\b[^.?!;]*$/i.test(before)) || (s.dates.length > 1 && OLD_AFTER.test(text.slice(d.end, s.end)));
  };
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
