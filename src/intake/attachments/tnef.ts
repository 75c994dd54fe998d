// TNEF (winmail.dat, MS-OXTNEF): the files Outlook wraps inside one attachment, and the body when it is there.
// Written here because the npm TNEF readers ignore long file names and embedded objects; the format is small.
import { decompressRTF } from '@kenjiuno/decompressrtf';
import { decodeCharset } from './text.ts';

const SIGNATURE = 0x223e9f78;
const LEVEL_ATTACHMENT = 0x02;

/** Attribute ids: the low 16 bits of an attribute tag. */
const att = { subject: 0x8004, body: 0x800c, attachData: 0x800f, attachTitle: 0x8010, attachRendData: 0x9002, mapiProps: 0x9003, attachment: 0x9005, oemCodepage: 0x9007 };
/** MAPI property ids. */
const pr = { subject: 0x0037, body: 0x1000, rtfCompressed: 0x1009, bodyHtml: 0x1013, displayName: 0x3001, attachData: 0x3701, attachFilename: 0x3704, attachMethod: 0x3705, attachLongFilename: 0x3707, attachMimeTag: 0x370e };
const ATTACH_EMBEDDED_MSG = 5;

export interface TnefFile {
  filename: string | null;
  contentType: string | null;
  content: Buffer;
  /** An Outlook item attached to the message, itself a TNEF stream. */
  embeddedMessage: boolean;
}

export interface TnefContents {
  subject: string | null;
  body: string | null;
  bodyHtml: string | null;
  /** The RTF body, decompressed. */
  rtf: string | null;
  attachments: TnefFile[];
  /** Why reading stopped before the end (a damaged stream); what was read before stays usable. */
  damaged: string | null;
}

export class TnefUnreadable extends Error {
  override readonly name = 'TnefUnreadable';
}

type MapiValue = { type: number; values: (Buffer | number)[] };
type Codepage = { label: string };

interface PendingFile { title?: string; data?: Buffer; props?: Map<number, MapiValue> }

export function readTnef(buf: Buffer, maxFiles = 500): TnefContents {
  if (buf.length < 6 || buf.readUInt32LE(0) !== SIGNATURE) throw new TnefUnreadable('not a TNEF stream: the winmail.dat signature is missing');
  const cp: Codepage = { label: 'windows-1252' };
  const files: PendingFile[] = [];
  const message = new Map<number, MapiValue>();
  let subject: string | null = null;
  let body: string | null = null;
  let damaged: string | null = null;
  let off = 6;
  while (off < buf.length) {
    if (off + 9 > buf.length) { damaged = `${buf.length - off} stray bytes at the end`; break; }
    const level = buf[off]!;
    const id = buf.readUInt32LE(off + 1) & 0xffff;
    const len = buf.readUInt32LE(off + 5);
    if (off + 9 + len > buf.length) { damaged = `an attribute claims ${len} bytes but the stream ends first`; break; }
    const data = buf.subarray(off + 9, off + 9 + len);
    off += 9 + len + 2; // the checksum is not verified: a wrong one costs nothing but a damaged file
    try {
      if (level === LEVEL_ATTACHMENT) {
        if (id === att.attachRendData || files.length === 0) {
          if (files.length >= maxFiles) { damaged = `more than ${maxFiles} attachments; the rest were not read`; break; }
          files.push({});
        }
        const file = files.at(-1)!;
        if (id === att.attachTitle) file.title = cstring(data, cp);
        else if (id === att.attachData) file.data = data;
        else if (id === att.attachment) file.props = readMapiProps(data);
      } else if (id === att.oemCodepage && len >= 4) cp.label = codepageLabel(data.readUInt32LE(0));
      else if (id === att.subject) subject = cstring(data, cp);
      else if (id === att.body) body = cstring(data, cp);
      else if (id === att.mapiProps) for (const [k, v] of readMapiProps(data)) message.set(k, v);
    } catch (e) {
      damaged = `a damaged attribute: ${e instanceof Error ? e.message : String(e)}`;
      break;
    }
  }
  const rtfBytes = binary(message.get(pr.rtfCompressed));
  return {
    subject: str(message.get(pr.subject), cp) ?? subject,
    body: str(message.get(pr.body), cp) ?? body,
    bodyHtml: str(message.get(pr.bodyHtml), cp),
    rtf: rtfBytes ? decompress(rtfBytes) : null,
    attachments: files.flatMap((f) => toFile(f, cp)),
    damaged,
  };
}

