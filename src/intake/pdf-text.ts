// PDF text per page through pdf-parse, with a time limit so a hostile PDF cannot stall a worker.
import { PDFParse } from 'pdf-parse';

export const isPdf = (bytes: Uint8Array, contentType: string, filename: string | null): boolean =>
  contentType.toLowerCase() === 'application/pdf' ||
  /\.pdf$/i.test(filename ?? '') ||
  Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

export class PdfUnreadable extends Error {
  override readonly name = 'PdfUnreadable';
}

/** Text of each page (1-based). Throws PdfUnreadable with a reader-facing reason when the PDF cannot be read. */
export async function pdfPages(bytes: Uint8Array, timeoutMs = 30_000): Promise<{ page: number; text: string }[]> {
  // pdf-parse transfers (empties) the buffer it is given: hand it a copy so the caller's bytes stay intact.
  const parser = new PDFParse({ data: Buffer.from(bytes), verbosity: 0 });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfUnreadable(`PDF text extraction took longer than ${timeoutMs / 1000}s`)), timeoutMs);
    });
    const result = await Promise.race([parser.getText(), timeout]);
    return result.pages.map((p) => ({ page: p.num, text: p.text }));
  } catch (e) {
    if (e instanceof PdfUnreadable) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const reason = /password/i.test(msg) ? 'PDF is password-protected' : `PDF could not be read: ${msg}`;
    throw new PdfUnreadable(reason);
  } finally {
    clearTimeout(timer);
    await parser.destroy().catch(() => {});
  }
}
