// Test datastores: PGlite always; the real PostgreSQL of DATABASE_URL too (each test file in its own schema).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import { openPglite, openPostgres, type Db } from '../../src/storage/db.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { startPrivateRedis, type RedisHandle } from '../../src/runtime/redis.ts';

export type Backend = 'pglite' | 'postgres';
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A migrated, empty database; closing it drops the schema it used. */
export async function openTestDb(backend: Backend): Promise<Db> {
  if (backend === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return db;
  }
  const { url, drop } = await createTestSchema();
  const db = openPostgres(url);
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** A fresh schema in DATABASE_URL's database, and a connection URL whose search_path points at it. */
export async function createTestSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}

/** REDIS_URL when set, else a private redis-server child on a free port. */
export async function testRedis(): Promise<RedisHandle> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, source: 'REDIS_URL', stop: async () => {} };
  return startPrivateRedis(await fs.mkdtemp(path.join(os.tmpdir(), 'cd-redis-')));
}

export const tempDir = (prefix: string) => fs.mkdtemp(path.join(os.tmpdir(), prefix));
