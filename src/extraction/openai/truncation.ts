// Cross-checks a model's answer against the attachment's table rows: a line the model did not account for means the
// list of changes may be truncated, and says so. The rows are found by the offline item-code finder, not the model.
import { normaliseSku } from '../../changes/sku.ts';
import type { MessageDocument } from '../../intake/schema.ts';
import { findItemCodes } from '../offline/item-codes.ts';
import { findOrderRefs } from '../offline/order-ref.ts';
import { overlaps, wholeText } from '../offline/spans.ts';
import type { Block } from './input-blocks.ts';
import { numbersIn } from './locate.ts';
import type { ModelExtraction } from './schemas.ts';

/** Item codes of the line-item rows of attachment blocks: a line that names an item code and holds another number. */
export function tableRowCodes(blocks: readonly Block[]): string[] {
  const codes: string[] = [];
  for (const block of blocks) {
    if (block.kind !== 'attachment') continue;
    for (const line of block.text.split('\n')) {
      const span = wholeText(line);
      const refs = findOrderRefs(line, span);
      const code = findItemCodes(line, span).find((c) => !refs.some((r) => overlaps(r, c)));
      if (code && numbersIn(line, span).some((n) => !overlaps(n.span, code))) codes.push(code.value);
    }
  }
  return codes;
}

/** A warning when table rows of these blocks appear neither among the rows the model listed nor in its changes. */
export function unreadRowsWarning(answer: ModelExtraction, blocks: readonly Block[]): string | null {
  const rows = [...new Set(tableRowCodes(blocks).map(normaliseSku))];
  if (rows.length === 0) return null;
  const seen = new Set(
    [...answer.lineItemRows, ...answer.changes.flatMap((c) => [c.sku, c.kind === 'substitution' ? c.to : null])]
      .filter((v): v is string => typeof v === 'string')
      .map(normaliseSku),
  );
  const unread = rows.filter((r) => !seen.has(r));
  if (unread.length === 0) return null;
  const pages = [...new Set(blocks.map((b) => b.page))].join(', ');
  return `the model did not account for ${unread.length} of the ${rows.length} line-item rows on attachment page(s) ${pages} (${unread.slice(0, 5).join(', ')}${unread.length > 5 ? ', …' : ''}): the list of changes may be truncated`;
}

const PAGE_OF = /\bpage\s+(\d+)\s*(?:of|\/)\s*(\d+)\b/i;

/** "Page 2 of 5" printed on a document with fewer pages: pages are missing, and so may changes be. */
export function missingPagesWarning(doc: MessageDocument): string | null {
  const printed = doc.pages.map((p) => PAGE_OF.exec(p.text)).find((m) => m && Number(m[2]) > doc.pages.length);
  if (!printed) return null;
  return `attachment ${doc.filename ?? `#${doc.index}`} says "page ${printed[1]} of ${printed[2]}" but has ${doc.pages.length} page(s): the line list may be truncated`;
}
