// Real-world MIME through the parse stage's parseMime: inline and nameless PDFs, names with several dots, forwards,
// Outlook .msg and winmail.dat attachments, order sheets, charset errors, S/MIME, and the limits that stop abuse.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import MailComposer from 'nodemailer/lib/mail-composer';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultIntakeLimits } from '../src/intake/attachments/limits.ts';
import { parseMime } from '../src/intake/parse-mime.ts';
import type { MessageDocument } from '../src/intake/schema.ts';
import { tempDir } from './support/backends.ts';
import { buildPdf } from './support/mail.ts';

type Attachment = { filename?: string | false; content: Buffer | string; contentType?: string; contentDisposition?: 'inline' | 'attachment'; encoding?: string };
const compose = (attachments: Attachment[], extra: { text?: string; headers?: Record<string, string> } = {}) =>
  new MailComposer({
    from: 'Dana Buyer <dana.buyer@acme-mfg.com>', to: 'orders@midlandsupply.com', subject: 'PO 4500012345 change', date: new Date('2026-11-27T09:15:00Z'),
    text: extra.text ?? 'See attached.', attachments, headers: extra.headers,
  }).compile().build();

async function documents(raw: Buffer, limits = defaultIntakeLimits): Promise<MessageDocument[]> {
  const parsed = await parseMime(raw, 'm1', { limits });
  if ('quarantine' in parsed) throw new Error(`quarantined: ${parsed.quarantine}`);
  return parsed.documents;
}
const text = (d: MessageDocument | undefined) => (d?.pages ?? []).map((p) => p.text).join('\n');
const po = () => buildPdf('PURCHASE ORDER CHANGE - PO 4500012345', ['Item      Old Qty   New Qty', 'HX-2210   25        40']);

describe('attachments in real-world shapes', () => {
  it('reads a PDF sent inline, one without a file name, and names with several dots', async () => {
    const pdf = await po();
    const docs = await documents(await compose([
      { content: pdf, contentType: 'application/pdf', contentDisposition: 'inline', filename: 'scan.pdf' },
      { content: pdf, contentType: 'application/octet-stream', filename: false },
      { content: pdf, filename: 'PO.4500012345.rev2.final.PDF', contentType: 'application/octet-stream' },
    ]));
    expect(docs.slice(1).map((d) => [d.filename, d.contentType, d.error])).toEqual([
      ['scan.pdf', 'application/pdf', null],
      [null, 'application/pdf', null],
      ['PO.4500012345.rev2.final.PDF', 'application/pdf', null],
    ]);
    for (const d of docs.slice(1)) expect(text(d)).toMatch(/HX-2210\s+25\s+40/);
  });

  it('opens an email forwarded as an attachment (message/rfc822) and the PDF inside it, or inline', async () => {
    const forwarded = await compose([{ filename: 'revised-po.pdf', content: await po(), contentType: 'application/pdf' }], { text: 'Original request from our plant.' });
    // Forwarded inline, mailparser puts the forward in the body and its files among the attachments.
    const inline = await documents(await compose([{ content: forwarded, contentType: 'message/rfc822', filename: 'Fwd.eml', contentDisposition: 'inline' }], { text: 'FYI.' }));
    expect(inline.map((d) => d.filename)).toEqual([null, 'revised-po.pdf']);
    expect(text(inline[0])).toMatch(/Original request from our plant/);
    expect(text(inline[1])).toMatch(/HX-2210/);
    const docs = await documents(await compose([{ content: forwarded, contentType: 'message/rfc822', filename: 'Fwd PO change.eml', contentDisposition: 'attachment' }], { text: 'FYI, see below.' }));
    expect(docs.map((d) => [d.role, d.filename, d.contentType])).toEqual([
      ['body', null, 'text/plain'],
      ['attachment', 'Fwd PO change.eml', 'message/rfc822'],
      ['attachment', 'revised-po.pdf', 'application/pdf'],
    ]);
    expect(text(docs[1])).toMatch(/From: "?Dana Buyer"? <dana\.buyer@acme-mfg\.com>[\s\S]*Subject: PO 4500012345 change[\s\S]*Original request from our plant/);
    expect(text(docs[2])).toMatch(/HX-2210/);
  });

  it('extracts the files of a winmail.dat (TNEF), long file names included', async () => {
    const pdf = await po();
    const docs = await documents(await compose([{ filename: 'winmail.dat', content: tnef([{ short: 'PO4500~1.PDF', long: 'PO 4500012345 revised.pdf', data: pdf }]), contentType: 'application/ms-tnef' }]));
    expect(docs.slice(1).map((d) => [d.filename, d.contentType, d.error])).toEqual([
      ['winmail.dat', 'application/ms-tnef', null],
      ['PO 4500012345 revised.pdf', 'application/pdf', null],
    ]);
    expect(text(docs[2])).toMatch(/HX-2210/);
  });

  const outlookFile = path.resolve('../shared/corpora/msgreader-outlook-msg/msgInMsg.msg');
  it.skipIf(!existsSync(outlookFile))('extracts an attached Outlook .msg with the item embedded in it', async () => {
    const docs = await documents(await compose([{ filename: 'msgInMsg.msg', content: await fs.readFile(outlookFile), contentType: 'application/vnd.ms-outlook' }]));
    expect(docs.slice(1).map((d) => d.filename)).toEqual(['msgInMsg.msg', 'Microsoft Outlook テスト メッセージ.msg', 'green.png']);
    expect(text(docs[1])).toMatch(/Subject: I have attachments!/);
    expect(docs.every((d) => d.error === null)).toBe(true);
  });

  it('reads XLSX and CSV order sheets as rows, whatever their encoding and delimiter', async () => {
    const csv = Buffer.from('Artikel;Bezeichnung;Menge alt;Menge neu\r\nHX-2210;Sechskantschraube Müller;25;40\r\n', 'latin1');
    const docs = await documents(await compose([
      { filename: 'order.v2.backup.xlsx', content: xlsx([['Item', 'Description', 'Old Qty', 'New Qty'], ['HX-2210', 'Hex cap screw M10', 25, 40]]), contentType: 'application/octet-stream' },
      { filename: 'changes.csv', content: csv, contentType: 'text/csv' },
    ]));
    expect(docs.slice(1).map((d) => [d.filename, d.contentType, d.error])).toEqual([
      ['order.v2.backup.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', null],
      ['changes.csv', 'text/csv', null],
    ]);
    expect(text(docs[1])).toContain('HX-2210 | Hex cap screw M10 | 25 | 40');
    expect(text(docs[2])).toContain('HX-2210 | Sechskantschraube Müller | 25 | 40');
  });

  it('reads text whose declared charset is wrong or unknown instead of failing', async () => {
    const docs = await documents(await compose([
      { filename: 'note.txt', content: Buffer.from('Menge für Müller: 40 Stück', 'latin1'), contentType: 'text/plain; charset=utf-8' },
      { filename: 'odd.txt', content: Buffer.from('qty 40 – OK', 'utf8'), contentType: 'text/plain; charset=x-no-such-charset' },
    ]));
    expect(text(docs[1])).toBe('Menge für Müller: 40 Stück');
    expect(text(docs[2])).toBe('qty 40 – OK');
  });
});

