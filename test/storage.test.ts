// Storage on both backends: migrations, message dedupe, review items, the outbox and the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/audit/audit-log.ts';
import { insertMessageIfNew, listUnfinishedMessages } from '../src/intake/message-repo.ts';
import { migrate } from '../src/storage/migrate.ts';
import type { Db } from '../src/storage/db.ts';
import { backends, openTestDb } from './support/backends.ts';

const sha = (c: string) => c.repeat(64);

describe.each(backends)('storage on %s', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());

  it('applies migrations once', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toContain('001_init');
  });

  it('recognises the same bytes and the same Message-ID as duplicates', async () => {
    const a = await insertMessageIfNew(db, { id: 'm1', channel: 'api', sha256: sha('a'), size: 10, messageIdHeader: '<x@y>' });
    const sameBytes = await insertMessageIfNew(db, { id: 'm2', channel: 'cli', sha256: sha('a'), size: 10, messageIdHeader: null });
    const sameId = await insertMessageIfNew(db, { id: 'm3', channel: 'api', sha256: sha('b'), size: 11, messageIdHeader: '<x@y>' });
    const other = await insertMessageIfNew(db, { id: 'm4', channel: 'api', sha256: sha('c'), size: 12, messageIdHeader: null });
    expect([a.duplicate, sameBytes.duplicate, sameId.duplicate, other.duplicate]).toEqual([false, true, true, false]);
    expect(sameBytes.message.id).toBe('m1');
    expect(sameId.message.id).toBe('m1');
    expect((await listUnfinishedMessages(db)).map((m) => m.id).sort()).toEqual(['m1', 'm4']);
  });

  it('keeps the audit log append-only and detects tampering', async () => {
    for (let i = 0; i < 3; i++)
      await db.tx((q) => appendAudit(q, { actor: { type: 'system', id: 't' }, action: `step.${i}`, entityType: 'message', entityId: 'm1', before: null, after: { i } }));
    const verdict = await verifyAuditChain(db);
    expect(verdict.ok).toBe(true);
    await expect(db.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);

    // A privileged tamperer switches the trigger off and edits an event: the chain names it.
    const [second] = await db.query<{ seq: string | number }>("SELECT seq FROM audit_events WHERE action = 'step.1'");
    await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await db.query(`UPDATE audit_events SET after = '{"i": 99}' WHERE seq = $1`, [second!.seq]);
    await db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    const broken = await verifyAuditChain(db);
    expect(broken).toMatchObject({ ok: false, brokenAt: Number(second!.seq) });
  });
});
