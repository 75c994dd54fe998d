// Operator views in the browser: the OpenAPI contract in an interactive viewer (any signed-in user), and bull-board
// for admins. Both use the UI session; the vendored tools are served from node_modules, nothing is fetched remotely.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Services } from '../../runtime/services.ts';
import { assetUrl } from '../../ui/assets.ts';
import { uiErrorPage } from '../../ui/error-page.ts';
import { requireAdmin, requireSession, sameOriginWrites, uiHeaders, type UiEnv } from '../../ui/guards.ts';
import { page } from '../../ui/layout.ts';
import type { SessionStore } from '../../ui/session.ts';

const RELAXED_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Mounted inside the signed-in part of /ui: the viewer page and the document it reads. */
export function apiDocsRoutes(openapi: () => unknown) {
  const app = new Hono<UiEnv>();
  app.get('/openapi.json', (c) => c.json(openapi() as object));
  app.get('/api-docs', (c) => {
    c.header('Content-Security-Policy', RELAXED_CSP);
    const head = html`<link rel="stylesheet" href="${assetUrl('swagger-ui.css')}"><script src="${assetUrl('swagger-ui-bundle.js')}" defer></script><script src="${assetUrl('api-docs.js')}" defer></script>`;
    const body = html`<h1>API <span class="muted small">OpenAPI 3.1 · <a href="/ui/openapi.json">openapi.json</a> · "Authorize" with a bearer token to try a call</span></h1><div id="swagger"></div>`;
    return c.html(page({ title: 'API', page: 'docs', nav: 'docs', user: c.get('user'), csrf: c.get('session').csrf, head, body }));
  });
  return app;
}

export const BULL_BOARD_PATH = '/admin/queues';

/** bull-board for admins; its own writes (retry, clean, pause) must come from its page (same origin). */
export function bullBoardRoutes(s: Services, sessions: SessionStore) {
  const adapter = new HonoAdapter(serveStatic).setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(s.queues).map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'changedesk queues', miscLinks: [{ text: 'Review workspace', url: '/ui/queue' }] } },
  });
  const app = new Hono<UiEnv>();
  app.onError(uiErrorPage(s.logger));
  app.use(`${BULL_BOARD_PATH}/*`, uiHeaders({ relaxedStyles: true }), requireSession(sessions, s.users), requireAdmin, sameOriginWrites);
  app.route(BULL_BOARD_PATH, adapter.registerPlugin());
  return app;
}
