// `--provider openai` for the eval harness: one provider per case with the case's meter and trial, the run's cache
// and one rate limiter for the whole run. Registered in evals/providers.ts.
import type { EvalProvider, ProviderOptions } from '../../../evals/providers.ts';
import { ConfigError, loadConfig, type Config } from '../../shared/config.ts';
import { AppError } from '../../shared/errors.ts';
import { createOpenAiProvider, type OpenAiProviderOptions } from './index.ts';
import { createRateLimiter } from './rate-limit.ts';

/** Cases sent at once: the endpoint's rate limit, not this number, should be what slows a run down. */
export const EVAL_CONCURRENCY = 4;

export async function openAiEvalProvider(options: ProviderOptions, config: Config = loadConfig(), extra: OpenAiProviderOptions = {}): Promise<EvalProvider> {
  const llm = { ...config.llm, model: options.model ?? config.llm.model };
  const promptVersion = options.promptVersion?.replace(/^extraction\//, '') ?? undefined;
  const limiter = extra.limiter ?? createRateLimiter({ requestsPerMinute: llm.requestsPerMinute, tokensPerMinute: llm.tokensPerMinute });
  const make = (o: OpenAiProviderOptions) => createOpenAiProvider({ llm, dataDir: config.dataDir }, { ...extra, promptVersion, limiter, cache: options.cache, ...o });
  let probe;
  try {
    probe = make({});
  } catch (e) {
    // A missing model or endpoint is the caller's to fix: a usage error (exit 2), not a crash of the harness.
    if (e instanceof ConfigError) throw new AppError('bad_request', `--provider openai: ${e.message}`);
    throw e;
  }
  return { info: probe.info, concurrency: EVAL_CONCURRENCY, forCase: ({ meter, sample }) => make({ meter, sample }) };
}
