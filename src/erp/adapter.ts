// The ERP adapter interface: everything changedesk asks of an ERP. Implementations: http-adapter.ts (the simulator
// and real ERP gateways speak the same HTTP contract).
import type { ErpCustomer, ErpItem, ErpOrder, ErpPostingPayload, ErpPostingResult } from './schema.ts';

export interface ErpAdapter {
  /** Finds an order by the customer's PO number or the distributor's sales-order number; null when unknown. */
  findOrder(ref: string): Promise<ErpOrder | null>;
  getCustomer(id: string): Promise<ErpCustomer | null>;
  getItem(sku: string): Promise<ErpItem | null>;
  /**
   * Posts an approved change. The same idempotency key posted again must not create a second change: the ERP
   * answers the original result with `replayed: true`. Throws AppError('unavailable') on transient failure and
   * AppError('unprocessable') when the ERP refuses the change for good.
   */
  postChange(payload: ErpPostingPayload, idempotencyKey: string): Promise<ErpPostingResult>;
  /** A cheap liveness probe for /health. */
  ping(): Promise<void>;
}
