// The review queue: list and open items; approve, reject, edit; an admin re-drives a failed ERP posting.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditTrail } from '../../audit/audit-log.ts';
import { auditEventSchema } from '../../audit/schema.ts';
import { canonicalChangeSchema } from '../../changes/schema.ts';
import { reopenFailedPosting } from '../../erp/post-change.ts';
import { postingRecordSchema, postingsForItem } from '../../erp/posting-repo.ts';
import { getMessage } from '../../intake/message-repo.ts';
import { inboundMessageSchema } from '../../intake/schema.ts';
import { claimItem, releaseItem } from '../../review/claims.ts';
import { approveItem, bulkApprove, editItem, rejectItem } from '../../review/decisions.ts';
import { getReviewItem, listReviewItems } from '../../review/review-repo.ts';
import { canonicalItemSchema, reviewItemSchema, reviewStatusSchema, toCanonicalItem } from '../../review/schema.ts';
import type { Services } from '../../runtime/services.ts';
import { AppError } from '../../shared/errors.ts';
import { categorySchema, riskBandSchema } from '../../triage/taxonomy.ts';
import { requireRole, type AuthEnv } from '../auth.ts';
import { errorBodySchema } from '../on-error.ts';
import { pageOf, pageQuerySchema } from '../pagination.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema } } });
const itemResponse = (description: string) => ({ description, content: { 'application/json': { schema: reviewItemSchema } } });
const common = { 401: err('no or bad token'), 403: err('role or policy does not allow it'), 404: err('no such item') };
const decisionErrors = { ...common, 409: err('the item is not pending, or you already approved it'), 422: err('the item cannot be approved as it is') };
const idParam = z.object({ id: z.string() });
const security = [{ Bearer: [] }];

const listRoute = createRoute({
  method: 'get', path: '/api/v1/review-items', tags: ['review'], security, summary: 'The review queue, newest first',
  request: {
    query: pageQuerySchema.extend({
      status: reviewStatusSchema.optional(), category: categorySchema.optional(), riskBand: riskBandSchema.optional(),
      assignee: z.string().optional().describe('items with a live claim by this user'),
      overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('pending items past their due time'),
      sort: z.enum(['newest', 'due', 'risk']).default('newest'),
    }),
  },
  responses: { 200: { description: 'a page of items', content: { 'application/json': { schema: pageOf(reviewItemSchema) } } }, 401: common[401] },
});

const detailSchema = reviewItemSchema.extend({
  canonical: canonicalItemSchema.describe("the eval contract's form: category, orderRef, changes"),
  message: inboundMessageSchema,
  audit: z.array(auditEventSchema),
  postings: z.array(postingRecordSchema),
});
const getRoute = createRoute({
  method: 'get', path: '/api/v1/review-items/{id}', tags: ['review'], security, summary: 'One item with its message, audit trail and postings',
  request: { params: idParam },
  responses: { 200: { description: 'the item', content: { 'application/json': { schema: detailSchema } } }, ...common },
});

const approveRoute = createRoute({
  method: 'post', path: '/api/v1/review-items/{id}/approve', tags: ['review'], security, summary: 'Approve the current version',
  request: { params: idParam, body: { required: false, content: { 'application/json': { schema: z.object({ comment: z.string().max(2000).optional() }) } } } },
  responses: { 200: itemResponse('the item; status approved once policy is satisfied, else still pending'), ...decisionErrors },
});

const rejectRoute = createRoute({
  method: 'post', path: '/api/v1/review-items/{id}/reject', tags: ['review'], security, summary: 'Reject with a reason',
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) }) } } } },
  responses: { 200: itemResponse('the rejected item'), ...decisionErrors },
});

const editRoute = createRoute({
  method: 'patch', path: '/api/v1/review-items/{id}', tags: ['review'], security, summary: 'Replace the change list (and optionally the order reference)',
  request: {
    params: idParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ changes: z.array(canonicalChangeSchema), orderRef: z.string().trim().min(1).nullable().optional() }) } } },
  },
  responses: { 200: itemResponse('the edited item, a new version'), ...decisionErrors },
});

