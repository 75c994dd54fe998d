// The default taxonomy of PRODUCT.md: change kinds, categories, and the precedence that picks one primary category.
import { z } from 'zod';

export const changeKinds = [
  'quantity', 'delivery_date', 'price', 'ship_to', 'substitution', 'add_line',
  'cancel_line', 'cancel_order', 'shipping_method', 'split_shipment', 'other',
] as const;
export const changeKindSchema = z.enum(changeKinds);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/** Categories in precedence order: when a message asks for several kinds of change, the first wins. */
export const categories = [
  'cancellation', 'invoice_dispute', 'credit_payment', 'price_change', 'address_change', 'substitution',
  'quantity_change', 'date_change', 'return_request', 'duplicate_order', 'status_inquiry', 'other',
] as const;
export const categorySchema = z.enum(categories);
export type Category = z.infer<typeof categorySchema>;

export const categoryOfKind: Record<ChangeKind, Category | null> = {
  quantity: 'quantity_change',
  add_line: 'quantity_change',
  delivery_date: 'date_change',
  shipping_method: 'date_change',
  split_shipment: 'date_change',
  price: 'price_change',
  ship_to: 'address_change',
  substitution: 'substitution',
  cancel_line: 'cancellation',
  cancel_order: 'cancellation',
  other: null,
};

/** The primary category implied by a set of change kinds, or null when no kind implies one. */
export function primaryCategory(kinds: Iterable<ChangeKind>, extra: Iterable<Category> = []): Category | null {
  const found = new Set<Category>(extra);
  for (const k of kinds) {
    const c = categoryOfKind[k];
    if (c) found.add(c);
  }
  return categories.find((c) => found.has(c)) ?? null;
}

export type RiskBand = 'low' | 'medium' | 'high';
export const riskBandSchema = z.enum(['low', 'medium', 'high']);
export const bandOf = (p: number): RiskBand => (p < 0.2 ? 'low' : p < 0.5 ? 'medium' : 'high');
