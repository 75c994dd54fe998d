// The risk step of triage and edits: finds the customer's history and scores the item (the prior without a model).
import type { ErpContext } from '../changes/change-kind.ts';
import type { CanonicalChange } from '../changes/schema.ts';
import type { DisputeRisk } from '../triage/schema.ts';
import type { Category } from '../triage/taxonomy.ts';
import { emptyHistory, type CustomerHistoryRepo } from './history-repo.ts';
import { scoreRisk } from './score.ts';
import type { RiskModel } from './schema.ts';

export interface RiskRequest {
  changes: readonly CanonicalChange[];
  category: Category;
  erp: ErpContext | null;
  /** When the change is reviewed (an ISO timestamp or date): the history is what was invoiced before that day. */
  at: string;
  /** Values of the model's extras when the caller knows them (see the mapping's `extras`). */
  extras?: Record<string, string | number | null>;
}

export interface RiskScorer {
  score(request: RiskRequest): Promise<DisputeRisk>;
}

export interface RiskScorerOptions {
  /** The trained model; null uses the documented prior and marks every item `isPrior: true`. */
  model: RiskModel | null;
  history?: CustomerHistoryRepo;
}

export function createRiskScorer({ model, history = emptyHistory }: RiskScorerOptions): RiskScorer {
  return {
    async score({ changes, category, erp, at, extras }) {
      const asOf = at.slice(0, 10);
      const customerId = erp?.order?.customerId ?? null;
      const past = model && customerId ? await history.invoicesBefore(customerId, asOf) : null;
      return scoreRisk(model, { changes, category, erp, asOf, history: past, ...(extras ? { extras } : {}) });
    },
  };
}

/** The scorer used when none is configured: the documented prior. */
export const priorScorer: RiskScorer = createRiskScorer({ model: null });
