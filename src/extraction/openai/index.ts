// The openai provider: extraction, classification, dispute-risk signals and a reviewer rationale from any
// OpenAI-compatible endpoint through LangChain's ChatOpenAI, every value grounded in the message (issue #6).
import path from 'node:path';
import { fileCache, noCache, type ResponseCache, type UsageMeter } from '../../shared/response-cache.ts';
import { ConfigError, type Config } from '../../shared/config.ts';
import type { ExtractionInput, ExtractionProvider } from '../provider.ts';
import type { Extraction, ProviderInfo } from '../schema.ts';
import { classifyWithLlm } from './classify.ts';
import { extractWithLlm, type LlmExtraction } from './extract.ts';
import { createModelClient, type ModelClient } from './model-call.ts';
import { defaultPromptsDir, loadPrompt } from './prompt-file.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { rationaleWithLlm, type RationaleInput } from './rationale.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
import { riskSignalsWithLlm, type RiskSignalsResult } from './risk-signals.ts';
import type { LlmClassification, LlmUsage } from './schemas.ts';

export const OPENAI_PROVIDER_VERSION = 'openai-v1';

export interface OpenAiProviderOptions {
  /** The response cache; default: `<data dir>/llm-cache` when CHANGEDESK_LLM_CACHE is on. */
  cache?: ResponseCache;
  meter?: UsageMeter;
  sample?: number;
  /** Share one limiter between providers of a process (the eval harness makes one provider per case). */
  limiter?: RateLimiter;
  retry?: Partial<RetryPolicy>;
  /** `v<N>` of prompts/extraction (the other tasks stay at v1 until they have a v2). */
  promptVersion?: string;
  promptsDir?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

export interface OpenAiProvider extends ExtractionProvider {
  extract(input: ExtractionInput): Promise<LlmExtraction>;
  classify(input: ExtractionInput, extraction: Extraction): Promise<LlmClassification>;
  riskSignals(input: ExtractionInput): Promise<RiskSignalsResult>;
  rationale(input: ExtractionInput, suggestion: RationaleInput): Promise<{ text: string; usage: LlmUsage }>;
  readonly client: ModelClient;
}

type LlmConfig = Pick<Config, 'llm' | 'dataDir'>;

export function createOpenAiProvider(config: LlmConfig, opts: OpenAiProviderOptions = {}): OpenAiProvider {
  const { llm } = config;
  if (!llm.model) throw new ConfigError('CHANGEDESK_LLM_MODEL: required with CHANGEDESK_PROVIDER=openai');
  const dir = opts.promptsDir ?? defaultPromptsDir;
  const prompts = {
    extraction: loadPrompt('extraction', opts.promptVersion ?? 'v1', dir),
    classification: loadPrompt('classification', 'v1', dir),
    riskSignals: loadPrompt('risk-signals', 'v1', dir),
    rationale: loadPrompt('rationale', 'v1', dir),
    repair: loadPrompt('repair', 'v1', dir),
  };
  const client = createModelClient({
    model: llm.model, baseUrl: llm.baseUrl, apiKey: llm.apiKey, timeoutMs: llm.timeoutMs, maxOutputTokens: llm.maxOutputTokens,
    structuredOutput: llm.structuredOutput, retry: { ...defaultRetryPolicy, maxRetries: llm.maxRetries, ...opts.retry },
    limiter: opts.limiter ?? createRateLimiter({ requestsPerMinute: llm.requestsPerMinute, tokensPerMinute: llm.tokensPerMinute }),
    prices: llm.pricePerMillion,
    cache: opts.cache ?? (llm.cache ? fileCache(path.join(config.dataDir, 'llm-cache')) : noCache),
    meter: opts.meter, sample: opts.sample, repair: prompts.repair, fetch: opts.fetch, sleep: opts.sleep,
  });
  const info: ProviderInfo = { name: 'openai', version: OPENAI_PROVIDER_VERSION, promptId: prompts.extraction.id, model: llm.model };
  return {
    info,
    client,
    extract: (input) => extractWithLlm(input, { client, prompt: prompts.extraction, info, chunkChars: llm.chunkChars, now: opts.now }),
    classify: (input, extraction) => classifyWithLlm(input, extraction, { client, prompt: prompts.classification, chunkChars: llm.chunkChars }),
    riskSignals: (input) => riskSignalsWithLlm(input, { client, prompt: prompts.riskSignals }),
    rationale: (input, suggestion) => rationaleWithLlm(input, suggestion, { client, prompt: prompts.rationale }),
  };
}

export { withOfflineFallback, type FallbackProvider } from './fallback.ts';
export { riskSignalFactors, riskSignalFeatures, RISK_SIGNALS_VERSION, type RiskSignalsResult } from './risk-signals.ts';
export { llmFailureOf, type LlmFailureDetails } from './retry.ts';
export { sumUsage } from './usage.ts';
export { llmExtractionFieldsSchema, llmUsageSchema, llmFallbackSchema, type LlmUsage } from './schemas.ts';
export type { LlmExtraction } from './extract.ts';
