// Review items: a suggestion awaiting a human decision, its lifecycle, approvals and the policy that governs it.
import { z } from 'zod';
import { findingSchema } from '../changes/finding.ts';
import { canonicalChangeSchema, proposedChangeSchema, toCanonical } from '../changes/schema.ts';
import { groundedValueSchema, providerInfoSchema } from '../extraction/schema.ts';
import { llmFallbackSchema, llmUsageSchema } from '../extraction/openai/schemas.ts';
import { classificationSchema, disputeRiskSchema } from '../triage/schema.ts';
import { categorySchema } from '../triage/taxonomy.ts';

export const roleSchema = z.enum(['rep', 'approver', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** pending → approved | rejected; approved → posted | post_failed; post_failed → posted (re-driven). */
export const reviewStatusSchema = z.enum(['pending', 'approved', 'rejected', 'posted', 'post_failed']);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const policyDecisionSchema = z.object({
  /** The policy file's version that governed this decision. */
  policyVersion: z.string(),
  /** Roles that count towards approval (an admin counts wherever an approver does). */
  approverRoles: z.array(roleSchema).min(1),
  requiredApprovals: z.number().int().min(1),
  /** Whether the item may be approved together with others in one bulk action. */
  bulkApprovable: z.boolean(),
  rulesFired: z.array(z.object({ rule: z.string(), reason: z.string() })),
});
export type PolicyDecision = z.infer<typeof policyDecisionSchema>;

export const approvalSchema = z.object({
  userId: z.string(),
  role: roleSchema,
  version: z.number().int().positive(),
  comment: z.string().nullable(),
  at: z.string(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** A claim: one rep works the item until the lease expires (or they release it). */
export const assignmentSchema = z.object({ userId: z.string(), leaseExpiresAt: z.string() });

export const slaSchema = z.object({
  priority: z.enum(['normal', 'high']),
  dueAt: z.string(),
  /** Set once when a pending item passes its due time; operators route the escalation event. */
  escalatedAt: z.string().nullable(),
});

export const reviewItemSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  status: reviewStatusSchema,
  /** The item cannot be trusted as extracted (unreadable attachment, truncated MIME, no changes found …). */
  needsManual: z.boolean(),
  manualReasons: z.array(z.string()),
  category: categorySchema,
  classification: classificationSchema,
  orderRef: groundedValueSchema.nullable(),
  changes: z.array(proposedChangeSchema),
  warnings: z.array(z.string()),
  findings: z.array(findingSchema),
  risk: disputeRiskSchema,
  policy: policyDecisionSchema,
  provider: providerInfoSchema,
  /** Tokens, latency and cost of the LLM calls behind this suggestion; null for the offline provider. */
  llmUsage: llmUsageSchema.nullable().default(null),
  /** Set when the LLM endpoint was down (or answered unusably) and the offline provider stood in. */
  llmFallback: llmFallbackSchema.nullable().default(null),
  /** Increments on every edit; approvals and postings name the version they were given for. */
  version: z.number().int().positive(),
  editedBy: z.array(z.string()),
  approvals: z.array(approvalSchema),
  rejection: z.object({ userId: z.string(), reason: z.string(), at: z.string() }).nullable(),
  assignment: assignmentSchema.nullable().default(null),
  sla: slaSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** The eval contract's expected.json form of an item (PRODUCT.md): what the item says the customer asked. */
export const canonicalItemSchema = z.object({
  category: categorySchema,
  orderRef: z.string().nullable(),
  changes: z.array(canonicalChangeSchema),
});
export type CanonicalItem = z.infer<typeof canonicalItemSchema>;

export const toCanonicalItem = (item: Pick<ReviewItem, 'category' | 'orderRef' | 'changes'>): CanonicalItem => ({
  category: item.category,
  orderRef: item.orderRef?.value ?? null,
  changes: item.changes.map(toCanonical),
});
