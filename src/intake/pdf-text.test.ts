import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { closePdfPool, pdfPages, PdfUnreadable } from './pdf-text.ts';

function pdf(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'LETTER' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let p = 0; p < pages; p++) {
      if (p > 0) doc.addPage();
      for (let r = 0; r < 40; r++) doc.text(`page ${p + 1} line ${r + 1} HX-2210 25 40`);
    }
    doc.end();
  });
}

afterAll(() => closePdfPool());

describe('pdfPages (worker-thread pool)', () => {
  it("returns the text of every page and leaves the caller's bytes intact", async () => {
    const bytes = await pdf(3);
    const copy = Buffer.from(bytes);
    const pages = await pdfPages(bytes);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages[2]!.text).toContain('page 3 line 40');
    expect(bytes.equals(copy)).toBe(true);
  });

  it('ends a parse that runs past its time limit, and the pool goes on serving', async () => {
    const big = await pdf(60);
    await expect(pdfPages(big, 1)).rejects.toThrow(new PdfUnreadable('PDF text extraction took longer than 0.001s'));
    expect((await pdfPages(await pdf(1))).length).toBe(1);
  });

  it('says why a PDF cannot be read', async () => {
    await expect(pdfPages(Buffer.from('%PDF-1.4\nnot really a pdf'))).rejects.toThrow(/^PDF could not be read: /);
  });
});
