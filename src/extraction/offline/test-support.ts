// Test helpers for the offline provider: hand-made documents and sentences, and the grounding assertion.
import { expect } from 'vitest';
import type { MessageDocument } from '../../intake/schema.ts';
import type { Evidence } from '../evidence.ts';
import type { ExtractionInput } from '../provider.ts';
import { annotate, type Sentence } from './annotate.ts';
import { dateReference, type DateReference } from './date-mentions.ts';
import type { Tier } from './spans.ts';

export const SENT_AT = '2026-11-27T10:00:00-05:00';
export const REF: DateReference = dateReference(SENT_AT);

export function bodyDoc(text: string, messageId = 'm1'): MessageDocument {
  return {
    id: `${messageId}:0`, messageId, index: 0, role: 'body', filename: null, contentType: 'text/plain',
    sha256: null, size: text.length, pages: [{ page: 1, text }], error: null,
  };
}

export function pdfDoc(pages: string[], index = 1, messageId = 'm1', error: string | null = null): MessageDocument {
  return {
    id: `${messageId}:${index}`, messageId, index, role: 'attachment', filename: `notice-${index}.pdf`,
    contentType: 'application/pdf', sha256: null, size: 1000, pages: pages.map((text, i) => ({ page: i + 1, text })), error,
  };
}

export function inputOf(body: string, extra: Partial<ExtractionInput> & { pdfs?: string[][] } = {}): ExtractionInput {
  const { pdfs = [], ...rest } = extra;
  return {
    messageId: 'm1', subject: null, sentAt: SENT_AT,
    documents: [bodyDoc(body), ...pdfs.map((pages, i) => pdfDoc(pages, i + 1))],
    ...rest,
  };
}

/** Sentences of one text read as a single region (the newest message unless said otherwise). */
export function sentencesOf(text: string, tier: Tier = 'newest', ref: DateReference = REF): Sentence[] {
  const page = { documentId: 'd:0', page: tier === 'attachment' ? 1 : null, text };
  return annotate([{ page, tier, spans: [{ start: 0, end: text.length }] }], ref);
}

/** Every quote is exactly the text at its offsets in the document page it names. */
export function expectGrounded(evidence: readonly Evidence[], documents: readonly MessageDocument[]): void {
  for (const e of evidence) {
    const doc = documents.find((d) => d.id === e.documentId);
    expect(doc, `document ${e.documentId}`).toBeDefined();
    const text = e.page == null || doc!.role === 'body' ? doc!.pages[0]!.text : doc!.pages.find((p) => p.page === e.page)!.text;
    expect(e.quote).toBe(text.slice(e.start, e.end));
    expect(e.quote.length).toBeGreaterThan(0);
  }
}
