// substitution: replace an ordered item (sku) with another item code (to).
import { defineChangeKind } from '../change-kind.ts';
import { checkItemKnown, checkLineExists } from '../checks.ts';
import { text } from './values.ts';

export default defineChangeKind({
  kind: 'substitution',
  label: 'Substitute item',
  sku: 'required',
  from: text.nullable(),
  to: text,
  check: (change, ctx) => [...checkLineExists(change, ctx), ...checkItemKnown(String(change.to), ctx)],
  toErpActions: (c) => [{ op: 'substitute_item', sku: c.sku!, newSku: String(c.to) }],
});
