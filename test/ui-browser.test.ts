// The review workspace in a real browser (playwright-core driving Debian's chromium) against the running service:
// sign in, evidence highlighting, edit and approve until the ERP has it, a hostile email rendered inert, the keyboard.
// CHANGEDESK_SCREENSHOTS=1 also refreshes the README's screenshots in docs/screenshots/.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
// CI installs chromium (.ci/run); elsewhere a machine without it skips these tests rather than failing.
const run = haveChromium || process.env.CI ? describe : describe.skip;
const SHOTS = process.env.CHANGEDESK_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'cd-shots-'));

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

run('review workspace in chromium', () => {
  let stack: Stack;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let canary: http.Server;
  const canaryHits: string[] = [];
  let canaryUrl: string;
  const itemOf = new Map<string, string>();

  async function ingest(raw: Buffer): Promise<string> {
    const { messageId } = (await (await stack.postEml(raw)).json()) as { messageId: string };
    return eventually(async () => ((await (await stack.request('GET', `/api/v1/messages/${messageId}`, 'dev-rep-token')).json()) as { reviewItemId: string | null }).reviewItemId, `item of ${messageId}`, 60_000);
  }

  beforeAll(async () => {
    canary = http.createServer((req, res) => { canaryHits.push(req.url ?? ''); res.end('gotcha'); });
    canaryUrl = `http://127.0.0.1:${await listen(canary)}`;
    stack = await startStack();
    server = serve({ fetch: stack.api.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const inbox = 'fixtures/inbox';
    await Promise.all(fs.readdirSync(inbox).filter((f) => f.endsWith('.eml')).map(async (f) => itemOf.set(f, await ingest(fs.readFileSync(path.join(inbox, f))))));
    const hostile = `<html><head><meta http-equiv="refresh" content="0;url=${canaryUrl}/refresh"><style>@import url(${canaryUrl}/css); body{background:url(${canaryUrl}/bg)}</style>
      <script>window.__pwned = true; fetch('${canaryUrl}/script')</script></head>
      <body onload="window.__pwned = true"><p>Please change HX-2210 to 40 units on PO 4500012345.</p>
      <img src="${canaryUrl}/pixel.gif" onerror="window.__pwned = true"><iframe src="${canaryUrl}/frame"></iframe>
      <a href="${base}/ui/bulk-approve">Click here to approve</a> <a href="javascript:window.__pwned=true">js link</a>
      <form action="${canaryUrl}/form" method="post"><button>Send</button></form>
      <svg onload="window.__pwned = true"><image href="${canaryUrl}/svg.png"/></svg></body></html>`;
    itemOf.set('hostile', await ingest(await buildEml({
      subject: 'Order update (hostile markup)', html: hostile,
      attachments: [
        { filename: 'details.html', contentType: 'text/html', content: Buffer.from(hostile) },
        { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from(`Literal markup: <script>window.__pwned = true</script><img src="${canaryUrl}/txt.gif">`) },
      ],
    })));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    canary?.close();
    await stack?.close();
  });

  async function signedIn(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${base}/ui/queue`);
    expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
    await page.fill('input[name="token"]', token);
    await Promise.all([page.waitForURL(`${base}/ui/queue`), page.press('input[name="token"]', 'Enter')]);
    return page;
  }
  const flash = async (page: Page) => (await page.textContent('.flash')) ?? '';
  /** Runs an action that submits a form or follows a link, and waits for the page it lands on. */
  async function navigates(page: Page, action: () => Promise<unknown>): Promise<void> {
    const landed = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
    await action();
    await landed;
    await page.waitForLoadState('load');
  }

  it('signs in, shows highlighted evidence, takes an edit, and an approval reaches the ERP', async () => {
    const rep = await signedIn('dev-rep-token');
    expect(await rep.locator('tr.row').count()).toBeGreaterThanOrEqual(10);
    await rep.screenshot({ path: path.join(SHOTS, 'queue.png') });

    const id = itemOf.get('01-quantity-terse.eml')!;
    await rep.click(`tr.row[data-id="${id}"] a.open`);
    await rep.waitForURL(new RegExp(`/ui/items/${id}`));
    expect(await rep.locator('.source mark.ev').count()).toBeGreaterThan(0);
    await rep.click('tbody.change[data-group="c0"] td.to a.ev-link');
    const active = rep.locator('mark.ev.active');
    expect(await active.count()).toBeGreaterThan(0);
    expect(await active.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('40')]));
    expect(await active.first().isVisible()).toBe(true);
    await rep.screenshot({ path: path.join(SHOTS, 'item.png') });

    await rep.keyboard.press('e');
    const to = rep.locator('#edit-form input[name="c0_to"]');
    expect(await to.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    await to.fill('45');
    await navigates(rep, () => rep.keyboard.press('Control+Enter'));
    expect(await flash(rep)).toContain('Saved as version 2');
    expect(await rep.textContent('tbody.change[data-group="c0"] td.to')).toContain('45');

    // Four-eyes: the rep who edited cannot be the only approver.
    await navigates(rep, () => rep.keyboard.press('a'));
    expect(await flash(rep)).toContain('four-eyes');

    const approver = await signedIn('dev-approver-token');
    await approver.goto(`${base}/ui/items/${id}`);
    await navigates(approver, () => approver.keyboard.press('a'));
    expect(await flash(approver)).toContain('Approved version 2');
    // The page follows the posting by reloading itself (our CSP forbids the string evaluation of waitForFunction).
    await approver.locator('#item-status:text-is("posted")').waitFor({ timeout: 20_000 });
    expect(await approver.textContent('#postings')).toContain('as approved');
    const postings = (await (await fetch(`${stack.sim.url}/postings`)).json()) as { payload?: unknown }[];
    expect(JSON.stringify(postings)).toMatch(/"sku":"HX-2210","quantity":45/);
  }, 60_000);

  it('renders a hostile HTML email inert: no script runs, no request leaves, nothing in it is clickable', async () => {
    const page = await signedIn('dev-rep-token');
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`${base}/ui/items/${itemOf.get('hostile')}`);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    expect(canaryHits).toEqual([]);
    expect(await page.locator('.source a, .source img, .source iframe, .source script, .source form, .source svg').count()).toBe(0);
    const source = (await page.locator('.source').textContent()) ?? '';
    expect(source).toContain('Please change HX-2210 to 40 units');
    expect(source).toContain('Click here to approve');
    expect(source).toContain('<script>window.__pwned = true</script>');
    expect(new URL(page.url()).pathname).toBe(`/ui/items/${itemOf.get('hostile')}`);
    await page.screenshot({ path: path.join(SHOTS, 'hostile-email.png') });
  }, 30_000);

  it('works the queue with the keyboard: move, open, next, reject with a reason, back, bulk-approve', async () => {
    const rep = await signedIn('dev-rep-token');
    await rep.keyboard.press('j');
    const second = await rep.getAttribute('tr.row.selected', 'data-id');
    await navigates(rep, () => rep.keyboard.press('Enter'));
    expect(rep.url()).toContain(`/ui/items/${second}`);
    await navigates(rep, () => rep.keyboard.press('j'));
    const rejected = new URL(rep.url()).pathname.split('/').pop()!;
    await rep.keyboard.press('r');
    expect(await rep.evaluate("document.activeElement?.getAttribute('name')")).toBe('reason');
    await rep.keyboard.type('customer called: duplicate of an earlier request');
    await navigates(rep, () => rep.keyboard.press('Control+Enter'));
    expect(await flash(rep)).toContain('Rejected');
    expect(await rep.textContent('#item-status')).toBe('rejected');
    await navigates(rep, () => rep.keyboard.press('u'));
    expect(await rep.locator(`tr.row[data-id="${rejected}"]`).count()).toBe(0);

    const approver = await signedIn('dev-approver-token');
    const selectable = approver.locator('tr.row:has(input[name="ids"])');
    expect(await selectable.count()).toBeGreaterThan(0);
    const rows = await approver.locator('tr.row').evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-id'), bulk: !!tr.querySelector('input[name="ids"]') })));
    const target = rows.findIndex((r) => r.bulk);
    for (let i = 0; i < target; i++) await approver.keyboard.press('j');
    await approver.keyboard.press('x');
    expect(await approver.textContent('[data-bulk]')).toBe('Approve selected (1)');
    await navigates(approver, () => approver.keyboard.press('Shift+A'));
    expect(await flash(approver)).toContain('1 approved');
    expect(await approver.locator(`tr.row[data-id="${rows[target]!.id}"]`).count()).toBe(0);
  }, 30_000);

  it('draws the process insights and opens the operator views', async () => {
    const admin = await signedIn('dev-admin-token');
    await admin.goto(`${base}/ui/insights?days=7`);
    expect(await admin.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(6);
    expect(await admin.textContent('.cards')).toContain('Touchless rate');
    await admin.screenshot({ path: path.join(SHOTS, 'insights.png'), fullPage: true });
    await admin.goto(`${base}/ui/api-docs`);
    await admin.waitForSelector('#swagger .opblock', { timeout: 15_000 });
    await admin.goto(`${base}/admin/queues`);
    await admin.waitForSelector('text=parse', { timeout: 15_000 });
  }, 40_000);
});
