// UI middleware: session sign-in, CSRF and same-origin checks on every state-changing request, strict browser headers.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { User } from '../review/users.ts';
import { AppError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';
import { SESSION_COOKIE, sameSecret, type SessionRecord, type SessionStore } from './session.ts';

export type UiEnv = { Variables: { user: User; session: SessionRecord & { idHash: string } } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user from the session cookie; a page request without one is sent to the sign-in page. */
export const requireSession = (store: SessionStore, users: Map<string, User>) =>
  createMiddleware<UiEnv>(async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const idHash = id ? sha256(id) : null;
    const record = idHash ? await store.get(idHash) : null;
    const user = record ? users.get(record.tokenSha256) : undefined;
    if (!record || !user || !idHash) {
      if (c.req.method === 'GET') return c.redirect(`/ui/sign-in?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`, 303);
      throw new AppError('unauthenticated', 'sign in again: your session has ended');
    }
    c.set('user', user);
    c.set('session', { ...record, idHash });
    await next();
  });

/**
 * A state change must come from our own pages: the Origin (when the browser sends one) is this host, and the form
 * or header carries the session's CSRF token. With SameSite=Strict cookies this is belt and braces.
 */
export function assertSameOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && new URL(origin).host !== c.req.header('host')) throw new AppError('forbidden', 'cross-site request refused');
  if (origin === 'null') throw new AppError('forbidden', 'cross-site request refused');
}

export const requireCsrf = (): MiddlewareHandler<UiEnv> =>
  createMiddleware<UiEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    assertSameOrigin(c);
    const type = c.req.header('content-type') ?? '';
    const fromForm = type.includes('form') ? (await c.req.parseBody())['_csrf'] : undefined;
    const token = typeof fromForm === 'string' ? fromForm : c.req.header('x-csrf-token');
    if (!sameSecret(token, c.get('session').csrf)) throw new AppError('forbidden', 'the form has expired or did not come from changedesk; reload the page and try again');
    await next();
  });

/** Admin-only areas (queue dashboard). */
export const requireAdmin = createMiddleware<UiEnv>(async (c, next) => {
  if (c.get('user').role !== 'admin') throw new AppError('forbidden', 'this page is for admins');
  await next();
});

/** Same-origin check for admin tools that post JSON from their own page (bull-board). */
export const sameOriginWrites = createMiddleware(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
  await next();
});

const STRICT_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/**
 * Strict headers for every UI page: only our own script and style files run (no inline script, nothing remote), no
 * framing, no caching, and no referrer beyond our own origin (not no-referrer: under it Chromium sends `Origin: null`
 * on our own form posts). `relaxedStyles` is for vendored tools (API viewer, bull-board) that set inline styles; their
 * scripts are still only files we serve. A header an inner route already set is left alone, so the
 * relaxed policy of one route is not overwritten by the strict default around it.
 */
export const uiHeaders = (opts: { relaxedStyles?: boolean } = {}): MiddlewareHandler =>
  createMiddleware(async (c, next) => {
    await next();
    const headers: Record<string, string> = {
      'Content-Security-Policy': opts.relaxedStyles ? STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") : STRICT_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'same-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    for (const [k, v] of Object.entries(headers)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

/** Secure cookies in production and over HTTPS; plain HTTP on localhost in development and tests. */
export const cookieSecure = (c: Context, mode: string) => mode === 'production' || new URL(c.req.url).protocol === 'https:';

export function setSessionCookie(c: Context, id: string, mode: string, maxAge: number): void {
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: cookieSecure(c, mode), maxAge });
}
