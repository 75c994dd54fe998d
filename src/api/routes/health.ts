// GET /health: public; reports whether the database and Redis answer (503 when either does not), and the inbound
// channels' state: a stalled or failing mailbox makes the status `degraded` (200: the process itself is fine).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { channelStatusSchema, intakeChannels } from '../../intake/channels/channel.ts';
import type { Services } from '../../runtime/services.ts';

const check = z.union([z.literal('ok'), z.string()]);
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  checks: z.object({ database: check, redis: check }),
  channels: z.array(channelStatusSchema).optional().describe('IMAP mailboxes, the SMTP listener and the watched folder, when this process runs any'),
});

const route = createRoute({
  method: 'get', path: '/health', tags: ['operations'], summary: 'Liveness of the service and its datastores',
  responses: {
    200: { description: 'all dependencies answer', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'a dependency does not answer', content: { 'application/json': { schema: healthSchema } } },
  },
});

export const probe = async (fn: () => Promise<unknown>, ms = 2000): Promise<string> => {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
    return 'ok';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

export const healthRoutes = (s: Pick<Services, 'db' | 'redis'>) =>
  new OpenAPIHono().openapi(route, async (c) => {
    const [database, redis] = await Promise.all([probe(() => s.db.query('SELECT 1')), probe(() => s.redis.ping())]);
    const ok = database === 'ok' && redis === 'ok';
    const channels = intakeChannels.statuses();
    const status = !ok ? ('unavailable' as const) : channels.some((ch) => ch.alert) ? ('degraded' as const) : ('ok' as const);
    return c.json({ status, checks: { database, redis }, ...(channels.length ? { channels } : {}) }, ok ? 200 : 503);
  });
