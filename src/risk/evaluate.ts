// Scores held-out predictions with the shared metrics (src/ml/metrics.ts), for the model and for the baseline.
import { averagePrecision, brier, ece, reliabilityBins, rocAuc, type Scored } from '../ml/metrics.ts';
import type { HistoryStats } from './history-stats.ts';

export interface Evaluation { rocAuc: number | null; prAuc: number | null; brier: number | null; ece: number | null }

export function evaluate(data: Scored[]): Evaluation {
  return { rocAuc: rocAuc(data), prAuc: averagePrecision(data), brier: brier(data), ece: ece(data) };
}

export { reliabilityBins };

/** The baseline every model must beat: the customer's earlier dispute rate, the prior rate for a new customer. */
export const baselineProbability = (stats: HistoryStats, priorRate: number): number =>
  stats.invoices ? stats.disputed / stats.invoices : priorRate;
