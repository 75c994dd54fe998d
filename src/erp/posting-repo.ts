// The ERP posting outbox: one row per approved version, written with the approval, drained by the post worker.
import type { Queryable } from '../storage/db.ts';
import { z } from 'zod';
import { erpPostingPayloadSchema } from './schema.ts';

export const postingRecordSchema = z.object({
  idempotencyKey: z.string(),
  reviewItemId: z.string(),
  version: z.number().int().positive(),
  payload: erpPostingPayloadSchema,
  payloadHash: z.string(),
  status: z.enum(['pending', 'posted', 'failed']),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  erpPostingId: z.string().nullable(),
  /** The hash of what the ERP recorded; must equal payloadHash (PRODUCT.md invariant 2). */
  postedHash: z.string().nullable(),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
});
export type PostingRecord = z.infer<typeof postingRecordSchema>;

/** One key per approved version: a re-approval after an edit is a new ERP change, a retry is not. */
export const idempotencyKeyOf = (item: { id: string; version: number }) => `${item.id}-v${item.version}`;

const iso = (d: unknown) => (d == null ? null : new Date(d as string).toISOString());

const fromRow = (r: Record<string, unknown>): PostingRecord =>
  postingRecordSchema.parse({
    idempotencyKey: r.idempotency_key, reviewItemId: r.review_item_id, version: r.version, payload: r.payload,
    payloadHash: r.payload_hash, status: r.status, attempts: r.attempts, lastError: r.last_error,
    erpPostingId: r.erp_posting_id, postedHash: r.posted_hash, createdAt: iso(r.created_at), postedAt: iso(r.posted_at),
  });

export async function insertPosting(q: Queryable, p: Pick<PostingRecord, 'idempotencyKey' | 'reviewItemId' | 'version' | 'payload' | 'payloadHash'>) {
  await q.query(
    `INSERT INTO erp_postings (idempotency_key, review_item_id, version, payload, payload_hash, status)
     VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT (idempotency_key) DO NOTHING`,
    [p.idempotencyKey, p.reviewItemId, p.version, JSON.stringify(p.payload), p.payloadHash],
  );
}

export async function getPosting(q: Queryable, key: string, opts: { forUpdate?: boolean } = {}): Promise<PostingRecord | null> {
  const [row] = await q.query(`SELECT * FROM erp_postings WHERE idempotency_key = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [key]);
  return row ? fromRow(row) : null;
}

export async function postingsForItem(q: Queryable, reviewItemId: string): Promise<PostingRecord[]> {
  return (await q.query('SELECT * FROM erp_postings WHERE review_item_id = $1 ORDER BY version', [reviewItemId])).map(fromRow);
}

/** Pending postings with the message their item came from (the post job's correlation id), in one query. */
export async function listPendingPostings(q: Queryable): Promise<(PostingRecord & { messageId: string | null })[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT p.*, r.message_id FROM erp_postings p LEFT JOIN review_items r ON r.id = p.review_item_id
     WHERE p.status = 'pending' ORDER BY p.created_at`,
  );
  return rows.map((r) => ({ ...fromRow(r), messageId: (r.message_id as string | null) ?? null }));
}

export async function recordPostingAttempt(q: Queryable, key: string, error: string) {
  await q.query('UPDATE erp_postings SET attempts = attempts + 1, last_error = $2 WHERE idempotency_key = $1', [key, error]);
}

export async function markPosted(q: Queryable, key: string, erpPostingId: string, postedHash: string) {
  await q.query(
    `UPDATE erp_postings SET status = 'posted', attempts = attempts + 1, last_error = NULL, erp_posting_id = $2, posted_hash = $3, posted_at = now()
     WHERE idempotency_key = $1`,
    [key, erpPostingId, postedHash],
  );
}

export async function setPostingStatus(q: Queryable, key: string, status: PostingRecord['status']) {
  await q.query('UPDATE erp_postings SET status = $2 WHERE idempotency_key = $1', [key, status]);
}
