// Inbound messages and their documents (the body and each attachment, with per-page text).
import { z } from 'zod';

export const channelSchema = z.enum(['api', 'cli', 'seed', 'imap', 'smtp', 'folder']);

export const messageStatusSchema = z.enum([
  'received', // stored durably, not yet parsed
  'parsed', // documents extracted, triage pending
  'triaged', // a review item exists
  'quarantined', // could not be processed; the reason says why
]);

export const inboundMessageSchema = z.object({
  id: z.string(),
  channel: channelSchema,
  sha256: z.string().length(64),
  size: z.number().int().nonnegative(),
  messageIdHeader: z.string().nullable(),
  status: messageStatusSchema,
  quarantineReason: z.string().nullable(),
  /** Problems found while parsing that the reviewer must know (e.g. a multipart cut off before its end). */
  warnings: z.array(z.string()),
  from: z.string().nullable(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  sentAt: z.string().nullable().describe('the Date header as ISO 8601; relative dates resolve against it'),
  receivedAt: z.string(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const pageSchema = z.object({ page: z.number().int().min(1), text: z.string() });

export const documentSchema = z.object({
  id: z.string().describe('`<messageId>:<index>`; index 0 is the body'),
  messageId: z.string(),
  index: z.number().int().min(0),
  role: z.enum(['body', 'attachment']),
  filename: z.string().nullable(),
  contentType: z.string(),
  sha256: z.string().nullable().describe('content hash of the attachment bytes in the blob store'),
  size: z.number().int().nonnegative(),
  /** Body: one page holding the text of the message; PDF: one entry per page; other types: none. */
  pages: z.array(pageSchema),
  /** Why the document could not be read (corrupt PDF, unsupported type); null when read. */
  error: z.string().nullable(),
});
export type MessageDocument = z.infer<typeof documentSchema>;

/** The intake answer: the message id and whether these bytes/Message-ID were seen before. */
export const intakeResultSchema = z.object({
  messageId: z.string(),
  duplicate: z.boolean(),
  status: messageStatusSchema,
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;
