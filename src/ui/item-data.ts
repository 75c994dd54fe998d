// The item page's data: the item, its message and documents, the audit trail of both, the ERP postings, and its
// neighbours in the queue view it was opened from.
import type { Context } from 'hono';
import { auditTrail } from '../audit/audit-log.ts';
import { postingsForItem } from '../erp/posting-repo.ts';
import { getMessage, listDocuments } from '../intake/message-repo.ts';
import { getReviewItem } from '../review/review-repo.ts';
import type { Services } from '../runtime/services.ts';
import { AppError } from '../shared/errors.ts';
import type { UiEnv } from './guards.ts';
import type { ItemView } from './item-page.ts';
import { neighbours, parseQueueQuery, queueSearch } from './queue-query.ts';

export async function loadItemView(s: Services, c: Context<UiEnv>, id: string): Promise<Omit<ItemView, 'edit'>> {
  const item = await getReviewItem(s.db, id);
  if (!item) throw new AppError('not_found', `review item ${id} does not exist`);
  const q = parseQueueQuery(c.req.query());
  const [message, documents, messageAudit, itemAudit, postings, nav] = await Promise.all([
    getMessage(s.db, item.messageId), listDocuments(s.db, item.messageId), auditTrail(s.db, 'message', item.messageId),
    auditTrail(s.db, 'review_item', item.id), postingsForItem(s.db, item.id), neighbours(s.db, q, c.get('user'), item.id),
  ]);
  return { item, message: message!, documents, audit: [...messageAudit, ...itemAudit], postings, user: c.get('user'), csrf: c.get('session').csrf, search: queueSearch({ ...q, offset: 0 }), nav, now: new Date() };
}

