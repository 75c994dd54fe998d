// The sweep: the database says what is due; make sure a queue job exists for each (Redis may have lost it). Runs
// at start-up and periodically (the maintenance job), for work older than a minute.
import { ensureJob, type Queues } from '../../queues/queues.ts';
import { listPendingPostings } from '../erp/posting-repo.ts';
import { listUnfinishedMessages } from '../intake/message-repo.ts';
import type { Db } from '../storage/db.ts';

export async function sweepUnfinished(db: Db, queues: Queues, opts: { olderThanMs?: number } = {}): Promise<{ parse: number; triage: number; post: number }> {
  const counts = { parse: 0, triage: 0, post: 0 };
  const cutoff = Date.now() - (opts.olderThanMs ?? 0);
  const old = (iso: string) => Date.parse(iso) <= cutoff;
  for (const m of (await listUnfinishedMessages(db)).filter((m) => old(m.receivedAt))) {
    const queue = m.status === 'received' ? 'parse' : 'triage';
    // A re-queued job starts a new trace (the one it was queued in is gone with the job); its correlation id is durable.
    if ((await ensureJob(queues, queue, { messageId: m.id, correlationId: m.id })) !== 'exists') counts[queue]++;
  }
  for (const p of (await listPendingPostings(db)).filter((p) => old(p.createdAt))) {
    if ((await ensureJob(queues, 'post', { idempotencyKey: p.idempotencyKey, correlationId: p.messageId ?? undefined })) !== 'exists') counts.post++;
  }
  return counts;
}
