// The openai provider's schemas: what the model may answer, and what the provider adds to an extraction (usage).
//
// Strict structured output (OpenAI and most compatible servers) accepts a subset of JSON Schema: every field is
// required (nullable instead of optional) and length or range keywords are refused. So the answers below carry no
// such constraints; the rules they stand for (a confidence in [0, 1], a change shaped as its kind wants) are
// checked after parsing, and a broken rule is sent back to the model once as a repair request.
import { z } from 'zod';
import { canonicalChangeSchema } from '../../changes/schema.ts';
import { classificationSchema } from '../../triage/schema.ts';
import { categorySchema } from '../../triage/taxonomy.ts';
import { evidenceSchema } from '../evidence.ts';
import { providerInfoSchema } from '../schema.ts';

const blockId = z.string().describe('id of the input block the text was copied from, e.g. "B1", "S" or "P2"');
const quote = z.string().describe('the exact words copied from that block, unchanged (typos included), at most 30 words');

/** One requested change as the model states it: the canonical change plus where it was read. */
export const modelChangeSchema = canonicalChangeSchema.extend({
  sku: z.string().nullable().describe('item code exactly as written in the block; null for order-wide changes'),
  source: blockId,
  quote: quote.describe('the words of the request that state this change, copied exactly'),
  confidence: z.number().describe('0 to 1: how sure you are the customer asks for exactly this change'),
});
export type ModelChange = z.infer<typeof modelChangeSchema>;

export const modelExtractionSchema = z.object({
  orderRef: z
    .object({ value: z.string().describe('the PO or sales-order number as written, without "PO#" or similar'), source: blockId, quote })
    .nullable()
    .describe('the order the request is about; null when the blocks name none'),
  changes: z.array(modelChangeSchema).describe('every change the customer asks for in these blocks; [] when none'),
  lineItemRows: z
    .array(z.string())
    .describe('the item code of EVERY line-item row of every table in the attachment pages, changed or not, in order; [] when there is none'),
});
export type ModelExtraction = z.infer<typeof modelExtractionSchema>;

export const modelClassificationSchema = z.object({
  category: categorySchema,
  confidence: z.number().describe('0 to 1'),
  source: blockId,
  quote: quote.describe('the words that decide the category, copied exactly'),
});
export type ModelClassification = z.infer<typeof modelClassificationSchema>;

export const riskSignalKinds = [
  'price_disagreement', // the customer disputes a price, a charge or a total
  'quantity_disagreement', // billed or shipped quantities the customer says are wrong
  'short_pay_threat', // will pay less, deduct, withhold or short-pay
  'deduction_taken', // has already deducted or short-paid
  'prior_problem', // refers to earlier errors, repeated requests, "again", "third time"
  'escalation', // deadline, manager or legal escalation, cancellation threat
] as const;
export const riskSignalKindSchema = z.enum(riskSignalKinds);

export const modelRiskSignalsSchema = z.object({
  signals: z
    .array(z.object({ kind: riskSignalKindSchema, source: blockId, quote: quote.describe('the words that show the signal, copied exactly') }))
    .describe('signs of a coming invoice dispute in the newest message; [] when there are none'),
});
export type ModelRiskSignals = z.infer<typeof modelRiskSignalsSchema>;

export const modelRationaleSchema = z.object({
  rationale: z.string().describe('two or three plain sentences for the reviewer; no markup'),
});

/** A signal as the provider reports it: only signals whose quote was found in the message are kept. */
export const riskSignalSchema = z.object({ kind: riskSignalKindSchema, evidence: z.array(evidenceSchema).min(1) });
export type RiskSignal = z.infer<typeof riskSignalSchema>;

/** One model call (or cache hit) made for a message. */
export const llmCallSchema = z.object({
  task: z.string(),
  promptId: z.string(),
  /** HTTP requests sent for it: retries and the repair attempt included; 0 for a cache hit. */
  requests: z.number().int().nonnegative(),
  repaired: z.boolean(),
  cacheHit: z.boolean(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** What the answer cost when it was made (a cache hit was paid for once, earlier). */
  costUsd: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
});
export type LlmCall = z.infer<typeof llmCallSchema>;

/** Token usage, latency and cost of the model calls behind one result; recorded with the suggestion. */
export const llmUsageSchema = z.object({
  model: z.string(),
  calls: z.array(llmCallSchema),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** Paid for this message: cache hits cost nothing now. */
  costUsd: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
});
export type LlmUsage = z.infer<typeof llmUsageSchema>;

/** Set when the offline provider answered in place of the LLM. */
export const llmFallbackSchema = z.object({
  from: z.string(),
  reason: z.enum(['endpoint_down', 'invalid_answer']),
  detail: z.string(),
});

/** What the openai provider adds to an Extraction; optional, so an offline extraction is one too. */
export const llmExtractionFieldsSchema = z.object({
  /** Which provider, prompt and model produced this extraction (differs from the wrapper's info after a fallback). */
  provider: providerInfoSchema.optional(),
  usage: llmUsageSchema.optional(),
  fallback: llmFallbackSchema.optional(),
});
export type LlmExtractionFields = z.infer<typeof llmExtractionFieldsSchema>;

export const llmClassificationSchema = classificationSchema.extend({ usage: llmUsageSchema });
export type LlmClassification = z.infer<typeof llmClassificationSchema>;
