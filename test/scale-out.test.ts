// Scale-out: two separate worker processes on the same queues against one Redis and one PostgreSQL; every message
// is handled exactly once, and both processes take a share.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage } from '../src/intake/accept-message.ts';
import { defaultSeedDir } from '../src/erp/simulator/seed.ts';
import { startErpSimulator } from '../src/erp/simulator/server.ts';
import { buildServices } from '../src/runtime/build-services.ts';
import { loadConfig } from '../src/shared/config.ts';
import { openPostgres } from '../src/storage/db.ts';
import { createTestSchema, tempDir, testRedis } from './support/backends.ts';
import { spawnTs, stopChild } from './support/child-process.ts';
import { buildEml } from './support/mail.ts';
import { eventually } from './support/stack.ts';

const root = path.resolve(import.meta.dirname, '..');

describe.runIf(process.env.DATABASE_URL)('two worker processes on one queue', () => {
  const children: ChildProcess[] = [];
  const cleanup: (() => Promise<unknown>)[] = [];
  let s: Awaited<ReturnType<typeof buildServices>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const [schema, redis, sim, dataDir] = await Promise.all([createTestSchema(), testRedis(), startErpSimulator({ port: 0, seedDir: defaultSeedDir() }), tempDir('cd-scale-')]);
    const prefix = `cdscale-${randomUUID().slice(0, 8)}`;
    env = { ...process.env, CHANGEDESK_MODE: 'test', DATABASE_URL: schema.url, REDIS_URL: redis.url, CHANGEDESK_ERP_URL: sim.url, CHANGEDESK_QUEUE_PREFIX: prefix, CHANGEDESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const config = loadConfig(env);
    s = await buildServices({ config, redisUrl: redis.url, erpUrl: sim.url, db: openPostgres(schema.url) });
    cleanup.push(() => s.close(), () => s.db.close(), () => sim.close(), () => redis.stop(), () => schema.drop());
    for (let i = 0; i < 2; i++) {
      const child = spawnTs('src/cli/worker.ts', ['--queues', 'parse,triage,post', '--concurrency', '3'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(child);
    }
  }, 60_000);

  afterAll(async () => {
    // SIGTERM drains, as a deployment stops a worker; one that does not exit in time is killed, never left running.
    await Promise.all(children.map((c) => stopChild(c, 'SIGTERM', 15_000)));
    for (const f of cleanup) await f().catch(() => {});
  }, 60_000);

  it('handles each of 60 messages exactly once, spread over both processes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const raw = await buildEml({ subject: `PO 4500012345 #${i}`, text: `Hi,\n\nplease change HX-3108 from 25 to ${26 + i} on PO 4500012345.\n\nDana`, messageId: `<scale-${i}-${randomUUID()}@acme-mfg.com>` });
      ids.push((await acceptMessage(raw, 'api', { type: 'system', id: 'test' }, { ...s, maxMessageBytes: s.config.maxMessageBytes })).messageId);
    }
    await eventually(async () => {
      const [row] = await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE status = 'triaged'`);
      return Number(row!.n) === 60;
    }, 'all 60 messages triaged by the worker processes', 90_000);

    const count = async (action: string) => Number((await s.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE action = $1', [action]))[0]!.n);
    expect(await count('message.parsed')).toBe(60);
    expect(await count('review_item.created')).toBe(60);
    expect(Number((await s.db.query<{ n: string }>('SELECT count(*) AS n FROM review_items'))[0]!.n)).toBe(60);

    const jobs = await s.queues.triage.getJobs(['completed'], 0, 200);
    const byProcess = new Set(jobs.map((j) => j.processedBy?.split(':')[1]));
    expect(jobs).toHaveLength(60);
    expect(byProcess.size).toBe(2);
  }, 120_000);
});
