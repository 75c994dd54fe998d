// Faults while messages flow (300 in CI, FAULT_MESSAGES=1000 for the full run) through two worker processes: workers SIGKILLed over and over, Redis (private,
// append-only) and PostgreSQL (private cluster) restarted mid-run, the ERP failing 30% of posts and timing out.
// Afterwards: no message lost, no duplicate review item, no double ERP posting, a valid audit chain. Runs by default;
// skipped (saying why) only where a private PostgreSQL cannot be started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { reopenFailedPosting } from '../src/erp/post-change.ts';
import { defaultSeedDir } from '../src/erp/simulator/seed.ts';
import { startErpSimulator } from '../src/erp/simulator/server.ts';
import { acceptMessage } from '../src/intake/accept-message.ts';
import { approveItem } from '../src/review/decisions.ts';
import { buildServices } from '../src/runtime/build-services.ts';
import { redisAnswers, startPrivateRedis } from '../src/runtime/redis.ts';
import { loadConfig } from '../src/shared/config.ts';
import { isAppError } from '../src/shared/errors.ts';
import { tempDir } from './support/backends.ts';
import { buildEml } from './support/mail.ts';
import { canRunPrivatePostgres, startPrivatePostgres } from './support/private-pg.ts';

const root = path.resolve(import.meta.dirname, '..');
// CI runs 300 to keep the suite short; FAULT_MESSAGES=1000 runs the full load (see README "Operations").
const MESSAGES = Number(process.env.FAULT_MESSAGES ?? 300);
// How long the faults may take to heal once they stop; a bound, so a stuck pipeline fails instead of hanging CI.
const SETTLE_S = Number(process.env.FAULT_SETTLE_S ?? 150);
const admin = { id: 'fault-admin', name: 'Fault Admin', role: 'admin' as const };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries an operation while a datastore restarts, as a client retries a 503. */
async function persist<T>(fn: () => Promise<T>, tries = 100): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries) throw e;
      await sleep(200);
    }
  }
}

if (!canRunPrivatePostgres)
  console.warn('test/faults.test.ts skipped: a private PostgreSQL needs root, runuser and /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)');

