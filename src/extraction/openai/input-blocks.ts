// Input shaping: the text a model call sees, as labelled blocks cut from the stored documents (offsets kept).
//
// The body gives its newest message and any forwarded request, without quoted history, signature or footer (the
// offline segmentation decides); the subject is a block too. Attachments go page by page, in chunks that fit a call,
// and a page longer than a chunk is split at line ends, so no line item falls between two calls. Attachment chunks
// carry nothing of the email around them: the same PDF sent twice is the same model input, and the cache pays once.
import { sha256 } from '../../shared/hash.ts';
import type { MessageDocument } from '../../intake/schema.ts';
import { isForwardSubject, segmentBody } from '../offline/segment.ts';
import type { ExtractionInput } from '../provider.ts';

export interface Block {
  /** Unique within one call: S (subject), B1… (newest message), F1… (forwarded), P<page> or P<page>.<part>. */
  id: string;
  label: string;
  kind: 'subject' | 'newest' | 'forwarded' | 'attachment';
  /** The document and page the text was cut from; null for the subject, which is no document. */
  documentId: string | null;
  page: number | null;
  /** Where `text` starts in that page (or body) text, so a quote found in it maps back to evidence offsets. */
  offset: number;
  text: string;
}

/** Blocks read by one call. */
export interface BlockSet {
  blocks: Block[];
  /** Attachment chunks only: the document they belong to. */
  documentId: string | null;
}

const readable = (d: MessageDocument) => d.error == null && d.pages.length > 0;

/** The subject, the newest message and forwarded content of the body: what one body call reads. */
export function bodyBlocks(input: ExtractionInput): BlockSet {
  const blocks: Block[] = [];
  if (input.subject?.trim()) blocks.push({ id: 'S', label: 'subject line', kind: 'subject', documentId: null, page: null, offset: 0, text: input.subject });
  const body = input.documents[0];
  if (body && body.role === 'body' && readable(body)) {
    const text = body.pages[0]!.text;
    const parts = segmentBody(text, { forwarded: isForwardSubject(input.subject) });
    const add = (kind: 'newest' | 'forwarded', prefix: string, label: string) =>
      parts[kind].forEach((span, i) =>
        blocks.push({ id: `${prefix}${i + 1}`, label, kind, documentId: body.id, page: null, offset: span.start, text: text.slice(span.start, span.end) }),
      );
    add('newest', 'B', 'newest message of the email');
    add('forwarded', 'F', 'forwarded message inside the email');
  }
  return { blocks, documentId: null };
}

/** Every readable attachment, page by page, in chunks of at most `chunkChars` characters of text. */
export function attachmentChunks(input: ExtractionInput, chunkChars: number): BlockSet[] {
  const out: BlockSet[] = [];
  for (const doc of input.documents) {
    if (doc.role !== 'attachment' || !readable(doc)) continue;
    let current: Block[] = [];
    let size = 0;
    for (const page of doc.pages) {
      for (const block of pageBlocks(doc, page.page, page.text, chunkChars)) {
        if (current.length > 0 && size + block.text.length > chunkChars) {
          out.push({ blocks: current, documentId: doc.id });
          current = [];
          size = 0;
        }
        current.push(block);
        size += block.text.length;
      }
    }
    if (current.length > 0) out.push({ blocks: current, documentId: doc.id });
  }
  return out;
}

/** One block per page, or several when the page is longer than a chunk: cut at line ends, never inside a line. */
function pageBlocks(doc: MessageDocument, page: number, text: string, chunkChars: number): Block[] {
  if (!text.trim()) return [];
  const block = (id: string, offset: number, end: number): Block => ({
    id, label: `attachment page ${page}`, kind: 'attachment', documentId: doc.id, page, offset, text: text.slice(offset, end),
  });
  if (text.length <= chunkChars) return [block(`P${page}`, 0, text.length)];
  const parts: Block[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkChars);
    if (end < text.length) {
      const lineEnd = text.lastIndexOf('\n', end);
      if (lineEnd > start) end = lineEnd + 1;
    }
    parts.push(block(`P${page}.${parts.length + 1}`, start, end));
    start = end;
  }
  return parts;
}

/** Halves a chunk (when the answer to it was cut off); null when it is a single block and cannot be split. */
export function splitBlockSet(set: BlockSet): [BlockSet, BlockSet] | null {
  if (set.blocks.length < 2) return null;
  const mid = Math.ceil(set.blocks.length / 2);
  return [{ ...set, blocks: set.blocks.slice(0, mid) }, { ...set, blocks: set.blocks.slice(mid) }];
}

/**
 * The blocks as the data section of a prompt. The fence is derived from the content, so text inside a block cannot
 * close its block early and pose as something outside it: it would have to contain the hash of itself.
 */
export function renderBlocks(blocks: readonly Block[]): string {
  const fence = sha256(blocks.map((b) => `${b.id}\u0000${b.text}`).join('\u0001')).slice(0, 10);
  return blocks.map((b) => `⟦${fence} ${b.id} | ${b.label}⟧\n${b.text}\n⟦/${fence} ${b.id}⟧`).join('\n\n');
}
