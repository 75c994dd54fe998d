// The audit log: append-only (a trigger refuses UPDATE/DELETE) and tamper-evident (each event hashes the previous).
import type { Queryable } from '../storage/db.ts';
import { currentCorrelationId } from '../shared/correlation.ts';
import { canonicalJson, sha256 } from '../shared/hash.ts';
import type { AuditEvent, NewAuditEvent } from './schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: string | number; at: Date; actor_type: string; actor_id: string; action: string; entity_type: string;
  entity_id: string; before: unknown; after: unknown; correlation_id: string | null; prev_hash: string; hash: string;
}

/**
 * The hash covers everything but seq, so a reordered, edited, inserted or deleted event breaks the chain. The
 * correlation id is covered when present, and left out when absent so events written before it existed still verify.
 */
export function eventHash(prevHash: string, e: Omit<AuditEvent, 'seq' | 'hash' | 'prevHash'>): string {
  const correlation = e.correlationId ? { correlationId: e.correlationId } : {};
  return sha256(prevHash + canonicalJson({ at: e.at, actor: e.actor, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after, ...correlation }));
}

const fromRow = (r: AuditRow): AuditEvent => ({
  seq: Number(r.seq), at: new Date(r.at).toISOString(), actor: { type: r.actor_type as AuditEvent['actor']['type'], id: r.actor_id },
  action: r.action, entityType: r.entity_type as AuditEvent['entityType'], entityId: r.entity_id,
  before: r.before ?? null, after: r.after ?? null, correlationId: r.correlation_id ?? null, prevHash: r.prev_hash, hash: r.hash,
});

/** Appends one event; call inside the transaction that makes the state change, so both commit or neither. */
export async function appendAudit(q: Queryable, e: NewAuditEvent, now = new Date()): Promise<AuditEvent> {
  // Takes the writers' lock (held to commit), so the chain is linear even with many workers on a shared PostgreSQL,
  // and reads the newest hash after it (migration 005): one round trip inside the lock instead of two.
  const [head] = await q.query<{ hash: string | null }>('SELECT audit_chain_head() AS hash');
  const prevHash = head?.hash ?? GENESIS_HASH;
  const at = now.toISOString();
  const before = e.before ?? null;
  const after = e.after ?? null;
  const correlationId = e.correlationId ?? currentCorrelationId() ?? null;
  const hash = eventHash(prevHash, { ...e, at, before, after, correlationId });
  const [row] = await q.query<AuditRow>(
    `INSERT INTO audit_events (at, actor_type, actor_id, action, entity_type, entity_id, before, after, correlation_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [at, e.actor.type, e.actor.id, e.action, e.entityType, e.entityId, json(before), json(after), correlationId, prevHash, hash],
  );
  return fromRow(row!);
}

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

export async function auditTrail(q: Queryable, entityType: AuditEvent['entityType'], entityId: string): Promise<AuditEvent[]> {
  const rows = await q.query<AuditRow>('SELECT * FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq', [entityType, entityId]);
  return rows.map(fromRow);
}

export type ChainVerdict = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the whole chain in order, in pages; names the first event whose link or content does not verify. */
export async function verifyAuditChain(q: Queryable, pageSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = (await q.query<AuditRow>('SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, pageSize])).map(fromRow);
    for (const e of rows) {
      count++;
      if (e.prevHash !== prevHash) return { ok: false, events: count, brokenAt: e.seq, reason: 'links to a different previous event (one was removed or reordered)' };
      if (eventHash(e.prevHash, e) !== e.hash) return { ok: false, events: count, brokenAt: e.seq, reason: 'content does not match its hash (edited)' };
      prevHash = e.hash;
      after = e.seq;
    }
    if (rows.length < pageSize) return { ok: true, events: count };
  }
}
