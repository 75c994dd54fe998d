// Runs in a worker thread of the PDF pool (src/intake/pdf-text.ts): the text of each page of one PDF.
// Plain JavaScript so it loads in any runtime (node, tsx, vitest) without a TypeScript loader.
import { PDFParse } from 'pdf-parse';

/** @param {{ data: Uint8Array }} task */
export default async function pdfText({ data }) {
  const parser = new PDFParse({ data, verbosity: 0 });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => ({ page: p.num, text: p.text }));
  } finally {
    await parser.destroy().catch(() => {});
  }
}
