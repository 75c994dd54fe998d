// From a parsed message to a suggestion: extraction, classification, ERP checks, dispute risk, policy. No storage:
// the triage stage persists the result, and the eval harness scores it.
import type { ExtractionProvider } from '../extraction/provider.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import type { InboundMessage, MessageDocument } from '../intake/schema.ts';
import { evaluatePolicy, type Policy } from '../review/policy.ts';
import { policyFacts } from '../review/policy-facts.ts';
import type { ReviewItem } from '../review/schema.ts';
import { toCanonical } from '../changes/schema.ts';
import { classify } from './classify.ts';
import { erpContext, findingsFor } from './enrich.ts';
import { priorScorer, type RiskScorer } from '../risk/scorer.ts';
import { withExtraFactors } from '../risk/score.ts';
import { riskSignalFactors, sumUsage, type FallbackProvider } from '../extraction/openai/index.ts';
import type { LlmExtraction } from '../extraction/openai/extract.ts';

export type SuggestInput = {
  message: Pick<InboundMessage, 'id' | 'subject' | 'sentAt' | 'receivedAt' | 'warnings'>;
  documents: MessageDocument[];
};

export interface SuggestDeps {
  provider: ExtractionProvider;
  /** The ERP to check against; null skips the checks (offline evaluation). */
  erp: ErpAdapter | null;
  /** Dispute-risk scoring (src/risk); absent, the documented prior is used and the item says so. */
  risk?: RiskScorer;
  /** The approval policy; the shipped default when absent. */
  policy?: Policy;
}

export type Suggestion = Pick<
  ReviewItem,
  'needsManual' | 'manualReasons' | 'category' | 'classification' | 'orderRef' | 'changes' | 'warnings' | 'findings' | 'risk' | 'policy' | 'provider' | 'llmUsage' | 'llmFallback'
>;

/** What an LLM provider adds beyond extraction (src/extraction/openai); each answers null when the model cannot. */
type LlmSteps = Partial<Pick<FallbackProvider, 'classify' | 'riskSignals'>>;

export async function suggest({ message, documents }: SuggestInput, deps: SuggestDeps): Promise<Suggestion> {
  const input = { messageId: message.id, subject: message.subject, sentAt: message.sentAt ?? message.receivedAt, documents };
  const extraction: LlmExtraction = await deps.provider.extract(input);
  const llm = deps.provider as LlmSteps;
  // The optional LLM steps never sink an extraction that worked: a failure leaves the deterministic step in charge.
  const stepWarnings: string[] = [];
  const optional = async <T>(what: string, run: (() => Promise<T | null>) | undefined): Promise<T | null> =>
    run ? run().catch((e: unknown) => (stepWarnings.push(`LLM ${what} failed (${e instanceof Error ? e.message : String(e)}); the deterministic ${what} stands`), null)) : null;
  const llmClass = await optional('classification', llm.classify && (() => llm.classify!(input, extraction)));
  const classification = llmClass
    ? { category: llmClass.category, confidence: llmClass.confidence, source: llmClass.source }
    : classify(extraction, { subject: message.subject, body: documents[0]?.role === 'body' ? (documents[0].pages[0]?.text ?? '') : '' });
  const signals = await optional('risk signals', llm.riskSignals && (() => llm.riskSignals!(input)));
  const changes = extraction.changes.map(toCanonical);
  const orderRef = extraction.orderRef?.value ?? null;
  const ctx = deps.erp ? await erpContext(deps.erp, orderRef, changes) : null;
  const findings = ctx ? findingsFor(orderRef, changes, ctx, new Date(message.sentAt ?? message.receivedAt)) : [];
  const scored = await (deps.risk ?? priorScorer).score({ changes, category: classification.category, erp: ctx, at: message.sentAt ?? message.receivedAt });
  const risk = withExtraFactors(scored, riskSignalFactors(signals?.signals ?? []));
  const manualReasons = manualReasonsFor(message.warnings, documents, extraction.changes.length);
  return {
    needsManual: manualReasons.length > 0, manualReasons, category: classification.category, classification,
    orderRef: extraction.orderRef, changes: extraction.changes, warnings: [...extraction.warnings, ...stepWarnings], findings, risk,
    policy: evaluatePolicy({ changes: extraction.changes, risk, category: classification.category, facts: policyFacts(changes, ctx) }, deps.policy),
    provider: extraction.provider ?? deps.provider.info,
    llmUsage: extraction.usage ? sumUsage(extraction.usage.model, extraction.usage, llmClass?.usage, signals?.usage) : null,
    llmFallback: extraction.fallback ?? null,
  };
}

/** Why a person must look beyond the suggestion: unread attachments, damaged MIME, nothing structured found. */
function manualReasonsFor(warnings: string[], documents: MessageDocument[], changeCount: number): string[] {
  const reasons = documents.filter((d) => d.error).map((d) => `attachment ${d.filename ?? `#${d.index}`} could not be read: ${d.error}`);
  reasons.push(...warnings);
  if (changeCount === 0) reasons.push('no structured change was found: handle the request by hand (reply, forward or edit in changes)');
  return reasons;
}
