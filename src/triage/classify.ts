// Classification: the primary category from the extracted change kinds (PRODUCT.md precedence) and a trained text
// classifier, which decides for messages without changes and adds the categories changes cannot express.
import { isAutomaticReply } from '../extraction/offline/regions.ts';
import type { Extraction } from '../extraction/schema.ts';
import type { Classification } from './schema.ts';
import { categories, primaryCategory, type Category } from './taxonomy.ts';
import { classifierText, type MessageText } from './text-classifier/message-text.ts';
import { defaultTextModel } from './text-classifier/model.ts';
import { predict, type TextModel } from './text-classifier/naive-bayes.ts';

/** Categories no change kind implies: only the wording can say that a message disputes an invoice or asks for a return. */
const WORDING_ONLY: Category[] = ['invoice_dispute', 'credit_payment', 'return_request', 'duplicate_order'];
// How sure the text classifier must be before such a category joins the change kinds (it then wins by precedence
// only where PRODUCT.md puts it first: a dispute that also asks for a price fix is a dispute).
const JOIN_CHANGES_AT = 0.5;
// No change was extracted: a category that changes express is then less likely, but not ruled out, since the rules
// miss some requests. Bayes' rule with P(nothing extracted | a change was asked) ≈ 0.25 against ≈ 1 otherwise.
const MISSED_CHANGE = 0.25;
const NO_CHANGE_WEIGHTS = Object.fromEntries(
  categories.filter((c) => !WORDING_ONLY.includes(c) && c !== 'status_inquiry' && c !== 'other').map((c) => [c, MISSED_CHANGE]),
) as Partial<Record<Category, number>>;

export interface ClassifyDeps {
  /** The trained text classifier; the shipped models/text-classifier-v2.json by default. */
  textModel?: TextModel;
}

export function classify(extraction: Extraction, message: MessageText, deps: ClassifyDeps = {}): Classification {
  const model = deps.textModel ?? defaultTextModel();
  const kinds = extraction.changes.map((c) => c.kind);
  const fromChanges = primaryCategory(kinds);
  // Without an extracted change, the message is one of the kinds that asks for none.
  // An automatic reply (out of office, a bounce) asks for nothing: it is "other", whatever it quotes.
  if (isAutomaticReply(message.subject)) return { category: 'other', confidence: 0.9, source: 'text' };
  const text = predict(model, classifierText(message), fromChanges ? {} : NO_CHANGE_WEIGHTS);
  if (!fromChanges) return { category: text.category, confidence: round(text.probability), source: 'text', model: model.version };
  const wordingOnly = text.ranked.find((r) => WORDING_ONLY.includes(r.category) && r.probability >= JOIN_CHANGES_AT);
  const primary = primaryCategory(kinds, wordingOnly ? [wordingOnly.category] : []) ?? fromChanges;
  if (wordingOnly && primary === wordingOnly.category) {
    return { category: primary, confidence: round(wordingOnly.probability), source: 'text', model: model.version };
  }
  const confidence = Math.min(...extraction.changes.map((c) => c.confidence));
  return { category: fromChanges, confidence, source: 'changes', model: model.version };
}

const round = (p: number) => Math.round(p * 100) / 100;


