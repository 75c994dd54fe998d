// What an extraction provider returns for one message: the order reference and the changes, each grounded.
import { z } from 'zod';
import { proposedChangeSchema } from '../changes/schema.ts';
import { evidenceSchema } from './evidence.ts';

export const groundedValueSchema = z.object({
  value: z.string(),
  evidence: z.array(evidenceSchema),
  confidence: z.number().min(0).max(1),
});

export const extractionSchema = z.object({
  orderRef: groundedValueSchema.nullable(),
  changes: z.array(proposedChangeSchema),
  /** Message-level grounding warnings (e.g. "the line list may be truncated"). */
  warnings: z.array(z.string()),
});
export type Extraction = z.infer<typeof extractionSchema>;

export const providerInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  promptId: z.string().nullable(),
  model: z.string().nullable(),
});
export type ProviderInfo = z.infer<typeof providerInfoSchema>;
