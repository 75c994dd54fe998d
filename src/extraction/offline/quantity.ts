// Quantity changes written in prose: "make it 40 not 25", "change HX-2210 from 25 to 40", "reduce AB123 to 10 units".
import type { Sentence } from './annotate.ts';
import { clamp, piecesBySku, type Finding, type RuleOutput } from './finding.ts';
import { anySlot, originalSpan, shapeOf, slot, valueAt } from './shape.ts';
import { cover, type Found, type Span } from './spans.ts';

const Q = slot('Q');
const S = anySlot('S');
const UNIT = String.raw`(?:\s*(?:units?|pcs?\.?|pieces?|ea\.?|each|cases?|cs|boxes?|bxs?|ctns?|cartons?|pallets?|rolls?|reels?|spools?|coils?|sticks?|lengths?|sets?|pairs?|kits?|bags?|packs?|pkgs?|pk|drums?|pails?|ft|feet|foot|m|meters?|x|stück|stk\.?|st\.|piezas?|pzas?\.?|unidades|cajas?|rollos?)(?![\w]))?`;
const OF_SKU = String.raw`(?:\s+(?:of\s+)?(?:the\s+|your\s+|our\s+)?${S})?`;
const ARROW = String.raw`(?:-->|->|→|=>|⇒|>)`;
const OLD = String.raw`(?:the\s+)?(?:original(?:ly)?\s+|current(?:ly)?\s+|previous(?:ly)?\s+|old\s+)?(?:ordered\s+)?`;

type Strength = 'explicit' | 'stated' | 'weak';
interface Rule {
  re: RegExp;
  /** Capture groups holding the old and the new value (0 when the rule does not state one). */
  from: number;
  to: number;
  strength: Strength;
}

const rule = (source: string, from: number, to: number, strength: Strength): Rule => ({ re: new RegExp(source, 'i'), from, to, strength });

// First match wins, so the rules that state both values come first.
// Anything up to another quantity: "forty of the 3/4" valves (VLV-200-3/4) rather than the twenty-five".
const NO_Q = String.raw`(?:(?!\uE000Q)[^;]){0,100}?`;

const RULES: Rule[] = [
  rule(String.raw`\b(?:from|von|de)\s+${Q}${UNIT}${OF_SKU}\s*(?:to|auf|a|${ARROW})\s*${Q}`, 1, 2, 'explicit'),
  rule(String.raw`${Q}${UNIT}\s*${ARROW}\s*${Q}`, 1, 2, 'explicit'),
  rule(String.raw`${Q}${UNIT}${OF_SKU},?\s+(?:instead\s+of|rather\s+than|not|in\s+place\s+of|vs\.?|versus)\s+${OLD}${Q}`, 2, 1, 'explicit'),
  rule(String.raw`\b(?:instead\s+of|rather\s+than)\s+${OLD}${Q}${UNIT}${OF_SKU},?\s+(?:please\s+)?(?:make\s+(?:it|that)|send|ship|deliver|we\s+(?:now\s+|only\s+)?need|use|order)\s+(?:us\s+)?(?:only\s+)?${Q}`, 1, 2, 'explicit'),
  rule(String.raw`\b(?:ordered|had|have)\s+${Q}${UNIT}.*?\b(?:need|want|require|should\s+be|make\s+it)\s+(?:only\s+|just\s+)?${Q}`, 1, 2, 'explicit'),
  rule(String.raw`\b(?:need|want|require|make\s+it|send|order|necesit\w*|requerimos|brauchen|ben[öo]tigen)\s+(?:only\s+|just\s+|solo\s+|nur\s+)?${Q}${NO_Q}(?:\b(?:instead\s+of|rather\s+than|not|statt|anstatt)|\ben\s+(?:lugar|vez)\s+de)\s+${OLD}${Q}`, 2, 1, 'explicit'),
  rule(String.raw`${Q}${UNIT}${OF_SKU}\s+(?:should|needs?\s+to|must)\s+(?:be|become)\s+(?:only\s+|just\s+)?${Q}`, 1, 2, 'explicit'),
  rule(String.raw`\b(?:half|a\s+third|a\s+quarter|two\s+thirds)\s+of\s+(?:the\s+|our\s+)?${Q}${NO_Q}\bso\s+(?:just\s+|only\s+)?${Q}`, 1, 2, 'explicit'),
  rule(String.raw`${Q}${UNIT}\s+(?:is|are|will\s+be|would\s+be|should\s+be)\s+(?:plenty|enough|sufficient|all\s+(?:we|I)\s+need)`, 0, 1, 'stated'),
  rule(String.raw`\bmake\s+(?:the\s+|our\s+)?(?:[\w"'-]+\s+){0,4}\(?${S}\)?\s*(?:qty\s+|quantity\s+)?${Q}`, 0, 1, 'stated'),
  rule(String.raw`\b(?:to|auf|make\s+(?:it|that|this|them)|set\s+(?:it\s+)?to|should\s+be|is\s+now|now|down\s+to|up\s+to)\s+(?:only\s+|just\s+)?${Q}`, 0, 1, 'stated'),
  rule(String.raw`\b(?:needs?|wants?|requires?|order)\s+(?:only\s+|just\s+)?${Q}`, 0, 1, 'weak'),
  rule(String.raw`\b(?:qty|quantity|menge|cantidad)\b(?:\s+(?:of|for|für|de)\s+(?:(?:the|el|la|del|art[ií]culo|artikel)\s+)*${S})?\s*(?:[:=]|is|should\s+be|to|auf|a)?\s*${Q}`, 0, 1, 'weak'),
  rule(String.raw`${S}\s*[:=–-]\s*${Q}`, 0, 1, 'weak'),
];
const FROM = new RegExp(String.raw`\b(?:from|was|were|currently|originally|previously|instead\s+of|rather\s+than|not|ordered|had|bisher|vorher|statt|anstatt|en\s+lugar\s+de|en\s+vez\s+de|antes|actualmente)\s+(?:only\s+|nur\s+|solo\s+)?${Q}`, 'gi');

