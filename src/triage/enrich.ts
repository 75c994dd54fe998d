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
  return { order: order ?? null, items: byKey };
}

/** Deterministic findings: the order exists and is open, and each change's own checks. */
export function findingsFor(orderRef: string | null, changes: CanonicalChange[], ctx: ErpContext): Finding[] {
  const out: Finding[] = [];
  if (!orderRef) out.push({ code: 'no_order_ref', severity: 'error', message: 'no order reference was found: set it before approving', changeIndex: null });
  else if (!ctx.order) out.push({ code: 'order_not_found', severity: 'error', message: `order ${orderRef} is not in the ERP`, changeIndex: null });
  else if (ctx.order.status !== 'open') out.push({ code: 'order_not_open', severity: 'warning', message: `order ${orderRef} is ${ctx.order.status}`, changeIndex: null });
  return [...out, ...checkChanges(changes, ctx)];
}
