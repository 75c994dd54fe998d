// MIME (mailparser) → headers and documents (body text, attachments, PDF text per page), or a reason to quarantine.
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { BlobStore } from '../storage/blob-store.ts';
import { headerBlock, headerValue, looksLikeMessage } from './headers.ts';
import { htmlToText } from './html-text.ts';
// Issue #9 (intake channels): attachments are read by src/intake/attachments (containers opened, limits enforced).
import { defaultIntakeLimits, ExpansionBudget, type IntakeLimits } from './attachments/limits.ts';
import { readAttachmentDocuments } from './attachments/read-attachment.ts';
import { mailparserPart } from './attachments/readers.ts';
import type { InboundMessage, MessageDocument } from './schema.ts';

export type ParsedMime =
  | { headers: Pick<InboundMessage, 'from' | 'to' | 'subject' | 'sentAt' | 'warnings'>; documents: MessageDocument[] }
  | { quarantine: string };

/**
 * Raw MIME → headers and documents (body text, attachments with PDF text per page), or the reason to quarantine.
 * No database: the eval harness runs it on fixture files. Attachment bytes go to the blob store when one is given.
 */
export async function parseMime(raw: Buffer, messageId: string, deps: { blobs?: BlobStore; pdfTimeoutMs?: number; limits?: IntakeLimits } = {}): Promise<ParsedMime> {
  if (!looksLikeMessage(raw)) return { quarantine: 'not an RFC 822 message: no header block at the start (binary or garbled input)' };
  let mail: ParsedMail;
  try {
    // The HTML of an HTML-only message is converted here (html-text.ts), not by mailparser, which runs table cells together.
    mail = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: true });
  } catch (e) {
    return { quarantine: `MIME could not be parsed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const bodyPart = bodyText(mail);
  const body = bodyPart.text.trim();
  if (!body && mail.attachments.length === 0 && !mail.subject && !mail.from)
    return { quarantine: 'no readable content: no sender, subject, text or attachments could be decoded' };
  // Issue #9: count and size limits, and containers opened within one budget per message.
  const limits = deps.limits ?? defaultIntakeLimits;
  if (mail.attachments.length > limits.maxAttachments)
    return { quarantine: `the message has ${mail.attachments.length} attachments; the limit is ${limits.maxAttachments} per message` };
  const documents: MessageDocument[] = [bodyDocument(messageId, bodyPart)];
  const budget = new ExpansionBudget(limits);
  for (const a of mail.attachments) documents.push(...(await attachmentDocuments(messageId, documents.length, a, { ...deps, budget })));
  return {
    headers: { from: mail.from?.text ?? null, to: addresses(mail.to), subject: mail.subject ?? null, sentAt: mail.date?.toISOString() ?? null, warnings: mimeWarnings(raw, mail) },
    documents,
  };
}

function bodyDocument(messageId: string, { text, contentType }: BodyText): MessageDocument {
  return {
    id: `${messageId}:0`, messageId, index: 0, role: 'body', filename: null,
    contentType, sha256: null, size: Buffer.byteLength(text), pages: [{ page: 1, text }], error: null,
  };
}

type BodyText = { text: string; contentType: 'text/plain' | 'text/html' };

/** The sender's plain-text part when there is one; otherwise the HTML part as text (tables as rows, hidden text dropped). */
function bodyText(mail: ParsedMail): BodyText {
  if ((mail.text ?? '').trim() !== '' || typeof mail.html !== 'string') return { text: mail.text ?? '', contentType: 'text/plain' };
  try {
    return { text: htmlToText(mail.html), contentType: 'text/html' };
  } catch {
    // HTML that cannot be converted (nested too deep, too long) leaves the body empty; attachments still count.
    return { text: '', contentType: 'text/html' };
  }
}

/** Issue #9: one attachment and everything inside it (forwards, .msg, winmail.dat, zip, S/MIME) as documents. */
const attachmentDocuments = (messageId: string, index: number, a: Attachment, ctx: { blobs?: BlobStore; pdfTimeoutMs?: number; budget: ExpansionBudget }) =>
  readAttachmentDocuments(mailparserPart(a), index, { messageId, ...ctx });

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
