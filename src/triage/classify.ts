// Classification: the primary category from the extracted change kinds (PRODUCT.md precedence), else from wording.
import type { Extraction } from '../extraction/schema.ts';
import type { Classification } from './schema.ts';
import { primaryCategory, type Category } from './taxonomy.ts';

/**
 * Wording cues for messages that ask no structured change. A first, transparent baseline: the trained text
 * classifier of the offline provider replaces it. Order matters: the PRODUCT.md precedence, most specific first.
 */
const cues: [Category, RegExp][] = [
  ['cancellation', /\b(cancel+(ed|ing|ation)?|storn\w*|anular|cancelar)\b/i],
  ['invoice_dispute', /\b(invoice|factura|rechnung)\b[\s\S]{0,200}\b(wrong|incorrect|overcharg\w*|dispute\w*|discrepan\w*|does not match|doesn't match|short[- ]?pay)|\b(overcharg\w*|billed (twice|incorrectly)|dispute)\b/i],
  ['credit_payment', /\b(credit (note|memo|limit|hold)|remittance|payment (sent|made|terms)|paid|refund)\b/i],
  ['return_request', /\b(return\w*|rma|send (it|them) back|devoluci[oó]n|r[uü]cksendung)\b/i],
  ['duplicate_order', /\b(duplicate|double|twice|entered two|placed two)\b[\s\S]{0,80}\border/i],
  ['status_inquiry', /\b(status|where is|tracking|eta|when will|has (it|the order) shipped|update on)\b/i],
];

export function classify(extraction: Extraction, text: string): Classification {
  const fromChanges = primaryCategory(extraction.changes.map((c) => c.kind));
  if (fromChanges) {
    const confidence = Math.min(...extraction.changes.map((c) => c.confidence));
    return { category: fromChanges, confidence, source: 'changes' };
  }
  const cue = cues.find(([, re]) => re.test(text));
  return cue ? { category: cue[0], confidence: 0.5, source: 'text' } : { category: 'other', confidence: 0.3, source: 'text' };
}
