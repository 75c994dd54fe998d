// Checks the sample ERP in fixtures/erp: valid against the ERP schemas, consistent, and varied enough to test with.
import { describe, expect, it } from 'vitest';
import { normaliseSku } from '../../changes/sku.ts';
import { defaultSeedDir, erpSeedSchema, loadSeed } from './seed.ts';
import type { ErpSeed } from './seed.ts';

const seed = await loadSeed(defaultSeedDir());

describe('fixtures/erp seed', () => {
  it('has customers, a catalogue and orders of every status the tests need', () => {
    expect(seed.customers.length).toBeGreaterThanOrEqual(6);
    expect(seed.items.length).toBeGreaterThanOrEqual(30);
    expect(seed.orders.length).toBeGreaterThanOrEqual(12);
    const statuses = seed.orders.map((o) => o.status);
    expect(statuses.filter((s) => s === 'open').length).toBeGreaterThan(seed.orders.length / 2);
    expect(statuses).toContain('shipped');
    expect(statuses).toContain('closed');
  });

  it('keys are unique: PO and sales-order numbers, customer ids, normalised item codes', () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    unique(seed.orders.flatMap((o) => [o.poNumber, o.salesOrder]));
    unique(seed.customers.map((c) => c.id));
    unique(seed.items.map((i) => normaliseSku(i.sku)));
  });

  it('orders have 1 to 6 lines numbered from 1', () => {
    for (const o of seed.orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(6);
      expect(o.lines.map((l) => l.lineNo)).toEqual(o.lines.map((_, i) => i + 1));
    }
  });

  it('includes a customer near its credit limit and items low on stock', () => {
    expect(seed.customers.some((c) => c.balance / c.creditLimit > 0.9)).toBe(true);
    expect(seed.items.filter((i) => i.stock < 10).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a seed whose order names an unknown customer or item', () => {
    const broken: ErpSeed = structuredClone(seed);
    broken.orders[0]!.customerId = 'C-9999';
    broken.orders[1]!.lines[0]!.sku = 'NOPE-1';
    const issues = erpSeedSchema.safeParse(broken).error?.issues.map((i) => i.message);
    expect(issues).toEqual(['unknown customer C-9999', 'unknown item NOPE-1']);
  });
});
