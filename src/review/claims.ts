// Claims: a rep takes an item for a while (a lease), so two people do not work the same item at once.
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { getReviewItem, updateReviewItem } from './review-repo.ts';
import type { ReviewItem } from './schema.ts';
import type { User } from './users.ts';

export const LEASE_MS = 15 * 60_000;

/** The user holding a live claim on the item, or null when nobody does (or the lease ran out). */
export function claimHolder(item: Pick<ReviewItem, 'assignment'>, now: Date): string | null {
  return item.assignment && new Date(item.assignment.leaseExpiresAt) > now ? item.assignment.userId : null;
}

/** Refuses an action on an item someone else has claimed. */
export function assertNotClaimedByOther(item: Pick<ReviewItem, 'assignment'>, user: User, now: Date): void {
  const holder = claimHolder(item, now);
  if (holder && holder !== user.id)
    throw new AppError('conflict', `claimed by ${holder} until ${item.assignment!.leaseExpiresAt}; ask them to release it`);
}

/** Claims or renews the lease. */
export async function claimItem(id: string, user: User, deps: { db: Db; now?: () => Date }): Promise<ReviewItem> {
  const now = deps.now?.() ?? new Date();
  return deps.db.tx(async (q) => {
    const item = await getReviewItem(q, id, { forUpdate: true });
    if (!item) throw new AppError('not_found', `review item ${id} does not exist`);
    if (item.status !== 'pending') throw new AppError('conflict', `review item ${id} is ${item.status}; only pending items can be claimed`);
    assertNotClaimedByOther(item, user, now);
    const next: ReviewItem = { ...item, assignment: { userId: user.id, leaseExpiresAt: new Date(now.getTime() + LEASE_MS).toISOString() }, updatedAt: now.toISOString() };
    await updateReviewItem(q, next);
    if (item.assignment?.userId !== user.id || !claimHolder(item, now))
      await appendAudit(q, { actor: { type: 'user', id: user.id }, action: 'review_item.claimed', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: { assignment: item.assignment }, after: { assignment: next.assignment } });
    return next;
  });
}

/** Releases a claim; the holder may, and an admin may release anyone's. */
export async function releaseItem(id: string, user: User, deps: { db: Db; now?: () => Date }): Promise<ReviewItem> {
  const now = deps.now?.() ?? new Date();
  return deps.db.tx(async (q) => {
    const item = await getReviewItem(q, id, { forUpdate: true });
    if (!item) throw new AppError('not_found', `review item ${id} does not exist`);
    const holder = claimHolder(item, now);
    if (holder && holder !== user.id && user.role !== 'admin') throw new AppError('forbidden', `only ${holder} or an admin can release this claim`);
    if (!item.assignment) return item;
    const next: ReviewItem = { ...item, assignment: null, updatedAt: now.toISOString() };
    await updateReviewItem(q, next);
    await appendAudit(q, { actor: { type: 'user', id: user.id }, action: 'review_item.released', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: { assignment: item.assignment }, after: { assignment: null } });
    return next;
  });
}
