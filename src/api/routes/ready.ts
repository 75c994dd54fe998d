// GET /ready: public; whether this process should get traffic (datastores answer and it is not draining).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../runtime/services.ts';
import { probe } from './health.ts';

const readySchema = z.object({ ready: z.boolean(), reasons: z.array(z.string()) });

const route = createRoute({
  method: 'get', path: '/ready', tags: ['operations'], summary: 'Readiness: 503 while draining or when Redis or the database does not answer',
  responses: {
    200: { description: 'ready for traffic', content: { 'application/json': { schema: readySchema } } },
    503: { description: 'not ready; the reasons say why', content: { 'application/json': { schema: readySchema } } },
  },
});

export const readyRoutes = (s: Pick<Services, 'db' | 'redis' | 'lifecycle'>) =>
  new OpenAPIHono().openapi(route, async (c) => {
    const [database, redis] = await Promise.all([probe(() => s.db.query('SELECT 1')), probe(() => s.redis.ping())]);
    const reasons = [
      ...(s.lifecycle.draining ? ['draining: finishing in-flight jobs before exit'] : []),
      ...(database === 'ok' ? [] : [`database: ${database}`]),
      ...(redis === 'ok' ? [] : [`redis: ${redis}`]),
    ];
    return c.json({ ready: reasons.length === 0, reasons }, reasons.length ? 503 : 200);
  });
