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
  'needsManual' | 'manualReasons' | 'category' | 'classification' | 'orderRef' | 'changes' | 'warnings' | 'findings' | 'risk' | 'policy' | 'provider'
>;

export async function suggest({ message, documents }: SuggestInput, deps: SuggestDeps): Promise<Suggestion> {
  const extraction = await deps.provider.extract({ messageId: message.id, subject: message.subject, sentAt: message.sentAt ?? message.receivedAt, documents });
  const classification = classify(extraction, [message.subject ?? '', documents[0]?.pages[0]?.text ?? ''].join('\n'));
  const changes = extraction.changes.map(toCanonical);
  const orderRef = extraction.orderRef?.value ?? null;
  const ctx = deps.erp ? await erpContext(deps.erp, orderRef, changes) : null;
  const findings = ctx ? findingsFor(orderRef, changes, ctx, new Date(message.sentAt ?? message.receivedAt)) : [];
  const risk = await (deps.risk ?? priorScorer).score({ changes, category: classification.category, erp: ctx, at: message.sentAt ?? message.receivedAt });
  const manualReasons = manualReasonsFor(message.warnings, documents, extraction.changes.length);
  return {
    needsManual: manualReasons.length > 0, manualReasons, category: classification.category, classification,
    orderRef: extraction.orderRef, changes: extraction.changes, warnings: extraction.warnings, findings, risk,
    policy: evaluatePolicy({ changes: extraction.changes, risk, category: classification.category, facts: policyFacts(changes, ctx) }, deps.policy),
    provider: deps.provider.info,
  };
}

/** Why a person must look beyond the suggestion: unread attachments, damaged MIME, nothing structured found. */
function manualReasonsFor(warnings: string[], documents: MessageDocument[], changeCount: number): string[] {
  const reasons = documents.filter((d) => d.error).map((d) => `attachment ${d.filename ?? `#${d.index}`} could not be read: ${d.error}`);
  reasons.push(...warnings);
  if (changeCount === 0) reasons.push('no structured change was found: handle the request by hand (reply, forward or edit in changes)');
  return reasons;
}
