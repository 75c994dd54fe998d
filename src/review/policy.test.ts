import { describe, expect, it } from 'vitest';
import type { ProposedChange } from '../changes/schema.ts';
import { priorRisk } from '../triage/risk-prior.ts';
import { approvalState, evaluatePolicy, policySchema } from './policy.ts';
import type { Approval, ReviewItem } from './schema.ts';

const change = (kind: ProposedChange['kind'], sku: string | null = 'A-1'): ProposedChange => ({ kind, sku, from: null, to: kind === 'ship_to' ? 'x' : 5, evidence: [], confidence: 0.9, warnings: [], source: 'model' });
const low = priorRisk([], 'quantity_change');

describe('evaluatePolicy', () => {
  it('lets any signed-in role approve a plain quantity change', () => {
    expect(evaluatePolicy({ changes: [change('quantity')], risk: low, category: 'quantity_change' })).toEqual({
      policyVersion: 'default-2026-11-27', approverRoles: ['rep', 'approver', 'admin'], requiredApprovals: 1, bulkApprovable: true, rulesFired: [],
    });
  });
  it('needs an approver for a price change over 5% or one it could not check, and says why', () => {
    const facts = (priceDeltaPct: number | null) => ({ priceDeltaPct, valueAtStake: 100, customerId: 'C-1' });
    const p = evaluatePolicy({ changes: [change('quantity'), change('price')], risk: low, category: 'price_change', facts: facts(7.5) });
    expect(p).toMatchObject({ approverRoles: ['approver', 'admin'], bulkApprovable: false });
    expect(p.rulesFired).toEqual([{ rule: 'price_change_over_5pct', reason: 'a unit price moves more than 5% against list price' }]);
    expect(evaluatePolicy({ changes: [change('price')], risk: low, category: 'price_change', facts: facts(3) }).rulesFired).toEqual([]);
    expect(evaluatePolicy({ changes: [change('price')], risk: low, category: 'price_change', facts: facts(null) }).rulesFired[0]?.rule).toBe('price_change_unchecked');
    const high = { ...low, probability: 0.7, band: 'high' as const };
    expect(evaluatePolicy({ changes: [change('quantity')], risk: high, category: 'quantity_change' }).rulesFired[0]?.rule).toBe('high_dispute_risk');
  });
  it('needs two people for an address change, and an approver for a large value', () => {
    expect(evaluatePolicy({ changes: [change('ship_to', null)], risk: low, category: 'address_change' })).toMatchObject({ approverRoles: ['rep', 'approver', 'admin'], requiredApprovals: 2 });
    const big = evaluatePolicy({ changes: [change('quantity')], risk: low, category: 'quantity_change', facts: { priceDeltaPct: null, valueAtStake: 12_000, customerId: null } });
    expect(big.rulesFired.map((r) => r.rule)).toEqual(['large_value']);
  });
  it('takes the strictest of several rules and refuses bulk approval when any rule does', () => {
    const lowConfidence = { ...change('cancel_order', null), confidence: 0.4 };
    const p = evaluatePolicy({ changes: [lowConfidence], risk: low, category: 'cancellation' });
    expect(p.rulesFired.map((r) => r.rule)).toEqual(['whole_order_cancellation', 'low_confidence']);
    expect(p).toMatchObject({ approverRoles: ['approver', 'admin'], requiredApprovals: 1, bulkApprovable: false });
  });
  it('refuses a policy file with a rule without conditions or an unknown condition', () => {
    const base = { version: 'x', defaults: { roles: ['rep'], approvals: 1, bulk: true }, sla: { normalHours: 8, highHours: 2, highWhen: {} } };
    expect(policySchema.safeParse({ ...base, rules: [{ id: 'a', description: 'd', when: {}, require: { roles: ['rep'], approvals: 1 } }] }).success).toBe(false);
    expect(policySchema.safeParse({ ...base, rules: [{ id: 'a', description: 'd', when: { kind: ['price'] }, require: { roles: ['rep'], approvals: 1 } }] }).success).toBe(false);
    expect(policySchema.safeParse({ ...base, rules: [{ id: 'a', description: 'd', when: { kinds: ['price'] }, require: { roles: ['rep'], approvals: 1 } }] }).success).toBe(true);
  });
});

describe('approvalState', () => {
  const approval = (userId: string, role: Approval['role'], version = 1): Approval => ({ userId, role, version, comment: null, at: '2026-11-27T00:00:00Z' });
  const item = (over: Partial<ReviewItem>) => ({ version: 1, editedBy: [], approvals: [], policy: { policyVersion: 't', approverRoles: ['approver', 'admin'] as Approval['role'][], requiredApprovals: 1, bulkApprovable: true, rulesFired: [] }, ...over });

  it('counts only qualifying roles on the current version', () => {
    expect(approvalState(item({ approvals: [approval('r', 'rep')] })).satisfied).toBe(false);
    expect(approvalState(item({ approvals: [approval('a', 'approver', 1)], version: 2 })).satisfied).toBe(false);
    expect(approvalState(item({ approvals: [approval('a', 'approver')] })).satisfied).toBe(true);
  });
  it('does not let the editor be the only approver (four-eyes)', () => {
    const edited = item({ editedBy: ['a'], approvals: [approval('a', 'approver')] });
    expect(approvalState(edited)).toEqual({ satisfied: false, missing: expect.stringMatching(/four-eyes/) });
    expect(approvalState({ ...edited, approvals: [...edited.approvals, approval('b', 'admin')] }).satisfied).toBe(true);
  });
  it('needs distinct people when policy asks for two', () => {
    const two = item({ policy: { policyVersion: 't', approverRoles: ['approver'], requiredApprovals: 2, bulkApprovable: true, rulesFired: [] }, approvals: [approval('a', 'approver'), approval('a', 'approver')] });
    expect(approvalState(two).satisfied).toBe(false);
  });
});
