// ship_to: a new delivery address for the order.
import { defineChangeKind } from '../change-kind.ts';
import { text } from './values.ts';

export default defineChangeKind({
  kind: 'ship_to',
  label: 'Ship-to address',
  sku: 'forbidden',
  from: text.nullable(),
  to: text,
  check: () => [],
  toErpActions: (c) => [{ op: 'set_ship_to', address: String(c.to) }],
});
