// The HTTP API: Hono with zod-openapi routes; one auth middleware, one error handler, OpenAPI at /openapi.json.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../runtime/services.ts';
import { AppError } from '../shared/errors.ts';
import { bearerAuth, type AuthEnv } from './auth.ts';
import { onError } from './on-error.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { readyRoutes } from './routes/ready.ts';
import { messageRoutes } from './routes/messages.ts';
import { reviewItemRoutes } from './routes/review-items.ts';
import { insightsRoutes } from './routes/insights.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { uiRoutes } from './routes/ui.ts';
import { bullBoardRoutes } from './routes/ui-admin.ts';
import { redisSessionStore } from '../ui/session.ts';

const doc = {
  openapi: '3.1.0',
  info: { title: 'changedesk', version: '1', description: 'Order-change emails → governed, human-approved ERP changes.' },
};

export function createApi(s: Services) {
  const app = new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new AppError('bad_request', 'the request is not valid', result.error.issues.map((i) => ({ path: i.path, message: i.message })));
    },
  });
  app.onError(onError(s.logger));
  app.notFound(() => { throw new AppError('not_found', 'no such route'); });
  app.route('/', healthRoutes(s));
  app.route('/', readyRoutes(s));
  const auth = bearerAuth(s.users);
  app.use('/api/*', auth);
  app.use('/openapi.json', auth);
  app.route('/', messageRoutes(s));
  app.route('/', reviewItemRoutes(s));
  app.route('/', jobRoutes(s));
  app.route('/', insightsRoutes(s));
  app.route('/', metricsRoutes(s));
  // The review workspace (/ui) and bull-board (/admin/queues): session cookie + CSRF, never the bearer API.
  const sessions = redisSessionStore(s.redis, s.config.queuePrefix);
  app.route('/', uiRoutes(s, sessions, { openapi: () => app.getOpenAPI31Document(doc) }));
  app.route('/', bullBoardRoutes(s, sessions));
  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', doc);
  return app;
}
