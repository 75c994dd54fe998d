// Substitutions: "send the MC4-PAIR-12 in place of the MC4-PAIR-10", "replace P/N 77-2040-11 with P/N 77-2040-12".
import type { Sentence } from './annotate.ts';
import { clamp, type RuleOutput } from './finding.ts';
import { originalSpan, shapeOf, slot, valueAt } from './shape.ts';

const S = slot('S');
// Any text that does not cross another item code.
const GAP = (max: number) => String.raw`(?:(?!\uE000S)[\s\S]){0,${max}}?`;
// An article, and a part label that is not part of the code ("the P/N 77-2040-11").
const THE = String.raw`(?:(?:the|a|an|el|la|los|las|den|die|das)\s+)?(?:(?:P\/N|PN|part\s*(?:no\.?|number|#)|item|sku|artikel|art(?:icle|[ií]culo)?\.?(?:\s*-?\s*nr\.?)?)\s*[:#.]?\s*)?`;
// A few words describing the item before its code ("the 1/2\" ball valves BV-050", "the lead-free version BV-050-LF").
const DESC = String.raw`(?:(?:(?!\uE000S)[^\s;(])+\s+){0,8}?`;
// What may stand between a description and its code: "(ref. ", "(P/N ", ", ".
const PRE = String.raw`(?:,\s*)?(?:\(\s*)?(?:(?:ref|p\/n|pn|art|part|item|sku)\.?\s*(?:no\.?|nr\.?|#)?\s*[:.]?\s*)?`;
const SEND = String.raw`(?:send|ship|use|put|supply|provide|give\s+us|go\s+with|take|deliver|substitute\s+in|enviar|env[ií]en|usar|liefern|schicken)`;
const INSTEAD = String.raw`(?:in\s+place\s+of|instead\s+of|rather\s+than|in\s+lieu\s+of|as\s+a\s+(?:substitute|replacement|sub)\s+for|en\s+lugar\s+de(?:l)?|en\s+vez\s+de(?:l)?|statt|anstatt|anstelle\s+von)`;
const REPLACE = String.raw`(?:replace|swap(?:\s+out)?|switch|change|exchange|sustituir|sustituyan|reemplazar|reemplacen|cambiar|cambien|ersetzen|tauschen)`;

interface Rule {
  re: RegExp;
  /** Capture groups of the ordered item (sku) and of its substitute. */
  original: number;
  substitute: number;
}
const rule = (source: string, original: number, substitute: number): Rule => ({ re: new RegExp(source, 'i'), original, substitute });

// First match wins; "substitute X for Y" puts X in Y's place, so it comes before the generic "replace Y with X".
const RULES: Rule[] = [
  rule(String.raw`\bsubstitute\s+${THE}${S}\s+for\s+${THE}${S}`, 2, 1),
  rule(String.raw`\b${SEND}\s+(?:us\s+)?${THE}${S}${GAP(80)}\b${INSTEAD}\s+${THE}${S}`, 2, 1),
  rule(String.raw`\b${INSTEAD}\s+${THE}${S}${GAP(80)}\b${SEND}\s+(?:us\s+)?${THE}${S}`, 1, 2),
  rule(String.raw`\bif\s+${THE}${S}\s+(?:is|are)\s+(?:not\s+available|unavailable|out\s+of\s+stock|on\s+backorder|backordered|short)${GAP(60)}\b(?:${SEND}|accept|we\s+can\s+(?:take|use|accept))\s+(?:us\s+)?${THE}${S}`, 1, 2),
  rule(String.raw`\b(?:short\s+on|out\s+of(?:\s+stock\s+on)?|backordered\s+on|can'?t\s+(?:get|supply)|unable\s+to\s+(?:get|supply))\s+${THE}${S}${GAP(100)}\b${SEND}\s+(?:us\s+)?${THE}${S}${GAP(60)}\binstead\b`, 1, 2),
  rule(String.raw`\b${REPLACE}\s+${THE}${DESC}${PRE}${S}${GAP(80)}\b(?:with|for|to|by|por|durch|gegen)\s+${THE}${DESC}${PRE}${S}`, 1, 2),
  rule(String.raw`${S}\s*(?:->|→|=>)\s*${S}`, 1, 2),
  rule(String.raw`\b(?:statt|anstatt|anstelle\s+(?:von\s+)?|en\s+lugar\s+de(?:l)?|en\s+vez\s+de(?:l)?)\s+${THE}${S}${GAP(40)}${THE}${S}`, 1, 2),
  rule(String.raw`${S}${GAP(40)}\b${INSTEAD}\s+${THE}${S}`, 2, 1),
];
const NEGATED = /\b(?:do\s+not|don'?t|no|never|please\s+don'?t)\s+(?:\w+\s+)?(?:substitut\w*|replace|swap|switch)\b/i;
const CONDITIONAL = /\b(?:if|unless|in\s+case|falls|si)\b/i;

// "Please send the BP-1500-24V in place of the 12V units", "Wir benötigen stattdessen … AS-DN100-EBG": the new item is
// named here and the ordered one in a sentence nearby, which the provider resolves from context.
const REPLACEMENT_HERE = new RegExp(
  String.raw`\b(?:${SEND}|need|want|benötigen|brauchen|necesitamos|requerimos)\b[^.;!?]{0,80}?\b(?:in\s+place\s+of|instead\s+of|rather\s+than)\s+(?:the|those|these|that|it|them)\b(?![^.;!?]*\uE000S)` +
    String.raw`|\b(?:stattdessen|statt\s+dessen|en\s+su\s+lugar|en\s+lugar\s+de\s+(?:eso|ese|esos|esa|esas))\b|\binstead\b(?![^.;!?]*\b(?:of|than)\b)`,
  'i',
);

/** One item named with a word that puts it in place of something said before: a substitution for the item nearby. */
function replacementOnly(s: Sentence, out: RuleOutput): RuleOutput {
  const shape = shapeOf(s.page.text, s, { S: s.skus });
  const m = REPLACEMENT_HERE.exec(shape.text);
  if (!m || s.tier === 'attachment' || s.quantities.length > 0 && !/\bsame\s+(?:qty|quantity)|menge\b/i.test(s.text)) return out;
  out.findings.push({
    kind: 'substitution', page: s.page, tier: s.tier, sentence: s, sku: null, needsSku: true, from: null, to: s.skus[0]!.value,
    spans: [{ start: s.start, end: s.end }], confidence: clamp(0.65),
    warnings: ['the item being replaced was read from a nearby sentence; check it'],
  });
  return out;
}

export function substitutions(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (NEGATED.test(s.text)) return out;
  if (s.skus.length === 1) return replacementOnly(s, out);
  if (s.skus.length < 2) return out;
  const shape = shapeOf(s.page.text, s, { S: s.skus });
  for (const r of RULES) {
    const m = r.re.exec(shape.text);
    if (!m) continue;
    const original = valueAt(s.skus, m[r.original]);
    const substitute = valueAt(s.skus, m[r.substitute]);
    if (!original || !substitute || original.value === substitute.value) return out;
    const conditional = CONDITIONAL.test(s.text);
    out.findings.push({
      kind: 'substitution', page: s.page, tier: s.tier, sentence: s, sku: original, needsSku: false,
      from: null, to: substitute.value,
      spans: [originalSpan(shape, m)],
      confidence: clamp(s.tier === 'attachment' ? 0.7 : conditional ? 0.72 : 0.85),
      warnings: conditional ? ['the substitution is conditional ("if …"); check what the customer means'] : [],
    });
    return out;
  }
  return out;
}
