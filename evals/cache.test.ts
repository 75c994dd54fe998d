import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedCall, cacheKeyHash, fileCache, noCache, type CacheKey, type CachedResponse } from '../src/shared/response-cache.ts';
import { usageMeter } from './providers.ts';

const key: CacheKey = { model: 'gpt-x', promptVersion: 'extract/v2', input: { messages: [{ role: 'user', content: 'make it 40' }], schema: 'x' } };
const response: CachedResponse = { value: { changes: [] }, promptTokens: 120, completionTokens: 30, costUsd: 0.001 };

describe('cacheKeyHash', () => {
  it('changes with model, prompt version, input and sample, and not with key order', () => {
    const h = cacheKeyHash(key);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyHash({ ...key, model: 'gpt-y' })).not.toBe(h);
    expect(cacheKeyHash({ ...key, promptVersion: 'extract/v3' })).not.toBe(h);
    expect(cacheKeyHash({ ...key, input: { ...(key.input as object), schema: 'y' } })).not.toBe(h);
    expect(cacheKeyHash({ ...key, sample: 1 })).not.toBe(h);
    expect(cacheKeyHash({ ...key, sample: 0 })).toBe(h);
    expect(cacheKeyHash({ input: { schema: 'x', messages: [{ content: 'make it 40', role: 'user' }] }, promptVersion: 'extract/v2', model: 'gpt-x' })).toBe(h);
  });
});

describe('fileCache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eval-cache-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores under <dir>/<2 hex>/<sha256>.json and reads it back, from a fresh instance too', async () => {
    await fileCache(dir).set(key, response);
    const hash = cacheKeyHash(key);
    expect(await readdir(path.join(dir, hash.slice(0, 2)))).toEqual([`${hash}.json`]);
    expect(await fileCache(dir).get(key)).toEqual(response);
    expect(await fileCache(dir).get({ ...key, model: 'other' })).toBeUndefined();
  });

  it('treats a corrupt entry as a miss, and the next call repairs it', async () => {
    const k = { ...key, sample: 7 };
    const hash = cacheKeyHash(k);
    await fileCache(dir).set(k, response);
    await writeFile(path.join(dir, hash.slice(0, 2), `${hash}.json`), '{"response": tru');
    expect(await fileCache(dir).get(k)).toBeUndefined();
    let calls = 0;
    await cachedCall(fileCache(dir), k, async () => (calls++, response));
    expect(calls).toBe(1);
    expect(await fileCache(dir).get(k)).toEqual(response);
  });

  it('cachedCall asks the model once, then answers from the cache; the meter sees both', async () => {
    const cache = fileCache(dir);
    const k = { ...key, input: 'another message' };
    let calls = 0;
    const call = async () => (calls++, response);
    const meter = usageMeter();
    expect((await cachedCall(cache, k, call, meter)).hit).toBe(false);
    expect((await cachedCall(cache, k, call, meter)).hit).toBe(true);
    expect(calls).toBe(1);
    expect(meter.usage).toEqual({ llmCalls: 1, cacheHits: 1, promptTokens: 240, completionTokens: 60, costUsd: 0.002 });
  });

  it('noCache calls every time and stores nothing', async () => {
    let calls = 0;
    await cachedCall(noCache, key, async () => (calls++, response));
    await cachedCall(noCache, key, async () => (calls++, response));
    expect(calls).toBe(2);
  });
});
