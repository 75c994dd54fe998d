// GET /metrics: Prometheus exposition, for admin bearer tokens (a scraper's `authorization: { credentials: … }`).
import { Hono } from 'hono';
import { renderMetrics } from '../../observability/metrics.ts';
import type { Services } from '../../runtime/services.ts';
import { bearerAuth, requireRole, type AuthEnv } from '../auth.ts';

export const metricsRoutes = (s: Pick<Services, 'users' | 'queues'>) =>
  new Hono<AuthEnv>().get('/metrics', bearerAuth(s.users), async (c) => {
    requireRole(c.get('user'), ['admin'], 'reading metrics');
    const { contentType, body } = await renderMetrics(s.queues);
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
