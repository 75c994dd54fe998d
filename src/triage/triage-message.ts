// The triage stage: a parsed message → its suggestion (suggest.ts) → one pending review item, with its audit event.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { ExtractionProvider } from '../extraction/provider.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import { getMessage, listDocuments, setMessageStatus } from '../intake/message-repo.ts';
import { getReviewItemByMessage, insertReviewItem } from '../review/review-repo.ts';
import { toCanonicalItem, type ReviewItem } from '../review/schema.ts';
import type { Db } from '../storage/db.ts';
import { AppError } from '../shared/errors.ts';
import { suggest } from './suggest.ts';
import type { Policy } from '../review/policy.ts';
import type { RiskScorer } from '../risk/scorer.ts';
import { slaFor } from '../review/sla.ts';

export interface TriageDeps {
  db: Db;
  provider: ExtractionProvider;
  erp: ErpAdapter;
  /** The approval policy (rules and SLA hours); the shipped default when absent. */
  policy?: Policy;
  /** Dispute-risk scoring; the documented prior when absent. */
  risk?: RiskScorer;
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

  const suggestion = await suggest({ message, documents: await listDocuments(deps.db, messageId) }, deps);
  const created = deps.now?.() ?? new Date();
  const now = created.toISOString();
  const item: ReviewItem = {
    ...suggestion, id: deps.newId?.() ?? randomUUID(), messageId, status: 'pending',
    version: 1, editedBy: [], approvals: [], rejection: null, assignment: null, sla: slaFor(suggestion, created, deps.policy),
    createdAt: now, updatedAt: now,
  };
  return deps.db.tx(async (q) => {
    const r = await insertReviewItem(q, item);
    if (r.created) {
      await setMessageStatus(q, messageId, 'triaged');
      await appendAudit(q, {
        actor: { type: 'ai', id: `${item.provider.name}/${item.provider.version}` }, action: 'review_item.created',
        entityType: 'review_item', entityId: item.id, correlationId: messageId, before: null,
        after: { ...toCanonicalItem(item), messageId, risk: { probability: item.risk.probability, band: item.risk.band }, needsManual: item.needsManual },
      });
    }
    return { status: r.created ? 'created' : 'already_done', item: r.item };
  });
}
