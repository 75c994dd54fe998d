// MIME (mailparser) → headers and documents (body text, attachments, PDF text per page), or a reason to quarantine.
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { BlobStore } from '../storage/blob-store.ts';
import { sha256 as sha256Of } from '../shared/hash.ts';
import { headerBlock, headerValue, looksLikeMessage } from './headers.ts';
import { isPdf, pdfPages, PdfUnreadable } from './pdf-text.ts';
import type { InboundMessage, MessageDocument } from './schema.ts';

export type ParsedMime =
  | { headers: Pick<InboundMessage, 'from' | 'to' | 'subject' | 'sentAt' | 'warnings'>; documents: MessageDocument[] }
  | { quarantine: string };

/**
 * Raw MIME → headers and documents (body text, attachments with PDF text per page), or the reason to quarantine.
 * No database: the eval harness runs it on fixture files. Attachment bytes go to the blob store when one is given.
 */
export async function parseMime(raw: Buffer, messageId: string, deps: { blobs?: BlobStore; pdfTimeoutMs?: number } = {}): Promise<ParsedMime> {
  if (!looksLikeMessage(raw)) return { quarantine: 'not an RFC 822 message: no header block at the start (binary or garbled input)' };
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true });
  } catch (e) {
    return { quarantine: `MIME could not be parsed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const body = (mail.text ?? '').trim();
  if (!body && mail.attachments.length === 0 && !mail.subject && !mail.from)
    return { quarantine: 'no readable content: no sender, subject, text or attachments could be decoded' };
  const documents: MessageDocument[] = [bodyDocument(messageId, mail)];
  for (const a of mail.attachments) documents.push(await attachmentDocument(messageId, documents.length, a, deps));
  return {
    headers: { from: mail.from?.text ?? null, to: addresses(mail.to), subject: mail.subject ?? null, sentAt: mail.date?.toISOString() ?? null, warnings: mimeWarnings(raw, mail) },
    documents,
  };
}

function bodyDocument(messageId: string, mail: ParsedMail): MessageDocument {
  const text = mail.text ?? '';
  return {
    id: `${messageId}:0`, messageId, index: 0, role: 'body', filename: null,
    contentType: mail.html && !mail.textAsHtml ? 'text/html' : 'text/plain',
    sha256: null, size: Buffer.byteLength(text), pages: [{ page: 1, text }], error: null,
  };
}

async function attachmentDocument(messageId: string, index: number, a: Attachment, deps: { blobs?: BlobStore; pdfTimeoutMs?: number }): Promise<MessageDocument> {
  const sha256 = deps.blobs ? await deps.blobs.put(a.content) : sha256Of(a.content);
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
