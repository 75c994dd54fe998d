// The amount the order will be invoiced at once the change is applied: the scoring-time twin of the CSV's amount.
import type { ErpContext } from '../changes/change-kind.ts';
import { catalogueItem } from '../changes/checks.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import { sameSku } from '../changes/sku.ts';

/**
 * Σ quantity × unit price over the order's lines that are not cancelled, after quantity, price, cancel-line and
 * add-line changes. Null when there is no order, or when the order is cancelled as a whole (nothing to invoice).
 */
export function invoiceAmountAfter(changes: readonly CanonicalChange[], ctx: ErpContext | null): number | null {
  const order = ctx?.order;
  if (!ctx || !order || changes.some((c) => c.kind === 'cancel_order')) return null;
  const lines = order.lines.filter((l) => l.status !== 'cancelled').map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice }));
  for (const c of changes) {
    const line = lines.find((l) => sameSku(l.sku, c.sku));
    if (c.kind === 'quantity' && line && typeof c.to === 'number') line.quantity = c.to;
    else if (c.kind === 'price' && line && typeof c.to === 'number') line.unitPrice = c.to;
    else if (c.kind === 'cancel_line' && line) line.quantity = 0;
    else if (c.kind === 'add_line' && !line && c.sku && typeof c.to === 'number') {
      lines.push({ sku: c.sku, quantity: c.to, unitPrice: catalogueItem(c.sku, ctx)?.unitPrice ?? 0 });
    }
  }
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  return total > 0 ? Math.round(total * 100) / 100 : null;
}
