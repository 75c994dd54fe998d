// A PostgreSQL connection cut under an open transaction (restart, failover, a killed backend) must fail that
// transaction as 'unavailable' and leave the process and the pool working; it used to be an uncaught exception.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../src/storage/db.ts';
import { createTestSchema } from './support/backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(process.env.DATABASE_URL)('a transaction whose connection is cut', () => {
  let db: Db;
  let drop: () => Promise<void>;
  // Recorded here as well as by vitest, so the test names what went wrong rather than only the run failing.
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);

  beforeAll(async () => {
    const schema = await createTestSchema();
    drop = schema.drop;
    db = openPostgres(schema.url);
    process.on('uncaughtException', onUncaught);
  });
  afterEach(() => {
    expect(uncaught.splice(0).map(String), 'uncaught exceptions').toEqual([]);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await db.close();
    await drop();
  });

  /** Runs a transaction whose own server backend is terminated from another connection while `during` runs. */
  const txKilledDuring = (during: (q: Parameters<Parameters<Db['tx']>[0]>[0]) => Promise<unknown>) =>
    db.tx(async (q) => {
      const [row] = await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pid = row!.pid;
      setTimeout(() => void db.query('SELECT pg_terminate_backend($1)', [pid]), 100);
      await during(q);
    });

  it('between statements: the next statement is refused as unavailable', async () => {
    await expect(txKilledDuring(async (q) => {
      await sleep(600); // the backend dies here, while the client is checked out and idle
      await q.query('SELECT 1');
    })).rejects.toMatchObject({ name: 'AppError', kind: 'unavailable' });
    await sleep(50);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('during a statement: that statement is refused as unavailable', async () => {
    await expect(txKilledDuring((q) => q.query('SELECT pg_sleep(5)'))).rejects.toMatchObject({ name: 'AppError', kind: 'unavailable' });
    await sleep(50);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('the pool keeps working: many transactions after the cuts all commit', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => db.tx(async (q) => (await q.query<{ n: number }>('SELECT $1::int AS n', [i]))[0]!.n)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

/**
 * A TCP relay to PostgreSQL that can stall without closing anything, as a congested or partitioned network does.
 * What is sent while stalled is held and delivered afterwards, so late answers reach whoever still listens.
 */
async function silentableRelay(target: URL) {
  let silent = false;
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) sockets.add(s.on('error', () => {}));
    const relay = (to: net.Socket) => (d: Buffer) => {
      if (silent) held.push(() => to.write(d));
      else to.write(d);
    };
    client.on('data', relay(upstream));
    upstream.on('data', relay(client));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    setSilent(v: boolean) {
      silent = v;
      if (!v) for (const deliver of held.splice(0)) deliver();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.runIf(process.env.DATABASE_URL)('a server that stops answering without closing the connection', () => {
  it('fails statements and transactions as unavailable within the query timeout, then works with fresh connections', async () => {
    const schema = await createTestSchema();
    const relay = await silentableRelay(new URL(schema.url));
    const db = openPostgres(relay.url, { queryTimeoutMs: 400, connectTimeoutMs: 400 });
    try {
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      relay.setSilent(true);
      const started = Date.now();
      const outcomes = await Promise.allSettled([db.query('SELECT 2'), db.tx((q) => q.query('SELECT 3')), db.query('SELECT 4')]);
      expect(Date.now() - started).toBeLessThan(3000);
      for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toMatchObject({ name: 'AppError', kind: 'unavailable', permanent: false });
      relay.setSilent(false);
      // A connection whose answer was still owed must not serve again: each statement gets its own answer back.
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? db.tx((q) => q.query<{ n: number }>('SELECT $1::int AS n', [i])) : db.query<{ n: number }>('SELECT $1::int AS n', [i]))));
      expect(answers.map((r) => r[0]!.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    } finally {
      await db.close().catch(() => {});
      await relay.close();
      await schema.drop();
    }
  }, 15_000);
});
