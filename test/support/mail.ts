// Builds real MIME messages (nodemailer's MailComposer) and real PDFs (pdfkit) for the pipeline tests.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import PDFDocument from 'pdfkit';

export interface TestMail {
  from?: string;
  subject: string;
  text?: string;
  html?: string;
  date?: Date;
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export function buildEml(m: TestMail): Promise<Buffer> {
  return new MailComposer({
    from: m.from ?? 'Dana Buyer <dana.buyer@acme-mfg.com>',
    to: 'orders@midlandsupply.com',
    subject: m.subject,
    text: m.text,
    html: m.html,
    date: m.date ?? new Date('2026-11-27T09:15:00Z'),
    messageId: m.messageId,
    attachments: m.attachments,
  }).compile().build();
}

/** A one-page PDF with a title and lines of text (table rows written as spaced columns). */
export function buildPdf(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 50, info: { CreationDate: new Date('2026-11-27T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(title).moveDown().fontSize(10);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}