const CUE = /\b(?:qty|qtys|quant[a-z]{2,5}|ch(?:an|na)ge|plenty|enough|over-?ordered|units?|pcs|pieces?|increase|decrease|reduce|raise|lower|bump|update|amend\w*|adjust|revise|modify|correct|make|instead|rather\s+than|need|want|require|should\s+be|cut|come\s+down|go\s+up|up\s+(?:the|it|that|this|them|to)|drop|was\s+\d+|menge|[äa]ndern|erh[öo]hen|reduzieren|verringern|cantidad|cambiar|aumentar|reducir|disminuir|bajar|bajen|subir|suban|modificar|ajustar|senken|anpassen|necesit\w*|brauchen|ben[öo]tigen)\b|->|→|=>/i;
const VERB = /\b(?:change|increase|decrease|reduce|raise|lower|bump|update|amend\w*|adjust|revise|modify|correct|make|set|cut|need|want)\b/i;
// Where the evidence starts when the verb or the word "quantity" comes before the values.
const LEAD = new RegExp(`${VERB.source}|\\b(?:qty|quantity|menge|cantidad)\\b`, 'i');
// "We need only", "we now need", "actually we want": a "need" is a change only when it departs from something.
const NEED_DEPARTS = /\b(?:only|just|now|actually|but|instead)\b/i;
const NEGATED = /\b(?:don'?t|do\s+not|does\s+not|no\s+need\s+to|not\s+(?:going\s+to|to))\s+(?:\w+\s+)?(?:change|increase|decrease|reduce|raise|lower|adjust|modify|update|amend)\b/i;
// Asking about a quantity is not asking to change it.
const ENQUIRY = /\b(?:confirm|confirmation|verify|check|status|shipped|received|invoice[ds]?)\b/i;
const RELATIVE = /\b(?:by|more|additional|extra|fewer|less)\b/i;
const PRICE_WORD = /\b(?:price|cost|rate)\b|[$€£]/i;

/** The intro line ("please update the quantities as follows:") of the item list a sentence belongs to, if any. */
export function listIntroOf(sentences: readonly Sentence[], s: Sentence): Sentence | null {
  for (let i = s.index - 1; i >= 0 && i >= s.index - 30; i--) {
    const p = sentences[i];
    if (!p || p.page !== s.page || p.tier !== s.tier) return null;
    if (p.skus.length > 0 && !/:\s*$/.test(p.text)) continue;
    return /:\s*$/.test(p.text) ? p : null;
  }
  return null;
}

/** An intro line lends its cue to the item lines below it. */
export function hasListIntro(sentences: readonly Sentence[], s: Sentence): boolean {
  const intro = listIntroOf(sentences, s);
  return intro != null && CUE.test(intro.text);
}

export function quantityChanges(s: Sentence, sentences: readonly Sentence[]): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  const listed = hasListIntro(sentences, s);
  if (s.quantities.length === 0 || (!CUE.test(s.text) && !listed) || NEGATED.test(s.text)) return out;
  for (const { piece, sku } of piecesBySku(s)) {
    const found = readPiece(s, piece, sku, listed, sentences);
    if (found) out.findings.push(found);
    else if (RELATIVE.test(nearFirstCount(s, piece)) && VERB.test(s.text)) {
      out.warnings.push(`a relative quantity change ("${sku?.value ?? 'an item'}" by an amount) needs the current quantity; it was not extracted`);
    }
  }
  return out;
}

