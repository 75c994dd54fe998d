// What every change kind defines: its value rules, its checks against ERP context, and the ERP actions it produces.
import type { z } from 'zod';
import type { ErpAction, ErpCustomer, ErpItem, ErpOrder } from '../erp/schema.ts';
import type { ChangeKind } from '../triage/taxonomy.ts';
import type { CanonicalChange } from './schema.ts';
import type { Finding } from './finding.ts';

export interface ErpContext {
  order: ErpOrder | null;
  /** The order's customer (credit checks); absent or null when unknown. */
  customer?: ErpCustomer | null;
  /** Catalogue items by normalised sku, for every sku the changes mention (null when the ERP does not know it). */
  items: ReadonlyMap<string, ErpItem | null>;
}

export type CheckResult = Omit<Finding, 'changeIndex'>;

export interface ChangeKindDef {
  kind: ChangeKind;
  label: string;
  /** Whether the change names an order line. */
  sku: 'required' | 'forbidden' | 'optional';
  /** Schemas for `from` and `to` (each must accept null when the value may be absent). */
  from: z.ZodType;
  to: z.ZodType;
  /** Deterministic checks against the ERP; findings are shown to the reviewer. */
  check(change: CanonicalChange, ctx: ErpContext): CheckResult[];
  /** The ERP operation(s) an approved change becomes. */
  toErpActions(change: CanonicalChange): ErpAction[];
}

export const defineChangeKind = (def: ChangeKindDef): ChangeKindDef => def;
