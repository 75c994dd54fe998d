// Storage of review items: the whole item as JSON, with the columns the queue filters and sorts on.
import type { Queryable } from '../storage/db.ts';
import type { Category } from '../triage/taxonomy.ts';
import { reviewItemSchema, type ReviewItem, type ReviewStatus } from './schema.ts';

const columns = (i: ReviewItem) => [
  i.id, i.messageId, i.status, i.category, i.needsManual, i.risk.band, i.risk.probability, i.version, JSON.stringify(i), i.createdAt, i.updatedAt,
];

/** Inserts the item for its message unless one exists (a re-run triage job); answers the stored item. */
export async function insertReviewItem(q: Queryable, item: ReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
  const rows = await q.query<{ data: unknown }>(
    `INSERT INTO review_items (id, message_id, status, category, needs_manual, risk_band, risk_probability, version, data, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (message_id) DO NOTHING RETURNING data`,
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
       version = $7, data = $8, updated_at = $9 WHERE id = $1`,
    [item.id, item.status, item.category, item.needsManual, item.risk.band, item.risk.probability, item.version, JSON.stringify(item), item.updatedAt],
  );
}

export interface ReviewFilter { status?: ReviewStatus; category?: Category; limit: number; offset: number }

export async function listReviewItems(q: Queryable, f: ReviewFilter): Promise<{ items: ReviewItem[]; total: number }> {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.status) conds.push(`status = $${params.push(f.status)}`);
  if (f.category) conds.push(`category = $${params.push(f.category)}`);
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const [count] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM review_items ${where}`, params);
  const rows = await q.query<{ data: unknown }>(
    `SELECT data FROM review_items ${where} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map((r) => reviewItemSchema.parse(r.data)), total: Number(count?.n ?? 0) };
}
