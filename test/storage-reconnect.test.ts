// A PostgreSQL connection cut under an open transaction (restart, failover, a killed backend) must fail that
// transaction as 'unavailable' and leave the process and the pool working; it used to be an uncaught exception.
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
