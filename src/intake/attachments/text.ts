// Bytes → text for attachments: byte-order marks, declared charsets with a fallback when wrong, and RTF bodies.
import iconv from 'iconv-lite';
import { htmlToText } from '../html-text.ts';

/**
 * Text as PostgreSQL can store it: NUL characters dropped and unpaired UTF-16 surrogates replaced (jsonb and text
 * refuse both, and such bytes turn up in PDFs, RTF and Outlook bodies).
 */
export const storableText = (s: string): string =>
  s.replace(/\u0000/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/**
 * Decodes text the way a reader would expect: a BOM wins, then valid UTF-8, then the declared charset, then
 * windows-1252 (which maps every byte, so mislabelled Latin text still reads instead of failing). iconv-lite, as
 * mailparser uses: Node's TextDecoder reads windows-1252 as Latin-1 and knows fewer legacy charsets.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xff && b[1] === 0xfe) return iconv.decode(b.subarray(2), 'utf-16le');
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf-16be');
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // not UTF-8: the declared charset, if it is a real one
  }
  return decodeCharset(b, declared && !/^(us-)?ascii$|^utf-?8$/i.test(declared) ? declared : 'windows-1252');
}

/** Bytes in a named charset; an unknown name reads as windows-1252. */
export const decodeCharset = (b: Buffer, charset: string): string => iconv.decode(b, iconv.encodingExists(charset) ? charset : 'windows-1252');

/**
 * Plain text of an RTF body (Outlook's compressed RTF, once decompressed). An RTF that encapsulates HTML
 * (`\fromhtml`) is read through its HTML. Good enough to read an order change; not a layout-preserving converter.
 */
export function rtfToText(rtf: string): string {
  if (/\\fromhtml\d/.test(rtf)) {
    const html = rtf.replace(/\{\\\*\\htmltag\d*\s?([^{}]*)\}/g, '$1').replace(/\\htmlrtf[\s\S]*?\\htmlrtf0\s?/g, '');
    return htmlToText(stripRtf(html));
  }
  return stripRtf(rtf).replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

const skippedGroups = /\{\\\*[^{}]*\}|\{\\(fonttbl|colortbl|stylesheet|info|pict|object|themedata|latentstyles|listtable|listoverridetable|rsidtbl|generator|xmlnstbl|mmathPr)\b[^{}]*(\{[^{}]*(\{[^{}]*\}[^{}]*)*\}[^{}]*)*\}/g;

function stripRtf(rtf: string): string {
  let s = rtf;
  for (let i = 0; i < 5 && skippedGroups.test(s); i++) s = s.replace(skippedGroups, '');
  return s
    .replace(/\\(par|line|row|sect|page)\b ?/g, '\n')
    .replace(/\\(tab|cell)\b ?/g, '\t')
    .replace(/\\'([0-9a-f]{2})/gi, (_, h: string) => decodeCharset(Buffer.of(Number.parseInt(h, 16)), 'windows-1252'))
    .replace(/\\u(-?\d+) ?\??/g, (_, n: string) => String.fromCharCode((Number(n) + 65536) % 65536))
    .replace(/\\([{}\\])/g, '$1')
    .replace(/\\[a-z]+-?\d* ?/gi, '')
    .replace(/[{}]/g, '')
    .replace(/\r/g, '');
}
