// An attachment → its document, followed by the documents of every file inside it (forwards, .msg, winmail.dat, zip).
import type { BlobStore } from '../../storage/blob-store.ts';
import { sha256 as sha256Of } from '../../shared/hash.ts';
import type { MessageDocument } from '../schema.ts';
import { detectKind, type AttachmentKind, type AttachmentPart } from './detect.ts';
import type { ExpansionBudget } from './limits.ts';
import { readers, type Reading } from './readers.ts';
import { storableText } from './text.ts';

export interface AttachmentContext {
  messageId: string;
  budget: ExpansionBudget;
  blobs?: BlobStore;
  pdfTimeoutMs?: number;
}

/** The type a document is stored under: what the sender declared, unless that was generic and the bytes say more. */
const canonicalType: Partial<Record<AttachmentKind, string>> = {
  pdf: 'application/pdf', 'outlook-msg': 'application/vnd.ms-outlook', tnef: 'application/ms-tnef', message: 'message/rfc822',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip', csv: 'text/csv',
};

/**
 * Documents for one attachment, depth-first, with indices from `index`. Never throws for the content's sake: a file
 * that cannot be read becomes a document whose `error` says why, and limits (depth, count, bytes) say which one.
 */
export async function readAttachmentDocuments(part: AttachmentPart, index: number, ctx: AttachmentContext): Promise<MessageDocument[]> {
  const docs: MessageDocument[] = [];
  const { budget } = ctx;

  async function visit(p: AttachmentPart & { charged?: boolean }, depth: number, isChild: boolean): Promise<void> {
    const noRoom = budget.takeDocument();
    if (noRoom) {
      if (budget.claimExhaustionNotice()) await add(p, { pages: [], error: `${noRoom}; this and any later attachments were not read` });
      return;
    }
    if (isChild && !p.charged) {
      const refused = budget.takeBytes(p.content.length);
      if (refused) return add(p, { pages: [], error: `not read: ${refused}` });
    }
    if (depth > budget.limits.maxDepth)
      return add(p, { pages: [], error: `not opened: it is nested ${depth} containers deep; the limit is ${budget.limits.maxDepth}` });
    const kind = detectKind(p);
    let reading: Reading;
    try {
      reading = await readers[kind](p, { budget, pdfTimeoutMs: ctx.pdfTimeoutMs });
    } catch (e) {
      reading = { pages: [], error: `${describe(kind)} could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    await add(p, reading, kind);
    for (const child of reading.children ?? []) await visit(child, depth + 1, true);
  }

  async function add(p: AttachmentPart, r: Pick<Reading, 'pages' | 'error'>, kind?: AttachmentKind) {
    const i = index + docs.length;
    const generic = p.contentType === 'application/octet-stream' || !p.contentType;
    docs.push({
      id: `${ctx.messageId}:${i}`, messageId: ctx.messageId, index: i, role: 'attachment', filename: p.filename && storableText(p.filename),
      contentType: (generic && kind && canonicalType[kind]) || p.contentType || 'application/octet-stream',
      sha256: ctx.blobs ? await ctx.blobs.put(p.content) : sha256Of(p.content), size: p.content.length,
      pages: r.pages.map((pg) => ({ page: pg.page, text: storableText(pg.text) })), error: r.error && storableText(r.error),
    });
  }

  await visit(part, 1, false);
  return docs;
}

const describe = (kind: AttachmentKind) =>
  ({ pdf: 'the PDF', message: 'the attached email', 'outlook-msg': 'the Outlook .msg file', tnef: 'winmail.dat', xlsx: 'the spreadsheet', zip: 'the ZIP archive', smime: 'the S/MIME part' } as Partial<Record<AttachmentKind, string>>)[kind] ?? 'the attachment';
