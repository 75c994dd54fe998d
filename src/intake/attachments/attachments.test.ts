import { describe, expect, it } from 'vitest';
import { detectKind, extensionOf } from './detect.ts';
import { ExpansionBudget, defaultIntakeLimits } from './limits.ts';
import { readCms } from './smime.ts';
import { readCsv } from './spreadsheet.ts';
import { decodeText, rtfToText, storableText } from './text.ts';
import { readTnef, TnefUnreadable } from './tnef.ts';

const part = (content: Buffer | string, contentType = 'application/octet-stream', filename: string | null = null) => ({ content: Buffer.from(content), contentType, filename });

describe('detectKind', () => {
  it('trusts the bytes before the declared type, and the last extension of a name with several dots', () => {
    expect(extensionOf('PO.4500012345.rev2.PDF')).toBe('pdf');
    expect(detectKind(part('%PDF-1.7 …', 'application/octet-stream', 'scan'))).toBe('pdf');
    expect(detectKind(part(Buffer.from([0x78, 0x9f, 0x3e, 0x22, 1, 0]), 'application/octet-stream', 'att.bin'))).toBe('tnef');
    expect(detectKind(part('PK\x03\x04rest', 'application/octet-stream', 'order.v2.xlsx'))).toBe('xlsx');
    expect(detectKind(part('PK\x03\x04rest', 'application/octet-stream', 'report.docx'))).toBe('binary');
    expect(detectKind(part('\xd0\xcf\x11\xe0', 'application/octet-stream', 'x.msg'))).toBe('binary'); // too short for OLE
    expect(detectKind(part('From: a@b\r\n\r\n%PDF-1.4 quoted', 'message/rfc822', null))).toBe('message');
    expect(detectKind(part('a;b\n1;2', 'application/vnd.ms-excel', 'changes.CSV'))).toBe('csv');
    expect(detectKind(part('...', 'application/pkcs7-signature', 'smime.p7s'))).toBe('smime-signature');
  });
});

describe('text', () => {
  it('decodes by BOM, then UTF-8, then the declared charset, then windows-1252', () => {
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('A');
    expect(decodeText(Buffer.from('Müller', 'utf8'), 'iso-8859-1')).toBe('Müller');
    expect(decodeText(Buffer.from('Müller', 'latin1'), 'utf-8')).toBe('Müller');
    expect(decodeText(Buffer.from([0xcf, 0xf0, 0xe8]), 'windows-1251')).toBe('При');
    expect(decodeText(Buffer.from([0x93, 0x94]), 'no-such-charset')).toBe('“”');
  });
  it('reads RTF bodies, plain and HTML-encapsulated', () => {
    expect(rtfToText('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Make it 40\\par not 25 \\\'fc}')).toBe('Make it 40\nnot 25 ü');
    expect(rtfToText('{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag64 <p>}Qty 40{\\*\\htmltag72 </p>}}')).toContain('Qty 40');
  });
  it('makes text storable: no NUL, no lone surrogates', () => {
    expect(storableText('a\u0000b\ud800c\udc00d😀')).toBe('ab\ufffdc\ufffdd😀');
  });
  it('reads CSV with the delimiter of its first line and caps the rows', () => {
    expect(readCsv(Buffer.from('sku;qty\nHX-1;40\nHX-2;5\n'), null, 2)).toEqual({ pages: [{ page: 1, text: 'sku | qty\nHX-1 | 40' }], truncated: 'partly read: only the first 2 rows were read' });
  });
});

describe('ExpansionBudget', () => {
  it('counts documents and bytes, and gives one notice when the documents run out', () => {
    const b = new ExpansionBudget({ ...defaultIntakeLimits, maxDocuments: 2, maxFileBytes: 10, maxExpandedBytes: 15 });
    expect(b.takeBytes(11)).toMatch(/a file inside is 11 bytes; the limit is 10/);
    expect(b.takeBytes(8)).toBeNull();
    expect(b.takeBytes(8)).toMatch(/expand to more than 15 bytes/);
    expect([b.takeDocument(), b.takeDocument()]).toEqual([null, null]);
    expect(b.takeDocument()).toMatch(/already produced 2 documents/);
    expect([b.claimExhaustionNotice(), b.claimExhaustionNotice()]).toEqual([true, false]);
  });
});

describe('readTnef and readCms on damaged input', () => {
  it('refuses what is not TNEF, and keeps what came before damage', () => {
    expect(() => readTnef(Buffer.from('not tnef'))).toThrow(TnefUnreadable);
    const head = Buffer.from([0x78, 0x9f, 0x3e, 0x22, 0x01, 0x00]);
    const attr = Buffer.alloc(9);
    attr.writeUInt8(2, 0);
    attr.writeUInt32LE(0x00069002, 1);
    attr.writeUInt32LE(1_000_000, 5); // claims far more than follows
    expect(readTnef(Buffer.concat([head, attr, Buffer.alloc(4)]))).toMatchObject({ attachments: [], damaged: expect.stringMatching(/claims 1000000 bytes/) });
  });
  it('says why CMS data cannot be opened', () => {
    expect(readCms(Buffer.from('garbage'))).toEqual({ kind: 'refused', reason: 'the S/MIME part is not valid CMS (PKCS #7) data' });
  });
});
