import { describe, expect, it } from 'vitest';
import type { ProposedChange } from '../changes/schema.ts';
import { priorRisk } from '../triage/risk-prior.ts';
import { approvalState, evaluatePolicy } from './policy.ts';
import type { Approval, ReviewItem } from './schema.ts';

const change = (kind: ProposedChange['kind'], sku: string | null = 'A-1'): ProposedChange => ({ kind, sku, from: null, to: kind === 'ship_to' ? 'x' : 5, evidence: [], confidence: 0.9, warnings: [], source: 'model' });
const low = priorRisk([], 'quantity_change');

describe('evaluatePolicy', () => {
  it('lets any signed-in role approve a plain quantity change', () => {
    expect(evaluatePolicy({ changes: [change('quantity')], risk: low, category: 'quantity_change' })).toEqual({ approverRoles: ['rep', 'approver', 'admin'], requiredApprovals: 1, rulesFired: [] });
  });
  it('needs an approver for a price change or high risk, and says why', () => {
    const p = evaluatePolicy({ changes: [change('quantity'), change('price')], risk: low, category: 'price_change' });
    expect(p.approverRoles).toEqual(['approver', 'admin']);
    expect(p.rulesFired).toEqual([{ rule: 'price_change', reason: 'a unit price changes' }]);
    const high = { ...low, probability: 0.7, band: 'high' as const };
    expect(evaluatePolicy({ changes: [change('quantity')], risk: high, category: 'quantity_change' }).rulesFired[0]?.rule).toBe('high_risk');
  });
});

describe('approvalState', () => {
  const approval = (userId: string, role: Approval['role'], version = 1): Approval => ({ userId, role, version, comment: null, at: '2026-11-27T00:00:00Z' });
  const item = (over: Partial<ReviewItem>) => ({ version: 1, editedBy: [], approvals: [], policy: { approverRoles: ['approver', 'admin'] as Approval['role'][], requiredApprovals: 1, rulesFired: [] }, ...over });

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
    const two = item({ policy: { approverRoles: ['approver'], requiredApprovals: 2, rulesFired: [] }, approvals: [approval('a', 'approver'), approval('a', 'approver')] });
    expect(approvalState(two).satisfied).toBe(false);
  });
});
