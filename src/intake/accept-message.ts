// Intake: store the raw bytes durably, record the message once (dedupe by bytes and Message-ID), queue its parse.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../audit/schema.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { messageIdOf } from './headers.ts';
import { insertMessageIfNew } from './message-repo.ts';
import type { InboundMessage, IntakeResult } from './schema.ts';

export interface IntakeDeps {
  db: Db;
  blobs: BlobStore;
  /** Best-effort: must not throw; a message it could not queue is re-driven by the start-up sweep. */
  enqueueParse(messageId: string): Promise<void>;
  maxMessageBytes: number;
  newId?: () => string;
}

/**
 * Accepts raw MIME. Once this resolves the message is durable: if queuing fails, the start-up sweep re-drives it.
 * Malformed MIME is accepted here and quarantined by the parse stage with its reason; only empty or oversize input
 * is refused, because there is nothing sensible to keep.
 */
export async function acceptMessage(raw: Uint8Array, channel: InboundMessage['channel'], actor: Actor, deps: IntakeDeps): Promise<IntakeResult> {
  if (raw.length === 0) throw new AppError('bad_request', 'the message is empty');
  if (raw.length > deps.maxMessageBytes)
    throw new AppError('too_large', `the message is ${raw.length} bytes; the limit is ${deps.maxMessageBytes} (CHANGEDESK_MAX_MESSAGE_BYTES)`);
  const sha256 = await deps.blobs.put(raw);
  const id = deps.newId?.() ?? randomUUID();
  const messageIdHeader = messageIdOf(raw);
  const { message, duplicate } = await deps.db.tx(async (q) => {
    const r = await insertMessageIfNew(q, { id, channel, sha256, size: raw.length, messageIdHeader });
    if (!r.duplicate)
      await appendAudit(q, { actor, action: 'message.received', entityType: 'message', entityId: id, correlationId: id, before: null, after: { channel, sha256, size: raw.length, messageIdHeader } });
    return r;
  });
  if (message.status === 'received') await deps.enqueueParse(message.id);
  return { messageId: message.id, duplicate, status: message.status };
}
