// Fault injection for failure-path tests: delay every answer, or fail the next N postings with a chosen status.
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

export const faultsSchema = z.strictObject({
  /** How many of the next POST /postings answer `status` instead of succeeding. */
  failNextPosts: z.number().int().nonnegative().optional(),
  /** The status a failed posting answers (default 503). */
  status: z.number().int().min(400).max(599).optional(),
  /** Apply the failed posting before answering the error: the ERP took the change but the answer was lost. */
  failAfterApply: z.boolean().optional(),
  /** The share of POST /postings that fail at random (0 to 1), beside the counted failures above. */
  failRate: z.number().min(0).max(1).optional(),
  /** Delay before every answer except /_faults, to exercise client timeouts. */
  delayMs: z.number().int().nonnegative().optional(),
});
export type Faults = z.infer<typeof faultsSchema>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the faults on every request, so tests can change them at runtime (state.faults or POST /_faults). */
export function injectFaults(current: () => Faults): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith('/_faults')) return next();
    const faults = current();
    if (faults.delayMs) await sleep(faults.delayMs);
    if (c.req.method !== 'POST' || c.req.path !== '/postings') return next();
    const counted = (faults.failNextPosts ?? 0) > 0;
    if (!counted && !(faults.failRate && Math.random() < faults.failRate)) return next();
    if (counted) faults.failNextPosts! -= 1;
    const status = (faults.status ?? 503) as ContentfulStatusCode;
    const body = { error: 'injected_fault', message: `simulated ERP failure (HTTP ${status})` };
    if (!faults.failAfterApply) return c.json(body, status);
    await next();
    c.res = c.json(body, status);
  };
}
