// split_shipment: ship what is available now and the rest later (for a line or the order).
import { defineChangeKind } from '../change-kind.ts';
import { checkLineExists } from '../checks.ts';
import { none } from './values.ts';

export default defineChangeKind({
  kind: 'split_shipment',
  label: 'Split shipment',
  sku: 'optional',
  from: none,
  to: none,
  check: checkLineExists,
  toErpActions: (c) => [{ op: 'split_shipment', sku: c.sku }],
});
