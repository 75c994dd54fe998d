// The learned features: the customer's dispute history and the amount against its norm, plus the mapping's extras.
import type { HistoryStats } from './history-stats.ts';

/** What a feature is computed from, at training time (a CSV row) and at scoring time (a review item) alike. */
export interface FeatureContext {
  /** Null when the customer is not known (no ERP order): every history feature is then unknown. */
  stats: HistoryStats | null;
  /** The invoice amount; at scoring time the order total after the change, null when unknown. */
  amount: number | null;
  priorRate: number;
  smoothing: number;
  extras: Record<string, string | number | null>;
}

export interface HistoryFeature {
  name: string;
  /** The raw value; null means unknown and is scored as the training mean (no contribution). */
  value(ctx: FeatureContext): number | null;
  /** The fact behind the contribution, in words a rep understands (only asked when the value is known). */
  text(ctx: FeatureContext): string;
}

type Known = FeatureContext & { stats: HistoryStats };
/** A history feature: unknown without a customer history, else computed from it. */
const fromHistory = (name: string, value: (c: Known) => number | null, text: (c: Known) => string): HistoryFeature => ({
  name,
  value: (c) => (c.stats ? value(c as Known) : null),
  text: (c) => (c.stats ? text(c as Known) : 'the customer is not known'),
});

/** Days since the last dispute are capped here, and a customer without one counts as this long ago. */
export const RECENCY_CAP_DAYS = 730;

const logit = (p: number) => Math.log(p / (1 - p));
const pct = (p: number) => `${Math.round(p * 100)}%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The customer's own dispute rate pulled towards the prior by `smoothing` pseudo-invoices (a beta prior). */
export const smoothedRate = (c: Pick<Known, 'stats' | 'priorRate' | 'smoothing'>) =>
  (c.stats.disputed + c.smoothing * c.priorRate) / (c.stats.invoices + c.smoothing);

export const historyFeatures: HistoryFeature[] = [
  fromHistory(
    'dispute_rate',
    (c) => logit(smoothedRate(c)),
    (c) => c.stats.invoices
      ? `customer disputed ${c.stats.disputed} of its ${plural(c.stats.invoices, 'earlier invoice')} (${pct(c.stats.disputed / c.stats.invoices)}; typical ${pct(c.priorRate)})`
      : `new customer: no earlier invoices on record, so the typical rate (${pct(c.priorRate)}) is assumed`,
  ),
  fromHistory(
    'recent_dispute_rate',
    (c) => logit((c.stats.lastTen.disputed + c.priorRate) / (c.stats.lastTen.invoices + 1)),
    (c) => c.stats.lastTen.invoices
      ? `customer disputed ${c.stats.lastTen.disputed} of its last ${plural(c.stats.lastTen.invoices, 'invoice')}`
      : 'no recent invoices of this customer on record',
  ),
  fromHistory(
    'days_since_dispute',
    (c) => Math.log1p(Math.min(RECENCY_CAP_DAYS, c.stats.daysSinceLastDispute ?? RECENCY_CAP_DAYS)),
    (c) => c.stats.daysSinceLastDispute === null
      ? 'customer has no dispute on record'
      : `customer's last dispute was ${plural(c.stats.daysSinceLastDispute, 'day')} ago`,
  ),
  fromHistory(
    'invoice_count',
    (c) => Math.log1p(c.stats.invoices),
    (c) => `customer has ${plural(c.stats.invoices, 'earlier invoice')} on record`,
  ),
  fromHistory(
    'amount_vs_norm',
    (c) => (c.amount && c.amount > 0 && c.stats.medianAmount ? Math.log(c.amount / c.stats.medianAmount) : null),
    (c) => `this invoice (${money(c.amount ?? 0)}) is ${ratio(c.amount ?? 0, c.stats.medianAmount ?? 1)} the customer's usual amount (${money(c.stats.medianAmount ?? 0)})`,
  ),
];

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×`;

export interface ExtraSpec { name: string; type: 'categorical' | 'numeric'; levels: string[] }

/** One feature per numeric extra, one indicator per level of a categorical extra (`<name>=<level>`). */
export function extraFeatures(specs: readonly ExtraSpec[]): HistoryFeature[] {
  return specs.flatMap((x): HistoryFeature[] => x.type === 'numeric'
    ? [{ name: x.name, value: (c) => num(c.extras[x.name]), text: (c) => `${x.name.replaceAll('_', ' ')} is ${c.extras[x.name] ?? 'unknown'}` }]
    : x.levels.map((level) => ({
      name: `${x.name}=${level}`,
      value: (c) => levelIndicator(c.extras[x.name], x.levels, level),
      text: (c) => `${x.name.replaceAll('_', ' ')} is ${c.extras[x.name] ?? 'unknown'}`,
    })));
}

/** Unknown, or a level training never saw: null (typical). */
const levelIndicator = (v: string | number | null | undefined, levels: string[], level: string) =>
  v == null || !levels.includes(String(v)) ? null : String(v) === level ? 1 : 0;
const num = (v: string | number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
