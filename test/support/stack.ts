// A whole changedesk in one test process: real Redis (BullMQ workers), a real database, the ERP simulator, the API.
import { randomUUID } from 'node:crypto';
import { createApi } from '../../src/api/app.ts';
import { defaultSeedDir } from '../../src/erp/simulator/seed.ts';
import { startErpSimulator } from '../../src/erp/simulator/server.ts';
import { buildServices } from '../../src/runtime/build-services.ts';
import { loadConfig } from '../../src/shared/config.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { closeWorkers, startWorkers } from '../../queues/workers.ts';
import { queueNames } from '../../queues/queues.ts';
import { openTestDb, tempDir, testRedis, type Backend } from './backends.ts';

export type Stack = Awaited<ReturnType<typeof startStack>>;

export async function startStack(opts: { backend?: Backend; postAttempts?: number; env?: Record<string, string>; logger?: Logger } = {}) {
  const dataDir = await tempDir('cd-stack-');
  const redis = await testRedis();
  const sim = await startErpSimulator({ port: 0, seedDir: defaultSeedDir() });
  const db = await openTestDb(opts.backend ?? 'pglite');
  const config = loadConfig({ CHANGEDESK_MODE: 'test', CHANGEDESK_DATA_DIR: dataDir, CHANGEDESK_POST_ATTEMPTS: String(opts.postAttempts ?? 3), CHANGEDESK_QUEUE_PREFIX: `cdtest-${randomUUID().slice(0, 8)}`, ...opts.env });
  const s = await buildServices({ config, redisUrl: redis.url, erpUrl: sim.url, db, logger: opts.logger });
  const startAll = () => startWorkers(s.redis, { parse: s, triage: s, post: s, sla: { db: s.db }, queues: s.queues, logger: s.logger, concurrency: 2 }, queueNames, config.queuePrefix);
  let workers = startAll();
  const api = createApi(s);

  const request = (method: string, path: string, token: string | null, body?: unknown, contentType = 'application/json') =>
    api.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as RequestInit["body"]) : JSON.stringify(body),
    });

  return {
    s, sim, api, db, request,
    /** Stops the workers (after their in-flight jobs, or at once with force) and starts new ones: a worker restart. */
    async restartWorkers(force = false) {
      await Promise.all(workers.map((w) => w.close(force)));
      workers = startAll();
    },
    postEml: (raw: Uint8Array | string, token = 'dev-rep-token') => request('POST', '/api/v1/messages', token, typeof raw === 'string' ? Buffer.from(raw) : raw, 'message/rfc822'),
    async close() {
      await closeWorkers(workers);
      await s.close();
      await db.close();
      await sim.close();
      await redis.stop();
    },
  };
}

/** Polls until fn returns a value (not undefined/null/false) or the time is up. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
