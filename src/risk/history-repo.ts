// Where scoring finds a customer's invoice history: a repository interface, and an in-memory one (CSV or empty).
import type { PastInvoice } from './history-stats.ts';
import { loadMapping, readHistoryCsv } from './read-history.ts';
import type { HistoryInvoice } from './schema.ts';

export interface CustomerHistoryRepo {
  /** The customer's invoices dated strictly before `asOf` (ISO date), oldest first; [] for an unknown customer. */
  invoicesBefore(customerId: string, asOf: string): Promise<PastInvoice[]>;
}

export class InMemoryHistoryRepo implements CustomerHistoryRepo {
  private readonly byCustomer = new Map<string, HistoryInvoice[]>();

  constructor(invoices: readonly HistoryInvoice[] = []) {
    for (const inv of [...invoices].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
      const list = this.byCustomer.get(inv.customerId);
      if (list) list.push(inv);
      else this.byCustomer.set(inv.customerId, [inv]);
    }
  }

  static async fromCsv(csvPath: string, mappingPath: string): Promise<InMemoryHistoryRepo> {
    return new InMemoryHistoryRepo(await readHistoryCsv(csvPath, await loadMapping(mappingPath)));
  }

  async invoicesBefore(customerId: string, asOf: string): Promise<PastInvoice[]> {
    return (this.byCustomer.get(customerId) ?? []).filter((i) => i.date < asOf);
  }
}

export const emptyHistory: CustomerHistoryRepo = new InMemoryHistoryRepo();
