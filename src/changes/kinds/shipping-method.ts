// shipping_method: a different carrier or service level, as the customer wrote it.
import { defineChangeKind } from '../change-kind.ts';
import { text } from './values.ts';

export default defineChangeKind({
  kind: 'shipping_method',
  label: 'Shipping method',
  sku: 'optional',
  from: text.nullable(),
  to: text,
  check: () => [],
  toErpActions: (c) => [{ op: 'set_shipping_method', method: String(c.to) }],
});
