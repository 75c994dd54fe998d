// The review workspace (HTML): sign-in, the queue, the item page, insights. Session cookie, not bearer; pages only
// read; every change goes through ui-actions.ts as a POST with a CSRF token.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getMessage } from '../../intake/message-repo.ts';
import { listReviewItems } from '../../review/review-repo.ts';
import { computeInsights } from '../../observability/insights.ts';
import type { Services } from '../../runtime/services.ts';
import { AppError } from '../../shared/errors.ts';
import { sha256 } from '../../shared/hash.ts';
import { assets } from '../../ui/assets.ts';
import { uiErrorPage } from '../../ui/error-page.ts';
import { takeFlash } from '../../ui/flash.ts';
import { assertSameOrigin, cookieSecure, requireCsrf, requireSession, setSessionCookie, uiHeaders, type UiEnv } from '../../ui/guards.ts';
import { insightsBody } from '../../ui/insights-page.ts';
import { loadItemView } from '../../ui/item-data.ts';
import { itemBody } from '../../ui/item-page.ts';
import { page } from '../../ui/layout.ts';
import { PAGE_SIZE, parseQueueQuery, toFilter } from '../../ui/queue-query.ts';
import { queueBody } from '../../ui/queue-page.ts';
import { openSession, randomToken, sameSecret, SESSION_COOKIE, SESSION_TTL_S, type SessionStore } from '../../ui/session.ts';
import { signInBody } from '../../ui/sign-in-page.ts';
import { apiDocsRoutes } from './ui-admin.ts';
import { uiActionRoutes } from './ui-actions.ts';

const PRE_SESSION_COOKIE = 'cd_pre';

/** Only our own pages are valid places to return to after signing in. */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(ui|admin)\/[^\\]*$/.test(next) && !next.startsWith('//') ? next : '/ui/queue');

export function uiRoutes(s: Services, sessions: SessionStore, opts: { openapi: () => unknown }) {
  const app = new Hono<UiEnv>().basePath('/ui');
  app.onError(uiErrorPage(s.logger));
  app.use('*', uiHeaders());

  // Public: our own static files and the sign-in form. Everything registered after the session guard needs a session.
  app.get('/static/:name', (c) => {
    const asset = assets[c.req.param('name')];
    if (!asset) throw new AppError('not_found', 'no such file');
    return c.body(new Uint8Array(asset.body), 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });
  app.get('/', (c) => c.redirect('/ui/queue', 303));
  app.get('/sign-in', (c) => {
    const pre = randomToken();
    setCookie(c, PRE_SESSION_COOKIE, pre, { httpOnly: true, sameSite: 'Strict', path: '/ui', secure: cookieSecure(c, s.config.mode), maxAge: 3600 });
    return c.html(page({ title: 'Sign in', page: 'sign-in', body: signInBody({ csrf: pre, next: safeNext(c.req.query('next')), development: s.config.mode === 'development' }) }));
  });
  app.post('/sign-in', async (c) => {
    assertSameOrigin(c);
    const form = await c.req.parseBody();
    // Before a session exists, the form proves it came from our page with a cookie only our page set (double submit).
    if (!sameSecret(typeof form._csrf === 'string' ? form._csrf : null, getCookie(c, PRE_SESSION_COOKIE) ?? '')) throw new AppError('forbidden', 'the sign-in form has expired; reload the page');
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const tokenSha256 = sha256(token);
    if (!token || !s.users.has(tokenSha256)) {
      const body = signInBody({ csrf: typeof form._csrf === 'string' ? form._csrf : '', next: safeNext(form.next), error: 'That token is not valid.', development: s.config.mode === 'development' });
      return c.html(page({ title: 'Sign in', page: 'sign-in', body }), 401);
    }
    const { id } = await openSession(sessions, tokenSha256);
    setSessionCookie(c, id, s.config.mode, SESSION_TTL_S);
    deleteCookie(c, PRE_SESSION_COOKIE, { path: '/ui' });
    return c.redirect(safeNext(form.next), 303);
  });

  app.use('*', requireSession(sessions, s.users), requireCsrf());

  app.post('/sign-out', async (c) => {
    await sessions.delete(c.get('session').idHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/ui/sign-in', 303);
  });

  app.get('/queue', async (c) => {
    const q = parseQueueQuery(c.req.query());
    const user = c.get('user');
    const { items, total } = await listReviewItems(s.db, toFilter(q, user, { limit: PAGE_SIZE, offset: q.offset }));
    const rows = await Promise.all(items.map(async (item) => ({ item, message: await getMessage(s.db, item.messageId) })));
    const users = [...new Map([...s.users.values()].map((u) => [u.id, u])).values()];
    const body = queueBody({ rows, total, q, user, users, csrf: c.get('session').csrf, now: new Date() });
    return c.html(page({ title: 'Review queue', page: 'queue', nav: 'queue', user, csrf: c.get('session').csrf, flash: takeFlash(c), body }));
  });

  app.get('/items/:id', async (c) => {
    const view = await loadItemView(s, c, c.req.param('id'));
    return c.html(page({ title: view.message.subject ?? view.item.id, page: 'item', nav: 'queue', user: view.user, csrf: view.csrf, flash: takeFlash(c), body: itemBody(view) }));
  });

  app.get('/insights', async (c) => {
    const days = [7, 30, 90].includes(Number(c.req.query('days'))) ? Number(c.req.query('days')) : 30;
    const insights = await computeInsights(s.db, s.queues, { days });
    return c.html(page({ title: 'Process insights', page: 'insights', nav: 'insights', user: c.get('user'), csrf: c.get('session').csrf, flash: takeFlash(c), body: insightsBody(insights, days) }));
  });

  app.route('/', uiActionRoutes(s));
  app.route('/', apiDocsRoutes(opts.openapi));
  return app;
}
