// The post stage: send an approved outbox row to the ERP with its idempotency key; record exactly what was posted.
import { appendAudit } from '../audit/audit-log.ts';
import { systemActor } from '../audit/schema.ts';
import { getReviewItem, updateReviewItem } from '../review/review-repo.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import type { ErpAdapter } from './adapter.ts';
import { getPosting, idempotencyKeyOf, markPosted, recordPostingAttempt, setPostingStatus, type PostingRecord } from './posting-repo.ts';

export interface PostDeps {
  db: Db;
  erp: ErpAdapter;
}

export async function postApprovedChange(idempotencyKey: string, deps: PostDeps): Promise<PostingRecord> {
  const posting = await getPosting(deps.db, idempotencyKey);
  if (!posting) throw new AppError('not_found', `no approved posting ${idempotencyKey}`);
  if (posting.status === 'posted') return posting;
  let result;
  try {
    result = await deps.erp.postChange(posting.payload, idempotencyKey);
  } catch (e) {
    await recordPostingAttempt(deps.db, idempotencyKey, e instanceof Error ? e.message : String(e));
    throw e;
  }
  if (result.payloadHash !== posting.payloadHash) {
    // The ERP recorded something other than what was approved: never mark it posted; a person must look.
    const msg = `the ERP recorded payload ${result.payloadHash}, but ${posting.payloadHash} was approved`;
    await recordPostingAttempt(deps.db, idempotencyKey, msg);
    throw new AppError('internal', msg, undefined, true);
  }
  return deps.db.tx(async (q) => {
    await markPosted(q, idempotencyKey, result.postingId, result.payloadHash);
    const item = await getReviewItem(q, posting.reviewItemId, { forUpdate: true });
    if (item && item.status !== 'posted') {
      await updateReviewItem(q, { ...item, status: 'posted', updatedAt: new Date().toISOString() });
      await appendAudit(q, {
        actor: systemActor, action: 'review_item.posted', entityType: 'review_item', entityId: item.id, correlationId: item.messageId, before: { status: item.status },
        after: { status: 'posted', idempotencyKey, erpPostingId: result.postingId, payloadHash: result.payloadHash, replayed: result.replayed },
      });
    }
    return (await getPosting(q, idempotencyKey))!;
  });
}

/** After the last attempt: the item is post_failed, visible, and an admin can re-drive it. */
export async function markPostFailed(idempotencyKey: string, reason: string, deps: Pick<PostDeps, 'db'>): Promise<void> {
  await deps.db.tx(async (q) => {
    const posting = await getPosting(q, idempotencyKey, { forUpdate: true });
    if (!posting || posting.status === 'posted') return;
    await setPostingStatus(q, idempotencyKey, 'failed');
    const item = await getReviewItem(q, posting.reviewItemId, { forUpdate: true });
    if (!item || item.status === 'posted') return;
    await updateReviewItem(q, { ...item, status: 'post_failed', updatedAt: new Date().toISOString() });
    await appendAudit(q, { actor: systemActor, action: 'review_item.post_failed', entityType: 'review_item', entityId: item.id, correlationId: item.messageId, before: { status: item.status }, after: { status: 'post_failed', idempotencyKey, reason } });
  });
}

/**
 * An admin re-drives a failed posting: the same idempotency key, so a post that did land is not repeated. Returns the
 * key and the correlation id (the item's message) for the post job.
 */
export async function reopenFailedPosting(reviewItemId: string, actorId: string, deps: Pick<PostDeps, 'db'>): Promise<{ idempotencyKey: string; correlationId: string }> {
  return deps.db.tx(async (q) => {
    const item = await getReviewItem(q, reviewItemId, { forUpdate: true });
    if (!item) throw new AppError('not_found', `review item ${reviewItemId} does not exist`);
    if (item.status !== 'post_failed') throw new AppError('conflict', `review item ${reviewItemId} is ${item.status}, not post_failed`);
    const key = idempotencyKeyOf(item);
    await setPostingStatus(q, key, 'pending');
    await updateReviewItem(q, { ...item, status: 'approved', updatedAt: new Date().toISOString() });
    await appendAudit(q, { actor: { type: 'user', id: actorId }, action: 'review_item.repost_requested', entityType: 'review_item', entityId: item.id, correlationId: item.messageId, before: { status: 'post_failed' }, after: { status: 'approved', idempotencyKey: key } });
    return { idempotencyKey: key, correlationId: item.messageId };
  });
}
