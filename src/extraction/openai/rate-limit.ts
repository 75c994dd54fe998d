// A sliding-window limiter on model requests and tokens per minute, shared by every call of one process. A wait
// longer than `maxWaitMs` is not sat out in a worker slot: the call fails as rate_limited and the job is re-queued.
import { llmFailure, sleep } from './retry.ts';

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** The window the limits apply to (60 s; tests shorten it). */
  windowMs?: number;
  maxWaitMs?: number;
}

export interface RateLimiter {
  /** Waits for room for one request of about `tokens` tokens; `settle` records what it really used. */
  acquire(tokens: number): Promise<{ settle(actualTokens: number): void }>;
}

interface Entry {
  at: number;
  tokens: number;
}

export const unlimited: RateLimiter = { acquire: async () => ({ settle() {} }) };

export function createRateLimiter(limits: RateLimits, clock: { now(): number; sleep(ms: number): Promise<void> } = { now: Date.now, sleep }): RateLimiter {
  const { requestsPerMinute: rpm, tokensPerMinute: tpm, windowMs = 60_000, maxWaitMs = 30_000 } = limits;
  if (!rpm && !tpm) return unlimited;
  const entries: Entry[] = [];

  /** How long until one more request of `tokens` fits; 0 when it fits now. */
  function waitFor(tokens: number, now: number): number {
    while (entries.length > 0 && entries[0]!.at + windowMs <= now) entries.shift();
    let until = now;
    if (rpm && entries.length >= rpm) until = Math.max(until, entries[entries.length - rpm]!.at + windowMs);
    // Requests are also spaced evenly (windowMs / rpm apart): endpoints enforce their per-minute limits over
    // shorter windows too, and a burst of a minute's quota at once is what draws a storm of 429s.
    if (rpm && entries.length) until = Math.max(until, entries[entries.length - 1]!.at + windowMs / rpm);
    if (tpm) {
      // Drop the oldest entries until the rest plus this request fit (a request larger than the budget goes alone).
      let used = entries.reduce((s, e) => s + e.tokens, 0);
      for (let i = 0; used + tokens > tpm && i < entries.length; i++) {
        used -= entries[i]!.tokens;
        until = Math.max(until, entries[i]!.at + windowMs);
      }
    }
    return until - now;
  }

  return {
    async acquire(tokens) {
      let waited = 0;
      for (;;) {
        const wait = waitFor(tokens, clock.now());
        if (wait <= 0) break;
        if (waited + wait > maxWaitMs)
          throw llmFailure('unavailable', `LLM rate limit (${rpm ?? '∞'} requests, ${tpm ?? '∞'} tokens per minute) reached`, { reason: 'rate_limited', retryAfterMs: wait });
        await clock.sleep(wait);
        waited += wait;
      }
      const entry: Entry = { at: clock.now(), tokens };
      entries.push(entry);
      return { settle: (actual) => void (entry.tokens = actual) };
    },
  };
}
