// The ERP simulator: an in-process Hono app speaking the HTTP contract that HttpErpAdapter (and real gateways) use.
import { Hono } from 'hono';
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, isAppError } from '../../shared/errors.ts';
import { erpPostingPayloadSchema } from '../schema.ts';
import { faultsSchema, injectFaults } from './faults.ts';
import type { Faults } from './faults.ts';
import { postChange } from './postings.ts';
import type { ErpSeed } from './seed.ts';
import { createSimState, findItem, findOrder, findPosting, restoreState, saveState } from './state.ts';

export interface ErpSimulatorOptions {
  seed: ErpSeed;
  faults?: Faults;
  /** Orders and postings are loaded from and saved to this JSON file, so a restart keeps what was posted. */
  stateFile?: string;
  now?: () => Date;
}

const onError: ErrorHandler = (err, c) => {
  const e = isAppError(err) ? err : new AppError('internal', err.message);
  return c.json({ error: e.kind, message: e.message, details: e.details }, e.status as ContentfulStatusCode);
};

async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const body: unknown = await c.req.json().catch(() => {
    throw new AppError('bad_request', 'the request body is not JSON');
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('unprocessable', 'the request body does not match its schema', parsed.error.issues);
  return parsed.data;
}

const found = <T>(c: Context, value: T | null, what: string) =>
  value ? c.json(value) : c.json({ error: 'not_found', message: `${what} not found` }, 404);

export function createErpSimulatorApp(opts: ErpSimulatorOptions) {
  const state = createSimState(opts.seed, opts.faults);
  if (opts.stateFile) restoreState(state, opts.stateFile);
  const now = opts.now ?? (() => new Date());
  const app = new Hono();
  app.onError(onError);
  app.use(injectFaults(() => state.faults));

  app.get('/health', (c) => c.json({ status: 'ok', orders: state.orders.length, postings: state.postings.length }));
  app.get('/orders/:ref', (c) => found(c, findOrder(state, c.req.param('ref')), `order ${c.req.param('ref')}`));
  app.get('/customers/:id', (c) => found(c, state.customers.find((x) => x.id === c.req.param('id')) ?? null, 'customer'));
  app.get('/items/:sku', (c) => found(c, findItem(state, c.req.param('sku')), `item ${c.req.param('sku')}`));
  app.get('/postings', (c) => c.json(state.postings));
  app.get('/postings/:key', (c) => found(c, findPosting(state, c.req.param('key')), 'posting'));

  app.post('/postings', async (c) => {
    const key = c.req.header('Idempotency-Key');
    if (!key) throw new AppError('bad_request', 'the Idempotency-Key header is required');
    const payload = await parseBody(c, erpPostingPayloadSchema);
    const { status, result } = postChange(state, key, payload, now());
    if (status === 201 && opts.stateFile) saveState(state, opts.stateFile);
    return c.json(result, status);
  });

  app.get('/_faults', (c) => c.json(state.faults));
  app.post('/_faults', async (c) => c.json((state.faults = await parseBody(c, faultsSchema))));
  return { app, state };
}
