// Finding a Redis: a private redis-server with append-only persistence keeps queued data across its own restart.
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisAnswers, resolveRedis, startPrivateRedis } from '../src/runtime/redis.ts';
import { tempDir } from './support/backends.ts';

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasRedisServer)('private redis-server', () => {
  it('starts on a free port and keeps data across a restart (append-only file)', async () => {
    const dir = await tempDir('cd-redis-');
    const first = await startPrivateRedis(dir);
    expect(first.source).toBe('private');
    const c1 = new Redis(first.url);
    await c1.set('k', 'kept');
    c1.disconnect();
    await first.stop();
    expect(await redisAnswers(first.url, 300)).toBe(false);

    const second = await startPrivateRedis(dir);
    const c2 = new Redis(second.url);
    expect(await c2.get('k')).toBe('kept');
    c2.disconnect();
    await second.stop();
  });

  it('prefers REDIS_URL when it is set', async () => {
    const h = await resolveRedis('redis://127.0.0.1:1', await tempDir('cd-redis-'));
    expect(h).toMatchObject({ url: 'redis://127.0.0.1:1', source: 'REDIS_URL' });
  });
});
