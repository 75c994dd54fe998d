// Approval policy: which roles and how many people must approve an item, and whether given approvals suffice.
import type { ReviewItem, PolicyDecision, Role } from './schema.ts';

type PolicyInput = Pick<ReviewItem, 'changes' | 'risk' | 'category'>;

interface Rule {
  id: string;
  when(item: PolicyInput): string | null; // the reason it fired, or null
  approverRoles: Role[];
  approvals: number;
}

const approverOnly: Role[] = ['approver', 'admin'];

/** The default policy. Governance issue #7 moves rules into a versioned configuration file. */
export const defaultRules: Rule[] = [
  { id: 'price_change', when: (i) => (i.changes.some((c) => c.kind === 'price') ? 'a unit price changes' : null), approverRoles: approverOnly, approvals: 1 },
  { id: 'order_cancellation', when: (i) => (i.changes.some((c) => c.kind === 'cancel_order') ? 'the whole order is cancelled' : null), approverRoles: approverOnly, approvals: 1 },
  { id: 'address_change', when: (i) => (i.changes.some((c) => c.kind === 'ship_to') ? 'the delivery address changes' : null), approverRoles: approverOnly, approvals: 1 },
  { id: 'high_risk', when: (i) => (i.risk.band === 'high' ? `dispute risk is high (${Math.round(i.risk.probability * 100)}%)` : null), approverRoles: approverOnly, approvals: 1 },
];

const anyone: Role[] = ['rep', 'approver', 'admin'];

/** The strictest requirement among the rules that fire; a rep may approve when none does. */
export function evaluatePolicy(item: PolicyInput, rules: Rule[] = defaultRules): PolicyDecision {
  const fired = rules.flatMap((r) => {
    const reason = r.when(item);
    return reason ? [{ rule: r, reason }] : [];
  });
  const approverRoles = fired.reduce<Role[]>((roles, f) => roles.filter((x) => f.rule.approverRoles.includes(x)), anyone);
  return {
    approverRoles: approverRoles.length ? approverRoles : ['admin'],
    requiredApprovals: Math.max(1, ...fired.map((f) => f.rule.approvals)),
    rulesFired: fired.map((f) => ({ rule: f.rule.id, reason: f.reason })),
  };
}

export type ApprovalState =
  | { satisfied: true }
  | { satisfied: false; missing: string };

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
