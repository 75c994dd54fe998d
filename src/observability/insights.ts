// Process intelligence: where orders stall and where the model is wrong, from review_items, audit_events and
// erp_postings (plain SQL that PGlite and PostgreSQL both run), plus the live BullMQ queue depths.
import { z } from 'zod';
import type { Queues } from '../../queues/queues.ts';
import { canonicalChangeSchema } from '../changes/schema.ts';
import { claimHolder } from '../review/claims.ts';
import { reviewItemSchema } from '../review/schema.ts';
import type { Queryable } from '../storage/db.ts';
import { fieldEdits, type Suggestion } from './edit-fields.ts';

const durationSchema = z.object({
  count: z.number().int(),
  p50Minutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  buckets: z.array(z.object({ label: z.string(), count: z.number().int() })),
});

export const insightsSchema = z.object({
  since: z.string(),
  days: z.array(z.string()).describe('every UTC day of the period, oldest first'),
  volume: z.array(z.object({ day: z.string(), category: z.string(), count: z.number().int() })),
  byStatus: z.record(z.string(), z.number().int()),
  touchless: z.object({ approved: z.number().int(), withoutEdit: z.number().int(), rate: z.number().nullable() }).describe('approved items never edited'),
  editRate: z.array(z.object({ field: z.string(), how: z.enum(['edited', 'added', 'removed']), count: z.number().int(), of: z.number().int(), rate: z.number().nullable() })),
  timeToFirstTouch: durationSchema,
  timeToDecision: durationSchema,
  sla: z.object({ escalated: z.number().int(), decidedLate: z.number().int(), overdueNow: z.number().int(), escalatedByDay: z.array(z.object({ day: z.string(), count: z.number().int() })) }),
  stalls: z.array(z.object({ stage: z.string(), count: z.number().int(), oldestMinutes: z.number().nullable() })),
  postings: z.object({
    byStatus: z.record(z.string(), z.number().int()),
    retried: z.number().int(),
    failuresByDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
    recentFailures: z.array(z.object({ reviewItemId: z.string(), idempotencyKey: z.string(), status: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), at: z.string() })),
  }),
  queues: z.array(z.object({ queue: z.string(), counts: z.record(z.string(), z.number().int()) })).nullable().describe('null when Redis did not answer'),
});
export type Insights = z.infer<typeof insightsSchema>;

const DAY_MS = 86_400_000;
const dayOf = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
const minutes = (from: Date | string, to: Date | string) => (new Date(to).getTime() - new Date(from).getTime()) / 60_000;

export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.ceil(i)]! - sorted[lo]!) * (i - lo);
}

const BUCKETS: [string, number][] = [['< 15 min', 15], ['15–60 min', 60], ['1–4 h', 240], ['4–8 h', 480], ['8–24 h', 1440], ['> 24 h', Infinity]];

export function durations(values: number[]): z.infer<typeof durationSchema> {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | null) => (v == null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length, p50Minutes: round(percentile(sorted, 0.5)), p90Minutes: round(percentile(sorted, 0.9)),
    buckets: BUCKETS.map(([label, max], i) => ({ label, count: sorted.filter((v) => v < max && v >= (BUCKETS[i - 1]?.[1] ?? -Infinity)).length })),
  };
}

