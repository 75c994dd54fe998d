// ERP records and the posting contract: what changedesk reads from the ERP and the exact payload it posts.
import { z } from 'zod';

export const erpItemSchema = z.object({
  sku: z.string(),
  description: z.string(),
  unitPrice: z.number().nonnegative(),
  stock: z.number().int().nonnegative(),
  uom: z.string().default('EA'),
});
export type ErpItem = z.infer<typeof erpItemSchema>;

export const erpCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  emailDomains: z.array(z.string()).default([]),
  creditLimit: z.number().nonnegative(),
  balance: z.number(),
});
export type ErpCustomer = z.infer<typeof erpCustomerSchema>;

export const erpOrderLineSchema = z.object({
  lineNo: z.number().int().positive(),
  sku: z.string(),
  quantity: z.number().nonnegative(),
  unitPrice: z.number().nonnegative(),
  status: z.enum(['open', 'shipped', 'cancelled']).default('open'),
});

export const erpOrderSchema = z.object({
  /** The customer's purchase-order number, as customers quote it. */
  poNumber: z.string(),
  /** The distributor's own sales-order number. */
  salesOrder: z.string(),
  customerId: z.string(),
  status: z.enum(['open', 'shipped', 'closed', 'cancelled']),
  orderDate: z.iso.date(),
  requestedDate: z.iso.date(),
  shipTo: z.string(),
  shippingMethod: z.string(),
  lines: z.array(erpOrderLineSchema),
});
export type ErpOrder = z.infer<typeof erpOrderSchema>;

/** One operation the ERP applies to an order; produced by the change-kind registry from an approved change. */
export const erpActionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set_line_quantity'), sku: z.string(), quantity: z.number().nonnegative() }),
  z.object({ op: z.literal('add_line'), sku: z.string(), quantity: z.number().positive() }),
  z.object({ op: z.literal('cancel_line'), sku: z.string() }),
  z.object({ op: z.literal('set_unit_price'), sku: z.string(), unitPrice: z.number().nonnegative() }),
  z.object({ op: z.literal('set_delivery_date'), sku: z.string().nullable(), date: z.iso.date() }),
  z.object({ op: z.literal('set_ship_to'), address: z.string().min(1) }),
  z.object({ op: z.literal('substitute_item'), sku: z.string(), newSku: z.string() }),
  z.object({ op: z.literal('set_shipping_method'), method: z.string().min(1) }),
  z.object({ op: z.literal('split_shipment'), sku: z.string().nullable() }),
  z.object({ op: z.literal('cancel_order') }),
  z.object({ op: z.literal('add_note'), text: z.string() }),
]);
export type ErpAction = z.infer<typeof erpActionSchema>;

/** The payload approved by a human and posted unchanged; its canonical hash is recorded at approval. */
export const erpPostingPayloadSchema = z.object({
  orderRef: z.string(),
  reviewItemId: z.string(),
  version: z.number().int().positive(),
  actions: z.array(erpActionSchema).min(1),
  approvedBy: z.array(z.string()).min(1),
});
export type ErpPostingPayload = z.infer<typeof erpPostingPayloadSchema>;

/** What the ERP answers to a posting (a repeated idempotency key answers the original result). */
export const erpPostingResultSchema = z.object({
  postingId: z.string(),
  idempotencyKey: z.string(),
  payloadHash: z.string(),
  replayed: z.boolean(),
  postedAt: z.string(),
});
export type ErpPostingResult = z.infer<typeof erpPostingResultSchema>;