const openssl = spawnSync('which', ['openssl']).status === 0;
describe.skipIf(!openssl)('S/MIME', () => {
  let dir: string;
  const content = 'Content-Type: text/plain; charset=utf-8\r\n\r\nPlease make HX-2210 40 units instead of 25 on PO 4500012345.\r\n';
  const headers = 'From: Dana Buyer <dana.buyer@acme-mfg.com>\r\nTo: orders@midlandsupply.com\r\nSubject: PO 4500012345 (signed)\r\nDate: Fri, 27 Nov 2026 09:15:00 +0000\r\n';
  const smime = async (args: string[], recipients: string[] = []) => {
    execFileSync('openssl', ['smime', ...args, '-in', path.join(dir, 'content.txt'), '-out', path.join(dir, 'out.eml'), ...recipients], { stdio: 'ignore' });
    return Buffer.from(headers + (await fs.readFile(path.join(dir, 'out.eml'), 'latin1')), 'latin1');
  };
  beforeAll(async () => {
    dir = await tempDir('cd-smime-');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=dana', '-days', '2', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    await fs.writeFile(path.join(dir, 'content.txt'), content);
  });
  const signer = () => ['-signer', path.join(dir, 'cert.pem'), '-inkey', path.join(dir, 'key.pem')];

  it('reads the content of an opaque-signed message (application/pkcs7-mime)', async () => {
    const docs = await documents(await smime(['-sign', '-nodetach', ...signer()]));
    expect(docs.map((d) => [d.filename, d.contentType, d.error])).toEqual([[null, 'text/plain', null], ['smime.p7m', 'application/x-pkcs7-mime', null], [null, 'message/rfc822', null]]);
    expect(text(docs[2])).toMatch(/Please make HX-2210 40 units/);
  });

  it('reads a clear-signed message (multipart/signed) and keeps the signature as a document', async () => {
    const docs = await documents(await smime(['-sign', ...signer()]));
    expect(text(docs[0])).toMatch(/Please make HX-2210 40 units/);
    expect(docs.slice(1).map((d) => [d.filename, d.error])).toEqual([['smime.p7s', null]]);
  });

  it('says why an encrypted message cannot be read', async () => {
    const docs = await documents(await smime(['-encrypt', '-aes256'], [path.join(dir, 'cert.pem')]));
    expect(docs[1]?.error).toMatch(/S\/MIME-encrypted/);
  });
});

