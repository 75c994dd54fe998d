// A customer's invoice history as of a date, from strictly earlier invoices only (same-day invoices never count).
import type { HistoryInvoice } from './schema.ts';

export type PastInvoice = Pick<HistoryInvoice, 'date' | 'amount' | 'disputed'>;

export interface HistoryStats {
  invoices: number;
  disputed: number;
  /** The most recent ten (or fewer) earlier invoices. */
  lastTen: { invoices: number; disputed: number };
  daysSinceLastDispute: number | null;
  medianAmount: number | null;
}

export const RECENT_WINDOW = 10;
const DAY_MS = 86_400_000;

export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Summarises the invoices dated strictly before `asOf` (ISO date); later and same-day ones are ignored here. */
export function historyStats(invoices: readonly PastInvoice[], asOf: string): HistoryStats {
  const earlier = invoices.filter((i) => i.date < asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const recent = earlier.slice(-RECENT_WINDOW);
  const lastDispute = earlier.findLast((i) => i.disputed);
  return {
    invoices: earlier.length,
    disputed: earlier.filter((i) => i.disputed).length,
    lastTen: { invoices: recent.length, disputed: recent.filter((i) => i.disputed).length },
    daysSinceLastDispute: lastDispute ? daysBetween(lastDispute.date, asOf) : null,
    medianAmount: median(earlier.map((i) => i.amount).filter((a) => a > 0)),
  };
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Each invoice with its customer's stats from strictly earlier invoices: the leak-free input of training. */
export function withHistory<T extends HistoryInvoice>(invoices: readonly T[]): { invoice: T; stats: HistoryStats }[] {
  const byCustomer = new Map<string, T[]>();
  for (const inv of invoices) {
    const list = byCustomer.get(inv.customerId);
    if (list) list.push(inv);
    else byCustomer.set(inv.customerId, [inv]);
  }
  return invoices.map((invoice) => ({ invoice, stats: historyStats(byCustomer.get(invoice.customerId)!, invoice.date) }));
}
