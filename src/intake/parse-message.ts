// The parse stage: MIME (mailparser) → documents (body text, attachments, PDF text per page), or a quarantine reason.
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import { appendAudit } from '../audit/audit-log.ts';
import { systemActor } from '../audit/schema.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { headerBlock, headerValue, looksLikeMessage } from './headers.ts';
import { getMessage, saveDocuments, setMessageParsed, setMessageStatus } from './message-repo.ts';
import { isPdf, pdfPages, PdfUnreadable } from './pdf-text.ts';
import type { MessageDocument } from './schema.ts';

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
  const raw = await deps.blobs.get(message.sha256);
  if (!looksLikeMessage(raw)) return quarantine(deps.db, messageId, 'not an RFC 822 message: no header block at the start (binary or garbled input)');

  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true });
  } catch (e) {
    return quarantine(deps.db, messageId, `MIME could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = (mail.text ?? '').trim();
  if (!body && mail.attachments.length === 0 && !mail.subject && !mail.from)
    return quarantine(deps.db, messageId, 'no readable content: no sender, subject, text or attachments could be decoded');

  const documents: MessageDocument[] = [bodyDocument(messageId, mail)];
  for (const a of mail.attachments) documents.push(await attachmentDocument(messageId, documents.length, a, deps));
  const warnings = mimeWarnings(raw, mail);
  await deps.db.tx(async (q) => {
    await saveDocuments(q, documents);
    await setMessageParsed(q, messageId, { from: mail.from?.text ?? null, to: addresses(mail.to), subject: mail.subject ?? null, sentAt: mail.date?.toISOString() ?? null, warnings });
    await appendAudit(q, {
      actor: systemActor, action: 'message.parsed', entityType: 'message', entityId: messageId, before: { status: 'received' },
      after: { status: 'parsed', warnings, documents: documents.map((d) => ({ filename: d.filename, contentType: d.contentType, pages: d.pages.length, error: d.error })) },
    });
  });
  return { status: 'parsed' };
}

/** Quarantines with a reason, in one transaction with its audit event. Exported for the worker's last-resort path. */
export async function quarantine(db: Db, messageId: string, reason: string): Promise<ParseOutcome> {
  await db.tx(async (q) => {
    await setMessageStatus(q, messageId, 'quarantined', reason);
    await appendAudit(q, { actor: systemActor, action: 'message.quarantined', entityType: 'message', entityId: messageId, before: null, after: { status: 'quarantined', reason } });
  });
  return { status: 'quarantined' };
}

function bodyDocument(messageId: string, mail: ParsedMail): MessageDocument {
  const text = mail.text ?? '';
  return {
    id: `${messageId}:0`, messageId, index: 0, role: 'body', filename: null,
    contentType: mail.html && !mail.textAsHtml ? 'text/html' : 'text/plain',
    sha256: null, size: Buffer.byteLength(text), pages: [{ page: 1, text }], error: null,
  };
}

async function attachmentDocument(messageId: string, index: number, a: Attachment, deps: ParseDeps): Promise<MessageDocument> {
  const sha256 = await deps.blobs.put(a.content);
  const base = { id: `${messageId}:${index}`, messageId, index, role: 'attachment' as const, filename: a.filename ?? null, contentType: a.contentType, sha256, size: a.size };
  if (isPdf(a.content, a.contentType, a.filename ?? null)) {
    try {
      return { ...base, pages: await pdfPages(a.content, deps.pdfTimeoutMs), error: null };
    } catch (e) {
      if (e instanceof PdfUnreadable) return { ...base, pages: [], error: e.message };
      throw e;
    }
  }
  if (a.contentType.startsWith('text/')) return { ...base, pages: [{ page: 1, text: a.content.toString('utf8') }], error: null };
  return { ...base, pages: [], error: null };
}

const addresses = (a: AddressObject | AddressObject[] | undefined) => (a == null ? null : (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', '));

/** Signs that the MIME was damaged in transit; the message is still processed, but the reviewer is told. */
function mimeWarnings(raw: Buffer, mail: ParsedMail): string[] {
  const warnings: string[] = [];
  const contentType = headerValue(headerBlock(raw), 'content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary && !raw.includes(`--${boundary}--`))
    warnings.push('the message appears cut off: its multipart body has no closing boundary, so parts may be missing');
  if (!mail.date) warnings.push('the message has no readable Date header: relative dates were resolved against the time it was received');
  return warnings;
}
