// The eval harness's records: a case's labels (expected.json) and what one run of one case produced (cases.jsonl).
import { z } from 'zod';
import { canonicalItemSchema } from '../src/review/schema.ts';
import { changeKindSchema } from '../src/triage/taxonomy.ts';

/** PRODUCT.md's expected.json, plus the optional dispute label that the risk metrics need. */
export const expectedSchema = canonicalItemSchema.extend({
  disputed: z.boolean().optional().describe('did the resulting invoice end in a dispute? (labels for risk metrics)'),
});
export type Expected = z.infer<typeof expectedSchema>;

export const usageSchema = z.object({
  llmCalls: z.number().int().nonnegative(),
  cacheHits: z.number().int().nonnegative(),
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
  /** What the responses cost when they were made (a cached response was paid for once). */
  costUsd: z.number().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

/** One row per expected or predicted change: how it was matched and which of its fields agree. */
export const changeVerdictSchema = z.object({
  kind: changeKindSchema,
  sku: z.string().nullable(),
  /** Index into expected.changes / predicted.changes; null when that side has no counterpart. */
  expected: z.number().int().nullable(),
  predicted: z.number().int().nullable(),
  status: z.enum(['correct', 'wrong_value', 'missed', 'spurious']),
  /** Whether from / to agree after normalisation; null when the change was not matched. */
  from: z.boolean().nullable(),
  to: z.boolean().nullable(),
  /** The provider's confidence in the predicted change. */
  confidence: z.number().nullable(),
});
export type ChangeVerdict = z.infer<typeof changeVerdictSchema>;

export const caseRecordSchema = z.object({
  id: z.string(),
  trial: z.number().int().positive(),
  status: z.enum(['ok', 'quarantined', 'error']),
  /** The quarantine reason or the error message; null when the pipeline produced a suggestion. */
  error: z.string().nullable(),
  expected: expectedSchema,
  predicted: canonicalItemSchema.nullable(),
  verdicts: z.object({ category: z.boolean(), orderRef: z.boolean(), changes: z.array(changeVerdictSchema) }),
  /** Category, orderRef and every change (kind, sku, from, to) right, and nothing spurious. */
  pass: z.boolean(),
  confidence: z.object({ category: z.number().nullable(), orderRef: z.number().nullable() }),
  risk: z.object({ probability: z.number(), disputed: z.boolean().nullable() }).nullable(),
  latencyMs: z.number().nonnegative(),
  usage: usageSchema,
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

export const zeroUsage = (): Usage => ({ llmCalls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
