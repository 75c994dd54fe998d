// Scores one review item: the learned customer risk plus the change's documented log-odds, with the reasons in words.
import type { ErpContext } from '../changes/change-kind.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import { priorRisk } from '../triage/risk-prior.ts';
import type { DisputeRisk } from '../triage/schema.ts';
import { bandOf, type Category } from '../triage/taxonomy.ts';
import { changeFactors } from './change-features.ts';
import { historyStats, type PastInvoice } from './history-stats.ts';
import { invoiceAmountAfter } from './invoice-amount.ts';
import { sigmoid } from './logistic.ts';
import { learnedLogOdds } from './predict.ts';
import type { RiskModel } from './schema.ts';

export interface ScoreInput {
  changes: readonly CanonicalChange[];
  category: Category;
  /** The order and items from the ERP; null when there is no ERP or no order reference. */
  erp: ErpContext | null;
  /** The day of the review (ISO date): only invoices before it count as history. */
  asOf: string;
  /** The customer's earlier invoices; null when the customer is not known. */
  history: readonly PastInvoice[] | null;
  /** Values of the model's extras (the mapping's optional columns) when the caller knows them. */
  extras?: Record<string, string | number | null>;
}

export const MAX_FACTORS = 5;
/** Contributions under 0.1 in log-odds (odds moved by less than ~10%) are not worth a rep's attention. */
export const MIN_FACTOR_WEIGHT = 0.1;

/** Without a model the documented prior (isPrior: true); with one, a calibrated probability and its top factors. */
export function scoreRisk(model: RiskModel | null, input: ScoreInput): DisputeRisk {
  if (!model) return priorRisk([...input.changes], input.category);
  const stats = input.history ? historyStats(input.history, input.asOf) : null;
  const learned = learnedLogOdds(model, {
    stats, amount: invoiceAmountAfter(input.changes, input.erp), priorRate: model.priorRate, smoothing: model.smoothing, extras: input.extras ?? {},
  });
  const change = changeFactors(input, model.changeOffsets);
  const probability = sigmoid(learned.logOdds + change.reduce((s, f) => s + f.weight, 0));
  const factors = [
    ...learned.contributions.map((c) => ({ factor: c.name, weight: round(c.weight), text: c.text })),
    ...change.map((f) => ({ ...f, weight: round(f.weight) })),
  ].filter((f) => Math.abs(f.weight) >= MIN_FACTOR_WEIGHT).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, MAX_FACTORS);
  if (!stats) factors.push({ factor: 'customer_unknown', weight: 0, text: 'the order is not in the ERP, so the customer and its dispute history are unknown' });
  if (!factors.length) factors.push({ factor: 'typical', weight: 0, text: `nothing stands out: a typical invoice (${Math.round(sigmoid(learned.base) * 100)}% of invoices like it are disputed)` });
  return { probability, band: bandOf(probability), factors, modelVersion: model.version, isPrior: false };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Adds documented log-odds factors from outside the model (the LLM's dispute signals) to a scored risk: the
 * probability moves by their sum and they join the factors a rep sees, strongest first.
 */
export function withExtraFactors(risk: DisputeRisk, extra: DisputeRisk['factors']): DisputeRisk {
  if (!extra.length) return risk;
  const p = Math.min(1 - 1e-9, Math.max(1e-9, risk.probability));
  const probability = sigmoid(Math.log(p / (1 - p)) + extra.reduce((s, f) => s + f.weight, 0));
  const factors = [...extra, ...risk.factors.filter((f) => f.weight !== 0)].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, MAX_FACTORS);
  return { ...risk, probability, band: bandOf(probability), factors };
}
