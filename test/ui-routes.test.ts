// The workspace's HTTP contract without a browser: sessions, CSRF, same-origin, strict headers, GET never changes
// state, operator views (metrics, insights, bull-board, API viewer) and who may see them.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insightsSchema } from '../src/observability/insights.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const HOST = 'changedesk.test';

describe('review workspace routes', () => {
  let stack: Stack;
  let itemId: string;

  const call = (method: string, path: string, o: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) =>
    stack.api.request(`http://${HOST}${path}`, {
      method,
      headers: { host: HOST, ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...o.headers },
      body: o.form ? new URLSearchParams(o.form).toString() : undefined,
    });
  const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  const csrfOf = (page: string) => /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? '';

  async function signIn(token: string): Promise<{ cookie: string; csrf: string; setCookie: string }> {
    const form = await call('GET', '/ui/sign-in');
    const pre = cookieOf(form, 'cd_pre')!.split(';')[0]!;
    const res = await call('POST', '/ui/sign-in', { cookie: pre, form: { _csrf: pre.split('=')[1]!, token, next: '/ui/queue' } });
    expect(res.status).toBe(303);
    const setCookie = cookieOf(res, 'cd_session')!;
    const cookie = setCookie.split(';')[0]!;
    const queue = await (await call('GET', '/ui/queue', { cookie })).text();
    return { cookie, csrf: csrfOf(queue), setCookie };
  }

  beforeAll(async () => {
    stack = await startStack();
    const { messageId } = await (await stack.postEml(fs.readFileSync('fixtures/inbox/01-quantity-terse.eml'))).json() as { messageId: string };
    itemId = await eventually(async () => ((await (await stack.request('GET', `/api/v1/messages/${messageId}`, 'dev-rep-token')).json()) as { reviewItemId: string | null }).reviewItemId, 'review item', 60_000);
  }, 120_000);
  afterAll(() => stack?.close());

  it('sends a visitor without a session to the sign-in page, and serves the static files to anyone', async () => {
    const res = await call('GET', '/ui/queue?status=all');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ui/sign-in?next=%2Fui%2Fqueue%3Fstatus%3Dall');
    const css = await call('GET', '/ui/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('signs in with a token into an HttpOnly SameSite=Strict session; a bad token or a forged form is refused', async () => {
    const form = await call('GET', '/ui/sign-in');
    const pre = cookieOf(form, 'cd_pre')!.split(';')[0]!;
    expect((await call('POST', '/ui/sign-in', { cookie: pre, form: { _csrf: 'forged', token: 'dev-rep-token' } })).status).toBe(403);
    expect((await call('POST', '/ui/sign-in', { cookie: pre, form: { _csrf: pre.split('=')[1]!, token: 'wrong' } })).status).toBe(401);
    const offsite = await call('POST', '/ui/sign-in', { cookie: pre, form: { _csrf: pre.split('=')[1]!, token: 'dev-rep-token', next: '//evil.example/ui/x' } });
    expect(offsite.headers.get('location')).toBe('/ui/queue');
    const { setCookie } = await signIn('dev-rep-token');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it('serves pages under a strict Content-Security-Policy with no inline script', async () => {
    const { cookie } = await signIn('dev-rep-token');
    for (const path of ['/ui/queue', `/ui/items/${itemId}`, '/ui/insights']) {
      const res = await call('GET', path, { cookie });
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const page = await res.text();
      expect(page.match(/<script(?![^>]*\bsrc=)[^>]*>/g), `inline script on ${path}`).toBeNull();
    }
  });

  it('changes nothing on GET, and refuses a POST without the CSRF token or from another origin', async () => {
    const { cookie, csrf } = await signIn('dev-approver-token');
    expect((await call('GET', `/ui/items/${itemId}/approve`, { cookie })).status).toBe(404);
    expect((await call('POST', `/ui/items/${itemId}/approve`, { cookie, form: { version: '1' } })).status).toBe(403);
    expect((await call('POST', `/ui/items/${itemId}/approve`, { cookie, form: { _csrf: 'x'.repeat(43), version: '1' } })).status).toBe(403);
    expect((await call('POST', `/ui/items/${itemId}/approve`, { cookie, form: { _csrf: csrf, version: '1' }, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call('POST', `/ui/items/${itemId}/approve`, { form: { _csrf: csrf, version: '1' } })).status).toBe(303); // no session: to sign-in
    const item = (await (await stack.request('GET', `/api/v1/review-items/${itemId}`, 'dev-rep-token')).json()) as { status: string; approvals: unknown[] };
    expect(item).toMatchObject({ status: 'pending', approvals: [] });
  });

  it('keeps the JSON API bearer-only: a session cookie does not authenticate it', async () => {
    const { cookie } = await signIn('dev-admin-token');
    expect((await call('GET', '/api/v1/review-items', { cookie })).status).toBe(401);
  });

  it('refuses to approve a version the reviewer did not see', async () => {
    const { cookie, csrf } = await signIn('dev-approver-token');
    const res = await call('POST', `/ui/items/${itemId}/approve`, { cookie, form: { _csrf: csrf, version: '7' } });
    expect(res.status).toBe(303);
    const page = await (await call('GET', res.headers.get('location')!, { cookie: `${cookie}; ${cookieOf(res, 'cd_flash')!.split(';')[0]}` })).text();
    expect(page).toContain('changed while you were looking at it');
  });

  it('shows a refused edit beside the fields, and saves nothing', async () => {
    const { cookie, csrf } = await signIn('dev-rep-token');
    const res = await call('POST', `/ui/items/${itemId}/edit`, { cookie, form: { _csrf: csrf, version: '1', c0_kind: 'quantity', c0_sku: 'HX-2210', c0_from: '', c0_to: 'lots' } });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/aria-invalid="true"/);
    expect(((await (await stack.request('GET', `/api/v1/review-items/${itemId}`, 'dev-rep-token')).json()) as { version: number }).version).toBe(1);
  });

  it('exposes Prometheus metrics to admin tokens only', async () => {
    expect((await call('GET', '/metrics')).status).toBe(401);
    expect((await call('GET', '/metrics', { headers: { authorization: 'Bearer dev-rep-token' } })).status).toBe(403);
    const res = await call('GET', '/metrics', { headers: { authorization: 'Bearer dev-admin-token' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/changedesk_queue_jobs\{queue="parse",state="waiting"\} \d+/);
    expect(text).toContain('changedesk_queue_scrape_up 1');
  });

  it('answers process insights as JSON and draws them as inline SVG', async () => {
    const res = await stack.request('GET', '/api/v1/insights?days=7', 'dev-rep-token');
    expect(res.status).toBe(200);
    const insights = insightsSchema.parse(await res.json());
    expect(insights.days).toHaveLength(7);
    expect(insights.volume.reduce((s, v) => s + v.count, 0)).toBeGreaterThanOrEqual(1);
    expect(insights.stalls.find((s) => s.stage === 'pending, unclaimed')?.count).toBeGreaterThanOrEqual(1);
    const { cookie } = await signIn('dev-rep-token');
    const page = await (await call('GET', '/ui/insights?days=7', { cookie })).text();
    expect(page.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('mounts bull-board for admins only, and the OpenAPI viewer for anyone signed in', async () => {
    const rep = await signIn('dev-rep-token');
    expect((await call('GET', '/admin/queues', { cookie: rep.cookie })).status).toBe(403);
    expect((await call('GET', '/admin/queues/api/queues')).status).toBe(303);
    const admin = await signIn('dev-admin-token');
    const board = await call('GET', '/admin/queues', { cookie: admin.cookie });
    expect(board.status).toBe(200);
    const queues = await call('GET', '/admin/queues/api/queues', { cookie: admin.cookie });
    expect(queues.status).toBe(200);
    expect(((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort()).toEqual(['parse', 'post', 'sla', 'triage']);
    expect((await call('PUT', '/admin/queues/api/queues/parse/pause', { cookie: admin.cookie, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const docs = await call('GET', '/ui/api-docs', { cookie: rep.cookie });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    const spec = (await (await call('GET', '/ui/openapi.json', { cookie: rep.cookie })).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/v1/insights');
  });
});
