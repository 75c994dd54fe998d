// The simulator's seed data (customers, items, orders) and how it is read from a folder of JSON files.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { normaliseSku } from '../../changes/sku.ts';
import { erpCustomerSchema, erpItemSchema, erpOrderSchema } from '../schema.ts';

export const erpSeedSchema = z
  .object({
    customers: z.array(erpCustomerSchema),
    items: z.array(erpItemSchema),
    orders: z.array(erpOrderSchema),
  })
  .superRefine((seed, ctx) => {
    // A dangling reference would surface much later as a confusing 404 in some unrelated test.
    const customers = new Set(seed.customers.map((c) => c.id));
    const skus = new Set(seed.items.map((i) => normaliseSku(i.sku)));
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    seed.orders.forEach((o, i) => {
      if (!customers.has(o.customerId)) issue(['orders', i, 'customerId'], `unknown customer ${o.customerId}`);
      o.lines.forEach((l, j) => {
        if (!skus.has(normaliseSku(l.sku))) issue(['orders', i, 'lines', j, 'sku'], `unknown item ${l.sku}`);
      });
    });
  });
export type ErpSeed = z.infer<typeof erpSeedSchema>;

const seedFiles = ['customers', 'items', 'orders'] as const;

/** Reads `customers.json`, `items.json` and `orders.json` from `dir`; a bad record fails naming its path. */
export async function loadSeed(dir: string): Promise<ErpSeed> {
  const entries = await Promise.all(
    seedFiles.map(async (name) => [name, JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8'))] as const),
  );
  const parsed = erpSeedSchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) throw new Error(`invalid ERP seed in ${dir}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The repository's own sample ERP (fixtures/erp), resolved from this file so any working directory works. */
export const defaultSeedDir = (): string => path.resolve(import.meta.dirname, '../../../fixtures/erp');
