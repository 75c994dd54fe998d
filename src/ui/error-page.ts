// Errors on UI routes become pages (or the sign-in page), never JSON; server faults are logged as the API's are.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { toAppError } from '../api/on-error.ts';
import type { Logger } from '../shared/logger.ts';
import type { UiEnv } from './guards.ts';
import { page } from './layout.ts';

export const uiErrorPage = (logger: Logger) => (err: Error, c: Context<UiEnv>) => {
  const e = toAppError(err);
  if (e.status >= 500) logger.error({ err, path: c.req.path }, 'ui request failed');
  if (e.kind === 'unauthenticated') return c.redirect('/ui/sign-in', 303);
  const body = html`<div class="panel"><h1>${e.status}</h1><p>${e.message}</p><p><a href="/ui/queue">Back to the queue</a></p></div>`;
  return c.html(page({ title: 'Error', page: 'error', user: c.get('user') ?? null, csrf: c.get('session')?.csrf, body }), e.status as 400);
};
