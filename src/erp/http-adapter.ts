// ErpAdapter over HTTP: the ERP simulator and real ERP gateways speak the same contract (erp/simulator/app.ts).
import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { ErpAdapter } from './adapter.ts';
import { erpCustomerSchema, erpItemSchema, erpOrderSchema, erpPostingResultSchema } from './schema.ts';
import type { ErpCustomer, ErpItem, ErpOrder, ErpPostingPayload, ErpPostingResult } from './schema.ts';

export interface HttpErpAdapterOptions {
  baseUrl: string;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** Statuses worth retrying: the same request may well succeed later. */
const isTransient = (status: number) => status === 408 || status === 429 || status >= 500;

const reason = (err: unknown) =>
  err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : err instanceof Error ? err.message : String(err);

export class HttpErpAdapter implements ErpAdapter {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;

  constructor({ baseUrl, timeoutMs = 10_000, fetch = globalThis.fetch }: HttpErpAdapterOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.fetch = fetch;
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
    const res = await this.send('GET /health', '/health');
    await res.body?.cancel();
  }

  private async lookup<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T> | null> {
    const what = `GET ${path}`;
    const res = await this.send(what, path, {}, [404]);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    return this.read(what, res, schema);
  }

  /** Answers the response when it is OK (or one of `accept`); otherwise throws the AppError its status calls for. */
  private async send(what: string, path: string, init: RequestInit = {}, accept: number[] = []): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new AppError('unavailable', `ERP ${what}: ${reason(err)}`);
    }
    if (res.ok || accept.includes(res.status)) return res;
    const body = await res.text().catch(() => '');
    const message = `ERP ${what} answered ${res.status}: ${messageOf(body)}`;
    throw new AppError(isTransient(res.status) ? 'unavailable' : 'unprocessable', message, { status: res.status, body });
  }

  private async read<T extends z.ZodType>(what: string, res: Response, schema: T): Promise<z.output<T>> {
    const body: unknown = await res.json().catch((err: unknown) => {
      throw new AppError('unavailable', `ERP ${what}: could not read the answer (${reason(err)})`);
    });
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
