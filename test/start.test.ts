// `npm start` as a newcomer runs it: embedded defaults, the sample inbox, curl-style intake, approval, posting,
// the ingest CLI, and a SIGTERM that drains and exits cleanly.
import { execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/runtime/redis.ts';
import { tempDir } from './support/backends.ts';
import { spawnTs, stopChild } from './support/child-process.ts';
import { buildEml } from './support/mail.ts';
import { eventually } from './support/stack.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('npm start', () => {
  let child: ChildProcess;
  let base: string;
  let erp: string;
  let output = '';
  const api = (p: string, token: string | null, init: RequestInit = {}) =>
    fetch(`${base}${p}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    const [port, simPort, dataDir] = await Promise.all([freePort(), freePort(), tempDir('cd-start-')]);
    base = `http://127.0.0.1:${port}`;
    erp = `http://127.0.0.1:${simPort}`;
    const env = { ...process.env, PORT: String(port), CHANGEDESK_ERP_SIM_PORT: String(simPort), CHANGEDESK_DATA_DIR: dataDir, CHANGEDESK_MODE: 'development', LOG_LEVEL: 'info', CHANGEDESK_QUEUE_PREFIX: `cdstart-${port}` };
    delete (env as NodeJS.ProcessEnv).DATABASE_URL; // the embedded default: PGlite under the data directory
    child = spawnTs('src/main.ts', [], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await eventually(async () => (await fetch(`${base}/health`).catch(() => null))?.ok, `the service to answer (output so far: ${output})`, 60_000);
  }, 90_000);
  // Only when the SIGTERM test did not get to stop it: the service itself, and wait until it is gone.
  afterAll(() => (child ? stopChild(child, 'SIGKILL') : undefined), 30_000);

  it('ingests the sample inbox on the first start', async () => {
    const total = await eventually(async () => {
      const body = (await (await api('/api/v1/review-items', 'dev-rep-token')).json()) as { total: number };
      return body.total >= 10 ? body.total : null;
    }, 'the sample inbox to become review items', 60_000);
    expect(total).toBeGreaterThanOrEqual(10);
  }, 90_000);

  it('takes a curl-style upload to a posted ERP change', async () => {
    const raw = await buildEml({ subject: 'PO 4500012345', text: 'Hi,\n\nplease change HX-3108 from 25 to 30 pcs on PO 4500012345.\n\nThanks\nDana', messageId: '<start-test@acme-mfg.com>' });
    const res = await api('/api/v1/messages', 'dev-rep-token', { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });
    expect(res.status).toBe(202);
    const { messageId } = (await res.json()) as { messageId: string };
    const itemId = await eventually(async () => ((await (await api(`/api/v1/messages/${messageId}`, 'dev-rep-token')).json()) as { reviewItemId: string | null }).reviewItemId, 'a review item', 20_000);
    const approve = await api(`/api/v1/review-items/${itemId}/approve`, 'dev-approver-token', { method: 'POST' });
    expect(approve.status).toBe(200);
    await eventually(async () => ((await (await api(`/api/v1/review-items/${itemId}`, 'dev-rep-token')).json()) as { status: string }).status === 'posted', 'posted', 20_000);
    const postings = (await (await fetch(`${erp}/postings`)).json()) as { payload: { reviewItemId: string } }[];
    expect(postings.filter((p) => p.payload.reviewItemId === itemId)).toHaveLength(1);
  }, 60_000);

  it('ingests files from the command line with a progress line, recognising duplicates', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', '--url', base, 'fixtures/inbox/01-quantity-terse.eml', 'fixtures/malformed'], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ files: 3, new: 2, duplicate: 1, failed: 0 });
    expect(stderr).toMatch(/\[3\/3\] 2 new, 1 duplicate, 0 failed/);
  }, 30_000);

  it('drains and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/draining/);
  }, 30_000);
});
