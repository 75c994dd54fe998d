// Approval policy as configuration: which roles and how many people must approve an item, and whether the
// approvals given satisfy it. The policy file is validated with zod at start-up (policies/default.json ships).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../shared/config.ts';
import { categorySchema, changeKindSchema, riskBandSchema } from '../triage/taxonomy.ts';
import { noFacts, type PolicyFacts } from './policy-facts.ts';
import { roleSchema, type PolicyDecision, type ReviewItem } from './schema.ts';

/** Every condition given must hold for a rule to fire. */
const conditionSchema = z.strictObject({
  kinds: z.array(changeKindSchema).min(1).optional(),
  categories: z.array(categorySchema).min(1).optional(),
  riskBands: z.array(riskBandSchema).min(1).optional(),
  priceDeltaPctOver: z.number().nonnegative().optional(),
  priceDeltaUnknown: z.literal(true).optional(),
  valueAtStakeOver: z.number().nonnegative().optional(),
  customers: z.array(z.string()).min(1).optional(),
  confidenceBelow: z.number().min(0).max(1).optional(),
});
type Condition = z.infer<typeof conditionSchema>;

const requirementSchema = z.strictObject({ roles: z.array(roleSchema).min(1), approvals: z.number().int().min(1).max(5) });

export const policySchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.string().min(1),
  defaults: requirementSchema.extend({ bulk: z.boolean() }),
  rules: z.array(z.strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/),
    description: z.string().min(1),
    when: conditionSchema.refine((c) => Object.keys(c).length > 0, 'a rule needs at least one condition'),
    require: requirementSchema,
    bulk: z.boolean().default(true),
  })),
  sla: z.strictObject({
    normalHours: z.number().positive(),
    highHours: z.number().positive(),
    highWhen: conditionSchema.pick({ riskBands: true, categories: true }),
  }),
});
export type Policy = z.infer<typeof policySchema>;

export const defaultPolicyFile = fileURLToPath(new URL('../../policies/default.json', import.meta.url));

export function loadPolicy(file = defaultPolicyFile): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`CHANGEDESK_POLICY_FILE=${file}: cannot be read as JSON (${(e as Error).message})`);
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`CHANGEDESK_POLICY_FILE=${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const defaultPolicy: Policy = loadPolicy();

export type PolicyInput = Pick<ReviewItem, 'changes' | 'risk' | 'category'> & { facts?: PolicyFacts };

function holds(c: Condition, i: PolicyInput, f: PolicyFacts): boolean {
  const kinds = new Set(i.changes.map((x) => x.kind));
  return (
    (!c.kinds || c.kinds.some((k) => kinds.has(k))) &&
    (!c.categories || c.categories.includes(i.category)) &&
    (!c.riskBands || c.riskBands.includes(i.risk.band)) &&
    (c.priceDeltaPctOver === undefined || (f.priceDeltaPct !== null && f.priceDeltaPct > c.priceDeltaPctOver)) &&
    (!c.priceDeltaUnknown || f.priceDeltaPct === null) &&
    (c.valueAtStakeOver === undefined || (f.valueAtStake !== null && f.valueAtStake > c.valueAtStakeOver)) &&
    (!c.customers || (f.customerId !== null && c.customers.includes(f.customerId))) &&
    (c.confidenceBelow === undefined || i.changes.some((x) => x.confidence < c.confidenceBelow!))
  );
}

/** The strictest requirement among the rules that fire; the defaults when none does. */
export function evaluatePolicy(input: PolicyInput, policy: Policy = defaultPolicy): PolicyDecision {
  const facts = input.facts ?? noFacts;
  const fired = policy.rules.filter((r) => holds(r.when, input, facts));
  const roles = fired.reduce((acc, r) => acc.filter((x) => r.require.roles.includes(x)), policy.defaults.roles);
  return {
    policyVersion: policy.version,
    approverRoles: roles.length ? roles : ['admin'],
    requiredApprovals: Math.max(policy.defaults.approvals, ...fired.map((r) => r.require.approvals)),
    bulkApprovable: policy.defaults.bulk && fired.every((r) => r.bulk),
    rulesFired: fired.map((r) => ({ rule: r.id, reason: r.description })),
  };
}

export type ApprovalState = { satisfied: true } | { satisfied: false; missing: string };

/**
 * Whether the approvals given for the current version satisfy the item's policy: enough distinct qualifying
 * people, and (four-eyes) at least one of them did not edit the suggestion.
 */
export function approvalState(item: Pick<ReviewItem, 'approvals' | 'policy' | 'version' | 'editedBy'>): ApprovalState {
  const current = item.approvals.filter((a) => a.version === item.version && item.policy.approverRoles.includes(a.role));
  const people = new Set(current.map((a) => a.userId));
  const { requiredApprovals } = item.policy;
  if (people.size < requiredApprovals) return { satisfied: false, missing: `${requiredApprovals - people.size} more approval(s) by ${item.policy.approverRoles.join(' or ')}` };
  if (![...people].some((p) => !item.editedBy.includes(p))) return { satisfied: false, missing: 'an approval by someone who did not edit the suggestion (four-eyes)' };
  return { satisfied: true };
}
