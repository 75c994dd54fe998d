// Tests the ERP simulator's HTTP contract in-process with app.request(): lookups, idempotent postings, faults, restarts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashJson } from '../../shared/hash.ts';
import type { ErpPostingPayload } from '../schema.ts';
import { createErpSimulatorApp } from './app.ts';
import type { ErpSimulatorOptions } from './app.ts';
import { defaultSeedDir, loadSeed } from './seed.ts';

const seed = await loadSeed(defaultSeedDir());
const now = () => new Date('2026-11-30T15:00:00Z');
const payload: ErpPostingPayload = {
  orderRef: '4500012345', reviewItemId: 'rev-1', version: 1, approvedBy: ['maria.lopez'],
  actions: [{ op: 'set_line_quantity', sku: 'HX-2210', quantity: 40 }],
};

let sim: ReturnType<typeof createErpSimulatorApp>;
const start = (opts: Partial<ErpSimulatorOptions> = {}) => (sim = createErpSimulatorApp({ seed, now, ...opts }));
const get = (url: string) => sim.app.request(url);
const post = (body: unknown, key: string | null = 'key-1', url = '/postings') =>
  sim.app.request(url, { method: 'POST', body: JSON.stringify(body), headers: key ? { 'Idempotency-Key': key } : {} });
// Loosely typed on purpose: the tests assert the answers field by field.
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

beforeEach(() => void start());

describe('lookups', () => {
  it('finds orders by PO or sales order however the customer wrote them', async () => {
    for (const ref of ['4500012345', 'SO-100231', 'so 100231', 'PO%23%204500012345'])
      expect((await json(get(`/orders/${ref}`))).salesOrder).toBe('SO-100231');
    expect((await json(get('/orders/88123'))).poNumber).toBe('PO-88123');
    expect((await get('/orders/4599999999')).status).toBe(404);
  });

  it('finds customers and items, item codes with slashes included', async () => {
    expect((await json(get('/customers/C-1004'))).name).toBe('Keystone Electrical Contractors');
    expect((await json(get(`/items/${encodeURIComponent('vlv-200-3/4')}`))).sku).toBe('VLV-200-3/4');
    expect((await get('/items/NOPE')).status).toBe(404);
    expect(await json(get('/health'))).toEqual({ status: 'ok', orders: seed.orders.length, postings: 0 });
  });
});

describe('POST /postings', () => {
  it('applies a posting once and records it', async () => {
    const res = await post(payload);
    expect(res.status).toBe(201);
    const result = {
      postingId: 'PST-000001', idempotencyKey: 'key-1', payloadHash: hashJson(payload), replayed: false, postedAt: now().toISOString(),
    };
    expect(await json(res)).toEqual(result);
    expect(sim.state.orders[0]!.lines[0]!.quantity).toBe(40);
    expect(await json(get('/postings/key-1'))).toEqual({ ...result, replayed: undefined, payload });
    expect(seed.orders[0]!.lines[0]!.quantity).toBe(25);
  });

  it('replays a repeated key with the same payload and refuses a different one', async () => {
    const first = await json(post(payload));
    const again = await post({ ...payload });
    expect([again.status, await json(again)]).toEqual([200, { ...first, replayed: true }]);
    const other = await post({ ...payload, actions: [{ op: 'set_line_quantity', sku: 'HX-2210', quantity: 50 }] });
    expect([other.status, (await json(other)).error]).toEqual([409, 'conflict']);
    expect(await json(get('/postings'))).toHaveLength(1);
    expect(sim.state.orders[0]!.lines[0]!.quantity).toBe(40);
  });

  it('refuses a missing key, a bad body, an unknown order and a closed order', async () => {
    expect((await post(payload, null)).status).toBe(400);
    const notJson = await sim.app.request('/postings', { method: 'POST', body: 'qty 40', headers: { 'Idempotency-Key': 'k' } });
    expect(notJson.status).toBe(400);
    const invalid = await post({ ...payload, actions: [] }, 'k2');
    expect([invalid.status, (await json(invalid)).details[0].path]).toEqual([422, ['actions']]);
    expect((await post({ ...payload, orderRef: 'PO-00000' }, 'k3')).status).toBe(422);
    const closed = await post({ ...payload, orderRef: '4500011870' }, 'k4');
    expect((await json(closed)).message).toBe('order 4500011870 is closed and can no longer be changed');
    expect(sim.state.postings).toEqual([]);
  });
});

describe('faults', () => {
  it('fails the next postings with the chosen status, then recovers', async () => {
    expect((await post({ failNextPosts: 1, status: 503 }, null, '/_faults')).status).toBe(200);
    expect((await post(payload)).status).toBe(503);
    expect(sim.state.postings).toEqual([]);
    expect((await post(payload)).status).toBe(201);
    expect((await post({ failNextPost: 1 }, null, '/_faults')).status).toBe(422);
  });

  it('can lose the answer of an applied posting, so a retry replays it', async () => {
    sim.state.faults = { failNextPosts: 1, failAfterApply: true, status: 502 };
    expect((await post(payload)).status).toBe(502);
    expect((await json(post(payload))).replayed).toBe(true);
    expect(sim.state.postings).toHaveLength(1);
  });
});

it('keeps orders and postings across a restart when given a state file', async () => {
  const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'erp-sim-')), 'state.json');
  start({ stateFile });
  await post(payload);
  start({ stateFile });
  expect(sim.state.orders[0]!.lines[0]!.quantity).toBe(40);
  expect((await post(payload)).status).toBe(200);
});
