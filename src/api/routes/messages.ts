// Intake over HTTP: POST raw MIME (message/rfc822); list and read messages with their documents.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { acceptMessage } from '../../intake/accept-message.ts';
import { getMessage, listDocuments, listMessages } from '../../intake/message-repo.ts';
import { documentSchema, inboundMessageSchema, intakeResultSchema, messageStatusSchema } from '../../intake/schema.ts';
import { getReviewItemByMessage } from '../../review/review-repo.ts';
import type { Services } from '../../runtime/services.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuthEnv } from '../auth.ts';
import { errorBodySchema } from '../on-error.ts';
import { pageOf, pageQuerySchema } from '../pagination.ts';

const errors = {
  401: { description: 'no or bad token', content: { 'application/json': { schema: errorBodySchema } } },
  404: { description: 'not found', content: { 'application/json': { schema: errorBodySchema } } },
};

const postRoute = createRoute({
  method: 'post', path: '/api/v1/messages', tags: ['intake'], security: [{ Bearer: [] }],
  summary: 'Submit one raw email (RFC 822 / MIME). Duplicates (same bytes or Message-ID) are recognised.',
  request: { body: { required: true, content: { 'message/rfc822': { schema: z.string().describe('the raw message') } } } },
  responses: {
    202: { description: 'stored durably and queued', content: { 'application/json': { schema: intakeResultSchema } } },
    413: { description: 'larger than CHANGEDESK_MAX_MESSAGE_BYTES', content: { 'application/json': { schema: errorBodySchema } } },
    415: { description: 'not message/rfc822', content: { 'application/json': { schema: errorBodySchema } } },
    ...errors,
  },
});

const listRoute = createRoute({
  method: 'get', path: '/api/v1/messages', tags: ['intake'], security: [{ Bearer: [] }], summary: 'Inbound messages, newest first',
  request: { query: pageQuerySchema.extend({ status: messageStatusSchema.optional() }) },
  responses: { 200: { description: 'a page of messages', content: { 'application/json': { schema: pageOf(inboundMessageSchema) } } }, ...errors },
});

const messageDetailSchema = inboundMessageSchema.extend({ documents: z.array(documentSchema), reviewItemId: z.string().nullable() });
const getRoute = createRoute({
  method: 'get', path: '/api/v1/messages/{id}', tags: ['intake'], security: [{ Bearer: [] }], summary: 'One message with its documents',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: 'the message', content: { 'application/json': { schema: messageDetailSchema } } }, ...errors },
});

export const messageRoutes = (s: Services) => {
  const app = new OpenAPIHono<AuthEnv>();
  app.post('/api/v1/messages', bodyLimit({ maxSize: s.config.maxMessageBytes, onError: () => { throw new AppError('too_large', `the message is larger than ${s.config.maxMessageBytes} bytes (CHANGEDESK_MAX_MESSAGE_BYTES)`); } }));
  app.openapi(postRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'message/rfc822') throw new AppError('unsupported_media_type', `send the raw email with Content-Type: message/rfc822 (got ${type || 'none'})`);
    const raw = Buffer.from(await c.req.arrayBuffer());
    const result = await acceptMessage(raw, 'api', { type: 'user', id: c.get('user').id }, { ...s, maxMessageBytes: s.config.maxMessageBytes });
    return c.json(result, 202);
  });
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json({ ...(await listMessages(s.db, q)), limit: q.limit, offset: q.offset }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const message = await getMessage(s.db, id);
    if (!message) throw new AppError('not_found', `message ${id} does not exist`);
    const [documents, item] = await Promise.all([listDocuments(s.db, id), getReviewItemByMessage(s.db, id)]);
    return c.json({ ...message, documents, reviewItemId: item?.id ?? null }, 200);
  });
  return app;
};