/** The piece from a little before its first count: "Two more things: make it 36" is not "36 more". */
function nearFirstCount(s: Sentence, piece: Span): string {
  const first = s.quantities.find((q) => q.start >= piece.start)?.start ?? piece.end;
  return s.page.text.slice(Math.max(piece.start, first - 25), piece.end);
}

function readPiece(s: Sentence, piece: Span, sku: Found<string> | null, listed: boolean, sentences: readonly Sentence[]): Finding | null {
  const shape = shapeOf(s.page.text, piece, { Q: s.quantities, S: s.skus });
  const strict = s.tier === 'attachment';
  for (const r of RULES) {
    if (strict && r.strength === 'weak') continue;
    const m = r.re.exec(shape.text);
    if (!m) continue;
    if (r.strength === 'weak' && (ENQUIRY.test(s.text) || (/need|want|require|order/i.test(m[0]) && !NEED_DEPARTS.test(s.text)))) continue;
    const to = valueAt(s.quantities, m[r.to]);
    const stated = r.from ? valueAt(s.quantities, m[r.from]) : statedFrom(shape.text, s.quantities, to);
    if (!to || to.value === stated?.value || looksLikePrice(s, to)) return null;
    const near = stated ? null : currentQuantityNear(s, sentences, sku);
    const from = stated ?? (near && near.value !== to.value ? near : null);
    const matched = originalSpan(shape, m);
    const verb = LEAD.exec(s.page.text.slice(piece.start, matched.start));
    const spans = [matched, ...(sku ? [sku] : []), ...(stated ? [stated] : []), ...(verb ? [{ start: piece.start + verb.index, end: piece.start + verb.index + verb[0].length }] : [])];
    return {
      kind: 'quantity', page: s.page, tier: s.tier, sentence: s, sku, needsSku: sku == null,
      from: from?.value ?? null, to: to.value,
      spans: [cover(spans), ...(from && !stated ? [from] : [])],
      confidence: confidenceOf(r.strength, from != null, listed || /\b(?:new|revised|correct(?:ed)?)\b/i.test(s.text)),
      warnings: [],
    };
  }
  return null;
}

function statedFrom(shapeText: string, quantities: readonly Found<number>[], to: Found<number> | null): Found<number> | null {
  for (const m of shapeText.matchAll(FROM)) {
    const v = valueAt(quantities, m[1]);
    if (v && v !== to) return v;
  }
  return null;
}

// "Right now it says 1 box.": the current quantity, said in the sentence before or after the request.
const CURRENT = /\b(?:right\s+now|currently|at\s+the\s+moment|it\s+says|(?:we|i)\s+(?:only\s+)?(?:ordered|had|have)|(?:the\s+)?(?:ack(?:nowledg(?:e)?ment)?|order|po|confirmation)\s+(?:says|shows|has))\b/i;

function currentQuantityNear(s: Sentence, sentences: readonly Sentence[], sku: Found<string> | null): Found<number> | null {
  for (const o of [sentences[s.index + 1], sentences[s.index - 1]]) {
    if (!o || o.page !== s.page || o.tier !== s.tier || Math.abs(o.paragraph - s.paragraph) > 1) continue;
    // With no item in the request ("that item", "three drums instead"), the one item the neighbour names is it.
    const sameItem = o.skus.length === 0 || (o.skus.length === 1 && (sku == null || o.skus[0]!.value === sku.value));
    if (sameItem && o.quantities.length === 1 && CURRENT.test(o.text)) return o.quantities[0]!;
  }
  return null;
}

/** "12.50" next to a price word is a price, whatever rule matched it. */
const looksLikePrice = (s: Sentence, n: Found<number>) => !Number.isInteger(n.value) && PRICE_WORD.test(s.text);

function confidenceOf(strength: Strength, hasFrom: boolean, supported: boolean): number {
  if (strength === 'explicit') return 0.9;
  if (strength === 'stated') return clamp(hasFrom ? 0.9 : 0.85);
  return supported ? 0.75 : 0.6;
}
