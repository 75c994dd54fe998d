// Human decisions on a review item: approve, reject, edit. Each is one transaction with its audit events.
import { appendAudit } from '../audit/audit-log.ts';
import { shapeIssues, toErpActions } from '../changes/registry.ts';
import { toCanonical, type CanonicalChange, type ProposedChange } from '../changes/schema.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import { idempotencyKeyOf, insertPosting } from '../erp/posting-repo.ts';
import type { ErpPostingPayload } from '../erp/schema.ts';
import { priorScorer, type RiskScorer } from '../risk/scorer.ts';
import type { Db, Queryable } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { canonicalJson, hashJson } from '../shared/hash.ts';
import { erpContext, findingsFor } from '../triage/enrich.ts';
import { primaryCategory } from '../triage/taxonomy.ts';
import { assertNotClaimedByOther } from './claims.ts';
import { approvalState, evaluatePolicy, type Policy } from './policy.ts';
import { policyFacts } from './policy-facts.ts';
import { getReviewItem, updateReviewItem } from './review-repo.ts';
import { toCanonicalItem, type ReviewItem } from './schema.ts';
import type { User } from './users.ts';

export interface DecisionDeps {
  db: Db;
  erp: ErpAdapter;
  /** Best-effort: must not throw; an outbox row it could not queue is re-driven by the start-up sweep. */
  enqueuePost(idempotencyKey: string, correlationId: string): Promise<void>;
  now?: () => Date;
  /** Dispute-risk scoring (src/risk); absent, the documented prior. */
  risk?: RiskScorer;
  /** The approval policy; the shipped default when absent. */
  policy?: Policy;
}

const actorOf = (u: User) => ({ type: 'user' as const, id: u.id });

/**
 * The pending item, locked for this transaction. Working it (edit, reject) is refused while someone else holds a
 * live claim; approving is not, since a second approver must be able to act on an item a rep is working.
 */
async function lockPending(q: Queryable, id: string, user: User, at: string, opts: { respectClaim: boolean }): Promise<ReviewItem> {
  const item = await getReviewItem(q, id, { forUpdate: true });
  if (!item) throw new AppError('not_found', `review item ${id} does not exist`);
  if (item.status !== 'pending') throw new AppError('conflict', `review item ${id} is ${item.status}, not pending`);
  if (opts.respectClaim) assertNotClaimedByOther(item, user, new Date(at));
  return item;
}

export async function approveItem(id: string, user: User, comment: string | null, deps: DecisionDeps): Promise<ReviewItem> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  const { item, postKey } = await deps.db.tx(async (q) => {
    const item = await lockPending(q, id, user, at, { respectClaim: false });
    if (!item.policy.approverRoles.includes(user.role)) {
      const why = item.policy.rulesFired.map((r) => r.reason).join('; ');
      throw new AppError('forbidden', `approving this item needs the role ${item.policy.approverRoles.join(' or ')}${why ? ` (${why})` : ''}`);
    }
    if (item.approvals.some((a) => a.version === item.version && a.userId === user.id))
      throw new AppError('conflict', 'you have already approved this version');
    const blocking = item.findings.filter((f) => f.severity === 'error');
    if (blocking.length) throw new AppError('unprocessable', `resolve before approving: ${blocking.map((f) => f.message).join('; ')}`);
    if (!item.changes.length) throw new AppError('unprocessable', 'there is no change to post: edit in the changes or reject the item');

    const next: ReviewItem = { ...item, approvals: [...item.approvals, { userId: user.id, role: user.role, version: item.version, comment, at }], updatedAt: at };
    const state = approvalState(next);
    await appendAudit(q, { actor: actorOf(user), action: 'review_item.approval_given', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: null, after: { version: item.version, comment, satisfied: state.satisfied } });
    let postKey: string | null = null;
    if (state.satisfied) {
      next.status = 'approved';
      postKey = idempotencyKeyOf(next);
      const payload = postingPayload(next);
      const payloadHash = hashJson(payload);
      await insertPosting(q, { idempotencyKey: postKey, reviewItemId: id, version: next.version, payload, payloadHash });
      await appendAudit(q, { actor: actorOf(user), action: 'review_item.approved', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: { status: 'pending' }, after: { status: 'approved', version: next.version, idempotencyKey: postKey, payloadHash } });
    }
    await updateReviewItem(q, next);
    return { item: next, postKey };
  });
  if (postKey) await deps.enqueuePost(postKey, item.messageId);
  return item;
}

export type BulkResult = { id: string; ok: true; status: ReviewItem['status'] } | { id: string; ok: false; error: string };

