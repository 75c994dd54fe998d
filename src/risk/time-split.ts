// Splits invoices by date, never at random: the latest share is held out, and a day is never cut in two.
import { AppError } from '../shared/errors.ts';

export interface Dated { date: string }

export interface TimeSplit<T> {
  /** Invoices dated strictly before `cutoff`. */
  before: T[];
  /** Invoices dated on or after `cutoff`: the latest `share` of the invoices, rounded up to whole days. */
  after: T[];
  cutoff: string;
}

/**
 * The cutoff is the date of the invoice at position round(n × (1 − share)) in date order; every invoice of that
 * day goes to the later part, so the two parts never share a day (same-day invoices cannot teach each other).
 */
export function splitByDate<T extends Dated>(items: readonly T[], share: number): TimeSplit<T> {
  if (!(share > 0 && share < 1)) throw new AppError('bad_request', `the held-out share must be in (0, 1), got ${share}`);
  const sorted = [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const at = Math.round(sorted.length * (1 - share));
  const cutoff = sorted[Math.min(at, sorted.length - 1)]?.date;
  if (!cutoff) throw new AppError('unprocessable', 'there are no invoices to split');
  const before = sorted.filter((x) => x.date < cutoff);
  const after = sorted.filter((x) => x.date >= cutoff);
  if (!before.length || !after.length) {
    throw new AppError('unprocessable', `a split by date needs invoices on more than one day on both sides of ${cutoff}`);
  }
  return { before, after, cutoff };
}

/**
 * `k` consecutive blocks of about n/k invoices in date order (cut at whole days, like splitByDate): the blocks of
 * forward-chaining, where block i is predicted by a model fitted on blocks 0..i-1 only.
 */
export function chronologicalBlocks<T extends Dated>(items: readonly T[], k: number): T[][] {
  const sorted = [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const cuts = Array.from({ length: k - 1 }, (_, i) => sorted[Math.round((sorted.length * (i + 1)) / k)]?.date);
  const blocks: T[][] = Array.from({ length: k }, () => []);
  for (const item of sorted) blocks[cuts.filter((c) => c !== undefined && item.date >= c).length]!.push(item);
  return blocks.filter((b) => b.length > 0);
}
