// The offline fallback: while the endpoint is down a message waits in the queue (the error is retryable); once it
// has been down for `fallbackAfterMs`, the offline provider answers and the item says so. A message the model
// cannot answer (invalid twice, refused, cut off) falls back at once: waiting would not change the answer.
//
// The outage clock is per process: each worker learns on its own that the endpoint is down, and while it is, only
// one probe every `probeEveryMs` goes to the endpoint; the rest go straight to the offline provider.
import { AppError } from '../../shared/errors.ts';
import type { ExtractionInput, ExtractionProvider } from '../provider.ts';
import type { Extraction } from '../schema.ts';
import type { LlmExtraction } from './extract.ts';
import type { OpenAiProvider } from './index.ts';
import type { RationaleInput } from './rationale.ts';
import { llmFailureOf, type LlmFailureDetails } from './retry.ts';
import type { RiskSignalsResult } from './risk-signals.ts';
import type { LlmClassification, LlmUsage } from './schemas.ts';

export interface FallbackOptions {
  fallbackAfterMs: number;
  /** While falling back, one message per interval still goes to the endpoint (CHANGEDESK_LLM_PROBE_S). */
  probeEveryMs: number;
  now?: () => number;
}

/** The provider with the fallback; the enrichments (classification, signals, rationale) answer null when the model cannot. */
export interface FallbackProvider extends ExtractionProvider {
  extract(input: ExtractionInput): Promise<LlmExtraction>;
  classify(input: ExtractionInput, extraction: Extraction): Promise<LlmClassification | null>;
  riskSignals(input: ExtractionInput): Promise<RiskSignalsResult | null>;
  rationale(input: ExtractionInput, suggestion: RationaleInput): Promise<{ text: string; usage: LlmUsage } | null>;
  /** For health checks and logs: since when the endpoint has been failing (ISO), or null. */
  downSince(): string | null;
}

const DOWN: ReadonlySet<LlmFailureDetails['reason']> = new Set(['endpoint_down', 'rate_limited']);

export function withOfflineFallback(primary: OpenAiProvider, offline: ExtractionProvider, opts: FallbackOptions): FallbackProvider {
  const now = opts.now ?? Date.now;
  const { probeEveryMs } = opts;
  let downSince: number | null = null;
  let lastProbe = 0;
  const open = () => downSince != null && now() - downSince >= opts.fallbackAfterMs;

  async function offlineFor(input: ExtractionInput, reason: 'endpoint_down' | 'invalid_answer', detail: string): Promise<LlmExtraction> {
    const e = await offline.extract(input);
    const fallback = { from: primary.info.name, reason, detail };
    return { ...e, provider: offline.info, fallback, warnings: [...e.warnings, `extracted by the ${offline.info.name} provider instead of the LLM: ${detail}`] };
  }

  /** The model's answer for optional steps, or null when it is down or fails: the deterministic step stands in. */
  const bestEffort = async <T>(run: () => Promise<T>): Promise<T | null> => (open() ? null : run().catch(() => null));

  return {
    info: primary.info,
    async extract(input) {
      if (open() && now() - lastProbe < probeEveryMs) return offlineFor(input, 'endpoint_down', outage(downSince!, now()));
      const startedAt = now();
      if (open()) lastProbe = startedAt;
      try {
        const result = await primary.extract(input);
        downSince = null;
        return result;
      } catch (e) {
        const failure = llmFailureOf(e);
        if (!failure) throw e;
        if (!DOWN.has(failure.reason)) {
          downSince = null; // the endpoint answered: it is up, this message is the problem
          return offlineFor(input, 'invalid_answer', (e as Error).message);
        }
        downSince ??= startedAt;
        if (open()) return offlineFor(input, 'endpoint_down', outage(downSince, now()));
        const left = opts.fallbackAfterMs - (now() - downSince);
        throw new AppError('unavailable', `${(e as Error).message}; the message waits in the queue (offline fallback in ${Math.ceil(left / 1000)} s)`, {
          ...failure, retryAfterMs: Math.max(1000, Math.min(failure.retryAfterMs ?? 30_000, left)),
        } satisfies LlmFailureDetails);
      }
    },
    classify: (input, extraction) => bestEffort(() => primary.classify(input, extraction)),
    riskSignals: (input) => bestEffort(() => primary.riskSignals(input)),
    rationale: (input, suggestion) => bestEffort(() => primary.rationale(input, suggestion)),
    downSince: () => (downSince == null ? null : new Date(downSince).toISOString()),
  };
}

const outage = (since: number, at: number) => `the LLM endpoint has been unavailable for ${Math.max(1, Math.round((at - since) / 1000))} s`;
