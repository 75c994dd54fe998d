// A message saved as a file (.eml, mbox-style, Outlook .msg) → the RFC 822 bytes intake stores.
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppError } from '../../shared/errors.ts';
import { sha256 } from '../../shared/hash.ts';
import { readOutlookMsg, MsgUnreadable } from '../attachments/outlook-msg.ts';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * .eml files are stored as they are, less what tools put before the headers (a byte-order mark, blank lines, an mbox
 * `From ` line). An Outlook .msg becomes a MIME message with the same headers, body and attachments; the original
 * file's name and sha256 are kept in `X-Changedesk-Original`.
 */
export async function messageFromFile(bytes: Buffer, filename: string): Promise<Buffer> {
  if (bytes.subarray(0, 8).equals(OLE)) return outlookToMime(bytes, filename);
  return withoutLeadingJunk(bytes);
}

export function withoutLeadingJunk(bytes: Buffer): Buffer {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    const line = bytes.subarray(start, end).toString('latin1');
    if (line.trim() === '' || (/^From \S/.test(line) && !/^From:/.test(line))) start = end + 1;
    else break;
  }
  return start === 0 ? bytes : bytes.subarray(start);
}

async function outlookToMime(bytes: Buffer, filename: string): Promise<Buffer> {
  let m: ReturnType<typeof readOutlookMsg>;
  try {
    m = readOutlookMsg(bytes);
  } catch (e) {
    throw new AppError('unprocessable', e instanceof MsgUnreadable ? e.message : `${filename}: ${String(e)}`);
  }
  const hash = sha256(bytes);
  return new MailComposer({
    from: m.from || undefined,
    to: m.to.length ? m.to : undefined,
    cc: m.cc.length ? m.cc : undefined,
    subject: m.subject ?? undefined,
    date: m.date ?? undefined,
    // The message's own Message-ID when Outlook kept it (so the same mail by IMAP is a duplicate); else one from the file.
    messageId: m.messageId ?? `<${hash.slice(0, 40)}@outlook-msg.changedesk.invalid>`,
    text: m.body,
    attachments: m.attachments.map((a) => ({ filename: a.filename ?? undefined, content: a.content, contentType: a.contentType })),
    headers: { 'X-Changedesk-Original': `outlook-msg; filename="${filename.replace(/["\\\r\n]/g, '_')}"; sha256=${hash}` },
    baseBoundary: hash.slice(0, 16),
  }).compile().build();
}
