// Checks shared by several change kinds (the line exists on the order, the item exists in the catalogue).
import type { CanonicalChange } from './schema.ts';
import type { CheckResult, ErpContext } from './change-kind.ts';
import { normaliseSku, sameSku } from './sku.ts';

export function lineOnOrder(change: CanonicalChange, ctx: ErpContext) {
  return ctx.order?.lines.find((l) => sameSku(l.sku, change.sku)) ?? null;
}

/** The change names a line the order does not have. */
export function checkLineExists(change: CanonicalChange, ctx: ErpContext): CheckResult[] {
  if (!ctx.order || change.sku == null || lineOnOrder(change, ctx)) return [];
  return [{ code: 'line_not_on_order', severity: 'warning', message: `${change.sku} is not a line of order ${ctx.order.poNumber}` }];
}

export function catalogueItem(sku: string | null, ctx: ErpContext) {
  return sku == null ? null : (ctx.items.get(normaliseSku(sku)) ?? null);
}

export function checkItemKnown(sku: string | null, ctx: ErpContext): CheckResult[] {
  if (sku == null || catalogueItem(sku, ctx)) return [];
  return [{ code: 'unknown_item', severity: 'error', message: `item ${sku} is not in the ERP catalogue` }];
}

/** The customer stated an old value that disagrees with the ERP: the reviewer should look before approving. */
export function checkStatedFrom(change: CanonicalChange, actual: number | string | null, what: string): CheckResult[] {
  if (change.from == null || actual == null || String(change.from) === String(actual)) return [];
  return [{ code: 'from_mismatch', severity: 'warning', message: `customer says ${what} was ${change.from}; the ERP has ${actual}` }];
}
