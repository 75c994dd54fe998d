// Shipping method changes: "send it UPS Next Day Air instead of UPS Ground", "switch to customer pickup".
import type { Sentence } from './annotate.ts';
import { clamp, type RuleOutput } from './finding.ts';
import { cover, matchesIn, type Found, type Span } from './spans.ts';

const CARRIERS = String.raw`UPS|FedEx|Fed\s?Ex|DHL|USPS|Estes|XPO|Old\s+Dominion|ODFL|R\+L(?:\s+Carriers)?|Saia|YRC|ABF|TForce|Purolator|Canpar|Averitt|Southeastern|SEFL|Pitt\s+Ohio|Central\s+Transport|AAA\s+Cooper|Dayton\s+Freight|Forward\s+Air|Schenker|Dachser|DPD|GLS|TNT|Estafeta|Paquetexpress|OnTrac|LSO`;
const SERVICE_WORD = String.raw`(?:[123]Day|Next|Same|Day|Air|2nd|3rd|Second|Third|2|3|Ground|Express|Priority|Overnight|Standard|Freight|Economy|Saver|Early|A\.?M\.?|Select|Home|International|First|LTL|Guaranteed|Expedited|Worldwide|Red|Blue|Plus|Parcel|Truckload|Air\s+Freight)`;
// A carrier with its service words ("UPS Next Day Air", "FedEx Freight Priority"), or a service alone.
const METHOD = new RegExp(
  String.raw`\b(?:${CARRIERS})(?:\s+${SERVICE_WORD}\b)*` +
    String.raw`|\b(?:next[\s-]day\s+air(?:\s+saver)?|(?:2nd|second|3rd|three)[\s-]day\s+air|overnight(?:\s+air)?|(?:plain\s+|standard\s+)?ground|LTL(?:\s+van)?|(?:a\s+)?flatbed|(?:your|our)\s+own\s+truck|spedition|paketdienst|kurier(?:dienst)?|st[üu]ckgut|paqueter[ií]a|transporte\s+propio|step[\s-]?deck|dry\s+van|box\s+truck|hot[\s-]?shot|dedicated\s+truck|air\s+freight|ocean\s+freight|will[\s-]call|customer\s+pick[\s-]?up|we(?:'ll|\s+will)\s+pick\s+(?:it|them)\s+up|best\s+way|abholung|selbstabholung|recoger(?:emos)?|recolecci[oó]n)\b`,
  'gi',
);
// Asking for the way a shipment travels, or changing it.
const CUE = /\b(?:ship|send|deliver|route|routing|switch|change|upgrade|downgrade|expedite|use|via|carrier|instead|rather|pick\s*-?up|will[\s-]call|versand|env[ií]\w+|mandar)\b/i;
const REQUEST = /\b(?:please|pls|kindly|can|could|would|need|want|must|should|instead|rather|switch|change|upgrade|downgrade|let'?s|bitte|bitten|favor|pueden|podr[ií]an)\b|^\s*(?:\d{1,2}[.)]\s*)?(?:ship|send|use|route)\b/i;
const OLD_BEFORE = /\b(?:instead\s+of|rather\s+than|not|from|than|was|were|currently|previously|statt|anstatt|en\s+lugar\s+de|en\s+vez\s+de)\s+(?:the\s+|by\s+|via\s+|with\s+|per\s+|mit\s+|por\s+)?$/i;
// Shipped, tracked or billed: a report or an account, not a request for a method.
const NOT_A_REQUEST = /\b(?:shipped|tracking|track|account|bill(?:ed)?\s+(?:to|the)|invoice|arrived|delivered)\b/i;
const GENERIC = /^(?:ground|ltl|best\s+way)$/i;

/** Whitespace as one space, a leading "plain" dropped: the method as the customer named it. */
const methodText = (raw: string) => raw.replace(/\s+/g, ' ').replace(/^(?:plain|standard)\s+(?=ground)/i, '').replace(/^an?\s+/i, '').trim();

// The method is what something ships by: it follows a ship verb, "via" or "to" closely, and is not a sentence's subject.
const SHIPS_BY = /\b(?:ship|send|deliver|route|switch|change|upgrade|downgrade|use|via|by|with|to|as|for|instead\s+of|rather\s+than|from|not|versand|per|por|mit)\b[^.!?;]{0,40}$/i;
const SUBJECT_OF = /^\s+(?:can|will|should|could|is|are|was|has|have|picked|tracking|account|driver|label|shipment|number|pro|bol|invoice|bill|charges?|rates?|quote|truck|terminal|claim|delivered|pickup\s+(?:number|confirmation))\b/i;
const CHANGED = /\b(?:new|revised|changed?|updated|instead|rather)\b/i;

export function shippingMethodChanges(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (!CUE.test(s.text) || !REQUEST.test(s.text) || s.tier === 'history' || (s.tier === 'attachment' && !CHANGED.test(s.text))) return out;
  const text = s.page.text;
  const methods: Found<string>[] = [...matchesIn(text, s, METHOD)]
    .filter((m) => SHIPS_BY.test(text.slice(s.start, m.at)) && !SUBJECT_OF.test(text.slice(m.at + m[0].length, s.end)))
    .map((m) => ({ start: m.at, end: m.at + m[0].length, value: methodText(m[0]) }));
  if (methods.length === 0) return out;
  const isOld = (m: Found<string>) => OLD_BEFORE.test(text.slice(s.start, m.start));
  const fresh = methods.filter((m) => !isOld(m));
  const to = fresh.find((m) => !NOT_A_REQUEST.test(text.slice(m.end, Math.min(s.end, m.end + 12)))) ?? null;
  if (!to || (GENERIC.test(to.value) && fresh.length === methods.length && !/\b(?:ship|send)\b/i.test(s.text))) return out;
  if (NOT_A_REQUEST.test(text.slice(Math.max(s.start, to.start - 12), to.start))) return out;
  const from = methods.find((m) => isOld(m) && m.value.toLowerCase() !== to.value.toLowerCase()) ?? null;
  const spans: Span[] = [to, ...(from ? [from] : [])];
  out.findings.push({
    kind: 'shipping_method', page: s.page, tier: s.tier, sentence: s, sku: null, needsSku: false,
    from: from?.value ?? null, to: to.value,
    spans: [cover(spans)],
    confidence: clamp(s.tier === 'attachment' ? 0.55 : from ? 0.8 : 0.7),
    warnings: [],
  });
  return out;
}
