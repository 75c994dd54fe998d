// Benchmark inputs: a realistic mix of order-change emails (text only, 1-page and 10-page PDF change notices),
// and one large PDF for the memory bound. Built once per run with the same tools the tests use.
import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { buildEml } from '../test/support/mail.ts';

const skus = ['HX-2210', 'HX-3108', 'VLV-200-3/4', 'AB12345'];

/** A PDF change notice with `pages` pages of line-table rows (about 40 rows a page). */
export function changeNoticePdf(pages: number, seed: number, compress = true): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 50, compress });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(`PURCHASE ORDER CHANGE NOTICE - PO 4500012345 (${seed})`).moveDown().fontSize(9);
    doc.text('Item        Description                 Old Qty    New Qty');
    for (let p = 0; p < pages; p++) {
      if (p > 0) doc.addPage();
      for (let r = 0; r < 40; r++) {
        const changed = p === 0 && r === 0;
        doc.text(`${skus[(r + seed) % skus.length]}     Line ${p * 40 + r + 1} industrial part     ${10 + r}         ${changed ? 20 + r + (seed % 7) : 10 + r}`);
      }
    }
    doc.end();
  });
}

export type Mix = { kind: 'text' | 'pdf1' | 'pdf10'; raw: Buffer }[];

/** n messages: half text only, a third with a 1-page PDF, the rest with a 10-page PDF. Unique, so none dedupes. */
export async function buildMix(n: number): Promise<Mix> {
  const out: Mix = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 6 < 3 ? 'text' : i % 6 < 5 ? 'pdf1' : 'pdf10';
    const sku = skus[i % skus.length]!;
    const text = kind === 'text'
      ? `Hello,\n\nplease change ${sku} from 25 to ${30 + (i % 50)} pcs on PO 4500012345 and deliver by Dec 11.\n\nThanks,\nDana\nAcme Manufacturing | +1 555 0100 | 1400 Industrial Pkwy`
      : 'Hi team,\n\nplease see the attached change notice and update the order.\n\nDana';
    const attachments = kind === 'text' ? [] : [{ filename: `change-notice-${i}.pdf`, contentType: 'application/pdf', content: await changeNoticePdf(kind === 'pdf1' ? 1 : 10, i) }];
    out.push({ kind, raw: await buildEml({ subject: `PO 4500012345 change ${i}`, text, attachments, messageId: `<bench-${i}-${randomUUID()}@acme-mfg.com>` }) });
  }
  return out;
}

/** An email carrying one PDF of about `mb` megabytes: uncompressed pages of dense text (about 8 KB a page). */
export async function largePdfEmail(mb: number): Promise<Buffer> {
  const pages = Math.max(1, Math.round((mb * 2 ** 20) / 8300));
  const pdf = await changeNoticePdf(pages, 1, false);
  return buildEml({ subject: 'PO 4500012345 full revised PO', text: 'Full revised PO attached.', attachments: [{ filename: 'revised-po.pdf', contentType: 'application/pdf', content: pdf }], messageId: `<bench-large-${randomUUID()}@acme-mfg.com>` });
}
