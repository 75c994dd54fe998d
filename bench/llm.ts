// LLM-bound throughput: the real openai provider (LangChain + the openai SDK) against a local fake endpoint that
// answers after a fixed latency; compared with the ideal (concurrency / latency), and checked for 429 storms
// when a rate limit is configured.
import { randomUUID } from 'node:crypto';
import { noCache } from '../src/shared/response-cache.ts';
import { createOpenAiProvider } from '../src/extraction/openai/index.ts';
import type { ExtractionInput } from '../src/extraction/provider.ts';
import { loadConfig } from '../src/shared/config.ts';
import { startFakeOpenAi } from '../test/support/fake-openai.ts';
import { progress } from './stats.ts';

const emptyAnswer = { orderRef: null, changes: [], lineItemRows: [] };

function input(i: number): ExtractionInput {
  const messageId = randomUUID();
  const text = `Hello,\n\nplease change HX-${2200 + i} from 25 to 40 on PO 4500012345.\n\nThanks, Dana`;
  return {
    messageId, subject: `PO 4500012345 #${i}`, sentAt: '2026-11-27T09:00:00Z',
    documents: [{ id: `${messageId}:0`, messageId, index: 0, role: 'body', filename: null, contentType: 'text/plain', sha256: null, size: text.length, pages: [{ page: 1, text }], error: null }],
  };
}

async function run(opts: { requests: number; concurrency: number; latencyMs: number; rpm?: number; serverPerSecond?: number; dataDir: string; label: string }) {
  const fake = await startFakeOpenAi();
  const windowStart: number[] = [];
  let status429 = 0;
  fake.respond(() => {
    const now = Date.now();
    while (windowStart.length && now - windowStart[0]! > 1000) windowStart.shift();
    if (opts.serverPerSecond && windowStart.length >= opts.serverPerSecond) {
      status429++;
      return { status: 429, retryAfter: '1' };
    }
    windowStart.push(now);
    return { json: emptyAnswer, delayMs: opts.latencyMs };
  });
  const config = loadConfig({
    CHANGEDESK_MODE: 'test', CHANGEDESK_PROVIDER: 'openai', OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'bench', CHANGEDESK_LLM_MODEL: 'bench-model',
    CHANGEDESK_DATA_DIR: opts.dataDir, CHANGEDESK_LLM_CACHE: 'false', ...(opts.rpm ? { CHANGEDESK_LLM_RPM: String(opts.rpm) } : {}),
  });
  const provider = createOpenAiProvider(config, { cache: noCache });
  const tick = progress(opts.label);
  let next = 0;
  let done = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (next < opts.requests) {
      await provider.extract(input(next++));
      tick(++done, opts.requests);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  const calls = fake.requests.length;
  await fake.close();
  return { requestsPerSec: opts.requests / seconds, seconds, calls, status429 };
}

export async function llmThroughput(o: { requests: number; latencyMs: number; concurrency: number; dataDir: string }) {
  const free = await run({ ...o, label: 'LLM-bound' });
  const ideal = o.concurrency / (o.latencyMs / 1000);
  // With a limit of 2 requests a second configured and an endpoint that allows 3, no request should be refused.
  const limited = await run({ requests: Math.min(12, o.requests), concurrency: o.concurrency, latencyMs: 50, rpm: 120, serverPerSecond: 3, dataDir: o.dataDir, label: 'LLM rate-limited' });
  return {
    concurrency: o.concurrency, latencyMs: o.latencyMs, requestsPerSec: free.requestsPerSec, idealPerSec: ideal, efficiency: free.requestsPerSec / ideal,
    modelCallsPerMessage: free.calls / o.requests, limited: true, limitedRpm: 120, status429: limited.status429, limitedRequestsPerSec: limited.requestsPerSec,
  };
}
