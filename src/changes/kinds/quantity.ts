// quantity: a new ordered quantity for an existing line.
import { defineChangeKind } from '../change-kind.ts';
import { catalogueItem, checkLineExists, checkStatedFrom, lineOnOrder } from '../checks.ts';
import { quantity } from './values.ts';

export default defineChangeKind({
  kind: 'quantity',
  label: 'Quantity',
  sku: 'required',
  from: quantity.nullable(),
  to: quantity,
  check(change, ctx) {
    const line = lineOnOrder(change, ctx);
    const out = [...checkLineExists(change, ctx), ...checkStatedFrom(change, line?.quantity ?? null, 'the quantity')];
    const item = catalogueItem(change.sku, ctx);
    const increase = Number(change.to) - (line?.quantity ?? 0);
    if (item && increase > item.stock)
      out.push({ code: 'insufficient_stock', severity: 'warning', message: `+${increase} ${item.uom} requested, ${item.stock} in stock` });
    return out;
  },
  toErpActions: (c) => [{ op: 'set_line_quantity', sku: c.sku!, quantity: Number(c.to) }],
});
