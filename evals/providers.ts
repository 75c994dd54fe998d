// The eval's provider registry: a name (--provider) → a factory for the extraction provider each case runs with.
// The LLM provider (issue #6) registers here and calls cachedCall() with the case's cache and meter.
import type { ExtractionProvider } from '../src/extraction/provider.ts';
import type { ProviderInfo } from '../src/extraction/schema.ts';
import { AppError } from '../src/shared/errors.ts';
import type { ResponseCache, UsageMeter } from '../src/shared/response-cache.ts';
import { zeroUsage, type Usage } from './schema.ts';

export interface ProviderOptions {
  promptVersion: string | null;
  model: string | null;
  cache: ResponseCache;
}

/** What one case (one trial) runs with: its own meter, and the sample number that keys the cache. */
export interface CaseContext { meter: UsageMeter; sample: number }

export interface EvalProvider {
  info: ProviderInfo;
  /**
   * Cases run at once unless --concurrency says otherwise. An in-process provider is CPU-bound: running cases side by
   * side gains nothing and would add the other cases' CPU time to each case's latency. A remote LLM waits on the
   * network, so it runs several.
   */
  concurrency: number;
  forCase(context: CaseContext): ExtractionProvider;
}

type Factory = (options: ProviderOptions) => Promise<EvalProvider>;

export const providers: Record<string, Factory> = {
  async offline(options) {
    if (options.model || options.promptVersion)
      throw new AppError('bad_request', 'the offline provider has no model or prompt: drop --model and --prompt-version, or choose an LLM provider');
    // Imported here so that a provider being worked on never stops the CLI from reporting a usage error.
    const { offlineProvider } = await import('../src/extraction/offline/index.ts');
    return { info: offlineProvider.info, concurrency: 1, forCase: () => offlineProvider };
  },
  async openai(options) {
    const { openAiEvalProvider } = await import('../src/extraction/openai/eval-provider.ts');
    return openAiEvalProvider(options);
  },
};

export async function createProvider(name: string, options: ProviderOptions): Promise<EvalProvider> {
  const factory = Object.hasOwn(providers, name) ? providers[name] : undefined;
  if (!factory) throw new AppError('bad_request', `unknown provider "${name}": choose one of ${Object.keys(providers).join(', ')}`);
  return factory(options);
}

/** A meter that adds up one case's model calls. */
export function usageMeter(): UsageMeter & { usage: Usage } {
  const usage = zeroUsage();
  return {
    usage,
    record(response, hit) {
      usage.llmCalls += hit ? 0 : 1;
      usage.cacheHits += hit ? 1 : 0;
      usage.promptTokens += response.promptTokens;
      usage.completionTokens += response.completionTokens;
      usage.costUsd += response.costUsd;
    },
  };
}
