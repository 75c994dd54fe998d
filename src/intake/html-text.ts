// HTML bodies as plain text a reader (and the extractors) can follow: tables kept as rows, hidden text left out.
import { convert, type BlockTextBuilder, type DomNode, type FormatCallback, type TableCell } from 'html-to-text';

/** Cells of one table row are joined with this, so "1010-4471-02 | IEC contactor | 12" stays three values. */
export const CELL_SEPARATOR = ' | ';

// What the recipient never sees is not part of the message: hidden blocks are where injected instructions hide.
const HIDDEN_STYLES = ['display:none', 'display: none', 'display :none', 'visibility:hidden', 'visibility: hidden', 'mso-hide:all', 'mso-hide: all'];
const HIDDEN = [...HIDDEN_STYLES.map((s) => `[style*="${s}"]`), '[hidden]', 'head', 'style', 'script', 'title'];

const tagChildren = (node: DomNode): DomNode[] => (node.children ?? []).filter((c) => c.type === 'tag');

/** The rows of a table, looking through thead / tbody / tfoot, but not into nested tables. */
function rowsOf(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  for (const child of tagChildren(table)) {
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') rows.push(...tagChildren(child).filter((r) => r.name === 'tr'));
  }
  return rows;
}

/** A row of short cells is data ("3 | VLV-310-2 | 6 | CANCEL"); a cell holding paragraphs is layout, kept as lines. */
function rowText(cells: TableCell[]): string {
  const texts = cells.map((c) => c.text.trim());
  const filled = texts.filter((t) => t !== '');
  // Empty cells stay in a data row so every value remains under its header ("| - |" and "|  |" alike).
  if (filled.length <= 1 || filled.some((t) => t.includes('\n'))) return filled.join('\n');
  return texts.join(CELL_SEPARATOR).trim();
}

const tableRows: FormatCallback = (elem, walk, builder: BlockTextBuilder) => {
  builder.openTable();
  for (const row of rowsOf(elem)) {
    builder.openTableRow();
    for (const cell of tagChildren(row).filter((c) => c.name === 'td' || c.name === 'th')) {
      builder.openTableCell();
      walk(cell.children, builder);
      builder.closeTableCell();
    }
    builder.closeTableRow();
  }
  builder.closeTable({ tableToString: (rows) => rows.map(rowText).filter((t) => t !== '').join('\n'), leadingLineBreaks: 1, trailingLineBreaks: 1 });
};

const OPTIONS = {
  wordwrap: false as const,
  formatters: { tableRows },
  selectors: [
    ...HIDDEN.map((selector) => ({ selector, format: 'skip' })),
    { selector: 'table', format: 'tableRows' },
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
};

/** The text of an HTML body: paragraphs and line breaks as newlines, table rows as lines of " | "-joined cells. */
export function htmlToText(html: string): string {
  return convert(html, OPTIONS)
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