const bulkRoute = createRoute({
  method: 'post', path: '/api/v1/review-items/bulk-approve', tags: ['review'], security, summary: 'Approve several items; each answers for itself',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ ids: z.array(z.string()).min(1).max(200) }) } } } },
  responses: {
    200: {
      description: 'one result per item (items whose policy forbids bulk approval are refused)',
      content: { 'application/json': { schema: z.object({ results: z.array(z.union([z.object({ id: z.string(), ok: z.literal(true), status: reviewStatusSchema }), z.object({ id: z.string(), ok: z.literal(false), error: z.string() })])) }) } },
    },
    401: common[401],
  },
});

const claimRoute = createRoute({
  method: 'post', path: '/api/v1/review-items/{id}/claim', tags: ['review'], security, summary: 'Claim the item for 15 minutes (renews your own claim)',
  request: { params: idParam },
  responses: { 200: itemResponse('the item with your claim'), ...decisionErrors },
});

const releaseRoute = createRoute({
  method: 'post', path: '/api/v1/review-items/{id}/release', tags: ['review'], security, summary: 'Release a claim (the holder, or an admin)',
  request: { params: idParam },
  responses: { 200: itemResponse('the item without a claim'), ...decisionErrors },
});

const repostRoute = createRoute({
  method: 'post', path: '/api/v1/review-items/{id}/repost', tags: ['review'], security, summary: 'Admin: re-drive a post_failed item (same idempotency key)',
  request: { params: idParam },
  responses: { 202: itemResponse('the item, approved again and queued for posting'), ...decisionErrors },
});

export const reviewItemRoutes = (s: Services) => {
  const app = new OpenAPIHono<AuthEnv>();
  const load = async (id: string) => (await getReviewItem(s.db, id)) ?? Promise.reject(new AppError('not_found', `review item ${id} does not exist`));
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json({ ...(await listReviewItems(s.db, q)), limit: q.limit, offset: q.offset }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const item = await load(c.req.valid('param').id);
    const [message, audit, postings] = await Promise.all([getMessage(s.db, item.messageId), auditTrail(s.db, 'review_item', item.id), postingsForItem(s.db, item.id)]);
    const messageAudit = await auditTrail(s.db, 'message', item.messageId);
    return c.json({ ...item, canonical: toCanonicalItem(item), message: message!, audit: [...messageAudit, ...audit], postings }, 200);
  });
  app.openapi(approveRoute, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
    return c.json(await approveItem(c.req.valid('param').id, c.get('user'), body.comment ?? null, s), 200);
  });
  app.openapi(rejectRoute, async (c) => c.json(await rejectItem(c.req.valid('param').id, c.get('user'), c.req.valid('json').reason, s), 200));
  app.openapi(editRoute, async (c) => c.json(await editItem(c.req.valid('param').id, c.get('user'), c.req.valid('json'), s), 200));
  app.openapi(bulkRoute, async (c) => c.json({ results: await bulkApprove(c.req.valid('json').ids, c.get('user'), s) }, 200));
  app.openapi(claimRoute, async (c) => c.json(await claimItem(c.req.valid('param').id, c.get('user'), s), 200));
  app.openapi(releaseRoute, async (c) => c.json(await releaseItem(c.req.valid('param').id, c.get('user'), s), 200));
  app.openapi(repostRoute, async (c) => {
    requireRole(c.get('user'), ['admin'], 're-driving an ERP posting');
    const { id } = c.req.valid('param');
    const { idempotencyKey, correlationId } = await reopenFailedPosting(id, c.get('user').id, s);
    await s.enqueuePost(idempotencyKey, correlationId);
    return c.json(await load(id), 202);
  });
  return app;
};
