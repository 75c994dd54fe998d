// Retries of one model request: 429, 5xx, timeouts and dropped connections wait and try again (honouring
// Retry-After); anything else fails at once. What is left after the retries becomes an AppError the queue understands.
import { APIConnectionError, APIError } from 'openai';
import { parseRetryAfterMs } from '@langchain/core/utils/async_caller';
import { AppError } from '../../shared/errors.ts';

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff; it doubles per retry, with ±25% jitter so that workers do not retry in step. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out in-process: the job goes back to the queue with that delay. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

/** Why a model call failed for good. `endpoint_down` waits in the queue; the others concern this message only. */
export type LlmFailureReason = 'endpoint_down' | 'rate_limited' | 'rejected_input' | 'invalid_answer' | 'truncated';

export interface LlmFailureDetails {
  reason: LlmFailureReason;
  status?: number | null;
  /** When the endpoint or the limiter says to come back. */
  retryAfterMs?: number | null;
  problems?: string[];
  /** What the failed call had already spent (a cut-off or invalid answer was paid for). */
  requests?: number;
  promptTokens?: number;
  completionTokens?: number;
  costUsd?: number;
}

export const llmFailure = (kind: 'unavailable' | 'unprocessable', message: string, details: LlmFailureDetails) => new AppError(kind, message, details);

export function llmFailureOf(e: unknown): LlmFailureDetails | null {
  if (!(e instanceof AppError) || typeof e.details !== 'object' || e.details === null || !('reason' in e.details)) return null;
  return e.details as LlmFailureDetails;
}

interface Classified {
  transient: boolean;
  status: number | null;
  retryAfterMs: number | null;
}

const TRANSIENT_STATUS = new Set([408, 409, 429]);

export function classify(e: unknown): Classified {
  const status = e instanceof APIError && typeof e.status === 'number' ? e.status : statusOf(e);
  const headers = e instanceof APIError ? e.headers : undefined;
  const ms = Number(headers?.get('retry-after-ms'));
  const retryAfterMs = Number.isFinite(ms) && ms >= 0 && headers?.get('retry-after-ms') ? ms : (parseRetryAfterMs(headers?.get('retry-after')) ?? null);
  const name = e instanceof Error ? e.name : '';
  const network = e instanceof APIConnectionError || name === 'TimeoutError' || name === 'APIConnectionTimeoutError';
  const transient = network || (status != null && (TRANSIENT_STATUS.has(status) || status >= 500));
  return { transient, status, retryAfterMs };
}

const statusOf = (e: unknown): number | null =>
  typeof e === 'object' && e !== null && 'status' in e && typeof (e as { status: unknown }).status === 'number' ? (e as { status: number }).status : null;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, the error is not transient, or the retries are spent. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy, wait: (ms: number) => Promise<void> = sleep): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (e instanceof AppError) throw e;
      const c = classify(e);
      const message = e instanceof Error ? e.message : String(e);
      if (!c.transient) {
        // A request the endpoint refuses (400, 413, context too long) fails the same way every time; a 401/403/404
        // is the deployment's configuration, which an operator fixes while the messages wait.
        if (c.status === 401 || c.status === 403 || c.status === 404)
          throw llmFailure('unavailable', `the LLM endpoint refused the request (HTTP ${c.status}): check OPENAI_BASE_URL, OPENAI_API_KEY and CHANGEDESK_LLM_MODEL (${message})`, { reason: 'endpoint_down', status: c.status });
        throw llmFailure('unprocessable', `the LLM endpoint rejected this message's request${c.status ? ` (HTTP ${c.status})` : ''}: ${message}`, { reason: 'rejected_input', status: c.status });
      }
      if (c.retryAfterMs != null && c.retryAfterMs > policy.maxRetryAfterMs)
        throw llmFailure('unavailable', `the LLM endpoint asks to wait ${Math.round(c.retryAfterMs / 1000)} s (HTTP ${c.status})`, { reason: 'rate_limited', status: c.status, retryAfterMs: c.retryAfterMs });
      if (n >= policy.maxRetries)
        throw llmFailure('unavailable', `the LLM endpoint failed ${n + 1} time(s)${c.status ? ` (last: HTTP ${c.status})` : ''}: ${message}`, { reason: 'endpoint_down', status: c.status, retryAfterMs: c.retryAfterMs });
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n) * (0.75 + Math.random() * 0.5);
      await wait(c.retryAfterMs ?? backoff);
    }
  }
}
