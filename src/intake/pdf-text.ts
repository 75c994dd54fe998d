// PDF text per page through pdf-parse, in a pool of worker threads: parsing uses another core than the event loop,
// and a time limit ends the thread, so a hostile PDF can stall neither a worker's other jobs nor the process.
import os from 'node:os';
import { Piscina } from 'piscina';

export const isPdf = (bytes: Uint8Array, contentType: string, filename: string | null): boolean =>
  contentType.toLowerCase() === 'application/pdf' ||
  /\.pdf$/i.test(filename ?? '') ||
  Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

export class PdfUnreadable extends Error {
  override readonly name = 'PdfUnreadable';
}

type Pages = { page: number; text: string }[];

let pool: Piscina | null = null;

/**
 * One thread per spare core (at least one). One stays once started, so the first PDF after a quiet spell does not
 * wait for a thread to boot and compile pdf.js again; idle threads do not keep the process alive, so a command-line
 * run still ends when its work does.
 */
function pdfPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./pdf-worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
    idleTimeout: 30_000,
  });
  return pool;
}

/** Text of each page (1-based). Throws PdfUnreadable with a reader-facing reason when the PDF cannot be read. */
export async function pdfPages(bytes: Uint8Array, timeoutMs = 30_000): Promise<Pages> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    // A copy goes to the thread (pdf-parse empties the buffer it is given); the caller's bytes stay intact.
    return (await pdfPool().run({ data: Buffer.from(bytes) }, { signal: abort.signal })) as Pages;
  } catch (e) {
    if (abort.signal.aborted) throw new PdfUnreadable(`PDF text extraction took longer than ${timeoutMs / 1000}s`);
    const msg = e instanceof Error ? e.message : String(e);
    const reason = /password/i.test(msg) ? 'PDF is password-protected' : `PDF could not be read: ${msg}`;
    throw new PdfUnreadable(reason);
  } finally {
    clearTimeout(timer);
  }
}

/** Ends the pool's threads (tests and a clean shutdown; idle threads also end by themselves). */
export async function closePdfPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
