// The change-kind registry: one module per kind; validation and ERP payloads go through here.
import type { z } from 'zod';
import type { ErpAction } from '../erp/schema.ts';
import type { ChangeKind } from '../triage/taxonomy.ts';
import type { ChangeKindDef, ErpContext } from './change-kind.ts';
import type { Finding } from './finding.ts';
import type { CanonicalChange } from './schema.ts';
import addLine from './kinds/add-line.ts';
import cancelLine from './kinds/cancel-line.ts';
import cancelOrder from './kinds/cancel-order.ts';
import deliveryDate from './kinds/delivery-date.ts';
import other from './kinds/other.ts';
import price from './kinds/price.ts';
import quantity from './kinds/quantity.ts';
import shipTo from './kinds/ship-to.ts';
import shippingMethod from './kinds/shipping-method.ts';
import splitShipment from './kinds/split-shipment.ts';
import substitution from './kinds/substitution.ts';

export const changeKindRegistry: Record<ChangeKind, ChangeKindDef> = {
  quantity, add_line: addLine, price, delivery_date: deliveryDate, ship_to: shipTo, substitution,
  cancel_line: cancelLine, cancel_order: cancelOrder, shipping_method: shippingMethod,
  split_shipment: splitShipment, other,
};

export interface ShapeIssue { path: (string | number)[]; message: string }

/** Kind-specific shape rules (sku presence, value types); empty when the change is well-formed. */
export function shapeIssues(change: CanonicalChange): ShapeIssue[] {
  const def = changeKindRegistry[change.kind];
  const issues: ShapeIssue[] = [];
  if (def.sku === 'required' && change.sku == null) issues.push({ path: ['sku'], message: `${change.kind} needs the item code (sku)` });
  if (def.sku === 'forbidden' && change.sku != null) issues.push({ path: ['sku'], message: `${change.kind} applies to the whole order; sku must be null` });
  for (const field of ['from', 'to'] as const) {
    const r = (def[field] as z.ZodType).safeParse(change[field]);
    if (!r.success) issues.push({ path: [field], message: `${change.kind}.${field}: ${r.error.issues[0]?.message ?? 'invalid'}` });
  }
  return issues;
}

/** Runs every change's checks against ERP context; findings carry the index of their change. */
export function checkChanges(changes: CanonicalChange[], ctx: ErpContext): Finding[] {
  return changes.flatMap((c, changeIndex) => changeKindRegistry[c.kind].check(c, ctx).map((f) => ({ ...f, changeIndex })));
}

export const toErpActions = (changes: CanonicalChange[]): ErpAction[] =>
  changes.flatMap((c) => changeKindRegistry[c.kind].toErpActions(c));
