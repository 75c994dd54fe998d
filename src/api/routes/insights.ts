// GET /api/v1/insights: process intelligence as JSON (what the insights page draws), for dashboards and scripts.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { computeInsights, insightsSchema } from '../../observability/insights.ts';
import type { Services } from '../../runtime/services.ts';
import type { AuthEnv } from '../auth.ts';
import { errorBodySchema } from '../on-error.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/insights', tags: ['operations'], security: [{ Bearer: [] }],
  summary: 'Volume, touchless and edit rates, time to touch and decision, SLA, stalls, ERP failures, queue depths',
  request: { query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30).describe('the period: this many UTC days up to today') }) },
  responses: {
    200: { description: 'the figures of the period', content: { 'application/json': { schema: insightsSchema } } },
    401: { description: 'no or bad token', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

export const insightsRoutes = (s: Pick<Services, 'db' | 'queues'>) =>
  new OpenAPIHono<AuthEnv>().openapi(route, async (c) => c.json(await computeInsights(s.db, s.queues, { days: c.req.valid('query').days }), 200));
