// Change requests: the canonical form of PRODUCT.md's eval contract, and the proposed change that carries evidence.
import { z } from 'zod';
import { evidenceSchema } from '../extraction/evidence.ts';
import { changeKindSchema } from '../triage/taxonomy.ts';

export const changeValueSchema = z.union([z.number(), z.string()]).nullable();

/** Exactly the eval contract's change: what the customer asked, nothing else. */
export const canonicalChangeSchema = z.object({
  kind: changeKindSchema,
  sku: z.string().min(1).nullable().describe('item code as the customer wrote it; null for order-wide changes'),
  from: changeValueSchema.describe('the old value when the customer stated it, else null'),
  to: changeValueSchema.describe('the requested value'),
});
export type CanonicalChange = z.infer<typeof canonicalChangeSchema>;

/** A change as suggested (by a provider) or edited (by a human), with its grounding. */
export const proposedChangeSchema = canonicalChangeSchema.extend({
  evidence: z.array(evidenceSchema).describe('where each value was read; empty when a human typed it'),
  confidence: z.number().min(0).max(1),
  /** Grounding problems for the reviewer: a value not found in the source, a list that may be truncated, … */
  warnings: z.array(z.string()),
  source: z.enum(['model', 'human']),
});
export type ProposedChange = z.infer<typeof proposedChangeSchema>;

export const toCanonical = ({ kind, sku, from, to }: CanonicalChange): CanonicalChange => ({ kind, sku, from, to });
