// cancel_order: cancel the whole order.
import { defineChangeKind } from '../change-kind.ts';
import { none } from './values.ts';

export default defineChangeKind({
  kind: 'cancel_order',
  label: 'Cancel order',
  sku: 'forbidden',
  from: none,
  to: none,
  check: (_change, ctx) =>
    ctx.order && ctx.order.status !== 'open'
      ? [{ code: 'order_not_open', severity: 'error', message: `order is ${ctx.order.status} and cannot be cancelled` }]
      : [],
  toErpActions: () => [{ op: 'cancel_order' }],
});