function toFile(f: PendingFile, cp: Codepage): TnefFile[] {
  const p = f.props ?? new Map<number, MapiValue>();
  const obj = p.get(pr.attachData);
  const method = num(p.get(pr.attachMethod));
  let content = f.data ?? null;
  if (obj && (obj.type & 0x0fff) === 0x000d) content = binary(obj)?.subarray(16) ?? null; // PT_OBJECT: a 16-byte IID first
  else if (!content) content = binary(obj);
  if (!content) return [];
  const filename = str(p.get(pr.attachLongFilename), cp) ?? str(p.get(pr.attachFilename), cp) ?? f.title ?? str(p.get(pr.displayName), cp) ?? null;
  const embeddedMessage = method === ATTACH_EMBEDDED_MSG || (content.length >= 4 && content.readUInt32LE(0) === SIGNATURE);
  return [{ filename: filename || null, contentType: str(p.get(pr.attachMimeTag), cp), content, embeddedMessage }];
}

/** A MAPI property list (MS-OXTNEF 2.1.3.4): count, then per property its type, id, optional name, and values. */
function readMapiProps(data: Buffer): Map<number, MapiValue> {
  const props = new Map<number, MapiValue>();
  let off = 0;
  const u32 = () => { const v = data.readUInt32LE(off); off += 4; return v; };
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const count = u32();
  for (let i = 0; i < count && off < data.length; i++) {
    const type = data.readUInt16LE(off);
    const id = data.readUInt16LE(off + 2);
    off += 4;
    if (id >= 0x8000) { // a named property: GUID, then a numeric id or a UTF-16 name
      off += 16;
      if (u32() === 0) off += 4;
      else { const n = u32(); off += n + pad(n); }
    }
    const base = type & 0x0fff;
    const variable = [0x001e, 0x001f, 0x0102, 0x000d].includes(base);
    const n = type & 0x1000 || variable ? u32() : 1;
    if (n > data.length) throw new RangeError(`a property claims ${n} values`);
    const values: (Buffer | number)[] = [];
    for (let j = 0; j < n; j++) {
      if (variable) {
        const len = u32();
        if (off + len > data.length) throw new RangeError('a property value runs past its attribute');
        values.push(data.subarray(off, off + len));
        off += len + pad(len);
      } else {
        const size = fixedSize(base);
        if (size === null) throw new RangeError(`unknown MAPI property type 0x${base.toString(16)}`);
        values.push(size === 4 ? data.readUInt32LE(off) : 0);
        off += size;
      }
    }
    if (off > data.length) throw new RangeError('a property runs past its attribute');
    props.set(id, { type, values });
  }
  return props;
}

function fixedSize(base: number): number | null {
  if ([0x0001, 0x0002, 0x0003, 0x0004, 0x000a, 0x000b].includes(base)) return 4; // 16-bit values are padded to 4
  if ([0x0005, 0x0006, 0x0007, 0x0014, 0x0040].includes(base)) return 8;
  if (base === 0x0048) return 16;
  return null;
}

const binary = (v: MapiValue | undefined): Buffer | null => (v && Buffer.isBuffer(v.values[0]) ? v.values[0] : null);
const num = (v: MapiValue | undefined): number | null => (v && typeof v.values[0] === 'number' ? v.values[0] : null);

function str(v: MapiValue | undefined, cp: Codepage): string | null {
  const b = binary(v);
  if (!b || !v) return null;
  const s = (v.type & 0x0fff) === 0x001f ? decodeCharset(b, 'utf-16le') : decode(b, cp);
  return s.replace(/\0+$/, '') || null;
}

const cstring = (b: Buffer, cp: Codepage) => decode(b, cp).replace(/\0[\s\S]*$/, '');

const decode = (b: Buffer, cp: Codepage): string => decodeCharset(b, cp.label);

function codepageLabel(cp: number): string {
  if (cp === 65001) return 'utf-8';
  if (cp >= 1250 && cp <= 1258) return `windows-${cp}`;
  if (cp >= 28591 && cp <= 28605) return `iso-8859-${cp - 28590}`;
  const named: Record<number, string> = { 874: 'windows-874', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 20866: 'koi8-r', 21866: 'koi8-u', 50220: 'iso-2022-jp', 51932: 'euc-jp' };
  return named[cp] ?? 'windows-1252';
}

function decompress(compressed: Buffer): string | null {
  try {
    return Buffer.from(decompressRTF([...compressed])).toString('latin1');
  } catch {
    return null;
  }
}
