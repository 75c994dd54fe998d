// The simulator's in-memory ERP: a deep copy of the seed plus every posting, optionally mirrored to a JSON file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normaliseSku } from '../../changes/sku.ts';
import { erpOrderSchema, erpPostingPayloadSchema, erpPostingResultSchema } from '../schema.ts';
import type { ErpItem, ErpOrder } from '../schema.ts';
import type { Faults } from './faults.ts';
import type { ErpSeed } from './seed.ts';

/** A recorded posting: the result the ERP answered (minus `replayed`, which depends on the asker) and its payload. */
export const simPostingSchema = erpPostingResultSchema.omit({ replayed: true }).extend({ payload: erpPostingPayloadSchema });
export type SimPosting = z.infer<typeof simPostingSchema>;

/** What survives a restart: postings and the orders they changed; customers and items come from the seed again. */
export const persistedStateSchema = z.object({ orders: z.array(erpOrderSchema), postings: z.array(simPostingSchema) });

export type SimState = ErpSeed & { postings: SimPosting[]; faults: Faults };

export const createSimState = (seed: ErpSeed, faults: Faults = {}): SimState => ({
  ...structuredClone(seed),
  postings: [],
  faults: { ...faults },
});

/** Customers quote "PO# 88123", "po-88123" or "88123" for PO-88123: case, punctuation and a PO prefix do not matter. */
export const orderRefKey = (ref: string): string => ref.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^PO(?=\d)/, '');

export function findOrder(state: SimState, ref: string): ErpOrder | null {
  const key = orderRefKey(ref);
  return state.orders.find((o) => orderRefKey(o.poNumber) === key || orderRefKey(o.salesOrder) === key) ?? null;
}

export const findItem = (state: SimState, sku: string): ErpItem | null =>
  state.items.find((i) => normaliseSku(i.sku) === normaliseSku(sku)) ?? null;

export const findPosting = (state: SimState, idempotencyKey: string): SimPosting | null =>
  state.postings.find((p) => p.idempotencyKey === idempotencyKey) ?? null;

/**
 * Restores the postings saved in `file`, and the saved version of every seed order (matched by sales order), so an
 * order added to the seed since the file was written still appears.
 */
export function restoreState(state: SimState, file: string): void {
  if (!existsSync(file)) return;
  const saved = persistedStateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const savedOrders = new Map(saved.orders.map((o) => [o.salesOrder, o]));
  state.orders = state.orders.map((o) => savedOrders.get(o.salesOrder) ?? o);
  state.postings = saved.postings;
}

/** Writes orders and postings to `file` via a temporary file and a rename, so a crash never leaves half a file. */
export function saveState(state: SimState, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ orders: state.orders, postings: state.postings }, null, 2));
  renameSync(tmp, file);
}
