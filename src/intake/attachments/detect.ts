// Which reader an attachment needs: the bytes' signature first, then the declared type, then the name's last extension.

export type AttachmentKind =
  | 'pdf' | 'message' | 'outlook-msg' | 'tnef' | 'xlsx' | 'zip' | 'csv' | 'html' | 'text'
  | 'smime' | 'smime-signature' | 'binary';

export interface AttachmentPart {
  content: Buffer;
  /** As declared by the sender (lower-cased, without parameters); `application/octet-stream` when unknown. */
  contentType: string;
  filename: string | null;
  /** The declared charset of a text part, when there is one. */
  charset?: string | null;
}

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const TNEF = [0x78, 0x9f, 0x3e, 0x22];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The extension after the last dot (`PO.4500012345.rev2.PDF` → `pdf`), lower-cased; '' when there is none. */
export const extensionOf = (filename: string | null): string => /\.([a-z0-9]{1,10})\s*$/i.exec(filename ?? '')?.[1]?.toLowerCase() ?? '';

/** A declared Content-Type as a plain lower-case `type/subtype`; broken or missing values become octet-stream. */
export function normaliseContentType(value: unknown): string {
  if (typeof value !== 'string') return 'application/octet-stream';
  const t = value.split(';')[0]!.trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(t) ? t : 'application/octet-stream';
}

export function detectKind(part: AttachmentPart): AttachmentKind {
  const { content: b, contentType: ct } = part;
  const ext = extensionOf(part.filename);
  if (startsWith(b, TNEF)) return 'tnef';
  if (startsWith(b, OLE)) return ext === 'msg' || ct.includes('ms-outlook') || ct === 'application/x-msg' ? 'outlook-msg' : 'binary';
  if (startsWith(b, ZIP)) {
    if (['xlsx', 'xlsm'].includes(ext) || ct.includes('spreadsheetml')) return 'xlsx';
    if (ext === 'zip' || ct === 'application/zip' || ct === 'application/x-zip-compressed') return 'zip';
    return 'binary';
  }
  // pdf.js finds a header up to 1 KB in; a forwarded email may quote one, so message/* is not searched.
  if (!ct.startsWith('message/') && b.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (ct === 'application/pdf' || ext === 'pdf') return 'pdf'; // declared a PDF without the signature: the reader says why
  if (ct === 'message/rfc822' || ct === 'message/global' || ext === 'eml') return 'message';
  if (ct === 'application/ms-tnef' || ct === 'application/vnd.ms-tnef' || /^winmail\.dat$/i.test(part.filename ?? '')) return 'tnef';
  if (ct.endsWith('pkcs7-mime') || ext === 'p7m') return 'smime';
  if (ct.endsWith('pkcs7-signature') || ext === 'p7s') return 'smime-signature';
  if (ext === 'csv' || ct === 'text/csv' || ct === 'text/comma-separated-values') return 'csv';
  if (ct === 'text/html' || ext === 'html' || ext === 'htm') return 'html';
  if (ct.startsWith('text/') || ct.startsWith('message/') || ['txt', 'tsv'].includes(ext)) return 'text';
  return 'binary';
}
