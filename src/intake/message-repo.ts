// Storage of inbound messages and their documents.
import type { Queryable } from '../storage/db.ts';
import { documentSchema, type InboundMessage, type MessageDocument } from './schema.ts';

interface MessageRow {
  id: string; channel: string; sha256: string; size: number; message_id_header: string | null; status: string;
  quarantine_reason: string | null; warnings: string[]; from_addr: string | null; to_addr: string | null; subject: string | null;
  sent_at: Date | null; received_at: Date;
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

const fromRow = (r: MessageRow): InboundMessage => ({
  id: r.id, channel: r.channel as InboundMessage['channel'], sha256: r.sha256, size: r.size,
  messageIdHeader: r.message_id_header, status: r.status as InboundMessage['status'], quarantineReason: r.quarantine_reason, warnings: r.warnings ?? [],
  from: r.from_addr, to: r.to_addr, subject: r.subject, sentAt: iso(r.sent_at), receivedAt: iso(r.received_at)!,
});

export type NewMessage = Pick<InboundMessage, 'id' | 'channel' | 'sha256' | 'size' | 'messageIdHeader'>;

/** Inserts the message unless the same bytes or Message-ID are known; answers the stored one and whether it was new. */
export async function insertMessageIfNew(q: Queryable, m: NewMessage): Promise<{ message: InboundMessage; duplicate: boolean }> {
  const inserted = await q.query<MessageRow>(
    `INSERT INTO messages (id, channel, sha256, size, message_id_header, status) VALUES ($1, $2, $3, $4, $5, 'received')
     ON CONFLICT DO NOTHING RETURNING *`,
    [m.id, m.channel, m.sha256, m.size, m.messageIdHeader],
  );
  if (inserted[0]) return { message: fromRow(inserted[0]), duplicate: false };
  const [existing] = await q.query<MessageRow>(
    'SELECT * FROM messages WHERE sha256 = $1 OR ($2::text IS NOT NULL AND message_id_header = $2) ORDER BY received_at LIMIT 1',
    [m.sha256, m.messageIdHeader],
  );
  if (!existing) throw new Error(`message ${m.id} conflicted but no existing row was found`);
  return { message: fromRow(existing), duplicate: true };
}

export async function getMessage(q: Queryable, id: string): Promise<InboundMessage | null> {
  const [row] = await q.query<MessageRow>('SELECT * FROM messages WHERE id = $1', [id]);
  return row ? fromRow(row) : null;
}

export async function listMessages(q: Queryable, f: { status?: InboundMessage['status']; limit: number; offset: number }) {
  const where = f.status ? 'WHERE status = $3' : '';
  const params: unknown[] = [f.limit, f.offset, ...(f.status ? [f.status] : [])];
  const rows = await q.query<MessageRow>(`SELECT * FROM messages ${where} ORDER BY received_at DESC, id LIMIT $1 OFFSET $2`, params);
  const [count] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM messages ${where.replace('$3', '$1')}`, f.status ? [f.status] : []);
  return { items: rows.map(fromRow), total: Number(count?.n ?? 0) };
}

export async function setMessageParsed(q: Queryable, id: string, h: Pick<InboundMessage, 'from' | 'to' | 'subject' | 'sentAt' | 'warnings'>) {
  await q.query(
    `UPDATE messages SET status = 'parsed', from_addr = $2, to_addr = $3, subject = $4, sent_at = $5, warnings = $6, updated_at = now()
     WHERE id = $1 AND status = 'received'`,
    [id, h.from, h.to, h.subject, h.sentAt, JSON.stringify(h.warnings)],
  );
}

export async function setMessageStatus(q: Queryable, id: string, status: InboundMessage['status'], reason: string | null = null) {
  await q.query('UPDATE messages SET status = $2, quarantine_reason = $3, updated_at = now() WHERE id = $1', [id, status, reason]);
}

/** Messages stuck before a review item: re-driven at start-up so a lost queue job never loses a message. */
export async function listUnfinishedMessages(q: Queryable): Promise<InboundMessage[]> {
  const rows = await q.query<MessageRow>(`SELECT * FROM messages WHERE status IN ('received', 'parsed') ORDER BY received_at`);
  return rows.map(fromRow);
}

/** One statement per 500 documents (PostgreSQL takes at most 65,535 parameters), not one per document. */
export async function saveDocuments(q: Queryable, docs: MessageDocument[]) {
  for (let at = 0; at < docs.length; at += 500) {
    const chunk = docs.slice(at, at + 500);
    const values = chunk.map((_, i) => `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(', ')})`).join(', ');
    await q.query(
      `INSERT INTO documents (id, message_id, idx, role, filename, content_type, sha256, size, pages, error)
       VALUES ${values}
       ON CONFLICT (id) DO UPDATE SET pages = EXCLUDED.pages, error = EXCLUDED.error`,
      chunk.flatMap((d) => [d.id, d.messageId, d.index, d.role, d.filename, d.contentType, d.sha256, d.size, JSON.stringify(d.pages), d.error]),
    );
  }
}

export async function listDocuments(q: Queryable, messageId: string): Promise<MessageDocument[]> {
  const rows = await q.query<Record<string, unknown>>('SELECT * FROM documents WHERE message_id = $1 ORDER BY idx', [messageId]);
  return rows.map((r) =>
    documentSchema.parse({
      id: r.id, messageId: r.message_id, index: r.idx, role: r.role, filename: r.filename, contentType: r.content_type,
      sha256: r.sha256, size: r.size, pages: r.pages, error: r.error,
    }),
  );
}
