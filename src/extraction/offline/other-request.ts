// Requests no structured kind covers but a rep must act on: a job number on the paperwork, certificates with the
// goods, a new delivery contact. They become `other` changes whose value is the customer's own words.
import type { Sentence } from './annotate.ts';
import { clamp, type RuleOutput } from './finding.ts';

// Each pattern captures the thing asked for (group 1), which is quoted as the change's value.
const PAPERWORK = String.raw`(?:packing\s+(?:slip|list)s?|packing\s+slip\s+and\s+invoice|invoices?|paperwork|bol|bill\s+of\s+lading|labels?|delivery\s+note|lieferschein|albar[aá]n)`;
const REFERENCE = String.raw`(?:job|project|release|cost\s+cent(?:er|re)|work\s+order|wo|gl|account\s+code|projekt|proyecto)\s*(?:number|no\.?|#|nummer|n[uú]mero)?`;
const PATTERNS: RegExp[] = [
  // "add our job number, 26-118, to the packing slip and invoice"; "reference project 4471 on all paperwork"
  new RegExp(String.raw`\b(?:add|put|show|print|reference|include|note|mark|quote|use)\s+(?:our\s+|the\s+)?(${REFERENCE}[,:]?\s*[\w\/.-]*\d[\w\/.-]*,?\s+(?:to|on)\s+(?:the\s+|all\s+|every\s+|each\s+)?${PAPERWORK}(?:\s+and\s+(?:the\s+)?${PAPERWORK})?)`, 'i'),
  // "include the material certs / mill test reports / certificates of compliance with the shipment"
  new RegExp(String.raw`\b(?:include|send|provide|ship|attach|need|require)\s+(?:us\s+)?(?:the\s+|a\s+|copies\s+of\s+(?:the\s+)?)?((?:[\w\/-]+\s+){0,3}(?:certificates?|certs?|mill\s+test\s+reports?|mtrs?|c\s?of\s?cs?|certificates?\s+of\s+(?:compliance|conformance|conformity|analysis)|test\s+reports?|sds|msds|safety\s+data\s+sheets?|zeugnisse?|certificados?)(?:\s+of\s+(?:compliance|conformance|conformity|analysis))?)\s+(?:with|in|on)\s+(?:the\s+)?(?:shipment|delivery|order|goods|valves|material|boxes|pallets?|\w+)`, 'i'),
  // "change the delivery contact to Marcus Bell (740-555-0133)"; "the site contact is now Ana Ruiz, 555-0101"
  new RegExp(String.raw`\b((?:delivery|receiving|site|on[\s-]site|jobsite|job\s+site|ship[\s-]to)\s+contact\s+(?:to|is\s+now|will\s+be|should\s+be|:)\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2}(?:\s*[,(]\s*\+?[\d(][\d\s().-]{6,}\d\)?)?)`, 'i'),
];
const NEGATED = /\b(?:don'?t|do\s+not|no\s+need\s+to)\s+(?:\w+\s+)?(?:add|include|send|change|put)\b/i;
const REQUEST = /\b(?:please|pls|kindly|can|could|would|need|must|make\s+sure|be\s+sure|bitte|favor|por\s+favor)\b|^\s*[-•*]/i;

export function otherRequests(s: Sentence): RuleOutput {
  const out: RuleOutput = { findings: [], warnings: [] };
  if (s.tier === 'history' || s.tier === 'attachment' || NEGATED.test(s.text) || !REQUEST.test(s.text)) return out;
  for (const re of PATTERNS) {
    const m = re.exec(s.text);
    if (!m) continue;
    const at = s.start + m.index + m[0].indexOf(m[1]!);
    const value = m[1]!.replace(/[\s,;:]+$/, '');
    out.findings.push({
      kind: 'other', page: s.page, tier: s.tier, sentence: s, sku: null, needsSku: false, from: null, to: value,
      spans: [{ start: at, end: at + value.length }], confidence: clamp(0.6),
      warnings: ['a request with no structured change: the ERP receives it as a note'],
    });
  }
  return out;
}
