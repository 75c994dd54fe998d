// The triage stage: extraction, classification, ERP checks, dispute risk and policy → one pending review item.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { ExtractionProvider } from '../extraction/provider.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import { getMessage, listDocuments, setMessageStatus } from '../intake/message-repo.ts';
import type { InboundMessage, MessageDocument } from '../intake/schema.ts';
import { evaluatePolicy } from '../review/policy.ts';
import { getReviewItemByMessage, insertReviewItem } from '../review/review-repo.ts';
import { toCanonicalItem, type ReviewItem } from '../review/schema.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { toCanonical } from '../changes/schema.ts';
import { classify } from './classify.ts';
import { erpContext, findingsFor } from './enrich.ts';
import { priorRisk } from './risk-prior.ts';

export interface TriageDeps {
  db: Db;
  provider: ExtractionProvider;
  erp: ErpAdapter;
  now?: () => Date;
  newId?: () => string;
}

export type TriageOutcome = { status: 'created' | 'already_done'; item: ReviewItem } | { status: 'skipped'; reason: string };

export async function triageMessage(messageId: string, deps: TriageDeps): Promise<TriageOutcome> {
  const message = await getMessage(deps.db, messageId);
  if (!message) throw new AppError('not_found', `message ${messageId} does not exist`);
  if (message.status === 'quarantined') return { status: 'skipped', reason: 'message is quarantined' };
  if (message.status === 'received') throw new AppError('unavailable', `message ${messageId} is not parsed yet`);
  const existing = await getReviewItemByMessage(deps.db, messageId);
  if (existing) return { status: 'already_done', item: existing };

  const documents = await listDocuments(deps.db, messageId);
  const extraction = await deps.provider.extract({ messageId, subject: message.subject, sentAt: message.sentAt ?? message.receivedAt, documents });
  const classification = classify(extraction, [message.subject ?? '', documents[0]?.pages[0]?.text ?? ''].join('\n'));
  const changes = extraction.changes.map(toCanonical);
  const orderRef = extraction.orderRef?.value ?? null;
  const ctx = await erpContext(deps.erp, orderRef, changes);
  const risk = priorRisk(changes, classification.category);
  const now = (deps.now?.() ?? new Date()).toISOString();
  const item: ReviewItem = {
    id: deps.newId?.() ?? randomUUID(), messageId, status: 'pending',
    needsManual: false, manualReasons: manualReasons(message, documents, extraction.changes.length),
    category: classification.category, classification, orderRef: extraction.orderRef, changes: extraction.changes,
    warnings: extraction.warnings, findings: findingsFor(orderRef, changes, ctx), risk,
    policy: evaluatePolicy({ changes: extraction.changes, risk, category: classification.category }),
    provider: deps.provider.info, version: 1, editedBy: [], approvals: [], rejection: null, createdAt: now, updatedAt: now,
  };
  item.needsManual = item.manualReasons.length > 0;

  return deps.db.tx(async (q) => {
    const r = await insertReviewItem(q, item);
    if (r.created) {
      await setMessageStatus(q, messageId, 'triaged');
      await appendAudit(q, {
        actor: { type: 'ai', id: `${deps.provider.info.name}/${deps.provider.info.version}` }, action: 'review_item.created',
        entityType: 'review_item', entityId: item.id, before: null,
        after: { ...toCanonicalItem(item), messageId, risk: { probability: risk.probability, band: risk.band }, needsManual: item.needsManual },
      });
    }
    return { status: r.created ? 'created' : 'already_done', item: r.item };
  });
}

/** Why a person must look beyond the suggestion: unread attachments, damaged MIME, nothing structured found. */
function manualReasons(message: InboundMessage, documents: MessageDocument[], changeCount: number): string[] {
  const reasons = documents.filter((d) => d.error).map((d) => `attachment ${d.filename ?? `#${d.index}`} could not be read: ${d.error}`);
  reasons.push(...message.warnings);
  if (changeCount === 0) reasons.push('no structured change was found: handle the request by hand (reply, forward or edit in changes)');
  return reasons;
}
