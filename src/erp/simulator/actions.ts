// How the simulated ERP applies posted actions to an order: one small handler per op, all-or-nothing per posting.
import { sameSku } from '../../changes/sku.ts';
import { AppError } from '../../shared/errors.ts';
import type { ErpAction, ErpItem, ErpOrder } from '../schema.ts';

type Op = ErpAction['op'];
type ActionOf<K extends Op> = Extract<ErpAction, { op: K }>;
type FindItem = (sku: string) => ErpItem | null;
type Handler<K extends Op> = (order: ErpOrder, action: ActionOf<K>, findItem: FindItem) => void;

const refuse = (message: string): never => {
  throw new AppError('unprocessable', message);
};

const openLine = (order: ErpOrder, sku: string) =>
  order.lines.find((l) => l.status === 'open' && sameSku(l.sku, sku)) ??
  refuse(`order ${order.poNumber} has no open line for ${sku}`);

const catalogueItem = (findItem: FindItem, sku: string) => findItem(sku) ?? refuse(`unknown item ${sku}`);

const handlers: { [K in Op]: Handler<K> } = {
  set_line_quantity: (order, a) => void (openLine(order, a.sku).quantity = a.quantity),
  add_line: (order, a, findItem) => {
    const item = catalogueItem(findItem, a.sku);
    const lineNo = Math.max(0, ...order.lines.map((l) => l.lineNo)) + 1;
    order.lines.push({ lineNo, sku: item.sku, quantity: a.quantity, unitPrice: item.unitPrice, status: 'open' });
  },
  cancel_line: (order, a) => void (openLine(order, a.sku).status = 'cancelled'),
  set_unit_price: (order, a) => void (openLine(order, a.sku).unitPrice = a.unitPrice),
  // The simulated ERP keeps one requested date per order, so a line's new date moves the order's date.
  set_delivery_date: (order, a) => {
    if (a.sku != null) openLine(order, a.sku);
    order.requestedDate = a.date;
  },
  set_ship_to: (order, a) => void (order.shipTo = a.address),
  // A substitute is a different article: it ships at its own list price, not at the replaced item's price.
  substitute_item: (order, a, findItem) => {
    const line = openLine(order, a.sku);
    const item = catalogueItem(findItem, a.newSku);
    Object.assign(line, { sku: item.sku, unitPrice: item.unitPrice });
  },
  set_shipping_method: (order, a) => void (order.shippingMethod = a.method),
  // Shipment splits and notes are recorded with the posting only; the order record has no place for them.
  split_shipment: (order, a) => {
    if (a.sku != null) openLine(order, a.sku);
  },
  cancel_order: (order) => {
    order.status = 'cancelled';
    for (const line of order.lines) if (line.status === 'open') line.status = 'cancelled';
  },
  add_note: () => {},
};

/**
 * Returns the order with every action applied, or throws AppError('unprocessable') and changes nothing: a real ERP
 * refuses a posting as a whole, and a half-applied change would not match what was approved.
 */
export function applyActions(order: ErpOrder, actions: ErpAction[], findItem: FindItem): ErpOrder {
  if (order.status !== 'open') refuse(`order ${order.poNumber} is ${order.status} and can no longer be changed`);
  const next = structuredClone(order);
  for (const action of actions) (handlers[action.op] as Handler<Op>)(next, action, findItem);
  return next;
}