/** Approves several items one by one; an item whose policy forbids bulk approval is left for a one-by-one look. */
export async function bulkApprove(ids: string[], user: User, deps: DecisionDeps): Promise<BulkResult[]> {
  const out: BulkResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const item = await getReviewItem(deps.db, id);
      if (item && !item.policy.bulkApprovable)
        throw new AppError('unprocessable', `policy asks for a one-by-one review (${item.policy.rulesFired.filter((r) => r.rule).map((r) => r.reason).join('; ')})`);
      out.push({ id, ok: true, status: (await approveItem(id, user, 'bulk approval', deps)).status });
    } catch (e) {
      out.push({ id, ok: false, error: e instanceof AppError ? `${e.kind}: ${e.message}` : 'internal error' });
    }
  }
  return out;
}

export function postingPayload(item: ReviewItem): ErpPostingPayload {
  const approvedBy = [...new Set(item.approvals.filter((a) => a.version === item.version).map((a) => a.userId))];
  return { orderRef: item.orderRef!.value, reviewItemId: item.id, version: item.version, actions: toErpActions(item.changes.map(toCanonical)), approvedBy };
}

export async function rejectItem(id: string, user: User, reason: string, deps: Pick<DecisionDeps, 'db' | 'now'>): Promise<ReviewItem> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  return deps.db.tx(async (q) => {
    const item = await lockPending(q, id, user, at, { respectClaim: true });
    const next: ReviewItem = { ...item, status: 'rejected', rejection: { userId: user.id, reason, at }, updatedAt: at };
    await updateReviewItem(q, next);
    await appendAudit(q, { actor: actorOf(user), action: 'review_item.rejected', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: { status: 'pending' }, after: { status: 'rejected', reason } });
    return next;
  });
}

export interface EditInput { changes: CanonicalChange[]; orderRef?: string | null | undefined }

/** Replaces the change list (re-validated and re-checked against the ERP); earlier approvals no longer count. */
export async function editItem(id: string, user: User, input: EditInput, deps: Pick<DecisionDeps, 'db' | 'erp' | 'now' | 'risk' | 'policy'>): Promise<ReviewItem> {
  const issues = input.changes.flatMap((c, i) => shapeIssues(c).map((s) => ({ path: ['changes', i, ...s.path], message: s.message })));
  if (issues.length) throw new AppError('unprocessable', 'the edited changes are not valid', issues);
  const seen = await getReviewItem(deps.db, id);
  if (!seen) throw new AppError('not_found', `review item ${id} does not exist`);
  const orderRef = input.orderRef === undefined ? seen.orderRef : input.orderRef === null ? null : groundedRef(seen, input.orderRef);
  const ctx = await erpContext(deps.erp, orderRef?.value ?? null, input.changes); // outside the lock: the ERP may be slow
  const at = (deps.now?.() ?? new Date()).toISOString();
  return deps.db.tx(async (q) => {
    const item = await lockPending(q, id, user, at, { respectClaim: true });
    if (item.version !== seen.version) throw new AppError('conflict', 'the item changed while you were editing; reload it');
    const changes = input.changes.map((c) => mergeEdited(item.changes, c, user));
    const implied = primaryCategory(changes.map((c) => c.kind));
    const category = item.classification.source === 'changes' || !item.changes.length ? (implied ?? item.category) : item.category;
    const risk = await (deps.risk ?? priorScorer).score({ changes: input.changes, category, erp: ctx, at });
    const next: ReviewItem = {
      ...item, changes, orderRef, category, risk, version: item.version + 1, updatedAt: at,
      findings: findingsFor(orderRef?.value ?? null, input.changes, ctx, new Date(at)),
      policy: evaluatePolicy({ changes, risk, category, facts: policyFacts(input.changes, ctx) }, deps.policy),
      editedBy: item.editedBy.includes(user.id) ? item.editedBy : [...item.editedBy, user.id],
    };
    await updateReviewItem(q, next);
    await appendAudit(q, { actor: actorOf(user), action: 'review_item.edited', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: { version: item.version, ...toCanonicalItem(item) }, after: { version: next.version, ...toCanonicalItem(next) } });
    return next;
  });
}

/** An unchanged change keeps its evidence; a changed one keeps the evidence of the same kind/sku but is the editor's. */
function mergeEdited(previous: ProposedChange[], c: CanonicalChange, user: User): ProposedChange {
  const canon = canonicalJson(toCanonical(c));
  const same = previous.find((p) => canonicalJson(toCanonical(p)) === canon);
  if (same) return same;
  const related = previous.find((p) => p.kind === c.kind && p.sku === c.sku);
  return { ...toCanonical(c), evidence: related?.evidence ?? [], confidence: 1, warnings: [`entered by ${user.id}`], source: 'human' };
}

function groundedRef(item: ReviewItem, value: string) {
  return item.orderRef?.value === value ? item.orderRef : { value, evidence: [], confidence: 1 };
}
