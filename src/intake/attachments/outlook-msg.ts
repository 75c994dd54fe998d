// Outlook .msg files (@kenjiuno/msgreader): the message's headers, body and attachments, embedded .msg items included.
import { decompressRTF } from '@kenjiuno/decompressrtf';
import msgreader from '@kenjiuno/msgreader';
import { htmlToText } from '../html-text.ts';
import { rtfToText, storableText } from './text.ts';

// The package is CommonJS with `exports.default`: Node's loader puts the class one level down, bundlers may not.
const MsgReader: typeof msgreader.default = msgreader.default ?? (msgreader as unknown as typeof msgreader.default);
type FieldsData = msgreader.FieldsData;

export interface OutlookMessage {
  subject: string | null;
  from: string | null;
  to: string[];
  cc: string[];
  date: Date | null;
  messageId: string | null;
  body: string;
  attachments: { filename: string | null; contentType: string; content: Buffer }[];
}

export class MsgUnreadable extends Error {
  override readonly name = 'MsgUnreadable';
}

export function readOutlookMsg(bytes: Uint8Array): OutlookMessage {
  let reader: InstanceType<typeof MsgReader>;
  let data: FieldsData;
  try {
    reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    data = reader.getFileData();
  } catch (e) {
    throw new MsgUnreadable(`the Outlook .msg file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (data.error) throw new MsgUnreadable(`the Outlook .msg file could not be read: ${data.error}`);
  // msgreader answers an empty item for a compound file that is not a message (a damaged file, a .doc renamed).
  if (!data.messageClass && !data.subject && !data.body && !data.attachments?.length)
    throw new MsgUnreadable('the Outlook .msg file could not be read: it holds no message properties');
  const recipients = (kind: string) => (data.recipients ?? []).filter((r: FieldsData) => (r.recipType ?? 'to') === kind).map((r: FieldsData) => storableText(address(r.name, r.smtpAddress ?? r.email)));
  const attachments = (data.attachments ?? []).map((a: FieldsData) => {
    const got = reader.getAttachment(a);
    const filename = clean(a.fileName ?? a.fileNameShort ?? got.fileName ?? null);
    const contentType = a.innerMsgContent ? 'application/vnd.ms-outlook' : (a.attachMimeTag ?? 'application/octet-stream');
    return { filename: filename || null, contentType, content: Buffer.from(got.content) };
  });
  return {
    subject: clean(data.subject ?? null),
    from: data.senderEmail || data.senderName ? clean(address(data.senderName, data.senderSmtpAddress ?? data.senderEmail)) : null,
    to: recipients('to'),
    cc: recipients('cc'),
    date: dateOf(data.messageDeliveryTime ?? data.clientSubmitTime ?? data.creationTime),
    messageId: data.messageId?.trim() || null,
    body: storableText(bodyOf(data)),
    attachments,
  };
}

function bodyOf(data: { body?: string; bodyHtml?: string; html?: Uint8Array; compressedRtf?: Uint8Array }): string {
  if (data.body?.trim()) return data.body;
  if (data.bodyHtml?.trim()) return htmlToText(data.bodyHtml);
  if (data.html?.length) return htmlToText(Buffer.from(data.html).toString('utf8'));
  if (data.compressedRtf?.length) {
    try {
      return rtfToText(Buffer.from(decompressRTF([...data.compressedRtf])).toString('latin1'));
    } catch {
      return '';
    }
  }
  return '';
}

const clean = (v: string | null) => (v === null ? null : storableText(v));

const address = (name: string | undefined, email: string | undefined): string =>
  email && name && name !== email ? `${name} <${email}>` : (email ?? name ?? '');

function dateOf(s: string | undefined): Date | null {
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}
