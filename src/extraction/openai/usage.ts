// Token usage and cost: per call, and summed per message.
import type { LlmCall, LlmUsage } from './schemas.ts';

/** USD per million tokens, as the endpoint bills them (0 for a self-hosted model). */
export interface Prices {
  input: number;
  output: number;
}

export const costOf = (prices: Prices, promptTokens: number, completionTokens: number): number =>
  (promptTokens * prices.input + completionTokens * prices.output) / 1_000_000;

/** `latencyMs`: the wall time of the whole step (calls may run side by side); the sum of the calls otherwise. */
export function usageOf(model: string, calls: LlmCall[], latencyMs?: number): LlmUsage {
  const paid = calls.filter((c) => !c.cacheHit);
  return {
    model,
    calls,
    promptTokens: paid.reduce((s, c) => s + c.promptTokens, 0),
    completionTokens: paid.reduce((s, c) => s + c.completionTokens, 0),
    costUsd: paid.reduce((s, c) => s + c.costUsd, 0),
    latencyMs: latencyMs ?? calls.reduce((s, c) => s + c.latencyMs, 0),
  };
}

/** Several results' usage as one (extraction, classification, risk signals and rationale of one message). */
export const sumUsage = (model: string, ...usages: (LlmUsage | null | undefined)[]): LlmUsage =>
  usageOf(model, usages.flatMap((u) => u?.calls ?? []));
