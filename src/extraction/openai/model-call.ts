// One structured model call through LangChain's ChatOpenAI: cache, rate limit, retries, validation, one repair.
//
// The answer's text is read from the HTTP response itself as well as from LangChain. With `json_schema` output the
// openai SDK parses the answer inside the request and throws on broken JSON or a schema violation, and the answer is
// gone (langchain-ai/langchain#32977, openai/openai-node#1502): the repair attempt needs it, and its tokens were paid
// for. So each request gets a fetch that keeps a copy of the response body.
import { z } from 'zod';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { CachedResponse, ResponseCache, UsageMeter } from '../../shared/response-cache.ts';
import { render, type PromptFile } from './prompt-file.ts';
import type { RateLimiter } from './rate-limit.ts';
import { llmFailure, sleep, withRetries, type RetryPolicy } from './retry.ts';
import type { LlmCall } from './schemas.ts';
import { costOf, type Prices } from './usage.ts';
import { countLlmTokens } from '../../observability/metrics.ts';

export type StructuredOutput = 'json_schema' | 'function_calling' | 'json_mode';

export interface ModelClientOptions {
  model: string;
  baseUrl?: string;
  apiKey?: string;
  timeoutMs: number;
  maxOutputTokens: number;
  structuredOutput: StructuredOutput;
  retry: RetryPolicy;
  limiter: RateLimiter;
  prices: Prices;
  cache: ResponseCache;
  /** The eval harness's per-case meter, and which of `--repeat k` trials asks (it keys the cache). */
  meter?: UsageMeter;
  sample?: number;
  repair: PromptFile;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface CallRequest<T> {
  prompt: PromptFile;
  schema: z.ZodType<T>;
  values: Record<string, string>;
  /** Rules strict output cannot state (ranges, change shapes per kind): each string returned is a problem to repair. */
  check?: (value: T) => string[];
}

export interface CallResult<T> {
  value: T;
  call: LlmCall;
}

export interface ModelClient {
  readonly model: string;
  call<T>(request: CallRequest<T>): Promise<CallResult<T>>;
}

/** What one HTTP round trip returned. */
interface Answer {
  text: string;
  parsed: unknown;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
}

const METHOD = { json_schema: 'jsonSchema', function_calling: 'functionCalling', json_mode: 'jsonMode' } as const;

export function createModelClient(o: ModelClientOptions): ModelClient {
  const wait = o.sleep ?? sleep;

  /** One request (with its retries): the answer text whether or not LangChain could parse it. */
  async function send(messages: BaseMessage[], schema: z.ZodType, name: string, counter: { requests: number }): Promise<Answer> {
    const estimate = Math.ceil(messages.reduce((s, m) => s + String(m.content).length, 0) / 4) + 500;
    return withRetries(async () => {
      const ticket = await o.limiter.acquire(estimate);
      const tap: { body: string | null } = { body: null };
      const baseFetch = o.fetch ?? fetch;
      const tappedFetch: typeof fetch = async (input, init) => {
        counter.requests++;
        const res = await baseFetch(input, init);
        if (res.ok) tap.body = await res.clone().text();
        return res;
      };
      const chat = new ChatOpenAI({
        model: o.model, apiKey: o.apiKey ?? 'not-needed', temperature: 0, maxTokens: o.maxOutputTokens,
        timeout: o.timeoutMs, maxRetries: 0, configuration: { baseURL: o.baseUrl, fetch: tappedFetch },
      });
      const runnable = chat.withStructuredOutput(schema, {
        name, method: METHOD[o.structuredOutput], includeRaw: true, ...(o.structuredOutput === 'json_mode' ? {} : { strict: true }),
      });
      let raw: BaseMessage | null = null;
      let parsed: unknown = null;
      try {
        ({ raw, parsed } = await runnable.invoke(messages));
      } catch (e) {
        // The endpoint answered; the SDK failed to parse what it said. The body holds the answer.
        if (tap.body == null) throw e;
      }
      const answer = readBody(tap.body, raw, parsed);
      ticket.settle(answer.promptTokens + answer.completionTokens);
      countLlmTokens({ model: o.model, task: name, promptTokens: answer.promptTokens, completionTokens: answer.completionTokens });
      return answer;
    }, o.retry, wait);
  }

  /** The live call: one request, and one repair request when the answer is broken JSON or breaks the schema. */
  async function live<T>(req: CallRequest<T>, messages: BaseMessage[], jsonSchema: unknown) {
    const counter = { requests: 0 };
    let promptTokens = 0;
    let completionTokens = 0;
    let conversation = messages;
    for (let round = 0; ; round++) {
      const answer = await send(conversation, req.schema, req.prompt.task, counter);
      promptTokens += answer.promptTokens;
      completionTokens += answer.completionTokens;
      const spent = { requests: counter.requests, promptTokens, completionTokens, costUsd: costOf(o.prices, promptTokens, completionTokens) };
      if (answer.finishReason === 'length')
        throw llmFailure('unprocessable', `the model's answer was cut off at ${o.maxOutputTokens} tokens`, { reason: 'truncated', problems: [answer.text.slice(-200)], ...spent });
      const result = validate(answer, req);
      if (result.ok) return { value: result.value, repaired: round > 0, ...spent };
      if (round === 1)
        throw llmFailure('unprocessable', `the model's answer was still invalid after one repair attempt: ${result.problems.slice(0, 5).join('; ')}`, { reason: 'invalid_answer', problems: result.problems, ...spent });
      conversation = [
        ...messages,
        new AIMessage(answer.text || '(empty answer)'),
        new HumanMessage(render(o.repair.user, {
          problems: result.problems.map((p) => `- ${p}`).join('\n'),
          // Structured output already carries the schema; JSON mode has only the prompt.
          schema: o.structuredOutput === 'json_mode' ? JSON.stringify(jsonSchema) : '(the response format of this request)',
        })),
      ];
    }
  }

  return {
    model: o.model,
    async call<T>(req: CallRequest<T>): Promise<CallResult<T>> {
      const messages = messagesOf(req.prompt, req.values, o.structuredOutput === 'json_mode' ? z.toJSONSchema(req.schema) : null);
      const jsonSchema = z.toJSONSchema(req.schema);
      const key = {
        model: o.model, promptVersion: req.prompt.id, sample: o.sample,
        input: { method: o.structuredOutput, schema: jsonSchema, messages: messages.map((m) => ({ role: m.type, content: m.content })) },
      };
      const started = performance.now();
      const base = { task: req.prompt.task, promptId: req.prompt.id };
      const hit = await o.cache.get(key);
      const cached = hit ? req.schema.safeParse(hit.value) : null;
      if (hit && cached?.success) {
        o.meter?.record(hit, true);
        const call = { ...base, requests: 0, repaired: false, cacheHit: true, promptTokens: hit.promptTokens, completionTokens: hit.completionTokens, costUsd: hit.costUsd, latencyMs: performance.now() - started };
        return { value: cached.data, call };
      }
      const r = await live(req, messages, jsonSchema);
      const response: CachedResponse = { value: r.value, promptTokens: r.promptTokens, completionTokens: r.completionTokens, costUsd: r.costUsd };
      await o.cache.set(key, response);
      o.meter?.record(response, false);
      const call = { ...base, requests: r.requests, repaired: r.repaired, cacheHit: false, promptTokens: r.promptTokens, completionTokens: r.completionTokens, costUsd: response.costUsd, latencyMs: performance.now() - started };
      return { value: r.value, call };
    },
  };
}

/** System prompt, few-shot examples as earlier turns, then the data. In JSON mode the schema goes in the prompt. */
function messagesOf(prompt: PromptFile, values: Record<string, string>, schemaInPrompt: unknown): BaseMessage[] {
  const system = schemaInPrompt ? `${prompt.system}\n\nAnswer with one JSON object that follows this JSON Schema:\n${JSON.stringify(schemaInPrompt)}` : prompt.system;
  return [
    new SystemMessage(system),
    ...prompt.examples.flatMap((e) => [new HumanMessage(e.user), new AIMessage(e.assistant)]),
    new HumanMessage(render(prompt.user, values)),
  ];
}

/** The answer text (content, or a tool call's arguments), finish reason and usage, from the response body. */
function readBody(body: string | null, raw: BaseMessage | null, parsed: unknown): Answer {
  let completion: CompletionBody = {};
  try {
    completion = body ? (JSON.parse(body) as CompletionBody) : {};
  } catch {
    // Not JSON at all: the text below stays empty and validation reports it.
  }
  const message = completion.choices?.[0]?.message;
  const text = message?.tool_calls?.[0]?.function?.arguments ?? message?.content ?? (typeof raw?.content === 'string' ? raw.content : '');
  const usage = raw && 'usage_metadata' in raw ? (raw as AIMessage).usage_metadata : undefined;
  return {
    text,
    parsed,
    finishReason: completion.choices?.[0]?.finish_reason ?? null,
    promptTokens: usage?.input_tokens ?? completion.usage?.prompt_tokens ?? 0,
    completionTokens: usage?.output_tokens ?? completion.usage?.completion_tokens ?? 0,
  };
}

interface CompletionBody {
  choices?: { finish_reason?: string; message?: { content?: string | null; tool_calls?: { function?: { arguments?: string } }[] } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

function validate<T>(answer: Answer, req: CallRequest<T>): { ok: true; value: T } | { ok: false; problems: string[] } {
  let json = answer.parsed;
  if (json == null) {
    const text = answer.text.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n```$/, '$1');
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { ok: false, problems: [`the answer is not valid JSON (${(e as Error).message})`] };
    }
  }
  const r = req.schema.safeParse(json);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const problems = req.check?.(r.data) ?? [];
  return problems.length ? { ok: false, problems } : { ok: true, value: r.data };
}
