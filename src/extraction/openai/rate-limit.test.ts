import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { createRateLimiter } from './rate-limit.ts';

/** A clock that only moves when someone sleeps. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps };
}

describe('createRateLimiter', () => {
  it('spaces requests evenly (window / limit apart), so a minute\'s quota never leaves in one burst', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 2, windowMs: 1000 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.acquire(10);
      starts.push(clock.now());
    }
    expect(starts).toEqual([0, 500, 1000]);
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('counts the tokens a request really used', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ tokensPerMinute: 1000, windowMs: 1000 }, clock);
    (await limiter.acquire(100)).settle(900);
    await limiter.acquire(50);
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(100);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('sends a long wait back to the queue instead of holding a worker', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 1, windowMs: 60_000, maxWaitMs: 5000 }, clock);
    await limiter.acquire(1);
    const e = await limiter.acquire(1).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).details).toMatchObject({ reason: 'rate_limited', retryAfterMs: 60_000 });
  });
});