describe('limits', () => {
  it('refuses a zip bomb before inflating it, with the limit in the reason', async () => {
    const bomb = Buffer.from(zipSync({ 'zeros.bin': new Uint8Array(64 * 1024 * 1024) }, { level: 1 }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const docs = await documents(await compose([{ filename: 'orders.zip', content: bomb, contentType: 'application/zip' }]));
    expect(docs[1]?.error).toMatch(/expands to 67108864 bytes, \d+ times its size: a file inside is 67108864 bytes; the limit is 41943040/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('opens a zip of order files within the budget', async () => {
    const zip = Buffer.from(zipSync({ 'po/PO-4500012345.pdf': new Uint8Array(await po()), 'readme.txt': new TextEncoder().encode('qty 40') }));
    const docs = await documents(await compose([{ filename: 'orders.zip', content: zip, contentType: 'application/zip' }]));
    expect(docs.slice(1).map((d) => [d.filename, d.error])).toEqual([['orders.zip', null], ['PO-4500012345.pdf', null], ['readme.txt', null]]);
    expect(text(docs[2])).toMatch(/HX-2210/);
  });

  it('stops at the nesting limit: forwards of forwards, zips in zips', async () => {
    let msg = await compose([{ filename: 'deep.pdf', content: await po(), contentType: 'application/pdf' }]);
    for (let i = 0; i < 8; i++) msg = await compose([{ filename: `fwd${i}.eml`, content: msg, contentType: 'message/rfc822', contentDisposition: 'attachment' }]);
    const docs = await documents(msg);
    expect(docs.length).toBe(1 + defaultIntakeLimits.maxDepth + 1);
    expect(docs.at(-1)?.error).toMatch(/nested 7 containers deep; the limit is 6/);
    let zip: Uint8Array = new TextEncoder().encode('core');
    for (let i = 0; i < 10; i++) zip = zipSync({ [`layer${i}.zip`]: zip });
    const zips = await documents(await compose([{ filename: 'layers.zip', content: Buffer.from(zip), contentType: 'application/zip' }]));
    expect(zips.at(-1)?.error).toMatch(/nested .* containers deep/);
  });

  it('quarantines a message with too many attachments, and caps the documents a message expands into', async () => {
    const many = Array.from({ length: defaultIntakeLimits.maxAttachments + 1 }, (_, i) => ({ filename: `a${i}.txt`, content: `line ${i}`, contentType: 'text/plain' }));
    expect(await parseMime(await compose(many), 'm1')).toEqual({ quarantine: `the message has ${many.length} attachments; the limit is ${defaultIntakeLimits.maxAttachments} per message` });
    const zip = Buffer.from(zipSync(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.txt`, new TextEncoder().encode(`${i}`)]))));
    const docs = await documents(await compose([{ filename: 'a.zip', content: zip }, { filename: 'b.zip', content: zip }]), { ...defaultIntakeLimits, maxDocuments: 50 });
    expect(docs.length).toBe(1 + 50 + 1);
    expect(docs.at(-1)?.error).toMatch(/produced 50 documents, the limit per message; this and any later attachments were not read/);
  });
});

/** A minimal TNEF stream (MS-OXTNEF): per file its rendering data, 8.3 title, bytes and the long name as a MAPI prop. */
function tnef(files: { short: string; long: string; data: Buffer }[]): Buffer {
  const attr = (level: number, id: number, type: number, data: Buffer) => {
    const head = Buffer.alloc(9);
    head.writeUInt8(level, 0);
    head.writeUInt32LE(((type << 16) | id) >>> 0, 1);
    head.writeUInt32LE(data.length, 5);
    const sum = Buffer.alloc(2);
    sum.writeUInt16LE(data.reduce((n, b) => (n + b) & 0xffff, 0));
    return Buffer.concat([head, data, sum]);
  };
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const parts = [u32(0x223e9f78), Buffer.from([0x01, 0x00]), attr(1, 0x9006, 8, u32(0x00010000))];
  for (const f of files) {
    const longName = Buffer.from(`${f.long}\0`, 'utf16le');
    const props = Buffer.concat([u32(1), Buffer.from([0x1f, 0x00, 0x07, 0x37]), u32(1), u32(longName.length), pad(longName)]);
    parts.push(attr(2, 0x9002, 6, Buffer.alloc(14)), attr(2, 0x8010, 1, Buffer.from(`${f.short}\0`, 'latin1')), attr(2, 0x800f, 6, f.data), attr(2, 0x9005, 6, props));
  }
  return Buffer.concat(parts);
}

/** A minimal XLSX (one sheet, inline strings) as Excel would accept it. */
function xlsx(rows: (string | number)[][]): Buffer {
  const col = (i: number) => String.fromCharCode(65 + i);
  const cell = (v: string | number, ref: string) =>
    typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map((r, y) => `<row r="${y + 1}">${r.map((v, x) => cell(v, `${col(x)}${y + 1}`)).join('')}</row>`).join('')}</sheetData></worksheet>`;
  const enc = (s: string) => new TextEncoder().encode(s);
  return Buffer.from(zipSync({
    '[Content_Types].xml': enc('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    '_rels/.rels': enc('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': enc('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Changes" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': enc('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': enc(sheet),
  }));
}
