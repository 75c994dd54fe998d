// Classification and dispute risk of a message.
import { z } from 'zod';
import { categorySchema, riskBandSchema } from './taxonomy.ts';

export const classificationSchema = z.object({
  category: categorySchema,
  confidence: z.number().min(0).max(1),
  /** `changes`: implied by the extracted change kinds (PRODUCT.md precedence); `text`: from the message wording. */
  source: z.enum(['changes', 'text']),
  /** The trained text classifier that took part (id and version, e.g. "text-classifier-v2"), when one did. */
  model: z.string().optional(),
});
export type Classification = z.infer<typeof classificationSchema>;

export const riskFactorSchema = z.object({
  factor: z.string(),
  weight: z.number().describe('contribution to the log-odds; positive raises the risk'),
  text: z.string().describe('the reason in words a rep understands'),
});

export const disputeRiskSchema = z.object({
  probability: z.number().min(0).max(1),
  band: riskBandSchema,
  factors: z.array(riskFactorSchema),
  modelVersion: z.string(),
  /** True when no trained model was available and the documented prior was used. */
  isPrior: z.boolean(),
});
export type DisputeRisk = z.infer<typeof disputeRiskSchema>;
