// Finding a Redis: REDIS_URL, else one answering on 127.0.0.1:6379, else a private redis-server from the PATH.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ConfigError } from '../shared/config.ts';

export interface RedisHandle {
  url: string;
  /** Where it came from, for the start-up log. */
  source: 'REDIS_URL' | 'local' | 'private';
  stop(): Promise<void>;
}

export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function resolveRedis(redisUrl: string | undefined, dataDir: string): Promise<RedisHandle> {
  const none = async () => {};
  if (redisUrl) return { url: redisUrl, source: 'REDIS_URL', stop: none };
  const local = 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) return { url: local, source: 'local', stop: none };
  return startPrivateRedis(path.join(dataDir, 'redis'));
}

/** A redis-server child with append-only persistence in dir, on a free loopback port (or the one given). */
export async function startPrivateRedis(dir: string, port?: number): Promise<RedisHandle & { port: number }> {
  await fs.mkdir(dir, { recursive: true });
  port ??= await freePort();
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch {
    throw new ConfigError(
      'no Redis: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and redis-server is not on the PATH.\n' +
        '  Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379',
    );
  }
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await redisAnswers(url, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await redisAnswers(url))) throw new ConfigError(`the private redis-server on port ${port} did not answer`);
  return {
    url, source: 'private', port,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
