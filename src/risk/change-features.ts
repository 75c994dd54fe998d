// Features of the change under review (kind, category, price and quantity deltas, timing against the ship date)
// and their documented log-odds: history CSVs do not record the change behind an invoice, so these are not learned.
import type { ErpContext } from '../changes/change-kind.ts';
import { catalogueItem, lineOnOrder } from '../changes/checks.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import type { Category } from '../triage/taxonomy.ts';
import { daysBetween } from './history-stats.ts';
import type { ChangeOffsets } from './schema.ts';

/**
 * Odds multipliers (as log-odds) on top of the customer's learned risk. The kind and category weights are those
 * of the documented prior (src/triage/risk-prior.ts); the ERP-context weights are judgement, not fitted: see
 * src/risk/README.md. A trained model file records the table it was shipped with.
 */
export const DEFAULT_CHANGE_OFFSETS: ChangeOffsets = {
  version: 'change-offsets-v1',
  source: 'documented-prior',
  offsets: {
    'kind:price': 1.4,
    'kind:cancel_order': 0.8,
    'kind:cancel_line': 0.6,
    'kind:ship_to': 0.6,
    'kind:substitution': 0.5,
    'kind:split_shipment': 0.3,
    'category:invoice_dispute': 2.2,
    'category:credit_payment': 0.7,
    'category:return_request': 0.6,
    /** Per 10% between the requested and the contract (order line) or list price, at most 4 steps. */
    'price_delta_per_10pct': 0.2,
    /** A quantity moved by half the ordered amount or more. */
    'quantity_delta_large': 0.3,
    /** The order (or the changed line) has already shipped or is closed. */
    'after_ship': 1.0,
    /** The change arrives within NEAR_SHIP_DAYS of the requested ship date. */
    'near_ship_date': 0.4,
  },
};

export const NEAR_SHIP_DAYS = 3;

const kindTexts: Record<string, string> = {
  price: 'price changes are the most disputed kind of change',
  cancel_order: 'whole-order cancellations are often disputed when goods were already picked',
  cancel_line: 'cancellations are often disputed when goods were already picked',
  ship_to: 'address changes lead to mis-deliveries that end in disputes',
  substitution: 'substituted items are disputed when the customer did not expect them',
  split_shipment: 'split shipments are invoiced in parts, and a missing part gets the invoice disputed',
};
const categoryTexts: Record<string, string> = {
  invoice_dispute: 'the customer is already questioning an invoice',
  credit_payment: 'the message is about credit or payment',
  return_request: 'returns often end in credit disputes',
};

export interface ChangeFactor { factor: string; weight: number; text: string }

export interface ChangeInput {
  changes: readonly CanonicalChange[];
  category: Category;
  erp: ErpContext | null;
  /** The day the change is reviewed (ISO date). */
  asOf: string;
}

/** The change's factors with their log-odds from the table; a factor whose offset is absent or 0 is left out. */
export function changeFactors(input: ChangeInput, table: ChangeOffsets): ChangeFactor[] {
  const w = (key: string) => table.offsets[key] ?? 0;
  const out: ChangeFactor[] = [];
  for (const kind of new Set(input.changes.map((c) => c.kind))) {
    out.push({ factor: `kind:${kind}`, weight: w(`kind:${kind}`), text: kindTexts[kind] ?? `a ${kind.replaceAll('_', ' ')} change` });
  }
  out.push({ factor: `category:${input.category}`, weight: w(`category:${input.category}`), text: categoryTexts[input.category] ?? `the message is a ${input.category.replaceAll('_', ' ')}` });
  if (input.erp) out.push(...erpFactors(input, input.erp, w));
  return out.filter((f) => f.weight !== 0);
}

function erpFactors(input: ChangeInput, ctx: ErpContext, w: (key: string) => number): ChangeFactor[] {
  const out: ChangeFactor[] = [];
  const priceDelta = largestPriceDelta(input.changes, ctx);
  if (priceDelta) {
    const steps = Math.min(4, Math.abs(priceDelta.delta) / 0.1);
    const pct = Math.round(Math.abs(priceDelta.delta) * 100);
    out.push({ factor: 'price_delta', weight: w('price_delta_per_10pct') * steps, text: `the requested price of ${priceDelta.sku} is ${pct}% ${priceDelta.delta < 0 ? 'below' : 'above'} the ${priceDelta.basis} price (${priceDelta.reference})` });
  }
  const qty = largestQuantityDelta(input.changes, ctx);
  if (qty && Math.abs(qty.delta) >= 0.5) {
    out.push({ factor: 'quantity_delta', weight: w('quantity_delta_large'), text: `the quantity of ${qty.sku} changes by ${qty.delta > 0 ? '+' : ''}${Math.round(qty.delta * 100)}% (${qty.from} → ${qty.to})` });
  }
  const order = ctx.order;
  const shippedLine = input.changes.map((c) => lineOnOrder(c, ctx)).find((l) => l?.status === 'shipped');
  if (order && (order.status === 'shipped' || order.status === 'closed' || shippedLine)) {
    const what = shippedLine && order.status === 'open' ? `line ${shippedLine.sku} has` : `the order is ${order.status} and`;
    out.push({ factor: 'after_ship', weight: w('after_ship'), text: `${what} already left the warehouse: changes after shipment are often disputed` });
  } else if (order && order.status === 'open') {
    const days = daysBetween(input.asOf, order.requestedDate);
    if (days >= 0 && days <= NEAR_SHIP_DAYS) {
      out.push({ factor: 'near_ship_date', weight: w('near_ship_date'), text: `the order ships ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`} (${order.requestedDate}): late changes are easily missed` });
    }
  }
  return out;
}

/** The price change furthest from its reference: the order line's (contract) price, else the catalogue (list) price. */
export function largestPriceDelta(changes: readonly CanonicalChange[], ctx: ErpContext) {
  let best: { sku: string; delta: number; basis: 'contract' | 'list'; reference: number } | null = null;
  for (const c of changes) {
    if (c.kind !== 'price' || typeof c.to !== 'number' || !c.sku) continue;
    const line = lineOnOrder(c, ctx);
    const list = catalogueItem(c.sku, ctx)?.unitPrice;
    const [basis, reference] = line ? (['contract', line.unitPrice] as const) : (['list', list] as const);
    if (!reference) continue;
    const delta = (c.to - reference) / reference;
    if (!best || Math.abs(delta) > Math.abs(best.delta)) best = { sku: c.sku, delta, basis, reference };
  }
  return best;
}

/** The quantity change furthest (relatively) from the ordered quantity. */
export function largestQuantityDelta(changes: readonly CanonicalChange[], ctx: ErpContext) {
  let best: { sku: string; delta: number; from: number; to: number } | null = null;
  for (const c of changes) {
    if (c.kind !== 'quantity' || typeof c.to !== 'number' || !c.sku) continue;
    const line = lineOnOrder(c, ctx);
    if (!line || line.quantity <= 0) continue;
    const delta = (c.to - line.quantity) / line.quantity;
    if (!best || Math.abs(delta) > Math.abs(best.delta)) best = { sku: c.sku, delta, from: line.quantity, to: c.to };
  }
  return best;
}
