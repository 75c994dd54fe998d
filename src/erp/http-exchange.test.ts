// Tests the node:http exchange against a local server: connection reuse, a deadline that covers the body, size cap.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeHttpExchange } from './http-exchange.ts';

let connections = 0;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/echo') return res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body: Buffer.concat(chunks).toString() }));
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.write('{"partial":'); // never ends: only the deadline stops the exchange
    }
    if (req.url === '/huge') {
      res.writeHead(200);
      const block = Buffer.alloc(2 ** 20, 'x');
      for (let i = 0; i < 9; i++) res.write(block);
      return res.end();
    }
    res.writeHead(404).end('{"message":"no such thing"}');
  });
});
server.on('connection', () => connections++);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())).finally(() => server.closeAllConnections()));

describe('nodeHttpExchange', () => {
  const exchange = nodeHttpExchange();

  it('sends the body and headers, and answers any status with its body', async () => {
    const posted = await exchange(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"qty":40,"note":"größer"}' }, 2000);
    expect(posted.status).toBe(200);
    expect(JSON.parse(posted.body)).toEqual({ method: 'POST', type: 'application/json', body: '{"qty":40,"note":"größer"}' });
    expect(await exchange(`${base}/missing`, { method: 'GET' }, 2000)).toEqual({ status: 404, body: '{"message":"no such thing"}' });
  });

  it('reuses one connection for requests one after another', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) await exchange(`${base}/echo`, { method: 'GET' }, 2000);
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('fails with a TimeoutError when the body does not finish in time', async () => {
    const err = await exchange(`${base}/stall`, { method: 'GET' }, 150).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TimeoutError' });
  });

  it('refuses an answer too large to be an ERP record instead of buffering it', async () => {
    await expect(exchange(`${base}/huge`, { method: 'GET' }, 5000)).rejects.toThrow(/larger than/);
  });
});
