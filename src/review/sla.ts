// Service levels: when a review item is due (by priority), and the escalation of pending items past due.
import { appendAudit } from '../audit/audit-log.ts';
import { systemActor } from '../audit/schema.ts';
import type { Db } from '../storage/db.ts';
import { defaultPolicy, type Policy } from './policy.ts';
import { getReviewItem, updateReviewItem } from './review-repo.ts';
import type { ReviewItem } from './schema.ts';

export function slaFor(item: Pick<ReviewItem, 'category' | 'risk'>, createdAt: Date, policy: Policy = defaultPolicy): ReviewItem['sla'] {
  const { highWhen, highHours, normalHours } = policy.sla;
  const high = (highWhen.riskBands?.includes(item.risk.band) ?? false) || (highWhen.categories?.includes(item.category) ?? false);
  const hours = high ? highHours : normalHours;
  return { priority: high ? 'high' : 'normal', dueAt: new Date(createdAt.getTime() + hours * 3_600_000).toISOString(), escalatedAt: null };
}

export interface Escalation { itemId: string; dueAt: string; priority: ReviewItem['sla']['priority']; assignee: string | null }

/**
 * Marks every pending item past its due time as escalated (once), with an audit event, and hands each to `notify`
 * (a webhook, an email relay): a visible state and an event an operator can route.
 */
export async function escalateOverdue(deps: { db: Db; now?: () => Date; notify?: (e: Escalation) => Promise<void> }): Promise<Escalation[]> {
  const now = deps.now?.() ?? new Date();
  const due = await deps.db.query<{ id: string }>(
    `SELECT id FROM review_items WHERE status = 'pending' AND escalated_at IS NULL AND due_at < $1 ORDER BY due_at LIMIT 500`,
    [now.toISOString()],
  );
  const out: Escalation[] = [];
  for (const { id } of due) {
    const escalation = await deps.db.tx(async (q) => {
      const item = await getReviewItem(q, id, { forUpdate: true });
      if (!item || item.status !== 'pending' || item.sla.escalatedAt) return null;
      const at = now.toISOString();
      await updateReviewItem(q, { ...item, sla: { ...item.sla, escalatedAt: at } });
      await appendAudit(q, { actor: systemActor, action: 'review_item.escalated', entityType: 'review_item', entityId: id, correlationId: item.messageId, before: null, after: { dueAt: item.sla.dueAt, priority: item.sla.priority, escalatedAt: at } });
      return { itemId: id, dueAt: item.sla.dueAt, priority: item.sla.priority, assignee: item.assignment?.userId ?? null };
    });
    if (escalation) {
      out.push(escalation);
      await deps.notify?.(escalation);
    }
  }
  return out;
}

/** A notifier that POSTs each escalation as JSON to a webhook; a failure is logged, the escalation stands. */
export const webhookNotifier = (url: string, log: (msg: string, err: unknown) => void) => async (e: Escalation) => {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'review_item.escalated', ...e }), signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    log(`escalation webhook failed for ${e.itemId}`, err);
  }
};
