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
  const url = process.env.DATABASE_URL!;
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const db = openPostgres(u.toString());
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** REDIS_URL when set, else a private redis-server child on a free port. */
export async function testRedis(): Promise<RedisHandle> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, source: 'REDIS_URL', stop: async () => {} };
  return startPrivateRedis(await fs.mkdtemp(path.join(os.tmpdir(), 'cd-redis-')));
}

export const tempDir = (prefix: string) => fs.mkdtemp(path.join(os.tmpdir(), prefix));
