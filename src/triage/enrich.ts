// ERP context for a suggestion: the order it names and the catalogue items its changes mention; and the findings.
import type { ErpContext } from '../changes/change-kind.ts';
import type { Finding } from '../changes/finding.ts';
import { checkChanges } from '../changes/registry.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import { normaliseSku } from '../changes/sku.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import type { ErpItem } from '../erp/schema.ts';

export async function erpContext(erp: ErpAdapter, orderRef: string | null, changes: CanonicalChange[]): Promise<ErpContext> {
  const skus = new Set<string>();
  for (const c of changes) {
    if (c.sku) skus.add(c.sku);
    if (c.kind === 'substitution' && typeof c.to === 'string') skus.add(c.to);
  }
  const [order, ...items] = await Promise.all([orderRef ? erp.findOrder(orderRef) : null, ...[...skus].map((s) => erp.getItem(s))]);
  const byKey = new Map<string, ErpItem | null>([...skus].map((s, i) => [normaliseSku(s), items[i] ?? null]));
  const customer = order ? await erp.getCustomer(order.customerId) : null;
  return { order: order ?? null, customer, items: byKey };
}

/** Days before the requested date within which an order is being picked: changes may no longer make it. */
export const SHIP_CUTOFF_DAYS = 2;

/**
 * Deterministic findings: the order exists and is open, the change comes before the ship cutoff, the customer's
 * credit covers any increase, and each change's own checks. `at` is when the change was asked for.
 */
export function findingsFor(orderRef: string | null, changes: CanonicalChange[], ctx: ErpContext, at: Date = new Date()): Finding[] {
  const out: Finding[] = [];
  const item = (code: string, severity: Finding['severity'], message: string) => out.push({ code, severity, message, changeIndex: null });
  if (!orderRef) item('no_order_ref', 'error', 'no order reference was found: set it before approving');
  else if (!ctx.order) item('order_not_found', 'error', `order ${orderRef} is not in the ERP`);
  else if (ctx.order.status !== 'open') item('order_not_open', 'warning', `order ${orderRef} is ${ctx.order.status}`);
  if (ctx.order?.status === 'open' && changes.length) {
    const daysToShip = (Date.parse(ctx.order.requestedDate) - Date.parse(at.toISOString().slice(0, 10))) / 86_400_000;
    if (daysToShip <= SHIP_CUTOFF_DAYS)
      item('past_ship_cutoff', 'warning', `the order is due ${ctx.order.requestedDate}, ${Math.max(0, daysToShip)} day(s) away: it may already be picked`);
  }
  const increase = valueIncrease(changes, ctx);
  if (ctx.customer && increase > 0 && ctx.customer.balance + increase > ctx.customer.creditLimit)
    item('credit_limit', 'warning', `${ctx.customer.name}: balance ${ctx.customer.balance.toFixed(2)} + ${increase.toFixed(2)} exceeds the credit limit ${ctx.customer.creditLimit.toFixed(2)}`);
  return [...out, ...checkChanges(changes, ctx)];
}

/** The order value the changes add (quantity and price increases, added lines); decreases count zero. */
function valueIncrease(changes: CanonicalChange[], ctx: ErpContext): number {
  return changes.reduce((sum, c) => {
    const line = ctx.order?.lines.find((l) => c.sku != null && normaliseSku(l.sku) === normaliseSku(c.sku));
    if (c.kind === 'quantity' && line) return sum + Math.max(0, Number(c.to) - line.quantity) * line.unitPrice;
    if (c.kind === 'price' && line) return sum + Math.max(0, Number(c.to) - line.unitPrice) * line.quantity;
    if (c.kind === 'add_line' && c.sku) return sum + Number(c.to) * (ctx.items.get(normaliseSku(c.sku))?.unitPrice ?? 0);
    return sum;
  }, 0);
}
