// One HTTP request and its whole answer, for the ERP adapter: node:http(s) on keep-alive connections by default (a
// lookup costs about a third of fetch's CPU, and triage makes several per message), or any injected fetch.
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** Resolves with the status and the full body, or rejects; `timeoutMs` covers the whole exchange, body included. */
export type HttpExchange = (url: string, request: HttpRequest, timeoutMs: number) => Promise<HttpAnswer>;

/** An answer larger than this is not an ERP record: the exchange fails instead of buffering it. */
const MAX_ANSWER_BYTES = 8 * 2 ** 20;

const timedOut = (ms: number) => Object.assign(new Error(`no complete answer within ${ms} ms`), { name: 'TimeoutError' });

/** Connections are kept for the next request; idle ones do not keep the process alive. */
export function nodeHttpExchange(): HttpExchange {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (url, { method, headers = {}, body }, timeoutMs) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const target = new URL(url);
      const protocol = target.protocol as keyof typeof agents;
      if (!(protocol in agents)) return reject(new Error(`unsupported protocol ${target.protocol}`));
      const send = protocol === 'https:' ? https.request : http.request;
      const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
      const req = send(target, { method, headers: { ...headers, ...length }, agent: agents[protocol] }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      });
      const timer = setTimeout(() => req.destroy(timedOut(timeoutMs)), timeoutMs);
      function fail(err: Error) {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(body);
    });
}

/** The same exchange through a fetch implementation (tests, or runtimes where fetch is the HTTP client). */
export function fetchExchange(fetchImpl: typeof globalThis.fetch): HttpExchange {
  return async (url, { method, headers, body }, timeoutMs) => {
    const res = await fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  };
}
