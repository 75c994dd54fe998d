// Dispute-risk signals: the model reads the newest message for signs of a coming dispute (a price or quantity
// disagreement, a threat to short-pay or deduct, earlier problems), each with its quote. A signal whose quote is not
// in the message is dropped. The signals become features beside the customer's history (riskSignalFeatures) and,
// until a model is trained on them, documented log-odds (riskSignalFactors), like the change-kind prior.
import type { DisputeRisk } from '../../triage/schema.ts';
import type { ExtractionInput } from '../provider.ts';
import { bodyBlocks, renderBlocks } from './input-blocks.ts';
import { evidenceOf, locateQuote } from './locate.ts';
import type { ModelClient } from './model-call.ts';
import type { PromptFile } from './prompt-file.ts';
import { modelRiskSignalsSchema, riskSignalKinds, type LlmUsage, type RiskSignal } from './schemas.ts';
import { usageOf } from './usage.ts';

export interface RiskSignalsResult {
  signals: RiskSignal[];
  /** Signals the model reported but the message does not show. */
  dropped: { kind: RiskSignal['kind']; quote: string }[];
  usage: LlmUsage;
}

export const RISK_SIGNALS_VERSION = 'signals-v1';

/**
 * Log-odds a signal adds to the dispute risk: a documented starting point (like src/triage/risk-prior.ts), not a
 * fitted weight. A deduction already taken is a dispute in all but name; a threat to short-pay nearly one.
 */
export const riskSignalLogOdds: Record<RiskSignal['kind'], [number, string]> = {
  deduction_taken: [2.0, 'the customer says it has already deducted or short-paid'],
  short_pay_threat: [1.6, 'the customer threatens to short-pay or deduct'],
  price_disagreement: [0.9, 'the customer disagrees with a price or charge'],
  quantity_disagreement: [0.7, 'the customer disagrees with a billed or shipped quantity'],
  prior_problem: [0.6, 'the customer refers to earlier problems or repeated requests'],
  escalation: [0.5, 'the customer sets a deadline or escalates'],
};

export interface LlmRiskDeps {
  client: ModelClient;
  prompt: PromptFile;
}

export async function riskSignalsWithLlm(input: ExtractionInput, deps: LlmRiskDeps): Promise<RiskSignalsResult> {
  const { blocks } = bodyBlocks(input);
  if (blocks.length === 0) return { signals: [], dropped: [], usage: usageOf(deps.client.model, []) };
  const { value, call } = await deps.client.call({ prompt: deps.prompt, schema: modelRiskSignalsSchema, values: { blocks: renderBlocks(blocks) } });
  const signals: RiskSignal[] = [];
  const dropped: RiskSignalsResult['dropped'] = [];
  for (const s of value.signals) {
    const at = locateQuote(blocks, s.source, s.quote);
    const evidence = at ? evidenceOf(at) : null;
    // The subject is no document: a signal only there has no evidence to show, so it does not count.
    if (evidence) signals.push({ kind: s.kind, evidence: [evidence] });
    else dropped.push({ kind: s.kind, quote: s.quote });
  }
  return { signals, dropped, usage: usageOf(deps.client.model, [call]) };
}

/** One 0/1 feature per signal kind and their count: what a trained risk model takes beside the history features. */
export function riskSignalFeatures(signals: readonly RiskSignal[]): Record<string, number> {
  const present = new Set(signals.map((s) => s.kind));
  return { ...Object.fromEntries(riskSignalKinds.map((k) => [`signal_${k}`, present.has(k) ? 1 : 0])), signal_count: present.size };
}

/** The documented log-odds of the signals present, as risk factors with the customer's own words. */
export function riskSignalFactors(signals: readonly RiskSignal[]): DisputeRisk['factors'] {
  const byKind = new Map<RiskSignal['kind'], RiskSignal>();
  for (const s of signals) if (!byKind.has(s.kind)) byKind.set(s.kind, s);
  return [...byKind.values()].map((s) => {
    const [weight, text] = riskSignalLogOdds[s.kind];
    return { factor: `signal:${s.kind}`, weight, text: `${text}: "${s.evidence[0]!.quote}"` };
  });
}
