// On-disk cache of LLM responses, keyed by sha256 of model + prompt version + input (+ trial sample), so re-runs of
// an eval are free and deterministic. The LLM provider calls `cachedCall`; the eval CLI chooses the cache.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashJson } from './hash.ts';

export interface CacheKey {
  model: string;
  promptVersion: string;
  /** Everything the model sees (messages, schema): any difference is a different response. */
  input: unknown;
  /** Which of `--repeat k` trials asks: trial t of a re-run gets trial t's answer, and trials may differ. */
  sample?: number;
}

/** A model response with what it cost when it was made. */
export interface CachedResponse {
  value: unknown;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface ResponseCache {
  get(key: CacheKey): Promise<CachedResponse | undefined>;
  set(key: CacheKey, response: CachedResponse): Promise<void>;
}

export const cacheKeyHash = (key: CacheKey): string =>
  hashJson({ model: key.model, promptVersion: key.promptVersion, input: key.input, sample: key.sample ?? 0 });

/** `<dir>/<first two hex digits>/<sha256>.json`, written to a temporary file and renamed (no torn entries). */
export function fileCache(dir: string): ResponseCache {
  const fileOf = (hash: string) => path.join(dir, hash.slice(0, 2), `${hash}.json`);
  return {
    async get(key) {
      try {
        const entry = JSON.parse(await readFile(fileOf(cacheKeyHash(key)), 'utf8')) as { response?: CachedResponse };
        return isResponse(entry.response) ? entry.response : undefined;
      } catch {
        return undefined; // absent or unreadable: a miss, and the next set() overwrites it
      }
    },
    async set(key, response) {
      const hash = cacheKeyHash(key);
      const file = fileOf(hash);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const entry = { model: key.model, promptVersion: key.promptVersion, sample: key.sample ?? 0, response };
      await writeFile(tmp, `${JSON.stringify(entry)}\n`);
      await rename(tmp, file);
    },
  };
}

/** `--no-cache`: every call goes to the model, nothing is stored. */
export const noCache: ResponseCache = { get: async () => undefined, set: async () => {} };

const isResponse = (r: unknown): r is CachedResponse =>
  r != null && typeof r === 'object' && 'value' in r && typeof (r as CachedResponse).promptTokens === 'number' &&
  typeof (r as CachedResponse).completionTokens === 'number' && typeof (r as CachedResponse).costUsd === 'number';

/** Usage of one case's model calls, filled in by `cachedCall`. */
export interface UsageMeter {
  record(response: CachedResponse, hit: boolean): void;
}

/** The cached response for `key`, or `call()`'s, which is then stored. */
export async function cachedCall(cache: ResponseCache, key: CacheKey, call: () => Promise<CachedResponse>, meter?: UsageMeter): Promise<{ response: CachedResponse; hit: boolean }> {
  const hit = await cache.get(key);
  if (hit) {
    meter?.record(hit, true);
    return { response: hit, hit: true };
  }
  const response = await call();
  await cache.set(key, response);
  meter?.record(response, false);
  return { response, hit: false };
}
