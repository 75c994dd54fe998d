// A PostgreSQL that never answers (a network silently dropping packets) fails queries as 'unavailable' within the
// connect timeout instead of hanging them: a local socket that accepts and stays silent stands in for it.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config.ts';
import { openPostgres } from './db.ts';

describe('the PostgreSQL connect timeout', () => {
  const held = new Set<net.Socket>();
  let server: net.Server;
  let url: string;
  beforeAll(async () => {
    server = net.createServer((s) => void held.add(s.on('error', () => {})));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `postgres://nobody@127.0.0.1:${(server.address() as net.AddressInfo).port}/none`;
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a query, a transaction and a pool-full wait as a retryable unavailable error', async () => {
    const db = openPostgres(url, { connectTimeoutMs: 300 });
    const started = Date.now();
    // 12 at once: 10 fill the pool with connections that never complete, 2 wait for a turn that never comes.
    const outcomes = await Promise.allSettled([...Array.from({ length: 11 }, () => db.query('SELECT 1')), db.tx((q) => q.query('SELECT 1'))]);
    expect(Date.now() - started).toBeLessThan(3000);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      expect((o as PromiseRejectedResult).reason).toMatchObject({ name: 'AppError', kind: 'unavailable', permanent: false });
    }
    const messages = new Set(outcomes.map((o) => String((o as PromiseRejectedResult).reason.message)));
    expect([...messages].join(' | ')).toMatch(/connection timeout/);
    expect([...messages].join(' | ')).toMatch(/timeout exceeded when trying to connect/);
    await db.close();
  }, 10_000);

  it('is configured in seconds, 10 by default', () => {
    expect(loadConfig({}).dbConnectTimeoutMs).toBe(10_000);
    expect(loadConfig({ CHANGEDESK_DB_CONNECT_TIMEOUT_S: '2.5' }).dbConnectTimeoutMs).toBe(2500);
    expect(() => loadConfig({ CHANGEDESK_DB_CONNECT_TIMEOUT_S: '0' })).toThrow(/CHANGEDESK_DB_CONNECT_TIMEOUT_S/);
  });

  it('bounds each statement too: 60 s by default, configured in seconds', () => {
    expect(loadConfig({}).dbQueryTimeoutMs).toBe(60_000);
    expect(loadConfig({ CHANGEDESK_DB_QUERY_TIMEOUT_S: '300' }).dbQueryTimeoutMs).toBe(300_000);
    expect(() => loadConfig({ CHANGEDESK_DB_QUERY_TIMEOUT_S: 'soon' })).toThrow(/CHANGEDESK_DB_QUERY_TIMEOUT_S/);
  });
});
