// other: a request no other kind covers; it reaches the ERP only as a note for a person to act on.
import { z } from 'zod';
import { defineChangeKind } from '../change-kind.ts';

const anyValue = z.union([z.number(), z.string()]).nullable();

export default defineChangeKind({
  kind: 'other',
  label: 'Other request',
  sku: 'optional',
  from: anyValue,
  to: anyValue,
  check: () => [{ code: 'manual_action', severity: 'info', message: 'not a structured change: the ERP receives it as a note' }],
  toErpActions: (c) => [{ op: 'add_note', text: [c.sku, c.from, c.to].filter((v) => v != null).join(' → ') || 'customer request' }],
});
