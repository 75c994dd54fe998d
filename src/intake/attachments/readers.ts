// One reader per attachment kind: its text pages, and for containers the files inside (read in turn by the caller).
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { pdfPages, PdfUnreadable } from '../pdf-text.ts';
import { normaliseContentType, type AttachmentKind, type AttachmentPart } from './detect.ts';
import type { ExpansionBudget } from './limits.ts';
import { readOutlookMsg } from './outlook-msg.ts';
import { readCms } from './smime.ts';
import { readCsv, readXlsx } from './spreadsheet.ts';
import { htmlToText } from '../html-text.ts';
import { decodeText, rtfToText } from './text.ts';
import { readTnef } from './tnef.ts';
import { unzipWithinBudget } from './zip.ts';

export type Page = { page: number; text: string };

/** What a reader found. `error` is set only when nothing usable was read; a partial read says so in its text. */
export interface Reading {
  pages: Page[];
  error: string | null;
  /** Files inside a container; `charged` when the reader already counted their bytes against the budget. */
  children?: (AttachmentPart & { charged?: boolean })[];
}

export interface ReaderContext {
  budget: ExpansionBudget;
  pdfTimeoutMs?: number;
}

type Reader = (part: AttachmentPart, ctx: ReaderContext) => Promise<Reading>;

const textPage = (text: string, note?: string | null): Page[] => {
  const t = note ? `${text}\n[${note}]` : text;
  return t.trim() ? [{ page: 1, text: t }] : [];
};

/** A mailparser attachment as a part to read; its declared charset comes along for text. */
export function mailparserPart(a: Attachment): AttachmentPart {
  const header = a.headers?.get('content-type') as { params?: Record<string, string> } | string | undefined;
  return {
    content: Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0),
    contentType: normaliseContentType(a.contentType),
    filename: typeof a.filename === 'string' && a.filename.trim() ? a.filename.trim() : null,
    charset: typeof header === 'object' ? (header.params?.charset ?? null) : null,
  };
}

const addressText = (a: AddressObject | AddressObject[] | undefined) => (a == null ? null : (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', '));

/** The header lines a reader of a forwarded message wants above its text. */
const headerLines = (h: { from?: string | null; to?: string | null; date?: Date | null; subject?: string | null }) =>
  [
    h.from && `From: ${h.from}`,
    h.to && `To: ${h.to}`,
    h.date && !Number.isNaN(h.date.getTime()) && `Date: ${h.date.toISOString()}`,
    h.subject && `Subject: ${h.subject}`,
  ].filter(Boolean).join('\n');

const message: Reader = async (part) => {
  // HTML-only forwards go through html-text.ts like HTML bodies do (tables as rows, hidden text left out).
  const mail = await simpleParser(part.content, { skipImageLinks: true, skipHtmlToText: true });
  const body = mail.text?.trim() ? mail.text : typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  const head = headerLines({ from: mail.from?.text, to: addressText(mail.to), date: mail.date, subject: mail.subject });
  return { pages: textPage([head, body].filter(Boolean).join('\n\n')), error: null, children: mail.attachments.map(mailparserPart) };
};

const outlookMsg: Reader = async (part) => {
  const m = readOutlookMsg(part.content);
  const head = headerLines({ from: m.from, to: m.to.join(', ') || null, date: m.date, subject: m.subject });
  return { pages: textPage([head, m.body].filter(Boolean).join('\n\n')), error: null, children: m.attachments };
};

const tnef: Reader = async (part, ctx) => {
  const t = readTnef(part.content, ctx.budget.limits.maxArchiveEntries);
  const body = t.body?.trim() ? t.body : t.bodyHtml ? htmlToText(t.bodyHtml) : t.rtf ? rtfToText(t.rtf) : '';
  const children = t.attachments.map((a) => ({
    content: a.content,
    contentType: a.embeddedMessage ? 'application/ms-tnef' : normaliseContentType(a.contentType ?? 'application/octet-stream'),
    filename: a.filename,
  }));
  const note = t.damaged && `winmail.dat is damaged (${t.damaged}): what came before the damage was read`;
  if (!body && children.length === 0 && t.damaged) return { pages: [], error: `winmail.dat could not be read: ${t.damaged}` };
  return { pages: textPage(body, note), error: null, children };
};

const pdf: Reader = async (part, ctx) => {
  try {
    return { pages: await pdfPages(part.content, ctx.pdfTimeoutMs), error: null };
  } catch (e) {
    if (e instanceof PdfUnreadable) return { pages: [], error: e.message };
    throw e;
  }
};

const xlsx: Reader = async (part, ctx) => {
  const { pages, truncated } = await readXlsx(part.content, ctx.budget);
  if (truncated && pages.length) pages[pages.length - 1]!.text += `\n[${truncated}]`;
  return { pages, error: null };
};

const csv: Reader = async (part, ctx) => {
  const { pages, truncated } = readCsv(part.content, part.charset, ctx.budget.limits.maxSheetRows);
  if (truncated && pages.length) pages[0]!.text += `\n[${truncated}]`;
  return { pages, error: null };
};

const zip: Reader = async (part, ctx) => ({
  pages: [],
  error: null,
  children: unzipWithinBudget(part.content, ctx.budget).map((e) => ({
    content: e.content, contentType: 'application/octet-stream', filename: e.name.split('/').pop() || e.name, charged: true,
  })),
});

const smime: Reader = async (part) => {
  const cms = readCms(part.content);
  if (cms.kind === 'refused') return { pages: [], error: cms.reason };
  // The signed content is a MIME entity: read as a message, its text and attachments become documents.
  return { pages: [], error: null, children: [{ content: cms.content, contentType: 'message/rfc822', filename: null }] };
};

const text: Reader = async (part) => ({ pages: textPage(decodeText(part.content, part.charset)), error: null });
const html: Reader = async (part) => ({ pages: textPage(htmlToText(decodeText(part.content, part.charset))), error: null });
const nothing: Reader = async () => ({ pages: [], error: null });

export const readers: Record<AttachmentKind, Reader> = {
  pdf, message, 'outlook-msg': outlookMsg, tnef, xlsx, zip, csv, html, text, smime,
  'smime-signature': nothing, // the signature itself: nothing to read (and it is not verified)
  binary: nothing, // images, Word files and the like are stored and shown to the reviewer, not read
};
