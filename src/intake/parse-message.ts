// The parse stage: a stored message's MIME → its documents, saved with an audit event; or quarantined with the reason.
import { appendAudit } from '../audit/audit-log.ts';
import { systemActor } from '../audit/schema.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { getMessage, saveDocuments, setMessageParsed, setMessageStatus } from './message-repo.ts';
import { parseMime } from './parse-mime.ts';

export interface ParseDeps {
  db: Db;
  blobs: BlobStore;
  pdfTimeoutMs?: number;
}

export type ParseOutcome = { status: 'parsed' | 'quarantined' | 'already_done' };

export async function parseMessage(messageId: string, deps: ParseDeps): Promise<ParseOutcome> {
  const message = await getMessage(deps.db, messageId);
  if (!message) throw new AppError('not_found', `message ${messageId} does not exist`);
  if (message.status !== 'received') return { status: 'already_done' };
  const parsed = await parseMime(await deps.blobs.get(message.sha256), messageId, deps);
  if ('quarantine' in parsed) return quarantine(deps.db, messageId, parsed.quarantine);
  const { headers, documents } = parsed;
  await deps.db.tx(async (q) => {
    await saveDocuments(q, documents);
    await setMessageParsed(q, messageId, headers);
    await appendAudit(q, {
      actor: systemActor, action: 'message.parsed', entityType: 'message', entityId: messageId, correlationId: messageId, before: { status: 'received' },
      after: { status: 'parsed', warnings: headers.warnings, documents: documents.map((d) => ({ filename: d.filename, contentType: d.contentType, pages: d.pages.length, error: d.error })) },
    });
  });
  return { status: 'parsed' };
}

/** Quarantines with a reason, in one transaction with its audit event. Exported for the worker's last-resort path. */
export async function quarantine(db: Db, messageId: string, reason: string): Promise<ParseOutcome> {
  await db.tx(async (q) => {
    await setMessageStatus(q, messageId, 'quarantined', reason);
    await appendAudit(q, { actor: systemActor, action: 'message.quarantined', entityType: 'message', entityId: messageId, correlationId: messageId, before: null, after: { status: 'quarantined', reason } });
  });
  return { status: 'quarantined' };
}
