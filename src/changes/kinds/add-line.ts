// add_line: a new line on an existing order.
import { defineChangeKind } from '../change-kind.ts';
import { catalogueItem, checkItemKnown } from '../checks.ts';
import { none, quantity } from './values.ts';

export default defineChangeKind({
  kind: 'add_line',
  label: 'Add line',
  sku: 'required',
  from: none,
  to: quantity.positive(),
  check(change, ctx) {
    const out = checkItemKnown(change.sku, ctx);
    const item = catalogueItem(change.sku, ctx);
    if (item && Number(change.to) > item.stock)
      out.push({ code: 'insufficient_stock', severity: 'warning', message: `${change.to} ${item.uom} requested, ${item.stock} in stock` });
    return out;
  },
  toErpActions: (c) => [{ op: 'add_line', sku: c.sku!, quantity: Number(c.to) }],
});
