// Operators: failed pipeline jobs are visible and can be retried (admin only).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { queueNames, type QueueName } from '../../../queues/queues.ts';
import type { Services } from '../../runtime/services.ts';
import { AppError } from '../../shared/errors.ts';
import { requireRole, type AuthEnv } from '../auth.ts';
import { errorBodySchema } from '../on-error.ts';

const queueSchema = z.enum(queueNames as [QueueName, ...QueueName[]]);
const failedJobSchema = z.object({
  queue: queueSchema, id: z.string(), data: z.unknown(), failedReason: z.string(), attemptsMade: z.number().int(),
  failedAt: z.string().nullable(),
});
const err = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema } } });
const security = [{ Bearer: [] }];

const listRoute = createRoute({
  method: 'get', path: '/api/v1/jobs/failed', tags: ['operations'], security, summary: 'Failed jobs, per queue',
  request: { query: z.object({ queue: queueSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: { description: 'failed jobs', content: { 'application/json': { schema: z.object({ items: z.array(failedJobSchema) }) } } }, 401: err('no or bad token'), 403: err('admin only') },
});

const retryRoute = createRoute({
  method: 'post', path: '/api/v1/jobs/{queue}/{id}/retry', tags: ['operations'], security, summary: 'Retry a failed job',
  request: { params: z.object({ queue: queueSchema, id: z.string() }) },
  responses: {
    202: { description: 'queued again', content: { 'application/json': { schema: z.object({ queue: queueSchema, id: z.string(), state: z.string() }) } } },
    401: err('no or bad token'), 403: err('admin only'), 404: err('no such job'), 409: err('the job has not failed'),
  },
});

export const jobRoutes = (s: Services) => {
  const app = new OpenAPIHono<AuthEnv>();
  app.openapi(listRoute, async (c) => {
    requireRole(c.get('user'), ['admin'], 'listing failed jobs');
    const { queue, limit } = c.req.valid('query');
    const names = queue ? [queue] : queueNames;
    const jobs = await Promise.all(names.map(async (name) => (await s.queues[name].getFailed(0, limit - 1)).map((j) => ({
      queue: name, id: String(j.id), data: j.data, failedReason: j.failedReason ?? '', attemptsMade: j.attemptsMade,
      failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
    }))));
    return c.json({ items: jobs.flat() }, 200);
  });
  app.openapi(retryRoute, async (c) => {
    requireRole(c.get('user'), ['admin'], 'retrying a job');
    const { queue, id } = c.req.valid('param');
    const job = await s.queues[queue].getJob(id);
    if (!job) throw new AppError('not_found', `no job ${id} in ${queue}`);
    if (!(await job.isFailed())) throw new AppError('conflict', `job ${id} is ${await job.getState()}, not failed`);
    await job.retry();
    return c.json({ queue, id, state: await job.getState() }, 202);
  });
  return app;
};
