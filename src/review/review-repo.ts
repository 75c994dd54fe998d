// Storage of review items: the whole item as JSON, with the columns the queue filters and sorts on.
import type { Queryable } from '../storage/db.ts';
import type { Category, RiskBand } from '../triage/taxonomy.ts';
import { reviewItemSchema, type ReviewItem, type ReviewStatus } from './schema.ts';

const columns = (i: ReviewItem) => [
  i.id, i.messageId, i.status, i.category, i.needsManual, i.risk.band, i.risk.probability, i.version, JSON.stringify(i), i.createdAt, i.updatedAt,
  i.assignment?.userId ?? null, i.assignment?.leaseExpiresAt ?? null, i.sla.priority, i.sla.dueAt, i.sla.escalatedAt,
];

/** Inserts the item for its message unless one exists (a re-run triage job); answers the stored item. */
export async function insertReviewItem(q: Queryable, item: ReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
  const rows = await q.query<{ data: unknown }>(
    `INSERT INTO review_items (id, message_id, status, category, needs_manual, risk_band, risk_probability, version, data, created_at, updated_at,
       assignee, lease_expires_at, priority, due_at, escalated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (message_id) DO NOTHING RETURNING data`,
    columns(item),
  );
  if (rows[0]) return { item: reviewItemSchema.parse(rows[0].data), created: true };
  const existing = await getReviewItemByMessage(q, item.messageId);
  return { item: existing!, created: false };
}

export async function getReviewItem(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<ReviewItem | null> {
  const [row] = await q.query<{ data: unknown }>(`SELECT data FROM review_items WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row ? reviewItemSchema.parse(row.data) : null;
}

export async function getReviewItemByMessage(q: Queryable, messageId: string): Promise<ReviewItem | null> {
  const [row] = await q.query<{ data: unknown }>('SELECT data FROM review_items WHERE message_id = $1', [messageId]);
  return row ? reviewItemSchema.parse(row.data) : null;
}

export async function updateReviewItem(q: Queryable, item: ReviewItem): Promise<void> {
  await q.query(
    `UPDATE review_items SET status = $2, category = $3, needs_manual = $4, risk_band = $5, risk_probability = $6,
       version = $7, data = $8, updated_at = $9, assignee = $10, lease_expires_at = $11, priority = $12, due_at = $13, escalated_at = $14
     WHERE id = $1`,
    [item.id, item.status, item.category, item.needsManual, item.risk.band, item.risk.probability, item.version, JSON.stringify(item), item.updatedAt,
      item.assignment?.userId ?? null, item.assignment?.leaseExpiresAt ?? null, item.sla.priority, item.sla.dueAt, item.sla.escalatedAt],
  );
}

export interface ReviewFilter {
  status?: ReviewStatus;
  category?: Category;
  riskBand?: RiskBand;
  assignee?: string;
  overdue?: boolean;
  sort?: 'newest' | 'due' | 'risk';
  limit: number;
  offset: number;
}

const orderBy = { newest: 'created_at DESC, id', due: 'due_at ASC NULLS LAST, id', risk: 'risk_probability DESC, created_at DESC, id' };

export async function listReviewItems(q: Queryable, f: ReviewFilter): Promise<{ items: ReviewItem[]; total: number }> {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.status) conds.push(`status = $${params.push(f.status)}`);
  if (f.category) conds.push(`category = $${params.push(f.category)}`);
  if (f.riskBand) conds.push(`risk_band = $${params.push(f.riskBand)}`);
  if (f.assignee) conds.push(`assignee = $${params.push(f.assignee)} AND lease_expires_at > now()`);
  if (f.overdue !== undefined) conds.push(`${f.overdue ? '' : 'NOT '}(status = 'pending' AND due_at < now())`);
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const [count] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM review_items ${where}`, params);
  const rows = await q.query<{ data: unknown }>(
    `SELECT data FROM review_items ${where} ORDER BY ${orderBy[f.sort ?? 'newest']} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map((r) => reviewItemSchema.parse(r.data)), total: Number(count?.n ?? 0) };
}