export async function computeInsights(db: Queryable, queues: Queues | null, opts: { days: number; now?: Date }): Promise<Insights> {
  const now = opts.now ?? new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (opts.days - 1) * DAY_MS);
  const since = start.toISOString();
  const days = Array.from({ length: opts.days }, (_, i) => dayOf(new Date(start.getTime() + i * DAY_MS)));
  const [volume, byStatus, touch, timing, escalations, edits, queueCounts] = await Promise.all([
    db.query<{ day: string; category: string; n: number }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, category, count(*)::int AS n FROM review_items WHERE created_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`, [since]),
    db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM review_items WHERE created_at >= $1 GROUP BY status`, [since]),
    db.query<{ approved: number; untouched: number }>(
      `SELECT count(*)::int AS approved, count(*) FILTER (WHERE version = 1)::int AS untouched FROM review_items WHERE created_at >= $1 AND status IN ('approved', 'posted', 'post_failed')`, [since]),
    db.query<{ created_at: Date; due_at: Date | null; first_touch: Date | null; decided_at: Date | null }>(
      `SELECT r.created_at, r.due_at,
              min(a.at) FILTER (WHERE a.actor_type = 'user') AS first_touch,
              min(a.at) FILTER (WHERE a.action IN ('review_item.approved', 'review_item.rejected')) AS decided_at
         FROM review_items r LEFT JOIN audit_events a ON a.entity_type = 'review_item' AND a.entity_id = r.id
        WHERE r.created_at >= $1 GROUP BY r.id, r.created_at, r.due_at`, [since]),
    db.query<{ day: string; n: number }>(
      `SELECT to_char(escalated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM review_items WHERE escalated_at >= $1 GROUP BY 1`, [since]),
    editRates(db, since),
    queues ? queueDepths(queues) : Promise.resolve(null),
  ]);
  const [overdue] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_items WHERE status = 'pending' AND due_at < $1`, [now.toISOString()]);
  return {
    since, days,
    volume: volume.map((r) => ({ day: r.day, category: r.category, count: r.n })),
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    touchless: { approved: touch[0]?.approved ?? 0, withoutEdit: touch[0]?.untouched ?? 0, rate: touch[0]?.approved ? touch[0].untouched / touch[0].approved : null },
    editRate: edits,
    timeToFirstTouch: durations(timing.filter((t) => t.first_touch).map((t) => minutes(t.created_at, t.first_touch!))),
    timeToDecision: durations(timing.filter((t) => t.decided_at).map((t) => minutes(t.created_at, t.decided_at!))),
    sla: {
      escalated: escalations.reduce((s, r) => s + r.n, 0),
      decidedLate: timing.filter((t) => t.decided_at && t.due_at && t.decided_at > t.due_at).length,
      overdueNow: overdue?.n ?? 0,
      escalatedByDay: escalations.map((r) => ({ day: r.day, count: r.n })),
    },
    stalls: await stalls(db, now),
    postings: await postings(db, since),
    queues: queueCounts,
  };
}

/** The model's suggestion (before the first edit) against the final version, per reviewed item of the period. */
async function editRates(db: Queryable, since: string): Promise<Insights['editRate']> {
  const items = await db.query<{ id: string; changes: unknown; order_ref: string | null }>(
    `SELECT id, data->'changes' AS changes, data->'orderRef'->>'value' AS order_ref FROM review_items WHERE created_at >= $1 AND status <> 'pending'`, [since]);
  const events = await db.query<{ entity_id: string; before: { orderRef: string | null; changes: unknown } }>(
    `SELECT a.entity_id, a.before FROM audit_events a JOIN review_items r ON r.id = a.entity_id
      WHERE a.entity_type = 'review_item' AND a.action = 'review_item.edited' AND r.created_at >= $1 AND r.status <> 'pending' ORDER BY a.seq`, [since]);
  const changes = z.array(canonicalChangeSchema.loose());
  const firstBefore = new Map<string, Suggestion>();
  for (const e of events) if (!firstBefore.has(e.entity_id)) firstBefore.set(e.entity_id, { orderRef: e.before.orderRef, changes: changes.parse(e.before.changes) });
  const counts = new Map<string, { field: string; how: 'edited' | 'added' | 'removed'; count: number }>();
  const suggestedOf = new Map<string, number>();
  for (const item of items) {
    const decided: Suggestion = { orderRef: item.order_ref, changes: changes.parse(item.changes).map(({ kind, sku, from, to }) => ({ kind, sku, from, to })) };
    const suggested = firstBefore.get(item.id) ?? decided;
    for (const c of suggested.changes) suggestedOf.set(c.kind, (suggestedOf.get(c.kind) ?? 0) + 1);
    for (const e of fieldEdits(suggested, decided)) {
      const key = `${e.field}|${e.how}`;
      counts.set(key, { ...e, count: (counts.get(key)?.count ?? 0) + 1 });
    }
  }
  return [...counts.values()]
    .map((c) => {
      // A field of a kind is measured against the suggestions of that kind; orderRef and additions against all reviewed items.
      const kind = c.field.split('.')[0]!;
      const of = c.field === 'orderRef' || c.how === 'added' ? items.length : (suggestedOf.get(kind) ?? 0);
      return { ...c, of, rate: of ? c.count / of : null };
    })
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.count - a.count);
}

/** Where work waits right now, with the age of the oldest piece in each place. */
async function stalls(db: Queryable, now: Date): Promise<Insights['stalls']> {
  const msgs = await db.query<{ status: string; n: number; oldest: Date }>(
    `SELECT status, count(*)::int AS n, min(updated_at) AS oldest FROM messages WHERE status IN ('received', 'parsed', 'quarantined') GROUP BY status`);
  const open = await db.query<{ status: string; data: unknown; created_at: Date; updated_at: Date }>(
    `SELECT status, data, created_at, updated_at FROM review_items WHERE status IN ('pending', 'approved', 'post_failed')`);
  const stages = new Map<string, { count: number; oldest: Date | null }>(
    ['received, not parsed', 'parsed, not triaged', 'pending, unclaimed', 'pending, claimed', 'awaiting another approval', 'approved, not posted', 'ERP post failed', 'quarantined (manual handling)']
      .map((s) => [s, { count: 0, oldest: null }]));
  const add = (stage: string, at: Date, n = 1) => {
    const s = stages.get(stage)!;
    s.count += n;
    if (!s.oldest || at < s.oldest) s.oldest = at;
  };
  for (const m of msgs) add(m.status === 'received' ? 'received, not parsed' : m.status === 'parsed' ? 'parsed, not triaged' : 'quarantined (manual handling)', new Date(m.oldest), m.n);
  for (const r of open) {
    if (r.status === 'approved') add('approved, not posted', new Date(r.updated_at));
    else if (r.status === 'post_failed') add('ERP post failed', new Date(r.updated_at));
    else {
      const item = reviewItemSchema.parse(r.data);
      const stage = item.approvals.some((a) => a.version === item.version) ? 'awaiting another approval' : claimHolder(item, now) ? 'pending, claimed' : 'pending, unclaimed';
      add(stage, new Date(r.created_at));
    }
  }
  return [...stages].map(([stage, s]) => ({ stage, count: s.count, oldestMinutes: s.oldest ? Math.round(minutes(s.oldest, now)) : null }));
}

async function postings(db: Queryable, since: string): Promise<Insights['postings']> {
  const [byStatus, failures, recent] = await Promise.all([
    db.query<{ status: string; n: number; retried: number }>(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE attempts > 1)::int AS retried FROM erp_postings WHERE created_at >= $1 GROUP BY status`, [since]),
    db.query<{ day: string; n: number }>(
      `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM audit_events WHERE action = 'review_item.post_failed' AND at >= $1 GROUP BY 1`, [since]),
    db.query<{ review_item_id: string; idempotency_key: string; status: string; attempts: number; last_error: string | null; created_at: Date }>(
      `SELECT review_item_id, idempotency_key, status, attempts, last_error, created_at FROM erp_postings
        WHERE status = 'failed' OR (status = 'pending' AND last_error IS NOT NULL) ORDER BY created_at DESC LIMIT 10`),
  ]);
  return {
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    retried: byStatus.reduce((s, r) => s + r.retried, 0),
    failuresByDay: failures.map((r) => ({ day: r.day, count: r.n })),
    recentFailures: recent.map((r) => ({ reviewItemId: r.review_item_id, idempotencyKey: r.idempotency_key, status: r.status, attempts: r.attempts, lastError: r.last_error, at: new Date(r.created_at).toISOString() })),
  };
}

async function queueDepths(queues: Queues): Promise<Insights['queues']> {
  try {
    return await Promise.race([
      Promise.all(Object.entries(queues).map(async ([queue, q]) => ({ queue, counts: await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed') }))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis did not answer')), 2000).unref()),
    ]);
  } catch {
    return null;
  }
}
