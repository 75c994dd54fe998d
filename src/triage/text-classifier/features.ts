// The words a text classifier sees: accent- and case-folded words and word pairs, numbers as one token, each once.
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const MAX_CHARS = 4000;

/** Words of a text, folded: "Rücksendung" → "rucksendung", "¿Me pueden…" → "me", "pueden"; digit runs become "#". */
export function wordsOf(text: string): string[] {
  const folded = text.slice(0, MAX_CHARS).replace(URL_OR_EMAIL, ' ').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return (folded.match(/\p{L}+|\d+/gu) ?? []).map((w) => (/^\d/.test(w) ? '#' : w));
}

// Words of one meaning across phrasings and languages, as one extra feature each: with a hundred training messages,
// "overcharged", "short-pay" and "debit memo" would otherwise be three rare words instead of one telling one.
const CUE_GROUPS: [string, RegExp][] = [
  ['dispute', /\b(?:overcharg\w*|short[\s-]?pa(?:y|id|ying)\w*|deduct\w*|disput\w*|discrepan\w*|billed\s+(?:twice|incorrectly|wrong|for)|(?:wrong|incorrect|corrected|revised)\s+invoice|reissue|surcharge|debit\s+memo|not\s+(?:agreed|on\s+(?:the|your|our)\s+(?:quote|po))|factura\s+incorrecta|falsche\s+rechnung)\b/],
  ['payment', /\b(?:payment|paid|remit\w*|check\s*#|cheque|statement\s+of\s+account|statement|payment\s+terms|terms|net\s+\d+|discount|credit\s+(?:memo|hold|limit)|on\s+hold|past\s+due|ach|wire\s+transfer|pago|zahlung)\b/],
  ['return', /\b(?:rma|returns?\s+(?:authori[sz]ation|the|them|it|these|those|for|label|policy)|returning|send\s+(?:it|them)\s+back|call\s+tag|damaged|defective|broken|cracked|leak\w*|wrong\s+(?:item|part)|warranty|devoluci\w+|devolver|rucksendung|reklamation)\b/],
  ['duplicate', /\b(?:duplicate\w*|twice|double\w*|two\s+(?:orders|pos|acknowledgements)|entered\s+(?:twice|two)|same\s+order|resen[dt]|second\s+(?:time|email|copy)|re-?keyed|doppelt|duplicado)\b/],
  ['status', /\b(?:status|where\s+is|when\s+will|eta|tracking|track|update\s+on|any\s+update|still\s+on\s+(?:track|schedule)|ship\s+date|did\s+you\s+receive|has\s+it\s+shipped|ready\s+for\s+pickup|check\s+on|find\s+out|estatus|fecha\s+de\s+embarque|liefertermin\s+best)\b/],
  ['automatic', /\b(?:out\s+of\s+(?:the\s+)?office|automatic\s+reply|auto-?reply|undeliverable|could\s*n[o']t\s+be\s+delivered|unsubscribe|newsletter|register|do\s+not\s+reply|no\s+action\s+is\s+required|ticket|abwesen\w*)\b/],
  ['quote', /\b(?:rfq|request\s+for\s+(?:quot\w*|pricing)|(?:please|pls|kindly|could\s+you|can\s+you)\s+quote|quot(?:e|ation)\s+(?:for|on|request)|price\s+and\s+availability|lead\s+times?|budgetary|cotizaci\w+|cotizar|angebot\w*|preisanfrage)\b/],
  ['vendor_admin', /\b(?:w-?9|w-?8|certificate\s+of\s+insurance|coi|insurance\s+certificate|new\s+(?:customer\s+)?account|account\s+(?:application|setup|set\s+up)|credit\s+application|supplier\s+(?:survey|questionnaire|onboarding|registration|portal)|vendor\s+(?:form|registration|setup|packet|onboarding)|questionnaire|survey|conflict\s+minerals|compliance\s+(?:form|declaration)|reach\s+(?:compliance|declaration|regulation|svhc)|rohs|tax\s+exempt\w*|resale\s+certificate|catalog\w*)\b/],
  ['question', /\?/],
];
// A cue group counts as this many words (chosen by leave-one-out accuracy on the train split).
const CUE_WEIGHT = 6;

/**
 * Binary features: each word and each pair of neighbouring words, once, and the cue groups above. Presence rather than counts suits short
 * messages (a signature repeating a word says nothing more about the request).
 */
export function featuresOf(text: string): string[] {
  const words = wordsOf(text).filter((w) => w.length > 1 || w === '#');
  const out = new Set<string>(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  const folded = words.join(' ') + (text.includes('?') ? ' ?' : '');
  for (const [name, re] of CUE_GROUPS) if (re.test(folded)) for (let k = 0; k < CUE_WEIGHT; k++) out.add(`__${name}${k}`);
  return [...out];
}
