// Facts a policy decides on that need the ERP: how far prices move against list, and how much order value changes.
import type { ErpContext } from '../changes/change-kind.ts';
import { catalogueItem, lineOnOrder } from '../changes/checks.ts';
import type { CanonicalChange } from '../changes/schema.ts';

export interface PolicyFacts {
  /** The largest |new − list| / list × 100 over the price changes; null when none could be checked. */
  priceDeltaPct: number | null;
  /** Order value the changes move (quantity × price deltas, cancelled and added lines); null without an order. */
  valueAtStake: number | null;
  customerId: string | null;
}

export const noFacts: PolicyFacts = { priceDeltaPct: null, valueAtStake: null, customerId: null };

export function policyFacts(changes: CanonicalChange[], ctx: ErpContext | null): PolicyFacts {
  if (!ctx) return noFacts;
  const deltas = changes.flatMap((c) => {
    const list = c.kind === 'price' ? catalogueItem(c.sku, ctx)?.unitPrice : undefined;
    return list ? [(Math.abs(Number(c.to) - list) / list) * 100] : [];
  });
  return {
    priceDeltaPct: deltas.length ? Math.max(...deltas) : null,
    valueAtStake: ctx.order ? changes.reduce((sum, c) => sum + valueMoved(c, ctx), 0) : null,
    customerId: ctx.order?.customerId ?? null,
  };
}

function valueMoved(c: CanonicalChange, ctx: ErpContext): number {
  const line = lineOnOrder(c, ctx);
  switch (c.kind) {
    case 'quantity': return line ? Math.abs(Number(c.to) - line.quantity) * line.unitPrice : 0;
    case 'price': return line ? Math.abs(Number(c.to) - line.unitPrice) * line.quantity : 0;
    case 'add_line': return Number(c.to) * (catalogueItem(c.sku, ctx)?.unitPrice ?? 0);
    case 'cancel_line': return line ? line.quantity * line.unitPrice : 0;
    case 'cancel_order': return ctx.order!.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    default: return 0;
  }
}
