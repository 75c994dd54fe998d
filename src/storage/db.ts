// The query layer: one small interface over node-postgres (DATABASE_URL) and embedded PGlite (the default).
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { AppError } from '../shared/errors.ts';
import { dbDefaults } from './db-defaults.ts';

export interface Queryable {
  /** One parameterised statement. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in a transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDb(opts: { databaseUrl?: string; dataDir: string } & PostgresOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts);
  const dir = path.join(opts.dataDir, 'pglite');
  await fs.mkdir(dir, { recursive: true });
  return openPglite(dir);
}

export interface PostgresOptions {
  /**
   * How long getting a connection may take (a new one, or a turn at a busy pool). node-postgres waits forever by
   * default, so a network that silently drops packets hung every query; past this the query fails as 'unavailable'
   * and is retried like any other connection error.
   */
  connectTimeoutMs?: number;
  /**
   * How long one statement may go unanswered. A server that vanishes without closing the connection (a partition, a
   * failover behind a load balancer) otherwise leaves the statement, and the job holding it, waiting forever: past
   * this the client gives up ('unavailable', retried), discards the connection, and the server cancels the statement.
   */
  queryTimeoutMs?: number;
}


export function openPostgres(connectionString: string, opts: PostgresOptions = {}): Db {
  const queryTimeoutMs = opts.queryTimeoutMs ?? dbDefaults.queryTimeoutMs;
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? dbDefaults.connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    statement_timeout: queryTimeoutMs,
    // TCP keep-alive finds a dead peer under an idle pooled connection before a query is sent down it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const run = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async (sql, params) => (await c.query(sql, params as unknown[]).catch(asUnavailable)).rows,
    exec: async (sql) => void (await c.query(sql).catch(asUnavailable)),
  });
  return {
    kind: 'postgres',
    ...run(pool),
    async tx(fn) {
      const client = await pool.connect().catch(asUnavailable);
      // The pool listens for a client's 'error' only while it is idle. A server going away under a checked-out client
      // (restart, failover) emits 'error' too, and without a listener that is an uncaught exception that kills the
      // process; the statement in flight or the next one fails as 'unavailable' on its own, so only note it here.
      let lost: Error | undefined;
      const onLost = (e: Error) => void (lost = e);
      client.on('error', onLost);
      // A statement that timed out may never be answered (a server gone for good): its connection is not handed out again.
      const noteTimeout = (e: unknown): never => {
        if (e instanceof Error && READ_TIMEOUT.test(e.message)) lost ??= e;
        return asUnavailable(e);
      };
      const q: Queryable = {
        query: async (sql, params) => (await client.query(sql, params as unknown[]).catch(noteTimeout)).rows,
        exec: async (sql) => void (await client.query(sql).catch(noteTimeout)),
      };
      try {
        await client.query('BEGIN').catch(noteTimeout);
        const out = await fn(q);
        await client.query('COMMIT').catch(noteTimeout);
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.off('error', onLost);
        // Releasing with the error makes the pool discard the dead client instead of handing it out again.
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Connection-class errors (server restarting, network gone, a statement left unanswered) are transient: retry, and
 * answer 503, not 500. The client's own timeouts have no code ('Query read timeout'); neither has the pool's connect timeout: 'Connection terminated due to connection timeout' (a new connection) and 'timeout
 * exceeded when trying to connect' (waiting for a pooled one).
 */
const READ_TIMEOUT = /Query read timeout/;
const transientCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

function asUnavailable(e: unknown): never {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  if ((code && transientCodes.has(code)) || READ_TIMEOUT.test(message) || /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message))
    throw new AppError('unavailable', `the database is unavailable: ${message}`);
  throw e;
}

/** PGlite in a directory, or in memory when dir is undefined (tests). One connection: queries queue. */
export async function openPglite(dir?: string): Promise<Db> {
  const db = await PGlite.create(dir);
  const run = (c: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <R>(sql: string, params?: unknown[]) => (await c.query<R>(sql, params)).rows,
    exec: async (sql) => void (await c.exec(sql)),
  });
  return {
    kind: 'pglite',
    ...run(db),
    tx: (fn) => db.transaction((t) => fn(run(t))),
    close: () => db.close(),
  };
}
