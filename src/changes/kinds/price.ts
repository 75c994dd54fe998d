// price: a new unit price for a line.
import { defineChangeKind } from '../change-kind.ts';
import { catalogueItem, checkLineExists, checkStatedFrom, lineOnOrder } from '../checks.ts';
import { money } from './values.ts';

export default defineChangeKind({
  kind: 'price',
  label: 'Unit price',
  sku: 'required',
  from: money.nullable(),
  to: money,
  check(change, ctx) {
    const line = lineOnOrder(change, ctx);
    const out = [...checkLineExists(change, ctx), ...checkStatedFrom(change, line?.unitPrice ?? null, 'the unit price')];
    const list = catalogueItem(change.sku, ctx)?.unitPrice;
    if (list) {
      const delta = ((Number(change.to) - list) / list) * 100;
      out.push({ code: 'price_vs_list', severity: Math.abs(delta) > 5 ? 'warning' : 'info', message: `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}% against list price ${list}` });
    }
    return out;
  },
  toErpActions: (c) => [{ op: 'set_unit_price', sku: c.sku!, unitPrice: Number(c.to) }],
});
