// ErpAdapter over HTTP: the ERP simulator and real ERP gateways speak the same contract (erp/simulator/app.ts).
import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { ErpAdapter } from './adapter.ts';
import { fetchExchange, nodeHttpExchange, type HttpAnswer, type HttpExchange, type HttpRequest } from './http-exchange.ts';
import { erpCustomerSchema, erpItemSchema, erpOrderSchema, erpPostingResultSchema } from './schema.ts';
import type { ErpCustomer, ErpItem, ErpOrder, ErpPostingPayload, ErpPostingResult } from './schema.ts';

export interface HttpErpAdapterOptions {
  baseUrl: string;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number;
  /** Sends through this fetch instead of node:http (tests inject broken answers this way). */
  fetch?: typeof globalThis.fetch;
}

/** Statuses worth retrying: the same request may well succeed later. */
const isTransient = (status: number) => status === 408 || status === 429 || status >= 500;

const reason = (err: unknown) =>
  err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : err instanceof Error ? err.message : String(err);

export class HttpErpAdapter implements ErpAdapter {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly exchange: HttpExchange;

  constructor({ baseUrl, timeoutMs = 10_000, fetch }: HttpErpAdapterOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.exchange = fetch ? fetchExchange(fetch) : nodeHttpExchange();
  }

  findOrder(ref: string): Promise<ErpOrder | null> {
    return this.lookup(`/orders/${encodeURIComponent(ref)}`, erpOrderSchema);
  }

  getCustomer(id: string): Promise<ErpCustomer | null> {
    return this.lookup(`/customers/${encodeURIComponent(id)}`, erpCustomerSchema);
  }

  getItem(sku: string): Promise<ErpItem | null> {
    return this.lookup(`/items/${encodeURIComponent(sku)}`, erpItemSchema);
  }

  async postChange(payload: ErpPostingPayload, idempotencyKey: string): Promise<ErpPostingResult> {
    const headers = { 'content-type': 'application/json', 'idempotency-key': idempotencyKey };
    const what = `POST /postings (${idempotencyKey})`;
    const res = await this.send(what, '/postings', { method: 'POST', headers, body: JSON.stringify(payload) });
    return this.read(what, res, erpPostingResultSchema);
  }

  async ping(): Promise<void> {
    await this.send('GET /health', '/health');
  }

  private async lookup<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T> | null> {
    const what = `GET ${path}`;
    const res = await this.send(what, path, { method: 'GET' }, [404]);
    return res.status === 404 ? null : this.read(what, res, schema);
  }

  /** Answers the response when it is OK (or one of `accept`); otherwise throws the AppError its status calls for. */
  private async send(what: string, path: string, request: HttpRequest = { method: 'GET' }, accept: number[] = []): Promise<HttpAnswer> {
    let res: HttpAnswer;
    try {
      res = await this.exchange(`${this.baseUrl}${path}`, request, this.timeoutMs);
    } catch (err) {
      throw new AppError('unavailable', `ERP ${what}: ${reason(err)}`);
    }
    if ((res.status >= 200 && res.status < 300) || accept.includes(res.status)) return res;
    const message = `ERP ${what} answered ${res.status}: ${messageOf(res.body)}`;
    throw new AppError(isTransient(res.status) ? 'unavailable' : 'unprocessable', message, { status: res.status, body: res.body });
  }

  private read<T extends z.ZodType>(what: string, res: HttpAnswer, schema: T): z.output<T> {
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch (err) {
      throw new AppError('unavailable', `ERP ${what}: could not read the answer (${reason(err)})`);
    }
    const parsed = schema.safeParse(body);
    // Not permanent: a gateway mid-deploy can answer garbage once, and a retried posting replays safely.
    if (!parsed.success) throw new AppError('internal', `ERP ${what}: unexpected answer`, parsed.error.issues);
    return parsed.data;
  }
}

/** The ERP's own explanation (`{ message }` from the simulator and most gateways), else the start of the body. */
function messageOf(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') return json.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200) || '(empty body)';
}
