// Evidence: where an extracted value was read (document, page, character span, the quoted text).
import { z } from 'zod';

export const evidenceSchema = z.object({
  documentId: z.string().describe('id of the document (message body or attachment) the value was read from'),
  page: z.number().int().min(1).nullable().describe('1-based page for paged documents (PDF); null for a message body'),
  start: z.number().int().min(0).describe('character offset of the quote in that page/body text'),
  end: z.number().int().min(0),
  quote: z.string().describe('the exact source text'),
});

export type Evidence = z.infer<typeof evidenceSchema>;
