// The queue's filters and sort as a URL query: parsed leniently (a stale link still opens), carried to item pages
// so next/previous follow the same list.
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { listReviewItems, type ReviewFilter } from '../review/review-repo.ts';
import { reviewStatusSchema } from '../review/schema.ts';
import type { User } from '../review/users.ts';
import { categorySchema, riskBandSchema } from '../triage/taxonomy.ts';

const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);

export const queueQuerySchema = z.object({
  status: z.preprocess(blankIsAbsent, z.union([reviewStatusSchema, z.literal('all')]).default('pending')).catch('pending'),
  category: z.preprocess(blankIsAbsent, categorySchema.optional()).catch(undefined),
  riskBand: z.preprocess(blankIsAbsent, riskBandSchema.optional()).catch(undefined),
  sla: z.preprocess(blankIsAbsent, z.enum(['any', 'overdue', 'on_time']).default('any')).catch('any'),
  assignee: z.preprocess(blankIsAbsent, z.string().max(100).optional()).catch(undefined),
  sort: z.preprocess(blankIsAbsent, z.enum(['due', 'risk', 'newest']).default('due')).catch('due'),
  offset: z.coerce.number().int().min(0).default(0).catch(0),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const PAGE_SIZE = 50;

export const parseQueueQuery = (params: Record<string, string> | URLSearchParams) =>
  queueQuerySchema.parse(params instanceof URLSearchParams ? Object.fromEntries(params) : params);

/** The query string of a queue view, defaults left out. */
export function queueSearch(q: QueueQuery, overrides: Partial<QueueQuery> = {}): string {
  const v = { ...q, ...overrides };
  const p = new URLSearchParams();
  if (v.status !== 'pending') p.set('status', v.status);
  if (v.category) p.set('category', v.category);
  if (v.riskBand) p.set('riskBand', v.riskBand);
  if (v.sla !== 'any') p.set('sla', v.sla);
  if (v.assignee) p.set('assignee', v.assignee);
  if (v.sort !== 'due') p.set('sort', v.sort);
  if (v.offset) p.set('offset', String(v.offset));
  return p.toString();
}

export function toFilter(q: QueueQuery, user: User, page: { limit: number; offset: number }): ReviewFilter {
  return {
    status: q.status === 'all' ? undefined : q.status,
    category: q.category, riskBand: q.riskBand,
    assignee: q.assignee === 'me' ? user.id : q.assignee,
    overdue: q.sla === 'any' ? undefined : q.sla === 'overdue',
    sort: q.sort, ...page,
  };
}

/**
 * The items before and after this one in the queue view it was opened from. When the item has left the view (it was
 * just decided), "next" is the first item of the view that is not this one.
 */
export async function neighbours(db: Db, q: QueueQuery, user: User, id: string): Promise<{ prev: string | null; next: string | null; position: number | null; total: number }> {
  const { items, total } = await listReviewItems(db, toFilter(q, user, { limit: 200, offset: 0 }));
  const ids = items.map((i) => i.id);
  const at = ids.indexOf(id);
  if (at < 0) return { prev: null, next: ids.find((x) => x !== id) ?? null, position: null, total };
  return { prev: ids[at - 1] ?? null, next: ids[at + 1] ?? null, position: at + 1, total };
}
