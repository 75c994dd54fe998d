// cancel_line: cancel one line of an order.
import { defineChangeKind } from '../change-kind.ts';
import { checkLineExists, lineOnOrder } from '../checks.ts';
import { none } from './values.ts';

export default defineChangeKind({
  kind: 'cancel_line',
  label: 'Cancel line',
  sku: 'required',
  from: none,
  to: none,
  check(change, ctx) {
    const out = checkLineExists(change, ctx);
    if (lineOnOrder(change, ctx)?.status === 'shipped')
      out.push({ code: 'line_shipped', severity: 'error', message: `${change.sku} has already shipped` });
    return out;
  },
  toErpActions: (c) => [{ op: 'cancel_line', sku: c.sku! }],
});
