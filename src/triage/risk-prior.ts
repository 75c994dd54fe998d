// Dispute risk without a trained model: a documented prior (README "Dispute risk"), marked isPrior on every item.
import type { CanonicalChange } from '../changes/schema.ts';
import type { DisputeRisk } from './schema.ts';
import { bandOf, type Category } from './taxonomy.ts';

export const PRIOR_VERSION = 'prior-v1';

/**
 * Log-odds contributions. The base rate (8%) is a typical share of disputed B2B invoices; the weights rank what
 * order desks see disputed most: price changes, then cancellations and address changes. They are a starting point
 * for a distributor without history, not a fitted model.
 */
const BASE_LOGIT = Math.log(0.08 / 0.92);
const kindWeights: Partial<Record<CanonicalChange['kind'], [number, string]>> = {
  price: [1.4, 'price changes are the most disputed kind of change'],
  cancel_line: [0.6, 'cancellations are often disputed when goods were already picked'],
  cancel_order: [0.8, 'whole-order cancellations are often disputed when goods were already picked'],
  ship_to: [0.6, 'address changes lead to mis-deliveries that end in disputes'],
  substitution: [0.5, 'substituted items are disputed when the customer did not expect them'],
};
const categoryWeights: Partial<Record<Category, [number, string]>> = {
  invoice_dispute: [2.2, 'the customer is already questioning an invoice'],
  credit_payment: [0.7, 'the message is about credit or payment'],
  return_request: [0.6, 'returns often end in credit disputes'],
};

export function priorRisk(changes: CanonicalChange[], category: Category): DisputeRisk {
  const factors: DisputeRisk['factors'] = [];
  for (const kind of new Set(changes.map((c) => c.kind))) {
    const w = kindWeights[kind];
    if (w) factors.push({ factor: `kind:${kind}`, weight: w[0], text: w[1] });
  }
  const cw = categoryWeights[category];
  if (cw) factors.push({ factor: `category:${category}`, weight: cw[0], text: cw[1] });
  const logit = BASE_LOGIT + factors.reduce((s, f) => s + f.weight, 0);
  const probability = 1 / (1 + Math.exp(-logit));
  factors.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  if (!factors.length) factors.push({ factor: 'base_rate', weight: 0, text: 'no risk signal: the typical base rate of disputes (8%)' });
  return { probability, band: bandOf(probability), factors, modelVersion: PRIOR_VERSION, isPrior: true };
}
