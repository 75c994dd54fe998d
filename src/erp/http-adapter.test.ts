// Tests HttpErpAdapter against a real ERP simulator on a free port: lookups, idempotent postings, error mapping.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashJson } from '../shared/hash.ts';
import { HttpErpAdapter } from './http-adapter.ts';
import type { ErpPostingPayload } from './schema.ts';
import { defaultSeedDir } from './simulator/seed.ts';
import { startErpSimulator } from './simulator/server.ts';

const sim = await startErpSimulator({ port: 0, seedDir: defaultSeedDir() });
const erp = new HttpErpAdapter({ baseUrl: sim.url, timeoutMs: 2000 });
afterAll(() => sim.close());
beforeEach(() => void (sim.state.faults = {}));

const payload = (reviewItemId: string, quantity = 40): ErpPostingPayload => ({
  orderRef: 'PO-88123', reviewItemId, version: 1, approvedBy: ['maria.lopez'],
  actions: [{ op: 'set_line_quantity', sku: 'PN55012', quantity }],
});
const postingsUnder = (key: string) => sim.state.postings.filter((p) => p.idempotencyKey === key);

describe('lookups', () => {
  it('reads orders, customers and items, and answers null for unknown ones', async () => {
    expect((await erp.findOrder('88123'))?.salesOrder).toBe('SO-100236');
    expect((await erp.getCustomer('C-1001'))?.emailDomains).toEqual(['acme-mfg.com']);
    expect((await erp.getItem('VLV-200-3/4'))?.unitPrice).toBe(18.95);
    expect([await erp.findOrder('PO-00000'), await erp.getCustomer('C-0'), await erp.getItem('NOPE')]).toEqual([null, null, null]);
    await expect(erp.ping()).resolves.toBeUndefined();
  });
});

describe('postChange', () => {
  it('posts once per idempotency key; a repeat replays the original result', async () => {
    const first = await erp.postChange(payload('rev-a'), 'rev-a:v1');
    expect(first).toMatchObject({ idempotencyKey: 'rev-a:v1', payloadHash: hashJson(payload('rev-a')), replayed: false });
    expect(await erp.postChange(payload('rev-a'), 'rev-a:v1')).toEqual({ ...first, replayed: true });
    expect(postingsUnder('rev-a:v1')).toHaveLength(1);
  });

  it('maps a different payload under a used key to a permanent error with the ERP message', async () => {
    await erp.postChange(payload('rev-b'), 'rev-b:v1');
    const err = await erp.postChange(payload('rev-b', 41), 'rev-b:v1').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unprocessable', permanent: true, details: { status: 409 } });
    expect((err as Error).message).toMatch(/already used for a different payload/);
    expect(postingsUnder('rev-b:v1')).toHaveLength(1);
  });

  it('maps refusals (closed order) to unprocessable and 503, 429 and timeouts to unavailable', async () => {
    const closed = { ...payload('rev-c'), orderRef: '4500011870' };
    await expect(erp.postChange(closed, 'rev-c:v1')).rejects.toMatchObject({
      kind: 'unprocessable', message: expect.stringMatching(/is closed/),
    });
    for (const status of [503, 429]) {
      sim.state.faults = { failNextPosts: 1, status };
      await expect(erp.postChange(payload('rev-d'), 'rev-d:v1')).rejects.toMatchObject({ kind: 'unavailable', permanent: false });
    }
    sim.state.faults = { delayMs: 300 };
    const impatient = new HttpErpAdapter({ baseUrl: sim.url, timeoutMs: 50 });
    await expect(impatient.postChange(payload('rev-d'), 'rev-d:v1')).rejects.toMatchObject({
      kind: 'unavailable', message: expect.stringMatching(/timed out/),
    });
  });

  it('maps a refused connection to unavailable', async () => {
    const down = new HttpErpAdapter({ baseUrl: 'http://127.0.0.1:1' });
    await expect(down.ping()).rejects.toMatchObject({ kind: 'unavailable' });
    const broken = new HttpErpAdapter({ baseUrl: sim.url, fetch: async () => new Response('{"nope":1}') });
    await expect(broken.getItem('HX-2210')).rejects.toMatchObject({
      kind: 'internal', message: expect.stringMatching(/unexpected answer/),
    });
  });
});