describe.skipIf(!canRunPrivatePostgres)(`faults while ${MESSAGES} messages flow`, () => {
  const workers: ChildProcess[] = [];
  const cleanup: (() => Promise<unknown>)[] = [];
  let env: NodeJS.ProcessEnv;
  let s: Awaited<ReturnType<typeof buildServices>>;
  let redisDir: string;
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let pg: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let sim: Awaited<ReturnType<typeof startErpSimulator>>;

  const born = new Map<ChildProcess, number>();
  // Node itself with tsx as a loader, not the tsx launcher: the launcher runs the worker as its own child, so a
  // SIGKILL to it killed only the launcher and left the real worker running, orphaned, after the test.
  // The sla queue too, as a deployment runs it: its sweep re-queues a post whose job Redis never got.
  const spawnWorker = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/worker.ts', '--queues', 'parse,triage,post,sla', '--concurrency', '4'], { cwd: root, env, stdio: 'ignore' });
    workers.push(child);
    born.set(child, Date.now());
  };

  beforeAll(async () => {
    [pg, redisDir] = await Promise.all([startPrivatePostgres(), tempDir('cd-fault-redis-')]);
    redis = await startPrivateRedis(redisDir);
    sim = await startErpSimulator({ port: 0, seedDir: defaultSeedDir(), faults: { failRate: 0.3, status: 503 } });
    env = {
      ...process.env, CHANGEDESK_MODE: 'test', DATABASE_URL: pg.url, REDIS_URL: redis.url, CHANGEDESK_ERP_URL: sim.url, LOG_LEVEL: 'silent',
      CHANGEDESK_QUEUE_PREFIX: `cdfault-${randomUUID().slice(0, 8)}`, CHANGEDESK_DATA_DIR: await tempDir('cd-fault-'),
      CHANGEDESK_JOB_LOCK_S: '3', CHANGEDESK_ERP_TIMEOUT_S: '1', CHANGEDESK_POST_ATTEMPTS: '6', CHANGEDESK_SLA_SWEEP_S: '5',
    };
    s = await buildServices({ config: loadConfig(env), redisUrl: redis.url, erpUrl: sim.url });
    cleanup.push(() => s.close(), () => sim.close(), () => redis.stop(), () => pg.stop());
    spawnWorker();
    spawnWorker();
  }, 120_000);

  afterAll(async () => {
    const running = workers.filter((w) => w.exitCode === null && w.signalCode === null);
    for (const w of running) w.kill('SIGKILL');
    await Promise.all(running.map((w) => new Promise((r) => (w.exitCode === null && w.signalCode === null ? w.once('exit', r) : r(null)))));
    for (const f of cleanup) await f().catch(() => {});
  }, 60_000);

  it('loses nothing, duplicates nothing and posts nothing twice', async () => {
    const count = async (sql: string, params: unknown[] = []) => Number((await persist(() => s.db.query<{ n: string }>(sql, params)))[0]!.n);
    const t0 = Date.now();
    let intakeDone = false;
    let chaosDone = false;
    let settled = false;
    const events: string[] = [];
    const refusals = new Set<string>();

    const intake = (async () => {
      for (let i = 0; i < MESSAGES; i++) {
        const raw = await buildEml({ subject: `PO 4500012345 #${i}`, text: `Hi,\n\nplease change HX-3108 from 25 to ${26 + (i % 90)} on PO 4500012345.\n\nDana`, messageId: `<fault-${i}@acme-mfg.com>` });
        await persist(() => acceptMessage(raw, 'api', { type: 'system', id: 'fault-test' }, { ...s, maxMessageBytes: s.config.maxMessageBytes }));
      }
      intakeDone = true;
    })();

    // A human desk approving whatever is pending, through every fault, until everything has settled: items still
    // arrive long after the faults stop (triage retries back off), so 'nothing pending right now' is not the end.
    const approvals = (async () => {
      while (!settled) {
        const pending = await persist(() => s.db.query<{ id: string }>(`SELECT id FROM review_items WHERE status = 'pending' LIMIT 50`));
        for (const { id } of pending)
          await approveItem(id, admin, null, s).catch((e: unknown) => {
            // A refusal or a datastore restarting: the desk tries again on its next round.
            if (refusals.size < 5) refusals.add(isAppError(e) ? `${e.kind}: ${e.message}` : String(e));
          });
        await sleep(300);
      }
    })();

    const chaos = (async () => {
      const start = Date.now();
      let redisRestarted = false;
      let pgRestarted = false;
      while (!intakeDone || Date.now() - start < 20_000) {
        await sleep(2500);
        const alive = workers.filter((w) => w.exitCode === null && w.signalCode === null);
        // Kill only a worker that has had time to start and take jobs (start-up takes seconds on a busy machine).
        const grown = alive.filter((w) => Date.now() - born.get(w)! > 8000);
        const victim = grown[Math.floor(Math.random() * grown.length)];
        if (victim) {
          victim.kill('SIGKILL');
          events.push('worker SIGKILL');
        }
        // A supervisor's job: keep two workers running (one killed above, or one that exited on its own).
        for (let n = alive.length - (victim ? 1 : 0); n < 2; n++) spawnWorker();
        if (!redisRestarted && Date.now() - start > 8000) {
          await redis.stop();
          redis = await startPrivateRedis(redisDir, redis.port);
          redisRestarted = true;
          events.push('redis restarted');
        }
        if (!pgRestarted && Date.now() - start > 14_000) {
          await pg.restart();
          pgRestarted = true;
          events.push('postgres restarted');
        }
        if (Date.now() - start > 5000 && Date.now() - start < 9000) sim.state.faults = { failRate: 0.3, status: 503, delayMs: 1500 };
        else sim.state.faults = { failRate: 0.3, status: 503 };
      }
      sim.state.faults = {};
      chaosDone = true;
    })();

    await Promise.all([intake, chaos]);
    const chaosS = (Date.now() - t0) / 1000;
    expect(events).toEqual(expect.arrayContaining(['worker SIGKILL', 'redis restarted', 'postgres restarted']));
    expect(await redisAnswers(redis.url)).toBe(true);

    // Settle: re-drive whatever ran out of attempts during the faults, until every message is an item and every
    // approved item is posted.
    const deadline = Date.now() + SETTLE_S * 1000;
    for (;;) {
      const alive = workers.filter((w) => w.exitCode === null && w.signalCode === null).length;
      for (let n = alive; n < 2; n++) spawnWorker();
      const failed = await persist(() => s.db.query<{ id: string }>(`SELECT id FROM review_items WHERE status = 'post_failed'`));
      for (const { id } of failed) {
        const { idempotencyKey, correlationId } = await reopenFailedPosting(id, admin.id, s);
        await s.enqueuePost(idempotencyKey, correlationId);
        events.push('post re-driven');
      }
      const unfinished = await count(`SELECT count(*) AS n FROM messages WHERE status IN ('received', 'parsed')`);
      const inFlight = await count(`SELECT count(*) AS n FROM review_items WHERE status IN ('pending', 'approved', 'post_failed')`);
      if (unfinished === 0 && inFlight === 0) break;
      if (Date.now() > deadline) {
        settled = true; // stop the desk loop too
        const byStatus = await s.db.query(`SELECT status, count(*) AS n FROM review_items GROUP BY status`);
        const postings = await s.db.query(`SELECT status, count(*) AS n, max(last_error) AS error FROM erp_postings GROUP BY status`);
        throw new Error(`not settled: ${unfinished} messages unfinished, ${inFlight} items in flight: ${JSON.stringify({ byStatus, postings, refusals: [...refusals] })} (${events.join(', ')})`);
      }
      await sleep(1000);
    }
    settled = true;
    await approvals;
    const tally = (e: string) => events.filter((x) => x === e).length;
    console.log(`faults: ${MESSAGES} messages, faults for ${chaosS.toFixed(1)} s, settled after ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `${tally('worker SIGKILL')} worker SIGKILLs, ${tally('post re-driven')} posts re-driven, ERP saw ${sim.state.postings.length} postings`);

    // No message lost: every accepted message is an item (none of these is malformed, so none is quarantined).
    expect(await count('SELECT count(*) AS n FROM messages')).toBe(MESSAGES);
    const quarantined = await s.db.query<{ reason: string }>(`SELECT quarantine_reason AS reason FROM messages WHERE status = 'quarantined'`);
    expect(quarantined.map((q) => q.reason), 'quarantined by the faults').toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM messages WHERE status = 'triaged'`)).toBe(MESSAGES);
    // No duplicate review item, and triage ran to completion once per message.
    expect(await count('SELECT count(*) AS n FROM review_items')).toBe(MESSAGES);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'review_item.created'`)).toBe(MESSAGES);
    // No double ERP posting: one posting per item, and it is the approved payload.
    expect(await count(`SELECT count(*) AS n FROM review_items WHERE status = 'posted'`)).toBe(MESSAGES);
    const perItem = new Map<string, number>();
    for (const p of sim.state.postings) perItem.set(p.payload.reviewItemId, (perItem.get(p.payload.reviewItemId) ?? 0) + 1);
    expect(perItem.size).toBe(MESSAGES);
    expect([...perItem.values()].every((n) => n === 1)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM erp_postings WHERE posted_hash IS DISTINCT FROM payload_hash')).toBe(0);
    expect(await verifyAuditChain(s.db)).toMatchObject({ ok: true });
  }, 600_000);
});
