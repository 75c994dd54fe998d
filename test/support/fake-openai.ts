// A scriptable OpenAI-compatible /v1/chat/completions server on a free loopback port, for the LLM provider tests:
// valid answers, broken JSON, schema violations, invented values, 429 with Retry-After, 500, slow answers and hangs.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export interface FakeRequest {
  /** The structured-output name (response_format json_schema name, or the forced tool's name). */
  task: string | null;
  body: ChatBody;
  /** The last user message (a repair request, on the repair turn). */
  user: string;
  /** The last user message holding data blocks: what the call is about, on the repair turn too. */
  data: string;
  at: number;
  /** When the client closed the connection before an answer came (its timeout, on a hung request); else null. */
  abandonedAt: number | null;
}

interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  tools?: { function: { name: string } }[];
}

export type FakeReply = {
  /** An answer: `json` is serialised, `text` is sent as it is (broken JSON, prose). */
  json?: unknown;
  text?: string;
  /** An HTTP error instead of an answer. */
  status?: number;
  retryAfter?: string;
  finishReason?: 'stop' | 'length';
  /** Wait this long before answering (a slow endpoint). */
  delayMs?: number;
  /** Never answer: hold the request open until the client gives up (a silently stuck endpoint). */
  hang?: boolean;
  usage?: { prompt: number; completion: number };
};

export type Responder = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAi {
  /** For `OPENAI_BASE_URL` / ChatOpenAI's `configuration.baseURL`. */
  baseURL: string;
  requests: FakeRequest[];
  /** Replies used one per request, in order, before the responder. */
  script(...replies: FakeReply[]): void;
  /** The answer when no scripted reply is left. */
  respond(responder: Responder): void;
  reset(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  let queue: FakeReply[] = [];
  let responder: Responder = () => ({ status: 500 });
  let counter = 0;
  const app = new Hono();
  app.post('/v1/chat/completions', async (c) => {
    const body = (await c.req.json()) as ChatBody;
    const task = body.response_format?.json_schema?.name ?? body.tools?.[0]?.function.name ?? null;
    const users = body.messages.filter((m) => m.role === 'user').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
    const req: FakeRequest = { task, body, user: users.at(-1) ?? '', data: users.findLast((u) => u.includes('⟦')) ?? '', at: Date.now(), abandonedAt: null };
    requests.push(req);
    const signal = c.req.raw.signal;
    signal.addEventListener('abort', () => void (req.abandonedAt ??= Date.now()), { once: true });
    const reply = queue.shift() ?? (await responder(req));
    if (reply.hang) {
      // close() cuts every connection, so a hung request ends with the server too.
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      return c.body(null, 504);
    }
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.status) {
      const headers: Record<string, string> = reply.retryAfter ? { 'retry-after': reply.retryAfter } : {};
      return c.json({ error: { message: `fake error ${reply.status}`, type: 'server_error', code: null } }, reply.status as 500, headers);
    }
    const content = reply.text ?? JSON.stringify(reply.json ?? {});
    const message = body.tools?.length
      ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${counter}`, type: 'function', function: { name: task, arguments: content } }] }
      : { role: 'assistant', content, refusal: null };
    const usage = reply.usage ?? { prompt: Math.ceil(JSON.stringify(body.messages).length / 4), completion: Math.ceil(content.length / 4) };
    return c.json({
      id: `chatcmpl-fake-${++counter}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
      choices: [{ index: 0, message, finish_reason: reply.finishReason ?? (body.tools?.length ? 'tool_calls' : 'stop'), logprobs: null }],
      usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
    });
  });
  const { server, port } = await new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server: s, port: info.port })) as Server;
    s.once('error', reject);
  });
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    respond: (r) => void (responder = r),
    reset() {
      requests.length = 0;
      queue = [];
      responder = () => ({ status: 500 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
