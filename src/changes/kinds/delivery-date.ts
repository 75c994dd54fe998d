// delivery_date: a new requested delivery date, for one line or the whole order.
import { defineChangeKind } from '../change-kind.ts';
import { checkLineExists } from '../checks.ts';
import { isoDate } from './values.ts';

export default defineChangeKind({
  kind: 'delivery_date',
  label: 'Delivery date',
  sku: 'optional',
  from: isoDate.nullable(),
  to: isoDate,
  check(change, ctx) {
    const out = checkLineExists(change, ctx);
    if (ctx.order && ctx.order.status !== 'open')
      out.push({ code: 'order_not_open', severity: 'warning', message: `order is ${ctx.order.status}; a date change may be too late` });
    return out;
  },
  toErpActions: (c) => [{ op: 'set_delivery_date', sku: c.sku, date: String(c.to) }],
});
