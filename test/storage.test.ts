// Storage on both backends: migrations, message dedupe, review items, the outbox and the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/audit/audit-log.ts';
import { insertMessageIfNew, listDocuments, listUnfinishedMessages, saveDocuments } from '../src/intake/message-repo.ts';
import type { MessageDocument } from '../src/intake/schema.ts';
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

  it('saves a message\'s documents however many there are, and saving again updates their text', async () => {
    await insertMessageIfNew(db, { id: 'many', channel: 'api', sha256: sha('d'), size: 10, messageIdHeader: null });
    const doc = (i: number, text: string): MessageDocument => ({
      id: `many-${i}`, messageId: 'many', index: i, role: i === 0 ? 'body' : 'attachment', filename: i === 0 ? null : `f${i}.txt`,
      contentType: 'text/plain', sha256: null, size: text.length, pages: [{ page: 1, text }], error: null,
    });
    // More than one statement's worth of parameters (PostgreSQL allows 65,535; ten a document).
    await saveDocuments(db, Array.from({ length: 7001 }, (_, i) => doc(i, `text ${i}`)));
    await saveDocuments(db, [doc(6999, 'corrected')]);
    const saved = await listDocuments(db, 'many');
    expect(saved).toHaveLength(7001);
    expect(saved.map((d) => d.index)).toEqual(Array.from({ length: 7001 }, (_, i) => i));
    expect(saved[6999]!.pages[0]!.text).toBe('corrected');
    expect(saved[7000]!.pages[0]!.text).toBe('text 7000');
  });

  it('keeps one linear chain when many transactions append at once', async () => {
    // Each writer holds its transaction open after appending, so the others queue on the chain's lock and must read
    // the head the previous holder committed; a read taken before the lock was granted would fork the chain.
    const writers = Array.from({ length: 12 }, (_, i) =>
      db.tx(async (q) => {
        await appendAudit(q, { actor: { type: 'system', id: 't' }, action: 'concurrent.append', entityType: 'message', entityId: `c${i}`, before: null, after: { i } });
        await new Promise((r) => setTimeout(r, 5));
      }),
    );
    await Promise.all(writers);
    const rows = await db.query<{ prev_hash: string }>("SELECT prev_hash FROM audit_events WHERE action = 'concurrent.append'");
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(12);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
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
